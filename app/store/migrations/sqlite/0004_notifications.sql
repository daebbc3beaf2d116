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
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'email',
  event_id INTEGER,
  ref_type TEXT NOT NULL DEFAULT '',
  ref_id INTEGER NOT NULL DEFAULT 0,
  sequence INTEGER NOT NULL DEFAULT 0,
  recipient TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  message_id TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at DATETIME NOT NULL,
  next_attempt_at DATETIME,
  not_after DATETIME,
  lease_until DATETIME,
  claim_token TEXT,
  claimed_by TEXT NOT NULL DEFAULT '',
  sent_at DATETIME,
  last_error TEXT NOT NULL DEFAULT '',
  last_code INTEGER NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_notifications_dedupe UNIQUE (dedupe_key)
);
CREATE INDEX IF NOT EXISTS ix_notifications_due ON notifications(next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_notifications_ref ON notifications(ref_type, ref_id, recipient);
CREATE INDEX IF NOT EXISTS ix_notifications_event ON notifications(event_id, status);
CREATE INDEX IF NOT EXISTS ix_notifications_status ON notifications(status, kind);

CREATE TABLE IF NOT EXISTS notification_bodies (
  id INTEGER PRIMARY KEY,
  body BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS calendar_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  party_type TEXT NOT NULL,
  party_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_calendar_tokens_party UNIQUE (party_type, party_id),
  CONSTRAINT uq_calendar_tokens_token UNIQUE (token)
);
