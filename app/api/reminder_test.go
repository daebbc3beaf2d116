package api_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"roadshow/app/store"
)

// clock is the store's injected clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// reminders returns the reminder rows of one meeting.
func (h *harness) reminders(event, meeting int64) []notificationJSON {
	h.t.Helper()
	var out []notificationJSON
	for _, n := range h.notifications(path("kind=reminder&event_id=%d", event), h.admin) {
		if n.MeetingID != nil && *n.MeetingID == meeting {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func byStatus(ns []notificationJSON) map[string]int {
	out := map[string]int{}
	for _, n := range ns {
		out[n.Status]++
	}
	return out
}

// TestNotificationsAPI_Reminders moves an injected clock through a
// meeting's life: reminders are created at start − 24h and start − 1h for
// both sides when the schedule is committed, replaced when the meeting
// moves, withdrawn when it is cancelled; after downtime only the latest
// due reminder goes out; one whose meeting has started expires; and the
// catch-up job adds the reminders of a new lead once.
func TestNotificationsAPI_Reminders(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		c := &clock{now: time.Now().UTC().Truncate(time.Second)}
		h.store.Now = c.Now
		sc := newScheduled(h)
		ev := sc.f.event
		byStart := append([]storedMeeting(nil), sc.meetings...)
		sort.Slice(byStart, func(i, j int) bool { return byStart[i].StartsAt.Before(byStart[j].StartsAt) })
		first, last, moved := byStart[0], byStart[len(byStart)-1], byStart[1]
		if last.StartsAt.Sub(first.StartsAt) < 30*time.Minute {
			t.Fatalf("the fixture's meetings all start at %v", first.StartsAt)
		}
		checkPlanned(t, h.reminders(ev, first.ID), first.StartsAt)

		// Moved: the old reminders are withdrawn, new ones follow the new start.
		c.set(c.Now().Add(time.Hour))
		before := h.reminders(ev, moved.ID)
		for slot := 15; slot >= 0; slot-- {
			if slot != moved.Slot && h.do("PATCH", path("/api/v1/meetings/%d", moved.ID), h.org, map[string]any{"slot": slot}).Status == 200 {
				break
			}
		}
		var now storedMeeting
		h.must(200, "GET", path("/api/v1/meetings/%d", moved.ID), h.org, nil).Decode(t, &now)
		after := h.reminders(ev, moved.ID)
		if now.Sequence != 1 || byStatus(after)["superseded"] != len(before) {
			t.Fatalf("after the move (sequence %d): %v", now.Sequence, byStatus(after))
		}
		checkPlanned(t, after[len(before):], now.StartsAt)

		// Cancelled: no reminder is left to send.
		h.must(200, "POST", path("/api/v1/meetings/%d/cancel", moved.ID), h.org, nil)
		if st := byStatus(h.reminders(ev, moved.ID)); st["pending"] != 0 || st["superseded"] != 2*len(before) {
			t.Fatalf("after the cancellation: %v", st)
		}

		// The catch-up job adds a new lead's reminders once, for meetings
		// within its horizon.
		c.set(first.StartsAt.Add(-72 * time.Hour))
		err := h.store.ConfigureNotifications(store.NotifyOptions{ReminderLeads: []time.Duration{24 * time.Hour, 2 * time.Hour, time.Hour}})
		if err != nil {
			t.Fatal(err)
		}
		live := 0
		for _, m := range h.storedMeetings(ev) {
			if m.Status == "scheduled" {
				live++
			}
		}
		for i, want := range []int64{int64(2 * live), 0} {
			if n, err := h.store.QueueReminders(context.Background(), c.Now()); err != nil || n != want {
				t.Fatalf("catch-up run %d queued %d (%v), want %d", i+1, n, err, want)
			}
		}

		// Down from before the first meeting's 24h reminder until 40
		// minutes before it: only the 1h reminder goes out, the older
		// ones expire.
		box := newMailbox(h)
		box.drain(first.StartsAt.Add(-40 * time.Minute))
		st := byStatus(h.reminders(ev, first.ID))
		if st["sent"] != 2 || st["expired"] != 4 || st["pending"] != 0 {
			t.Fatalf("first meeting after downtime: %v, want its two 1h reminders sent and the rest expired", st)
		}
		// Nobody gets a reminder once the meeting has started.
		box.drain(last.StartsAt.Add(time.Minute))
		if st := byStatus(h.reminders(ev, last.ID)); st["expired"] < 2 || st["pending"] != 0 {
			t.Fatalf("last meeting after its start: %v, want its 1h reminders expired", st)
		}
		for _, n := range h.notifications(path("kind=reminder&status=sent&event_id=%d", ev), h.admin) {
			if n.NotAfter == nil || n.DueAt.After(*n.NotAfter) {
				t.Fatalf("a reminder sent outside its window: %+v", n)
			}
		}
	})
}

// checkPlanned checks a meeting's fresh reminders: one per side at
// start − 24h (expiring at start − 1h) and one at start − 1h (expiring at
// the start).
func checkPlanned(t *testing.T, ns []notificationJSON, start time.Time) {
	t.Helper()
	want := map[time.Duration]time.Duration{24 * time.Hour: time.Hour, time.Hour: 0}
	count := map[time.Duration]int{}
	for _, n := range ns {
		lead := start.Sub(n.DueAt)
		exp, ok := want[lead]
		if !ok || n.Status != "pending" || n.NotAfter == nil || !start.Add(-exp).Equal(*n.NotAfter) {
			t.Fatalf("reminder %+v for a meeting at %v", n, start)
		}
		count[lead]++
	}
	if len(ns) != 4 || count[24*time.Hour] != 2 || count[time.Hour] != 2 {
		t.Fatalf("%d reminders %v, want one per side and lead", len(ns), count)
	}
}

// TestNotificationsAPI_EventReminderLeads: an event's own lead times
// replace the server's; bad ones are refused field by field.
func TestNotificationsAPI_EventReminderLeads(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 2, 2)
		ev := path("/api/v1/events/%d", f.event)
		for _, bad := range [][]int{{0}, {10081}, {1, 2, 3, 4, 5, 6}} {
			r := h.do("PATCH", ev, h.org, map[string]any{"settings": map[string]any{"reminders": map[string]any{"lead_minutes": bad}}})
			if r.Status != 422 || r.FieldError("settings.reminders.lead_minutes") == "" {
				t.Fatalf("lead_minutes %v: %d %s", bad, r.Status, r.Body)
			}
		}
		h.must(200, "PATCH", ev, h.org, map[string]any{"settings": map[string]any{"reminders": map[string]any{"off": true}}})
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{})
		ms := h.storedMeetings(f.event)
		if len(ms) == 0 {
			t.Fatal("nothing scheduled")
		}
		if rs := h.reminders(f.event, ms[0].ID); len(rs) != 0 {
			t.Fatalf("reminders off, yet %d queued", len(rs))
		}
		h.must(200, "PATCH", ev, h.org, map[string]any{"settings": map[string]any{"reminders": map[string]any{"lead_minutes": []int{30}}}})
		if n, err := h.store.QueueReminders(context.Background(), ms[0].StartsAt.Add(-2*time.Hour)); err != nil || n < 2 {
			t.Fatalf("catch-up queued %d (%v)", n, err)
		}
		rs := h.reminders(f.event, ms[0].ID)
		if len(rs) != 2 || !rs[0].DueAt.Equal(ms[0].StartsAt.Add(-30*time.Minute)) || !rs[1].NotAfter.Equal(ms[0].StartsAt) {
			t.Fatalf("reminders %+v for a meeting at %v, want two at 30 minutes before", rs, ms[0].StartsAt)
		}
	})
}
