package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// reminderAt is one reminder of an appointment: due at start − lead, and
// expired rather than sent from notAfter on.
type reminderAt struct {
	lead     time.Duration
	due      time.Time
	notAfter time.Time
}

// reminderSchedule lists the reminders an appointment starting at start,
// last changed at changed, should have at now. A reminder is due at
// start − lead and only when that is after the last change (the invite or
// update itself is fresher news). Each expires when the next shorter lead
// falls due, the shortest at the start, so after downtime only the latest
// reminder goes out and none after the meeting began.
func reminderSchedule(start, changed, now time.Time, leads []time.Duration) []reminderAt {
	sorted := append([]time.Duration(nil), leads...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] > sorted[j] })
	var out []reminderAt
	for i, l := range sorted {
		if i > 0 && l == sorted[i-1] {
			continue
		}
		r := reminderAt{lead: l, due: start.Add(-l), notAfter: start}
		if i+1 < len(sorted) {
			r.notAfter = start.Add(-sorted[i+1])
		}
		if r.due.After(changed) && now.Before(r.notAfter) {
			out = append(out, r)
		}
	}
	return out
}

// leadsFor returns the reminder leads of an event: its own when set, else
// the configured ones.
func leadsFor(ev *app.Event, o NotifyOptions) []time.Duration {
	if ev != nil {
		if leads := ev.Settings.Reminders.Leads(); leads != nil {
			return leads
		}
	}
	return o.ReminderLeads
}

// plannedReminder is one reminder row to have.
type plannedReminder struct {
	it  *calendarItem
	t   target
	at  reminderAt
	key string
}

// reconcileReminders gives each item the reminders it should have: new
// rows for missing ones and, with drop, the unsent rows of items that no
// longer want them (moved: other times; cancelled: none) withdrawn.
func (s *Store) reconcileReminders(tx *gorm.DB, c *notifications.Composer, o NotifyOptions, items []calendarItem, leads func(*calendarItem) []time.Duration, drop bool) (int64, error) {
	now := s.now()
	var plan []plannedReminder
	keep := map[string][]string{}
	for i := range items {
		it := &items[i]
		k := it.ref + ":" + fmt.Sprint(it.id)
		keep[k] = []string{}
		if !it.active {
			continue
		}
		for _, at := range reminderSchedule(it.start, it.changed, now, leads(it)) {
			for _, t := range it.remind {
				key := dedupeKey(t.to.Email, app.NotifyReminder, it.ref, it.id, it.seq, it.start.Unix(), int64(at.lead/time.Second))
				plan = append(plan, plannedReminder{it: it, t: t, at: at, key: key})
				keep[k] = append(keep[k], key)
			}
		}
	}
	if drop {
		if err := s.dropStaleReminders(tx, items, keep); err != nil {
			return 0, err
		}
	}
	return s.queueReminders(tx, c, o, plan)
}

// queueReminders renders and queues the planned reminders not yet queued.
func (s *Store) queueReminders(tx *gorm.DB, c *notifications.Composer, o NotifyOptions, plan []plannedReminder) (int64, error) {
	keys := make([]string, len(plan))
	for i, p := range plan {
		keys[i] = p.key
	}
	have, err := s.queuedKeys(tx, keys)
	if err != nil {
		return 0, err
	}
	var msgs []OutboxMessage
	for _, p := range plan {
		if have[p.key] {
			continue
		}
		a := p.t.appt
		a.Sequence = p.it.seq
		msg := OutboxMessage{DedupeKey: p.key, EventID: p.it.eventID, RefType: p.it.ref, RefID: p.it.id,
			Sequence: p.it.seq, DueAt: p.at.due, NotAfter: p.at.notAfter}
		msg, err := render(c, o, notifications.Notice{Kind: notifications.KindReminder, To: p.t.to, Date: p.at.due, Appointment: a}, msg)
		if err != nil {
			return 0, err
		}
		msgs = append(msgs, msg)
	}
	return s.enqueue(tx, msgs)
}

// dropStaleReminders withdraws the unsent reminders of the items whose
// dedupe keys are not among those to keep.
func (s *Store) dropStaleReminders(tx *gorm.DB, items []calendarItem, keep map[string][]string) error {
	ids := map[string][]int64{}
	for _, it := range items {
		ids[it.ref] = append(ids[it.ref], it.id)
	}
	live := []string{app.NotificationPending, app.NotificationFailed}
	for ref, list := range ids {
		for _, part := range chunks(uniqueIDs(list), 500) {
			var withRows []int64
			err := tx.Model(&outboxRow{}).Distinct("ref_id").
				Where("ref_type = ? AND ref_id IN ? AND kind = ? AND status IN ?", ref, part, app.NotifyReminder, live).
				Pluck("ref_id", &withRows).Error
			if err != nil {
				return fmt.Errorf("store: read reminders: %w", translate(err))
			}
			for _, id := range withRows {
				q := tx.Model(&outboxRow{}).Where("ref_type = ? AND ref_id = ? AND kind = ? AND status IN ?", ref, id, app.NotifyReminder, live)
				if k := keep[ref+":"+fmt.Sprint(id)]; len(k) > 0 {
					q = q.Where("dedupe_key NOT IN ?", k)
				}
				err := q.Updates(map[string]any{"status": app.NotificationSuperseded, "next_attempt_at": nil, "updated_at": s.now()}).Error
				if err != nil {
					return fmt.Errorf("store: withdraw reminders: %w", translate(err))
				}
			}
		}
	}
	return nil
}

