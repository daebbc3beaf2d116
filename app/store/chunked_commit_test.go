package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// requestedEvent is an open matchmaking event where n enterprises asked the
// one investor (two contacts) for a meeting, not yet scheduled.
func requestedEvent(t *testing.T, s *store.Store, n int) participants {
	t.Helper()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	d := time.Now().In(sh).AddDate(0, 0, 5)
	f := newParticipants(t, s, time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, sh))
	ents := []*app.Principal{f.ent}
	approved := app.RegApproved
	for i := 1; i < n; i++ {
		ent := newEnterprise(*f.event.ZoneID, uint64(60+i))
		ent.Name, ent.Contact.Email = fmt.Sprintf("苏州分批%d号科技有限公司", i), fmt.Sprintf("chunk%d@example.cn", i)
		tok, err := s.CreateEnterprise(context.Background(), ent)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := s.Authenticate(context.Background(), tok)
		reg := &app.Registration{EventID: f.event.ID, Role: app.RegMeeter}
		if err := s.CreateRegistration(as(p), reg); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRegistration(admin(), reg.ID, app.RegistrationUpdate{Status: &approved}); err != nil {
			t.Fatal(err)
		}
		ents = append(ents, p)
	}
	for _, p := range ents {
		if err := s.CreateMeetingRequest(as(p), &app.MeetingRequest{EventID: f.event.ID, InvestorID: f.investorID, Priority: 1}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// inviteCounts returns how many invites each meeting and recipient got,
// and in how many transactions (distinct queueing times) they were queued.
func inviteCounts(t *testing.T, s *store.Store) (map[string]int, int) {
	t.Helper()
	rows, err := s.DB().Query("SELECT ref_id, recipient, created_at FROM notifications WHERE kind = ? AND ref_type = 'meeting'", app.NotifyInvite)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out, times := map[string]int{}, map[string]bool{}
	for rows.Next() {
		var id int64
		var to string
		var at time.Time
		if err := rows.Scan(&id, &to, &at); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%d %s", id, to)]++
		times[at.UTC().Format(time.RFC3339Nano)] = true
	}
	return out, len(times)
}

// checkInvitedOnce fails unless each meeting's three attendees (the
// enterprise's contact, the investor's two) got exactly one invite.
func checkInvitedOnce(t *testing.T, s *store.Store, meetings int) {
	t.Helper()
	counts, _ := inviteCounts(t, s)
	if len(counts) != 3*meetings {
		t.Errorf("%d meeting–recipient pairs invited, want %d", len(counts), 3*meetings)
	}
	for k, n := range counts {
		if n != 1 {
			t.Errorf("%s: %d invites", k, n)
		}
	}
	if n := rowCount(t, s, "SELECT COUNT(*) FROM calendar_backlog"); n != 0 {
		t.Errorf("%d meetings left in the calendar backlog", n)
	}
}

// TestSchedule_ChunkedCommit: committing a schedule writes the meetings in
// one transaction and queues their mails in transactions of a bounded
// number of meetings: each invite once.
func TestSchedule_ChunkedCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n, chunk = 10, 4
		f := requestedEvent(t, s, n)
		s.SetCalendarChunk(chunk)
		chunks := 0
		s.SetBeforeCalendarChunk(func(int) error { chunks++; return nil })
		plan, err := s.Schedule(admin(), f.event.ID, app.ScheduleOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Meetings) != n || plan.Changes.Created != n {
			t.Fatalf("%d meetings planned, %+v; want %d created", len(plan.Meetings), plan.Changes, n)
		}
		ms, err := s.FindMeetings(admin(), app.MeetingFilter{EventID: f.event.ID})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]*app.Meeting{}
		for _, m := range ms {
			byID[m.ID] = m
		}
		for _, pm := range plan.Meetings { // ids read back from the multi-row inserts
			if m := byID[pm.MeetingID]; m == nil || m.EnterpriseID != pm.EnterpriseID || m.Slot != pm.Slot || m.Table != pm.Table {
				t.Errorf("planned %+v, meeting %d is %+v", pm, pm.MeetingID, m)
			}
		}
		checkInvitedOnce(t, s, n)
		if _, txs := inviteCounts(t, s); chunks < 3 || txs != 3 {
			t.Errorf("invites queued in %d chunks and %d transactions, want 3 of at most %d meetings", chunks, txs, chunk)
		}
	})
}

