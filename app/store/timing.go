package store

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"roadshow/app"
)

// lockEvent reads an event row under an exclusive lock, held until the
// transaction ends. Every change to an event's meeting grid (its times,
// slot settings, sessions) and every write that places a meeting on the
// grid (a booking, a move, a committed schedule) takes this lock first, so
// a meeting is never placed on a grid that another transaction is
// replacing. SQLite transactions are serialized anyway.
func (s *Store) lockEvent(tx *gorm.DB, id int64) (*app.Event, error) {
	var r eventRow
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("event")
		}
		return nil, translate(err)
	}
	return r.domain(), nil
}

// timingChanged names the first field of an event update that changes its
// meeting grid or its tables, or "" when none does.
func timingChanged(before, after *app.Event) string {
	switch {
	case before.Meeting.SlotMinutes != after.Meeting.SlotMinutes:
		return "meeting.slot_minutes"
	case before.Meeting.BreakMinutes != after.Meeting.BreakMinutes:
		return "meeting.break_minutes"
	case !before.StartsAt.Equal(after.StartsAt):
		return "starts_at"
	case !before.EndsAt.Equal(after.EndsAt):
		return "ends_at"
	case after.Meeting.Tables < before.Meeting.Tables:
		return "meeting.tables"
	}
	return ""
}

// checkTimingUpdate refuses an event update that would move a booked
// meeting (see checkMeetingTimes).
func (s *Store) checkTimingUpdate(tx *gorm.DB, before, after *app.Event) error {
	field := timingChanged(before, after)
	if field == "" {
		return nil
	}
	sessions, err := s.eventSessions(tx, after)
	if err != nil {
		return err
	}
	return s.checkMeetingTimes(tx, after, sessions, field)
}

// lockedSession loads a session after locking its event, so that it is
// read as the event's lock holder sees it.
func (s *Store) lockedSession(tx *gorm.DB, id int64) (*sessionRow, error) {
	r, err := s.session(tx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.lockEvent(tx, r.EventID); err != nil {
		return nil, err
	}
	return s.session(tx, id)
}

// checkSessionChange refuses a session change that would move a booked
// meeting: session id replaced by x (id 0: x added; x nil: id deleted).
func (s *Store) checkSessionChange(tx *gorm.DB, ev *app.Event, id int64, x *app.Session) error {
	current, err := s.eventSessions(tx, ev)
	if err != nil {
		return err
	}
	var next []*app.Session
	for _, c := range current {
		if c.ID != id || id == 0 {
			next = append(next, c)
		}
	}
	field := "session"
	if x != nil {
		next, field = append(next, x), "starts_at"
	}
	sort.SliceStable(next, func(i, j int) bool { // as eventGrid orders them; a new session's id comes last
		a, b := next[i], next[j]
		if !a.StartsAt.Equal(b.StartsAt) {
			return a.StartsAt.Before(b.StartsAt)
		}
		return a.ID != 0 && (b.ID == 0 || a.ID < b.ID)
	})
	return s.checkMeetingTimes(tx, ev, next, field)
}

// eventSessions loads an event's sessions as domain values.
func (s *Store) eventSessions(tx *gorm.DB, ev *app.Event) ([]*app.Session, error) {
	var rows []sessionRow
	if err := tx.Where("event_id = ?", ev.ID).Order("starts_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.Session, len(rows))
	for i := range rows {
		out[i] = rows[i].domain(ev.Location())
	}
	return out, nil
}

// checkMeetingTimes refuses a change of an event's grid (ev and sessions
// as they would be after it) that would change what the slot of a booked
// meeting means: every active meeting must keep its slot number at the
// same start and end, and its table. The answer is ECONFLICT on field,
// naming the meetings to move or cancel first.
func (s *Store) checkMeetingTimes(tx *gorm.DB, ev *app.Event, sessions []*app.Session, field string) error {
	var rows []meetingRow
	if err := tx.Where("event_id = ? AND active_slot IS NOT NULL", ev.ID).Order("id").Find(&rows).Error; err != nil {
		return translate(err)
	}
	if len(rows) == 0 {
		return nil
	}
	slots := app.MeetingSlots(ev, sessions)
	var moved []string
	for _, r := range rows {
		n := r.Slot
		if n < 1 || n > len(slots) || !slots[n-1].StartsAt.Equal(r.StartsAt) || !slots[n-1].EndsAt.Equal(r.EndsAt) ||
			r.TableNo > ev.Meeting.Tables {
			moved = append(moved, strconv.FormatInt(r.ID, 10))
		}
	}
	if len(moved) == 0 {
		return nil
	}
	msg := fmt.Sprintf("this change would move booked meetings (%s) to other times or tables; move or cancel them first",
		strings.Join(firstN(moved, 20), ", "))
	return &app.Error{Code: app.ECONFLICT, Message: msg, Fields: map[string]string{field: msg}}
}

func firstN(list []string, n int) []string {
	if len(list) > n {
		return append(list[:n:n], "…")
	}
	return list
}

// busyAt returns the active meetings of an event overlapping [from, to)
// in time that hold one of the sides, or (with table > 0) that table,
// other than the meeting skip.
func (s *Store) busyAt(tx *gorm.DB, eventID, skip int64, from, to time.Time, entID, invID int64, table int) ([]meetingRow, error) {
	var rows []meetingRow
	err := tx.Where("event_id = ? AND active_slot IS NOT NULL AND id <> ? AND starts_at < ? AND ends_at > ?", eventID, skip, utc(to), utc(from)).
		Where("enterprise_id = ? OR investor_id = ? OR table_no = ?", entID, invID, table).Order("id").Find(&rows).Error
	return rows, translate(err)
}

// checkFreeAt refuses (ECONFLICT) a meeting of entID and invID at [from,
// to) when either side, or the table if table > 0, already has an active
// meeting that overlaps it in time.
func (s *Store) checkFreeAt(tx *gorm.DB, eventID, skip int64, from, to time.Time, entID, invID int64, table int) error {
	rows, err := s.busyAt(tx, eventID, skip, from, to, entID, invID, table)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	r := rows[0] // the lowest id: busyAt orders by id
	field, who := "slot", ""
	switch {
	case r.EnterpriseID == entID:
		who = "the enterprise"
	case r.InvestorID == invID:
		who = "the investor"
	default:
		field, who = "table", fmt.Sprintf("table %d", r.TableNo)
	}
	msg := fmt.Sprintf("%s already has meeting %d at that time", who, r.ID)
	return &app.Error{Code: app.ECONFLICT, Message: msg, Fields: map[string]string{field: msg}}
}
