-- The calendar backlog: the meetings a large change (committing a
-- schedule) wrote whose invites, updates, cancellations and reminders are
-- still to be queued. The change writes the meetings and their backlog rows
-- in one transaction; the mails are then queued in bounded transactions,
-- each deleting the backlog rows it handled, so a crash between them loses
-- nothing (the calendar_backlog job finishes the work) and the outbox's
-- dedupe keys queue nothing twice. prev_* hold where a moved meeting was.
CREATE TABLE IF NOT EXISTS calendar_backlog (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  ref_type VARCHAR(16) NOT NULL,
  ref_id BIGINT NOT NULL,
  prev_starts_at DATETIME(6) NULL,
  prev_ends_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_calendar_backlog_ref (ref_type, ref_id),
  KEY ix_calendar_backlog_event (event_id, ref_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;
