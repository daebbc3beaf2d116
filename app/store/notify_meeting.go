package store

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// target is one person who should have an appointment in their calendar,
// with the appointment as they see it.
type target struct {
	to   notifications.Recipient
	appt notifications.Appointment
}

// calendarItem is a meeting or a pitch whose calendar mails are brought in
// line with who should hold it now.
type calendarItem struct {
	ref      string // refMeeting or refPitch
	id       int64
	eventID  int64
	seq      int
	active   bool      // scheduled: want holds it; cancelled: nobody should
	start    time.Time // for reminders
	changed  time.Time // when it last changed; reminders due later only
	want     []target  // who should hold it (empty when cancelled)
	known    []target  // everyone it concerns, for cancellations
	fallback notifications.Appointment
	remind   []target // who gets reminders (active items)
	table    string   // meetings or pitches, to raise the sequence
}

func meetingViewOf(ev *app.Event, m *app.Meeting) meetingView {
	return meetingView{ID: m.ID, EventID: m.EventID, EnterpriseID: m.EnterpriseID, InvestorID: m.InvestorID,
		StartsAt: m.StartsAt, EndsAt: m.EndsAt, TableNo: m.Table, Status: m.Status, Sequence: m.Sequence, UID: m.UID,
		UpdatedAt: m.UpdatedAt, EventTitle: ev.Title, Venue: ev.Venue, Timezone: ev.TimeZone, EventStatus: ev.Status}
}

// notifyMeetings queues the calendar mails of meeting changes: invites,
// updates and cancellations to every contact of both sides, and their
// reminders; in a transaction
// that defers them (deferCalendar), the meetings go to the calendar
// backlog instead.
func (s *Store) notifyMeetings(tx *gorm.DB, ev *app.Event, changes []app.MeetingChange) error {
	if len(changes) == 0 {
		return nil
	}
	if calendarDeferred(tx) {
		return s.addCalendarBacklog(tx, ev, changes)
	}
	var entIDs, invIDs []int64
	for _, ch := range changes {
		entIDs, invIDs = append(entIDs, ch.Meeting.EnterpriseID), append(invIDs, ch.Meeting.InvestorID)
	}
	ents, invs, err := loadParties(tx, entIDs, invIDs)
	if err != nil {
		return err
	}
	items := make([]calendarItem, 0, len(changes))
	for _, ch := range changes {
		v := meetingViewOf(ev, &ch.Meeting)
		items = append(items, meetingItem(&v, ch.Before, ents[v.EnterpriseID], invs[v.InvestorID], s.now()))
	}
	return s.reconcile(tx, ev, items)
}

// meetingItem lists both sides' contacts, each seeing the other side.
func meetingItem(v *meetingView, before *app.Meeting, ent, inv *party, now time.Time) calendarItem {
	it := calendarItem{ref: refMeeting, id: v.ID, eventID: v.EventID, seq: v.Sequence, start: v.StartsAt.UTC(),
		changed: now, active: v.Status != app.MeetingCancelled && v.EventStatus != app.StatusCancelled,
		fallback: v.appointment(nil), table: "meetings"}
	for _, side := range []struct{ self, other *party }{{ent, inv}, {inv, ent}} {
		if side.self == nil {
			continue
		}
		a := v.appointment(side.other)
		if before != nil && !before.StartsAt.Equal(v.StartsAt) {
			a.PreviousStart, a.PreviousEnd = before.StartsAt.UTC(), before.EndsAt.UTC()
		}
		for _, to := range side.self.people {
			it.known = append(it.known, target{to: to, appt: a})
		}
	}
	if it.active {
		it.want, it.remind = it.known, it.known
	}
	return it
}

// reconcile queues, for each item, what brings every calendar in line:
// an invite to whoever should hold it and does not, an update to holders
// of an older sequence, a cancellation to holders who should no longer
// hold it (raising the stored sequence first when the item itself did not
// change), and the item's reminders.
func (s *Store) reconcile(tx *gorm.DB, ev *app.Event, items []calendarItem) error {
	c, o, err := s.mailer()
	if err != nil {
		return err
	}
	for i := range items {
		it := &items[i]
		it.want, it.known, it.remind = withoutOrganizer(it.want, o.From.Email), withoutOrganizer(it.known, o.From.Email),
			withoutOrganizer(it.remind, o.From.Email)
	}
	holders, err := s.calendarHolders(tx, items)
	if err != nil {
		return err
	}
	var msgs []OutboxMessage
	for i := range items {
		m, err := s.itemMessages(tx, c, o, &items[i], holders[items[i].ref+":"+fmt.Sprint(items[i].id)])
		if err != nil {
			return err
		}
		msgs = append(msgs, m...)
	}
	if _, err := s.enqueue(tx, msgs); err != nil {
		return err
	}
	leads := leadsFor(ev, o)
	_, err = s.reconcileReminders(tx, c, o, items, func(*calendarItem) []time.Duration { return leads }, true)
	return err
}

// calendarOrder sorts an item's calendar messages oldest first by what they
// mean: the iCalendar SEQUENCE, then when they were queued, then a
// cancellation after an invite or update of the same sequence and time. Ids
// break only exact ties: they need not follow time (TiDB servers allocate
// from ranges of their own).
const calendarOrder = "sequence, created_at, CASE WHEN kind = '" + app.NotifyCancel + "' THEN 1 ELSE 0 END, id"

