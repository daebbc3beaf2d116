package store_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// followUpFixture is a scheduled matchmaking event: each enterprise asked
// the one investor (two contacts) for a meeting and has one.
type followUpFixture struct {
	participants
	ents     []*app.Principal
	entIDs   []int64
	meetings []*app.Meeting // meetings[i] is entIDs[i]'s
}

func newFollowUpFixture(t *testing.T, s *store.Store, start time.Time, enterprises int) followUpFixture {
	t.Helper()
	f := followUpFixture{participants: newParticipants(t, s, start)}
	f.ents, f.entIDs = []*app.Principal{f.ent}, []int64{f.entID}
	approved := app.RegApproved
	for n := 1; n < enterprises; n++ {
		ent := newEnterprise(*f.event.ZoneID, uint64(40+n))
		ent.Name, ent.Contact.Email = fmt.Sprintf("苏州测试%d号科技有限公司", n), fmt.Sprintf("ent%d@example.cn", n)
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
		f.ents, f.entIDs = append(f.ents, p), append(f.entIDs, ent.ID)
	}
	for _, p := range f.ents {
		if err := s.CreateMeetingRequest(as(p), &app.MeetingRequest{EventID: f.event.ID, InvestorID: f.investorID, Priority: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Schedule(admin(), f.event.ID, app.ScheduleOptions{}); err != nil {
		t.Fatal(err)
	}
	all, err := s.FindMeetings(admin(), app.MeetingFilter{EventID: f.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range f.entIDs {
		for _, m := range all {
			if m.EnterpriseID == id && m.Status == app.MeetingScheduled {
				f.meetings = append(f.meetings, m)
			}
		}
	}
	if len(f.meetings) != enterprises {
		t.Fatalf("%d meetings scheduled for %d enterprises", len(f.meetings), enterprises)
	}
	return f
}

// endsRange returns the earliest and the latest end of the meetings.
func (f followUpFixture) endsRange() (first, last time.Time) {
	first, last = f.meetings[0].EndsAt, f.meetings[0].EndsAt
	for _, m := range f.meetings {
		if m.EndsAt.Before(first) {
			first = m.EndsAt
		}
		if m.EndsAt.After(last) {
			last = m.EndsAt
		}
	}
	return first, last
}

func followUps(t *testing.T, s *store.Store) []*app.Notification {
	t.Helper()
	list, err := s.FindNotifications(admin(), app.NotificationFilter{Kind: app.NotifyFollowUp, Page: app.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	return list.Items
}

// followUpSet describes follow-up rows as "meeting/recipient/due" lines.
func followUpSet(ns []*app.Notification, status string) []string {
	var out []string
	for _, n := range ns {
		if status != "" && n.Status != status {
			continue
		}
		line := fmt.Sprintf("%d/%s/%s", deref(n.MeetingID), n.Recipient, n.DueAt.UTC().Format(time.RFC3339))
		if n.NotAfter == nil || !n.NotAfter.Equal(n.DueAt.Add(store.FollowUpGrace)) {
			line += "/bad-expiry"
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// wantFollowUps lists what followUpSet should show for meetings ms, days
// after their end, each to its enterprise's contact and both investor
// contacts.
func wantFollowUps(ms []*app.Meeting, entMail map[int64]string, days int) []string {
	var out []string
	for _, m := range ms {
		due := m.EndsAt.UTC().Add(time.Duration(days) * 24 * time.Hour).Format(time.RFC3339)
		for _, to := range []string{entMail[m.EnterpriseID], "liqiang@bank.example.cn", "anna@bank.example.com"} {
			out = append(out, fmt.Sprintf("%d/%s/%s", m.ID, to, due))
		}
	}
	sort.Strings(out)
	return out
}

// TestStore_QueueFollowUps walks five meetings through 90 days: one with an
// outcome, one cancelled, one no_fit, one whose financing was disbursed,
// one left as it was. Only the first and the last get follow-ups, 30 and
// 90 days after their end, each to the enterprise's contact and every
// investor contact, once however often the job runs; a meeting cancelled
// (or found no fit) after its follow-up was queued has it withdrawn.
func TestStore_QueueFollowUps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh, _ := time.LoadLocation("Asia/Shanghai")
		d := time.Now().In(sh).AddDate(0, 0, 3)
		start := time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, sh)
		f := newFollowUpFixture(t, s, start, 5)
		kept, cancelled, noFit, disbursed, plain := f.meetings[0], f.meetings[1], f.meetings[2], f.meetings[3], f.meetings[4]
		entMail := map[int64]string{f.entIDs[0]: "wangmin@example.cn", f.entIDs[4]: "ent4@example.cn"}
		_, sink := newMailSink(t, s) // the invites go out: the parties hold the meetings
		if st, err := sink.Drain(ctx, time.Now()); err != nil || st.Sent != 15 {
			t.Fatalf("invites: %+v, %v; want 15 sent", st, err)
		}

		if _, err := s.CancelMeeting(admin(), cancelled.ID); err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return start.Add(9 * time.Hour) }
		defer func() { s.Now = time.Now }()
		for m, outcome := range map[*app.Meeting]string{kept: app.OutcomeTermSheet, noFit: app.OutcomeNoFit} {
			if _, err := s.RecordOutcome(admin(), m.ID, app.OutcomeUpdate{Outcome: outcome}); err != nil {
				t.Fatal(err)
			}
		}
		day := disbursed.StartsAt.In(sh).Format(time.DateOnly)
		deals := []*app.Deal{
			{EnterpriseID: f.entIDs[3], InvestorID: f.investorID, MeetingID: &disbursed.ID, Status: app.DealDisbursed, Date: day},
			// An older loan of the kept pair does not stop the follow-ups.
			{EnterpriseID: f.entIDs[0], InvestorID: f.investorID, Status: app.DealDisbursed, Date: start.AddDate(-1, 0, 0).Format(time.DateOnly)},
			// Nor does a deal still being approved.
			{EnterpriseID: f.entIDs[4], InvestorID: f.investorID, Status: app.DealApproved, Date: day},
		}
		for _, dl := range deals {
			dl.Instrument, dl.AmountCNY = "loan", 5_000_000
			if err := s.CreateDeal(admin(), dl); err != nil {
				t.Fatal(err)
			}
		}

		first, last := f.endsRange()
		queue := func(now time.Time, want int64) {
			t.Helper()
			n, err := s.QueueFollowUps(ctx, now)
			if err != nil || n != want {
				t.Fatalf("at %v: queued %d (%v), want %d", now, n, err, want)
			}
		}
		days := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
		queue(first.Add(days(30)-time.Second), 0)
		queue(last.Add(days(30)), 6)
		want := wantFollowUps([]*app.Meeting{kept, plain}, entMail, 30)
		if got := followUpSet(followUps(t, s), app.NotificationPending); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("30-day follow-ups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		queue(last.Add(days(30)+time.Hour), 0)
		queue(last.Add(days(60)), 0)
		queue(last.Add(days(90)), 6)
		queue(last.Add(days(91)), 0)
		want = append(want, wantFollowUps([]*app.Meeting{kept, plain}, entMail, 90)...)
		sort.Strings(want)
		if got := followUpSet(followUps(t, s), ""); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("all follow-ups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		// Withdrawn: the plain meeting cancelled, the kept one found no fit.
		if _, err := s.CancelMeeting(admin(), plain.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordOutcome(admin(), kept.ID, app.OutcomeUpdate{Outcome: app.OutcomeNoFit}); err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, n := range followUps(t, s) {
			counts[n.Status]++
		}
		if counts[app.NotificationSuperseded] != 12 || len(counts) != 1 {
			t.Fatalf("after the cancellation and no_fit: %v, want 12 superseded", counts)
		}
	})
}

// TestStore_FollowUpContent: a follow-up goes to the parties' contacts as
// they are when it falls due, says how many days ago the meeting was and
// links to the meeting in the console; one more than a week late is never
// queued.
func TestStore_FollowUpContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
		f := newFollowUpFixture(t, s, start, 1)
		m := f.meetings[0]
		contacts := []app.Contact{{Name: "赵磊", Email: "zhaolei@bank.example.cn", Phone: "13900000003"}}
		if _, err := s.UpdateInvestor(admin(), f.investorID, app.InvestorUpdate{Contacts: &contacts}); err != nil {
			t.Fatal(err)
		}
		late := m.EndsAt.Add(30*24*time.Hour + store.FollowUpGrace + time.Minute)
		if n, err := s.QueueFollowUps(ctx, late); err != nil || n != 0 {
			t.Fatalf("more than a week late: queued %d (%v)", n, err)
		}
		srv, d := newMailSink(t, s)
		if _, err := d.Drain(ctx, late); err != nil { // the invites
			t.Fatal(err)
		}
		before := len(srv.Messages())
		at := m.EndsAt.Add(90*24*time.Hour + time.Minute)
		if n, err := s.QueueFollowUps(ctx, at); err != nil || n != 2 {
			t.Fatalf("90 days: queued %d (%v), want 2", n, err)
		}
		for _, n := range followUps(t, s) {
			if !strings.HasPrefix(n.Subject, "对接进展回访") || n.EventID == nil || *n.EventID != f.event.ID {
				t.Fatalf("follow-up row: %+v", n)
			}
		}
		if _, err := d.Drain(ctx, at); err != nil {
			t.Fatal(err)
		}
		msgs := srv.Messages()[before:]
		if len(msgs) != 2 {
			t.Fatalf("%d follow-ups sent, want 2", len(msgs))
		}
		for _, msg := range msgs {
			text := mailText(t, msg.Data)
			if msg.To[0] != "zhaolei@bank.example.cn" && msg.To[0] != "wangmin@example.cn" {
				t.Fatalf("sent to %v", msg.To)
			}
			for _, s := range []string{"90 天前", "90 days ago", fmt.Sprintf("/console/meetings/%d", m.ID)} {
				if !strings.Contains(text, s) {
					t.Fatalf("follow-up to %s lacks %q:\n%s", msg.To[0], s, text)
				}
			}
			other := "交通银行苏州分行"
			if msg.To[0] == "zhaolei@bank.example.cn" {
				other = "苏州测试科技有限公司"
			}
			if !strings.Contains(text, other) {
				t.Fatalf("follow-up to %s does not name %s:\n%s", msg.To[0], other, text)
			}
		}
	})
}
