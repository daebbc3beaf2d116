package store

import (
	"gorm.io/gorm"

	"roadshow/app"
)

// registerBooking adds the self-service booking rules to meeting requests:
// a request may propose a slot start (checked on creation), and when the
// recipient accepts it the meeting is booked in the same transaction — if
// both sides and a table are free in that slot. Pending requests hold
// nothing; the unique indexes decide between concurrent bookings.
func (s *Store) registerBooking() {
	s.requestHooks = append(s.requestHooks, func(tx *gorm.DB, ev *app.Event, r *app.MeetingRequest, from string) error {
		if r.ProposedAt == nil {
			return nil
		}
		if ev.Settings.Booking() == app.BookingOrganizer {
			return app.FieldError("proposed_start", "this event is scheduled by its organizers; leave proposed_start out")
		}
		g, err := s.eventGrid(tx, ev)
		if err != nil {
			return err
		}
		slot := g.slotAt(*r.ProposedAt)
		if slot == 0 {
			return app.FieldError("proposed_start", "is not the start of a meeting slot of the event")
		}
		switch {
		case from == "":
			return s.checkAvailable(tx, ev, g, r.EnterpriseID, r.InvestorID, slot)
		case r.Status == app.RequestAccepted:
			return s.book(tx, ev, g, r, slot)
		}
		return nil
	})
}

// book creates the meeting of an accepted request at the first free table
// of its slot.
func (s *Store) book(tx *gorm.DB, ev *app.Event, g *grid, r *app.MeetingRequest, slot int) error {
	if err := s.checkAvailable(tx, ev, g, r.EnterpriseID, r.InvestorID, slot); err != nil {
		return err
	}
	var used []int
	if err := tx.Model(&meetingRow{}).Where("event_id = ? AND active_slot = ?", ev.ID, slot).Pluck("table_no", &used).Error; err != nil {
		return translate(err)
	}
	table := freeTable(used, ev.Meeting.Tables)
	if table == 0 {
		return app.Errorf(app.ECONFLICT, "every table is taken in slot %d; propose another time", slot)
	}
	id := r.ID
	m := meetingRow{EventID: ev.ID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID, RequestID: &id,
		Status: app.MeetingScheduled, UID: s.newUID(), Source: app.SourceBooking, Outcome: app.OutcomeNone,
		CreatedAt: s.now(), UpdatedAt: s.now()}
	m.place(g.slot(slot), table)
	if err := tx.Create(&m).Error; err != nil {
		return translate(err)
	}
	return s.afterMeetings(tx, ev, []app.MeetingChange{{Kind: app.ChangeCreated, Meeting: *m.domain(ev.Location())}})
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