// TestSchedule_ChunkedCommitCrash: the queueing stops after the first chunk
// as if the process died; the meetings are committed, the calendar backlog
// holds the rest, and draining it (the calendar_backlog job) queues every
// missing invite once; a second drain queues nothing.
func TestSchedule_ChunkedCommitCrash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n, chunk = 10, 4
		f := requestedEvent(t, s, n)
		s.SetCalendarChunk(chunk)
		crash := errors.New("killed")
		s.SetBeforeCalendarChunk(func(c int) error {
			if c > 1 {
				return crash
			}
			return nil
		})
		if _, err := s.Schedule(admin(), f.event.ID, app.ScheduleOptions{}); !errors.Is(err, crash) {
			t.Fatalf("schedule: %v, want the crash", err)
		}
		ms, err := s.FindMeetings(admin(), app.MeetingFilter{EventID: f.event.ID})
		if err != nil || len(ms) != n {
			t.Fatalf("%d meetings committed, %v; want %d", len(ms), err, n)
		}
		if counts, _ := inviteCounts(t, s); len(counts) != 3*chunk {
			t.Fatalf("%d invites before the crash, want %d", len(counts), 3*chunk)
		}
		s.SetBeforeCalendarChunk(nil)
		if got, err := s.DrainCalendarBacklog(context.Background()); err != nil || got != n-chunk {
			t.Fatalf("drained %d meetings, %v; want %d", got, err, n-chunk)
		}
		checkInvitedOnce(t, s, n)
		before := rowCount(t, s, "SELECT COUNT(*) FROM notifications")
		if got, err := s.DrainCalendarBacklog(context.Background()); err != nil || got != 0 {
			t.Fatalf("second drain: %d, %v", got, err)
		}
		if after := rowCount(t, s, "SELECT COUNT(*) FROM notifications"); after != before {
			t.Fatalf("a second drain queued %d rows", after-before)
		}
	})
}

// TestEvent_CancelChunked: cancelling a scheduled event cancels its
// meetings in one transaction and queues the cancellations in chunks: each
// attendee who held an invite gets one.
func TestEvent_CancelChunked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n, chunk = 10, 4
		f := requestedEvent(t, s, n)
		if _, err := s.Schedule(admin(), f.event.ID, app.ScheduleOptions{}); err != nil {
			t.Fatal(err)
		}
		markAllSent(t, s)
		s.SetCalendarChunk(chunk)
		chunks := 0
		s.SetBeforeCalendarChunk(func(int) error { chunks++; return nil })
		cancelled := app.StatusCancelled
		if _, err := s.UpdateEvent(admin(), f.event.ID, app.EventUpdate{Status: &cancelled}); err != nil {
			t.Fatal(err)
		}
		rows, err := s.DB().Query("SELECT ref_id, recipient, created_at FROM notifications WHERE kind = ? AND ref_type = 'meeting'", app.NotifyCancel)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		counts, times := map[string]int{}, map[string]bool{}
		for rows.Next() {
			var id int64
			var to string
			var at time.Time
			if err := rows.Scan(&id, &to, &at); err != nil {
				t.Fatal(err)
			}
			counts[fmt.Sprintf("%d %s", id, to)]++
			times[at.UTC().Format(time.RFC3339Nano)] = true
		}
		if len(counts) != 3*n {
			t.Errorf("%d meeting–recipient pairs cancelled, want %d", len(counts), 3*n)
		}
		for k, c := range counts {
			if c != 1 {
				t.Errorf("%s: %d cancellations", k, c)
			}
		}
		if chunks != 3 || len(times) != 3 {
			t.Errorf("cancellations queued in %d chunks and %d transactions, want 3", chunks, len(times))
		}
		if left := rowCount(t, s, "SELECT COUNT(*) FROM calendar_backlog"); left != 0 {
			t.Errorf("%d meetings left in the calendar backlog", left)
		}
	})
}

// TestQueueReminders_Chunked: the reminders job catches up the reminders of
// many meetings in transactions of a bounded number of items, each
// reminder once.
func TestQueueReminders_Chunked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n, chunk = 10, 4
		f := requestedEvent(t, s, n)
		if _, err := s.Schedule(admin(), f.event.ID, app.ScheduleOptions{}); err != nil {
			t.Fatal(err)
		}
		want := rowCount(t, s, "SELECT COUNT(*) FROM notifications WHERE kind = ?", app.NotifyReminder)
		if want != 2*3*n {
			t.Fatalf("%d reminders queued by the commit, want %d", want, 2*3*n)
		}
		if _, err := s.DB().Exec("DELETE FROM notifications WHERE kind = ?", app.NotifyReminder); err != nil {
			t.Fatal(err)
		}
		s.SetCalendarChunk(chunk)
		chunks := 0
		s.SetBeforeCalendarChunk(func(int) error { chunks++; return nil })
		got, err := s.QueueReminders(context.Background(), time.Now())
		if err != nil || got != int64(want) {
			t.Fatalf("caught up %d reminders, %v; want %d", got, err, want)
		}
		if chunks != 3 {
			t.Errorf("reminders queued in %d chunks, want 3 of at most %d meetings", chunks, chunk)
		}
		if n := rowCount(t, s, "SELECT COUNT(DISTINCT dedupe_key) FROM notifications WHERE kind = ?", app.NotifyReminder); n != want {
			t.Errorf("%d distinct reminders, want %d", n, want)
		}
		if again, err := s.QueueReminders(context.Background(), time.Now()); err != nil || again != 0 {
			t.Errorf("second catch-up queued %d, %v", again, err)
		}
	})
}
