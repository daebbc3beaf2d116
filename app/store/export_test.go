package store

// SetCalendarChunk sets how many meetings' calendar mails (or reminders)
// one transaction queues.
func (s *Store) SetCalendarChunk(n int) { s.calendarChunk = n }

// SetBeforeCalendarChunk runs fn before each of those transactions; an
// error stops the queueing there, as a crash would.
func (s *Store) SetBeforeCalendarChunk(fn func(chunk int) error) { s.beforeCalendarChunk = fn }
