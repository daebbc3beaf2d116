package store

import (
	"gorm.io/gorm"

	"roadshow/app"
)

// registerBooking adds the self-service booking rules to meeting requests:
// a request may propose a slot start (checked on creation), and when the
// recipient accepts it the meeting is booked in the same transaction — if
// both sides and a table are free at that time, on the grid as it is then
// (the acceptance takes the event's lock). Pending requests hold nothing;
// the unique indexes back the checks up.
func (s *Store) registerBooking() {
	s.requestHooks = append(s.requestHooks, func(tx *gorm.DB, ev *app.Event, r *app.MeetingRequest, from string) error {
		if r.ProposedStart == nil {
			return nil
		}
		accepting := from != "" && r.Status == app.RequestAccepted
		if accepting {
			locked, err := s.lockEvent(tx, ev.ID)
			if err != nil {
				return err
			}
			ev = locked
		}
		if ev.Settings.Booking() == app.BookingOrganizer {
			return app.FieldError("proposed_start", "this event is scheduled by its organizers; leave proposed_start out")
		}
		g, err := s.eventGrid(tx, ev)
		if err != nil {
			return err
		}
		slot := g.slotAt(*r.ProposedStart)
		if slot == 0 {
			return app.FieldError("proposed_start", "is not the start of a meeting slot of the event")
		}
		switch {
		case from == "":
			return s.checkAvailable(tx, ev, g, r.EnterpriseID, r.InvestorID, slot)
		case accepting:
			return s.book(tx, ev, g, r, slot)
		}
		return nil
	})
}

// maxTableTries bounds how many tables a booking tries when the unique
// index reports its table taken after all.
const maxTableTries = 16

// book creates the meeting of an accepted request at the first free table
// of its slot, under the event's lock (see lockEvent). Both sides must be
// free at that time. Should the table index still report a table taken,
// the next free table is tried, a bounded number of times.
func (s *Store) book(tx *gorm.DB, ev *app.Event, g *grid, r *app.MeetingRequest, slot int) error {
	if err := s.checkAvailable(tx, ev, g, r.EnterpriseID, r.InvestorID, slot); err != nil {
		return err
	}
	sl := g.slot(slot)
	if err := s.checkFreeAt(tx, ev.ID, 0, sl.StartsAt, sl.EndsAt, r.EnterpriseID, r.InvestorID, 0); err != nil {
		return err
	}
	var used []int
	if err := tx.Model(&meetingRow{}).Where("event_id = ? AND active_slot IS NOT NULL AND starts_at < ? AND ends_at > ?",
		ev.ID, utc(sl.EndsAt), utc(sl.StartsAt)).Pluck("table_no", &used).Error; err != nil {
		return translate(err)
	}
	id := r.ID
	m := meetingRow{EventID: ev.ID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID, RequestID: &id,
		Status: app.MeetingScheduled, UID: s.newUID(), Source: app.SourceBooking, Outcome: app.OutcomeNone,
		CreatedAt: s.now(), UpdatedAt: s.now()}
	if err := s.insertAtFreeTable(tx, &m, sl, used, ev.Meeting.Tables); err != nil {
		return err
	}
	return s.afterMeetings(tx, ev, []app.MeetingChange{{Kind: app.ChangeCreated, Meeting: *m.domain(ev.Location())}})
}

// insertAtFreeTable inserts m in slot sl at the first table not in used;
// when the table index refuses that table, it is counted as used and the
// next one is tried (at most maxTableTries times).
func (s *Store) insertAtFreeTable(tx *gorm.DB, m *meetingRow, sl app.Slot, used []int, tables int) error {
	for try := 0; try < maxTableTries; try++ {
		table := freeTable(used, tables)
		if table == 0 {
			return app.Errorf(app.ECONFLICT, "every table is taken in slot %d; propose another time", sl.Slot)
		}
		m.place(sl, table)
		err := tx.Create(m).Error
		if err == nil {
			return nil
		}
		if rule, dup := uniqueViolation(err); !dup || rule.index != "uq_meetings_table_slot" {
			return translate(err)
		}
		m.ID = 0
		used = append(used, table)
	}
	return app.Errorf(app.ECONFLICT, "no free table found in slot %d; try again", sl.Slot)
}

func freeTable(used []int, tables int) int {
	taken := make(map[int]bool, len(used))
	for _, t := range used {
		taken[t] = true
	}
	for t := 1; t <= tables; t++ {
		if !taken[t] {
			return t
		}
	}
	return 0
}
