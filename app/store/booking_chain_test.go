package store_test

import (
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// TestStore_AcceptedRequestQueuesItsMails: an investor accepting a
// self-service request books the meeting and, in the same call, queues
// its calendar invites and reminders to every contact of both sides;
// cancelling the meeting before they went out withdraws them.
func TestStore_AcceptedRequestQueuesItsMails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := newParticipants(t, s, time.Now().Add(72*time.Hour).Truncate(time.Hour))
		selfService := app.EventSettings{BookingMode: app.BookingSelfService}
		if _, err := s.UpdateEvent(admin(), p.event.ID, app.EventUpdate{Settings: &selfService}); err != nil {
			t.Fatal(err)
		}
		a, err := s.Agenda(admin(), p.event.ID)
		if err != nil || len(a.Slots) == 0 {
			t.Fatalf("agenda: %v, %d slots", err, len(a.Slots))
		}
		at := a.Slots[0].StartsAt
		r := &app.MeetingRequest{EventID: p.event.ID, InvestorID: p.investorID, Priority: 1, ProposedStart: &at}
		if err := s.CreateMeetingRequest(as(p.ent), r); err != nil {
			t.Fatal(err)
		}
		if n := countKind(t, s, app.NotifyInvite); n != 0 {
			t.Fatalf("%d invites before the answer", n)
		}
		if _, err := s.AnswerMeetingRequest(as(p.inv), r.ID, app.RequestAccepted); err != nil {
			t.Fatal(err)
		}
		ms, err := s.FindMeetings(admin(), app.MeetingFilter{EventID: p.event.ID})
		if err != nil || len(ms) != 1 || !ms[0].StartsAt.Equal(at) {
			t.Fatalf("meetings after the acceptance: %v %+v", err, ms)
		}
		// The enterprise's contact and the investor's two contacts.
		if n := countKind(t, s, app.NotifyInvite); n != 3 {
			t.Fatalf("%d invites, want 3", n)
		}
		if n := countKind(t, s, app.NotifyReminder); n == 0 || n%3 != 0 {
			t.Fatalf("%d reminders, want some for each of the 3 contacts", n)
		}
		if _, err := s.CancelMeeting(admin(), ms[0].ID); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{app.NotifyInvite, app.NotifyReminder, app.NotifyCancel} {
			if n := countKind(t, s, kind); n != 0 {
				t.Fatalf("%d %s mails left after the cancellation, want 0", n, kind)
			}
		}
	})
}

func countKind(t *testing.T, s *store.Store, kind string) int {
	t.Helper()
	list, err := s.FindNotifications(admin(), app.NotificationFilter{Kind: kind, Page: app.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range list.Items {
		if x.Status != app.NotificationSuperseded {
			n++
		}
	}
	return n
}
