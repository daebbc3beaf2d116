package store

import (
	"gorm.io/gorm"

	"roadshow/app"
)

// Self-service booking: a meeting request may propose a slot start,
// checked when the request is sent (checkProposedSlot); when the recipient
// accepts it the meeting is booked in the same transaction
// (bookAcceptedRequest) — if both sides and a table are free at that time,
// on the grid as it is then (the acceptance takes the event's lock).
// Pending requests hold nothing; the unique indexes back the checks up.

// checkProposedSlot checks the slot a new request proposes, if any: the
// event must let participants book, the time must start one of its slots,
// and both sides must be free then.
func (s *Store) checkProposedSlot(tx *gorm.DB, ev *app.Event, r *app.MeetingRequest) error {
	if r.ProposedStart == nil {
		return nil
	}
	g, slot, err := s.proposedSlot(tx, ev, r)
	if err != nil {
		return err
	}
	return s.checkAvailable(tx, ev, g, r.EnterpriseID, r.InvestorID, slot)
}

// bookAcceptedRequest books the meeting of a request that proposed a slot
// and was just accepted, under the event's lock; a request answered
// otherwise has its proposed slot checked again, and books nothing.
func (s *Store) bookAcceptedRequest(tx *gorm.DB, ev *app.Event, r *app.MeetingRequest) error {
	if r.ProposedStart == nil {
		return nil
	}
	accepting := r.Status == app.RequestAccepted
	if accepting {
		locked, err := s.lockEvent(tx, ev.ID)
		if err != nil {
			return err
		}
		ev = locked
	}
	g, slot, err := s.proposedSlot(tx, ev, r)
	if err != nil || !accepting {
		return err
	}
	return s.book(tx, ev, g, r, slot)
}

// proposedSlot returns the event's grid and the slot a request proposes;
// a 422 when the event is booked by its organizers or the time does not
// start a slot.
func (s *Store) proposedSlot(tx *gorm.DB, ev *app.Event, r *app.MeetingRequest) (*grid, int, error) {
	if ev.Settings.Booking() == app.BookingOrganizer {
		return nil, 0, app.FieldError("proposed_start", "this event is scheduled by its organizers; leave proposed_start out")
	}
	g, err := s.eventGrid(tx, ev)
	if err != nil {
		return nil, 0, err
	}
	slot := g.slotAt(*r.ProposedStart)
	if slot == 0 {
		return nil, 0, app.FieldError("proposed_start", "is not the start of a meeting slot of the event")
	}
	return g, slot, nil
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
