-- Notifications: the outbox of mails (invites, updates, cancellations,
-- reminders, digests) written in the transaction of the change that causes
-- them and sent later by the dispatcher, and the secret tokens of the
-- participants' calendar feeds.
--
-- An outbox row is due while next_attempt_at is set and has passed: it is
-- set for pending and failed rows (the next attempt) and for sending rows
-- (the end of the claim's lease), and cleared once the row is sent, dead,
-- expired or superseded, so the due index only holds live rows. The
-- rendered message lives in notification_bodies, keyed by the row's id, so
-- that claims and outcomes update small rows.
CREATE TABLE IF NOT EXISTS notifications (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(32) NOT NULL,
  channel VARCHAR(16) NOT NULL DEFAULT 'email',
  event_id BIGINT NULL,
  ref_type VARCHAR(16) NOT NULL DEFAULT '',
  ref_id BIGINT NOT NULL DEFAULT 0,
  sequence INT NOT NULL DEFAULT 0,
  recipient VARCHAR(320) NOT NULL,
  dedupe_key VARCHAR(191) NOT NULL,
  message_id VARCHAR(255) NOT NULL,
  subject TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  due_at DATETIME(6) NOT NULL,
  next_attempt_at DATETIME(6) NULL,
  not_after DATETIME(6) NULL,
  lease_until DATETIME(6) NULL,
  claim_token VARCHAR(64) NULL,
  claimed_by VARCHAR(200) NOT NULL DEFAULT '',
  sent_at DATETIME(6) NULL,
  last_error TEXT NOT NULL,
  last_code INT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_notifications_dedupe (dedupe_key),
  KEY ix_notifications_due (next_attempt_at),
  KEY ix_notifications_ref (ref_type, ref_id, recipient(64)),
  KEY ix_notifications_event (event_id, status),
  KEY ix_notifications_status (status, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS notification_bodies (
  id BIGINT NOT NULL PRIMARY KEY,
  body MEDIUMBLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS calendar_tokens (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  party_type VARCHAR(16) NOT NULL,
  party_id BIGINT NOT NULL,
  token VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_calendar_tokens_party (party_type, party_id),
  UNIQUE KEY uq_calendar_tokens_token (token)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;