// calendarHolders reads, per item and address, the calendar messages
// queued so far (superseded ones aside: they never went out), the latest
// last (calendarOrder), and says what each address holds, addresses in the
// order they were first written to.
func (s *Store) calendarHolders(tx *gorm.DB, items []calendarItem) (map[string][]notifications.Held, error) {
	type row struct {
		RefType, Recipient, Kind, Status string
		RefID                            int64
		Sequence                         int
	}
	ids := map[string][]int64{}
	for _, it := range items {
		ids[it.ref] = append(ids[it.ref], it.id)
	}
	out := map[string][]notifications.Held{}
	for ref, list := range ids {
		for _, part := range chunks(list, 500) {
			var rows []row
			err := tx.Model(&outboxRow{}).Select("ref_type, ref_id, recipient, kind, status, sequence").
				Where("ref_type = ? AND ref_id IN ? AND kind IN ? AND status <> ?", ref, part, calendarKinds, app.NotificationSuperseded).
				Order(calendarOrder).Find(&rows).Error
			if err != nil {
				return nil, fmt.Errorf("store: read calendar notifications: %w", translate(err))
			}
			index := map[string]int{} // item and lower-case address → position in out[item]
			for _, r := range rows {
				key := r.RefType + ":" + fmt.Sprint(r.RefID)
				at, ok := index[key+" "+strings.ToLower(r.Recipient)]
				if !ok {
					at = len(out[key])
					index[key+" "+strings.ToLower(r.Recipient)] = at
					out[key] = append(out[key], notifications.Held{Email: r.Recipient})
				}
				h := &out[key][at]
				h.Sequence, h.Holds = r.Sequence, r.Kind != app.NotifyCancel
				h.Informed = h.Informed || (r.Kind != app.NotifyCancel &&
					(r.Status == app.NotificationSent || r.Status == app.NotificationSending))
			}
		}
	}
	return out, nil
}

// itemMessages renders the calendar mails one item needs, as
// notifications.Reconcile decides them from what each address holds:
// unsent invites withdrawn, the item's sequence raised when a holder was
// removed, invites, updates and cancellations rendered.
func (s *Store) itemMessages(tx *gorm.DB, c *notifications.Composer, o NotifyOptions, it *calendarItem, held []notifications.Held) ([]OutboxMessage, error) {
	now := notifications.ItemState{Sequence: it.seq, Active: it.active, Attendees: make([]string, len(it.want))}
	for i, t := range it.want {
		now.Attendees[i] = t.to.Email
	}
	plan := notifications.Reconcile(held, now)
	for _, email := range plan.Withdraw {
		if err := s.dropUnsentTo(tx, it.ref, it.id, email); err != nil {
			return nil, err
		}
	}
	if plan.RaiseSequence {
		if err := s.raiseSequence(tx, it); err != nil {
			return nil, err
		}
	}
	msgs := make([]OutboxMessage, 0, len(plan.Sends))
	for _, send := range plan.Sends {
		m, err := s.calendarMessage(c, o, it, send.Kind, it.targetFor(send.Email))
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// targetFor finds how the person at email sees the item, or a neutral
// view for an address that is no longer among the parties' contacts.
func (it *calendarItem) targetFor(email string) target {
	for _, t := range it.known {
		if strings.EqualFold(t.to.Email, email) {
			return t
		}
	}
	return target{to: notifications.Recipient{Email: email}, appt: it.fallback}
}

// raiseSequence stores the item's sequence plus one (an attendee removed
// from an item that is otherwise unchanged) and uses it from now on.
func (s *Store) raiseSequence(tx *gorm.DB, it *calendarItem) error {
	err := tx.Table(it.table).Where("id = ? AND sequence = ?", it.id, it.seq).
		Updates(map[string]any{"sequence": it.seq + 1, "updated_at": s.now()}).Error
	if err != nil {
		return fmt.Errorf("store: raise sequence: %w", translate(err))
	}
	it.seq++
	for _, list := range [][]target{it.want, it.known, it.remind} {
		for i := range list {
			list[i].appt.Sequence = it.seq
		}
	}
	it.fallback.Sequence = it.seq
	return nil
}

// calendarMessage renders one invite, update or cancellation.
func (s *Store) calendarMessage(c *notifications.Composer, o NotifyOptions, it *calendarItem, kind notifications.Kind, t target) (OutboxMessage, error) {
	t.appt.Sequence = it.seq
	t.appt.Cancelled = kind == notifications.KindCancel
	now := s.now()
	msg := OutboxMessage{DedupeKey: dedupeKey(t.to.Email, kind, it.ref, it.id, it.seq), EventID: it.eventID,
		RefType: it.ref, RefID: it.id, Sequence: it.seq, DueAt: now}
	return render(c, o, notifications.Notice{Kind: kind, To: t.to, Date: now, Appointment: t.appt}, msg)
}

// dropUnsentTo withdraws the unsent calendar messages of an item to one
// address.
func (s *Store) dropUnsentTo(tx *gorm.DB, ref string, id int64, email string) error {
	err := tx.Model(&outboxRow{}).
		Where("ref_type = ? AND ref_id = ? AND recipient = ? AND status IN ?", ref, id, email,
			[]string{app.NotificationPending, app.NotificationFailed}).
		Updates(map[string]any{"status": app.NotificationSuperseded, "next_attempt_at": nil, "updated_at": s.now()}).Error
	if err != nil {
		return fmt.Errorf("store: withdraw notifications: %w", translate(err))
	}
	return nil
}
