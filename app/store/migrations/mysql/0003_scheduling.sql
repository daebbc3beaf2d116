-- Scheduling: 1:1 meetings in slots and at tables, roadshow pitches and the
-- investors invited to each roadshow session. A meeting holds its slot
-- through active_slot, which is NULL once it is cancelled, so that the
-- unique indexes refuse double bookings of a participant or a table.
CREATE TABLE IF NOT EXISTS meetings (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  enterprise_id BIGINT NOT NULL,
  investor_id BIGINT NOT NULL,
  request_id BIGINT NULL,
  slot INT NOT NULL,
  active_slot INT NULL,
  table_no INT NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  status VARCHAR(20) NOT NULL,
  sequence INT NOT NULL DEFAULT 0,
  uid VARCHAR(200) NOT NULL,
  source VARCHAR(20) NOT NULL DEFAULT 'schedule',
  outcome VARCHAR(20) NOT NULL DEFAULT 'none',
  outcome_note TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_meetings_uid (uid),
  UNIQUE KEY uq_meetings_enterprise_slot (event_id, enterprise_id, active_slot),
  UNIQUE KEY uq_meetings_investor_slot (event_id, investor_id, active_slot),
  UNIQUE KEY uq_meetings_table_slot (event_id, table_no, active_slot),
  KEY ix_meetings_event (event_id, status, starts_at),
  KEY ix_meetings_enterprise (enterprise_id, starts_at),
  KEY ix_meetings_investor (investor_id, starts_at),
  CONSTRAINT fk_meetings_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
  CONSTRAINT fk_meetings_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id),
  CONSTRAINT fk_meetings_investor FOREIGN KEY (investor_id) REFERENCES investors(id),
  CONSTRAINT fk_meetings_request FOREIGN KEY (request_id) REFERENCES meeting_requests(id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS pitches (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  session_id BIGINT NOT NULL,
  enterprise_id BIGINT NOT NULL,
  ord INT NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  status VARCHAR(20) NOT NULL,
  sequence INT NOT NULL DEFAULT 0,
  uid VARCHAR(200) NOT NULL,
  active_key INT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_pitches_uid (uid),
  UNIQUE KEY uq_pitches_enterprise (event_id, enterprise_id, active_key),
  UNIQUE KEY uq_pitches_order (session_id, ord, active_key),
  KEY ix_pitches_event (event_id, status, starts_at),
  CONSTRAINT fk_pitches_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
  CONSTRAINT fk_pitches_session FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE,
  CONSTRAINT fk_pitches_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS session_investors (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  session_id BIGINT NOT NULL,
  investor_id BIGINT NOT NULL,
  UNIQUE KEY uq_session_investors (session_id, investor_id),
  CONSTRAINT fk_session_investors_session FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE,
  CONSTRAINT fk_session_investors_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;