// reminderHorizon bounds how far ahead QueueReminders looks: the longest
// lead an event may set.
const reminderHorizon = app.MaxReminderLead

// QueueReminders catches up the reminders of scheduled meetings and pitch
// slots starting within the reminder horizon: each gets the reminders it
// should have now (see reminderSchedule), the ones already queued are left
// alone. afterMeetings queues reminders when meetings change; this job covers
// changes of the configured leads and anything queued before them, in
// transactions of at most calendarChunkSize items. It returns the number of
// reminders queued.
func (s *Store) QueueReminders(ctx context.Context, now time.Time) (int64, error) {
	c, o, err := s.mailer()
	if err != nil {
		return 0, err
	}
	db := s.conn(ctx)
	now = utc(now)
	items, events, err := s.upcomingItems(db, now, now.Add(reminderHorizon))
	if err != nil || len(items) == 0 {
		return 0, err
	}
	for i := range items {
		items[i].remind = withoutOrganizer(items[i].remind, o.From.Email)
	}
	leads := func(it *calendarItem) []time.Duration { return leadsFor(events[it.eventID], o) }
	var total int64
	size := s.calendarChunkSize()
	for chunk := 0; chunk*size < len(items); chunk++ {
		if s.beforeCalendarChunk != nil {
			if err := s.beforeCalendarChunk(chunk + 1); err != nil {
				return total, err
			}
		}
		part := items[chunk*size : min((chunk+1)*size, len(items))]
		var n int64
		err = s.tx(ctx, func(tx *gorm.DB) (err error) {
			n, err = s.reconcileReminders(tx, c, o, part, leads, false)
			return err
		})
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// upcomingItems loads the scheduled meetings and pitches starting in
// (from, to] with the events they belong to.
func (s *Store) upcomingItems(db *gorm.DB, from, to time.Time) ([]calendarItem, map[int64]*app.Event, error) {
	live := "events.status IN ('open', 'scheduled')"
	meetings, err := meetingViews(db, "meetings.status = ? AND meetings.starts_at > ? AND meetings.starts_at <= ? AND "+live,
		app.MeetingScheduled, from, to)
	if err != nil {
		return nil, nil, err
	}
	pitches, err := pitchViews(db, "pitches.status = ? AND pitches.starts_at > ? AND pitches.starts_at <= ? AND "+live,
		app.MeetingScheduled, from, to)
	if err != nil {
		return nil, nil, err
	}
	var entIDs, invIDs, eventIDs []int64
	for _, m := range meetings {
		entIDs, invIDs, eventIDs = append(entIDs, m.EnterpriseID), append(invIDs, m.InvestorID), append(eventIDs, m.EventID)
	}
	for _, p := range pitches {
		entIDs, eventIDs = append(entIDs, p.EnterpriseID), append(eventIDs, p.EventID)
	}
	ents, invs, err := loadParties(db, entIDs, invIDs)
	if err != nil {
		return nil, nil, err
	}
	events, err := s.eventsByID(db, eventIDs)
	if err != nil {
		return nil, nil, err
	}
	items := make([]calendarItem, 0, len(meetings)+len(pitches))
	for i := range meetings {
		m := &meetings[i]
		items = append(items, meetingItem(m, nil, ents[m.EnterpriseID], invs[m.InvestorID], m.UpdatedAt.UTC()))
	}
	for i := range pitches {
		p := &pitches[i]
		it := s.pitchItem(p, ents[p.EnterpriseID], nil, nil)
		it.changed = p.UpdatedAt.UTC()
		items = append(items, it)
	}
	return items, events, nil
}

func (s *Store) eventsByID(db *gorm.DB, ids []int64) (map[int64]*app.Event, error) {
	out := map[int64]*app.Event{}
	for _, part := range chunks(uniqueIDs(ids), 500) {
		var rows []eventRow
		if err := db.Where("id IN ?", part).Find(&rows).Error; err != nil {
			return nil, translate(err)
		}
		for i := range rows {
			out[rows[i].ID] = rows[i].domain()
		}
	}
	return out, nil
}
