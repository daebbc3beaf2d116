-- Matching: per-event settings, meeting requests between enterprises and
-- investors, and organizers' pinned and forbidden pairs.
ALTER TABLE events ADD COLUMN settings TEXT;

CREATE TABLE IF NOT EXISTS meeting_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  from_side TEXT NOT NULL,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  proposed_start DATETIME,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_meeting_requests_pair UNIQUE (event_id, enterprise_id, investor_id, from_side)
);
CREATE INDEX IF NOT EXISTS ix_meeting_requests_event ON meeting_requests(event_id, status);
CREATE INDEX IF NOT EXISTS ix_meeting_requests_enterprise ON meeting_requests(enterprise_id, status);
CREATE INDEX IF NOT EXISTS ix_meeting_requests_investor ON meeting_requests(investor_id, status);

CREATE TABLE IF NOT EXISTS pair_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_pair_rules_pair UNIQUE (event_id, enterprise_id, investor_id)
);
