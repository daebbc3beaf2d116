-- The calendar backlog: the meetings a large change (committing a
-- schedule) wrote whose invites, updates, cancellations and reminders are
-- still to be queued. The change writes the meetings and their backlog rows
-- in one transaction; the mails are then queued in bounded transactions,
-- each deleting the backlog rows it handled, so a crash between them loses
-- nothing (the calendar_backlog job finishes the work) and the outbox's
-- dedupe keys queue nothing twice. prev_* hold where a moved meeting was.
CREATE TABLE IF NOT EXISTS calendar_backlog (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL,
  ref_type TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  prev_starts_at DATETIME,
  prev_ends_at DATETIME,
  created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uq_calendar_backlog_ref ON calendar_backlog(ref_type, ref_id);
CREATE INDEX IF NOT EXISTS ix_calendar_backlog_event ON calendar_backlog(event_id, ref_id);
