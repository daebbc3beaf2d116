package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// participants is an open matchmaking event with one approved enterprise
// and one approved investor, and their principals.
type participants struct {
	event      *app.Event
	ent, inv   *app.Principal
	entID      int64
	investorID int64
}

func newParticipants(t *testing.T, s *store.Store, start time.Time) participants {
	t.Helper()
	z := firstZone(t, s)
	e := &app.Event{Kind: app.KindMatchmaking, Title: "苏州高新区银企对接会", ZoneID: &z.ID, Venue: "科技城会议中心",
		StartsAt: start, EndsAt: start.Add(8 * time.Hour)}
	if err := s.CreateEvent(admin(), e); err != nil {
		t.Fatal(err)
	}
	open := app.StatusOpen
	if _, err := s.UpdateEvent(admin(), e.ID, app.EventUpdate{Status: &open}); err != nil {
		t.Fatal(err)
	}
	ent := newEnterprise(z.ID, 21)
	entTok, err := s.CreateEnterprise(context.Background(), ent)
	if err != nil {
		t.Fatal(err)
	}
	inv := &app.Investor{Name: "交通银行苏州分行", Kind: "bank", Instruments: []string{"loan"}, Contacts: []app.Contact{
		{Name: "李强", Email: "liqiang@bank.example.cn", Phone: "13900000001", TimeZone: "Asia/Shanghai"},
		{Name: "Anna Li", Email: "anna@bank.example.com", Phone: "13900000002", TimeZone: "America/New_York"}}}
	invTok, err := s.CreateInvestor(context.Background(), inv)
	if err != nil {
		t.Fatal(err)
	}
	p := participants{event: e, entID: ent.ID, investorID: inv.ID}
	p.ent, _ = s.Authenticate(context.Background(), entTok)
	p.inv, _ = s.Authenticate(context.Background(), invTok)
	approved := app.RegApproved
	for _, r := range []struct {
		who  *app.Principal
		role string
	}{{p.ent, app.RegMeeter}, {p.inv, app.RegInvestor}} {
		reg := &app.Registration{EventID: e.ID, Role: r.role}
		if err := s.CreateRegistration(as(r.who), reg); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRegistration(admin(), reg.ID, app.RegistrationUpdate{Status: &approved}); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func digests(t *testing.T, s *store.Store) []*app.Notification {
	t.Helper()
	list, err := s.FindNotifications(admin(), app.NotificationFilter{Kind: app.NotifyRequestDigest, Page: app.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	return list.Items
}

// TestStore_QueueRequestDigests: one digest per contact per local day,
// from the digest hour in the contact's zone, about the requests waiting
// for that side's answer; none once they are answered.
func TestStore_QueueRequestDigests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sh, _ := time.LoadLocation("Asia/Shanghai")
		day := time.Now().In(sh).AddDate(0, 0, 1)
		at := func(d, hour int) time.Time {
			return time.Date(day.Year(), day.Month(), day.Day()+d, hour, 0, 0, 0, sh)
		}
		p := newParticipants(t, s, at(5, 9))
		toInvestor := &app.MeetingRequest{EventID: p.event.ID, InvestorID: p.investorID, Priority: 1, Note: "想了解交银火炬贷"}
		if err := s.CreateMeetingRequest(as(p.ent), toInvestor); err != nil {
			t.Fatal(err)
		}
		queue := func(now time.Time, want int64) {
			t.Helper()
			n, err := s.QueueRequestDigests(context.Background(), now)
			if err != nil || n != want {
				t.Fatalf("at %v: queued %d (%v), want %d", now, n, err, want)
			}
		}
		// 08:00 in Shanghai: only the New York contact's day (19:00 or 20:00) has reached 09:00.
		queue(at(0, 8), 1)
		if got := digests(t, s); got[0].Recipient != "anna@bank.example.com" || !strings.Contains(got[0].Subject, "1 个会谈请求") ||
			got[0].EventID == nil || *got[0].EventID != p.event.ID {
			t.Fatalf("first digest: %+v", got[0])
		}
		queue(at(0, 10), 1) // 李强; the enterprise has nothing to answer
		queue(at(0, 20), 0) // 李强 is done for the day; New York is before 09:00
		toEnterprise := &app.MeetingRequest{EventID: p.event.ID, EnterpriseID: p.entID}
		if err := s.CreateMeetingRequest(as(p.inv), toEnterprise); err != nil {
			t.Fatal(err)
		}
		queue(at(1, 10), 3) // a new day: both investor contacts and the enterprise contact
		for _, id := range []int64{toInvestor.ID} {
			if _, err := s.AnswerMeetingRequest(as(p.inv), id, app.RequestAccepted); err != nil {
				t.Fatal(err)
			}
		}
		queue(at(2, 10), 1) // only the enterprise still has a request to answer
		if _, err := s.AnswerMeetingRequest(as(p.ent), toEnterprise.ID, app.RequestDeclined); err != nil {
			t.Fatal(err)
		}
		queue(at(3, 10), 0)
		if got := len(digests(t, s)); got != 6 {
			t.Fatalf("%d digests in the outbox, want 6", got)
		}
	})
}
