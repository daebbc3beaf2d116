package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

// calendarBacklogRow is a meeting whose calendar mails are still to be
// queued (migration 0012).
type calendarBacklogRow struct {
	ID           int64 `gorm:"primaryKey"`
	EventID      int64
	RefType      string
	RefID        int64
	PrevStartsAt *time.Time
	PrevEndsAt   *time.Time
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
}

func (calendarBacklogRow) TableName() string { return "calendar_backlog" }

// defaultCalendarChunk is how many meetings' mails one transaction queues
// after a schedule commit: each meeting brings an invite and two reminders
// to every contact of both sides (about 6 KB each, 55 KB for three
// contacts), so 100 meetings stay near 5.5 MB, far below TiDB's default
// transaction size limit (100 MiB).
const defaultCalendarChunk = 100

// calendarChunkSize is how many meetings (or pitches) one transaction that
// queues calendar mails or reminders handles.
func (s *Store) calendarChunkSize() int {
	if s.calendarChunk <= 0 {
		return defaultCalendarChunk
	}
	return s.calendarChunk
}

// deferCalendarKey marks a context whose meeting changes leave their
// calendar mails to the backlog.
type deferCalendarKey struct{}

// deferCalendar returns ctx for a transaction in which notifyMeetings
// records the changed meetings in the calendar backlog instead of queueing their
// mails; the caller drains the backlog once the transaction has committed.
func deferCalendar(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferCalendarKey{}, true)
}

func calendarDeferred(tx *gorm.DB) bool {
	return tx.Statement.Context != nil && tx.Statement.Context.Value(deferCalendarKey{}) != nil
}

// addCalendarBacklog records changed meetings in the backlog, in multi-row
// inserts; a meeting already there keeps its first entry (its earlier
// place is what the attendees hold).
func (s *Store) addCalendarBacklog(tx *gorm.DB, ev *app.Event, changes []app.MeetingChange) error {
	const cols, batch = 6, 200
	now := s.now()
	for start := 0; start < len(changes); start += batch {
		part := changes[start:min(start+batch, len(changes))]
		args := make([]any, 0, cols*len(part))
		for _, ch := range part {
			var prevStart, prevEnd any
			if ch.Before != nil && !ch.Before.StartsAt.Equal(ch.Meeting.StartsAt) {
				prevStart, prevEnd = utc(ch.Before.StartsAt), utc(ch.Before.EndsAt)
			}
			args = append(args, ev.ID, refMeeting, ch.Meeting.ID, prevStart, prevEnd, now)
		}
		stmt := s.insertIgnore("calendar_backlog", "event_id, ref_type, ref_id, prev_starts_at, prev_ends_at, created_at",
			valueRows(cols, len(part)))
		if err := tx.Exec(stmt, args...).Error; err != nil {
			return fmt.Errorf("store: calendar backlog: %w", translate(err))
		}
	}
	return nil
}

// DrainCalendarBacklog queues the calendar mails of every meeting left in
// the backlog — by a schedule commit that stopped half-way, say — in
// transactions of a bounded number of meetings, and returns how many
// meetings it handled. The calendar_backlog job runs it; running it twice,
// or on two replicas at once, queues nothing twice (the outbox's dedupe
// keys).
func (s *Store) DrainCalendarBacklog(ctx context.Context) (int, error) {
	var events []int64
	if err := s.conn(ctx).Model(&calendarBacklogRow{}).Distinct("event_id").Order("event_id").Pluck("event_id", &events).Error; err != nil {
		return 0, fmt.Errorf("store: calendar backlog: %w", translate(err))
	}
	total := 0
	for _, id := range events {
		n, err := s.drainCalendarBacklog(ctx, id)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// drainCalendarBacklog queues the mails of one event's backlog, chunk by
// chunk: each transaction reconciles the calendars of up to calendarChunk
// meetings as they stand and deletes their backlog rows.
func (s *Store) drainCalendarBacklog(ctx context.Context, eventID int64) (int, error) {
	size := s.calendarChunkSize()
	total := 0
	for chunk := 1; ; chunk++ {
		if s.beforeCalendarChunk != nil {
			if err := s.beforeCalendarChunk(chunk); err != nil {
				return total, err
			}
		}
		n := 0
		err := s.tx(ctx, func(tx *gorm.DB) error {
			var rows []calendarBacklogRow
			if err := tx.Where("event_id = ?", eventID).Order("ref_id").Limit(size).Find(&rows).Error; err != nil {
				return translate(err)
			}
			n = len(rows)
			return s.notifyBacklog(tx, eventID, rows)
		})
		if err != nil {
			return total, fmt.Errorf("store: queue calendar mails of event %d: %w", eventID, err)
		}
		total += n
		if n < size {
			return total, nil
		}
	}
}

// notifyBacklog queues the calendar mails of backlog rows (one event's
// meetings) and deletes the rows.
func (s *Store) notifyBacklog(tx *gorm.DB, eventID int64, rows []calendarBacklogRow) error {
	if len(rows) == 0 {
		return nil
	}
	r, err := s.event(tx, eventID)
	if err != nil {
		return err
	}
	ev := r.domain()
	ids, backlogIDs := make([]int64, len(rows)), make([]int64, len(rows))
	prev := map[int64]*calendarBacklogRow{}
	for i := range rows {
		ids[i], backlogIDs[i], prev[rows[i].RefID] = rows[i].RefID, rows[i].ID, &rows[i]
	}
	var ms []meetingRow
	if err := tx.Where("id IN ?", ids).Order("id").Find(&ms).Error; err != nil {
		return translate(err)
	}
	changes := make([]app.MeetingChange, 0, len(ms))
	for i := range ms {
		ch := app.MeetingChange{Kind: app.ChangeUpdated, Meeting: *ms[i].domain(ev.Location())}
		if b := prev[ms[i].ID]; b.PrevStartsAt != nil && b.PrevEndsAt != nil {
			ch.Before = &app.Meeting{StartsAt: b.PrevStartsAt.In(ev.Location()), EndsAt: b.PrevEndsAt.In(ev.Location())}
		}
		changes = append(changes, ch)
	}
	if err := s.notifyMeetings(tx, ev, changes); err != nil {
		return err
	}
	if err := tx.Where("id IN ?", backlogIDs).Delete(&calendarBacklogRow{}).Error; err != nil {
		return fmt.Errorf("store: calendar backlog: %w", translate(err))
	}
	return nil
}
