-- Scheduling: 1:1 meetings in slots and at tables, roadshow pitches and the
-- investors invited to each roadshow session. A meeting holds its slot
-- through active_slot, which is NULL once it is cancelled, so that the
-- unique indexes refuse double bookings of a participant or a table.
CREATE TABLE IF NOT EXISTS meetings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  investor_id INTEGER NOT NULL REFERENCES investors(id),
  request_id INTEGER REFERENCES meeting_requests(id) ON DELETE SET NULL,
  slot INTEGER NOT NULL,
  active_slot INTEGER,
  table_no INTEGER NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  status TEXT NOT NULL,
  sequence INTEGER NOT NULL DEFAULT 0,
  uid TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'schedule',
  outcome TEXT NOT NULL DEFAULT 'none',
  outcome_note TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_meetings_uid UNIQUE (uid),
  CONSTRAINT uq_meetings_enterprise_slot UNIQUE (event_id, enterprise_id, active_slot),
  CONSTRAINT uq_meetings_investor_slot UNIQUE (event_id, investor_id, active_slot),
  CONSTRAINT uq_meetings_table_slot UNIQUE (event_id, table_no, active_slot)
);
CREATE INDEX IF NOT EXISTS ix_meetings_event ON meetings(event_id, status, starts_at);
CREATE INDEX IF NOT EXISTS ix_meetings_enterprise ON meetings(enterprise_id, starts_at);
CREATE INDEX IF NOT EXISTS ix_meetings_investor ON meetings(investor_id, starts_at);

CREATE TABLE IF NOT EXISTS pitches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  ord INTEGER NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  status TEXT NOT NULL,
  sequence INTEGER NOT NULL DEFAULT 0,
  uid TEXT NOT NULL,
  active_key INTEGER,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_pitches_uid UNIQUE (uid),
  CONSTRAINT uq_pitches_enterprise UNIQUE (event_id, enterprise_id, active_key),
  CONSTRAINT uq_pitches_order UNIQUE (session_id, ord, active_key)
);
CREATE INDEX IF NOT EXISTS ix_pitches_event ON pitches(event_id, status, starts_at);

CREATE TABLE IF NOT EXISTS session_investors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
  CONSTRAINT uq_session_investors UNIQUE (session_id, investor_id)
);
