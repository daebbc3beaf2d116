-- The follow-up job looks for meetings that ended in a window of time.
CREATE INDEX IF NOT EXISTS ix_meetings_ends ON meetings(ends_at);
