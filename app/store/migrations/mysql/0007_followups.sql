-- The follow-up job looks for meetings that ended in a window of time.
-- MySQL has no CREATE INDEX IF NOT EXISTS; a re-run's duplicate key name is
-- treated as already applied.
CREATE INDEX ix_meetings_ends ON meetings(ends_at);
