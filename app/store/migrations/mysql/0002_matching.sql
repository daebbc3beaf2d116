-- Matching: per-event settings, meeting requests between enterprises and
-- investors, and organizers' pinned and forbidden pairs.
ALTER TABLE events ADD COLUMN settings TEXT NULL;

CREATE TABLE IF NOT EXISTS meeting_requests (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  from_side VARCHAR(20) NOT NULL,
  enterprise_id BIGINT NOT NULL,
  investor_id BIGINT NOT NULL,
  priority INT NOT NULL,
  status VARCHAR(20) NOT NULL,
  note TEXT NOT NULL,
  proposed_start DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_meeting_requests_pair (event_id, enterprise_id, investor_id, from_side),
  KEY ix_meeting_requests_event (event_id, status),
  KEY ix_meeting_requests_enterprise (enterprise_id, status),
  KEY ix_meeting_requests_investor (investor_id, status),
  CONSTRAINT fk_meeting_requests_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
  CONSTRAINT fk_meeting_requests_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE,
  CONSTRAINT fk_meeting_requests_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS pair_rules (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  enterprise_id BIGINT NOT NULL,
  investor_id BIGINT NOT NULL,
  rule VARCHAR(10) NOT NULL,
  note TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_pair_rules_pair (event_id, enterprise_id, investor_id),
  CONSTRAINT fk_pair_rules_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
  CONSTRAINT fk_pair_rules_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE,
  CONSTRAINT fk_pair_rules_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;
