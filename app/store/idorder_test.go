package store_test

import (
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// markAllSent records every queued invite, update and cancellation as
// sent, as the dispatcher would.
func markAllSent(t *testing.T, s *store.Store) {
	t.Helper()
	_, err := s.DB().Exec("UPDATE notifications SET status = ?, sent_at = ?, next_attempt_at = NULL WHERE status = ? AND kind IN (?, ?, ?)",
		app.NotificationSent, time.Now().UTC(), app.NotificationPending, app.NotifyInvite, app.NotifyUpdate, app.NotifyCancel)
	if err != nil {
		t.Fatal(err)
	}
}

// renumberLikeTwoServers gives the outbox rows queued before the last step
// ids from a high range and the rows of the last step ids from a low one,
// as two TiDB servers with their own id ranges would: the newest rows get
// the smallest ids.
func renumberLikeTwoServers(t *testing.T, s *store.Store, lastBefore int64) {
	t.Helper()
	for _, q := range []string{
		"UPDATE notifications SET id = id + 1000000 WHERE id <= ?",
		"UPDATE notification_bodies SET id = id + 1000000 WHERE id <= ?",
		"UPDATE notifications SET id = id - ? WHERE id < 1000000",
		"UPDATE notification_bodies SET id = id - ? WHERE id < 1000000",
	} {
		if _, err := s.DB().Exec(q, lastBefore); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func maxNotificationID(t *testing.T, s *store.Store) int64 {
	t.Helper()
	var id int64
	if err := s.DB().QueryRow("SELECT COALESCE(MAX(id), 0) FROM notifications").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestCalendar_OutOfOrderIDs: an investor contact is invited to a meeting,
// removed (cancellation), added back (a new invite) and removed again. The
// re-invite carries a smaller id than the earlier cancellation, as when
// another TiDB server queued it: the contact still gets the second
// cancellation, since the latest message is found by its sequence and
// time, not its id.
func TestCalendar_OutOfOrderIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFollowUpFixture(t, s, time.Now().Add(7*24*time.Hour).Truncate(time.Hour), 1)
		inv, err := s.FindInvestorByID(admin(), f.investorID)
		if err != nil {
			t.Fatal(err)
		}
		both := inv.Contacts
		one := both[:1]
		anna := both[1].Email
		setContacts := func(cs []app.Contact) {
			t.Helper()
			cs = append([]app.Contact(nil), cs...)
			if _, err := s.UpdateInvestor(admin(), f.investorID, app.InvestorUpdate{Contacts: &cs}); err != nil {
				t.Fatal(err)
			}
			markAllSent(t, s)
		}
		markAllSent(t, s)
		setContacts(one) // cancellation, sequence 1
		before := maxNotificationID(t, s)
		setContacts(both) // invite again, sequence 1
		renumberLikeTwoServers(t, s, before)
		setContacts(one) // must cancel again, sequence 2

		var kinds []string
		rows, err := s.DB().Query("SELECT kind, sequence FROM notifications WHERE recipient = ? AND ref_type = 'meeting' "+
			"AND kind IN (?, ?, ?) ORDER BY sequence, created_at", anna, app.NotifyInvite, app.NotifyUpdate, app.NotifyCancel)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var kind string
			var seq int
			if err := rows.Scan(&kind, &seq); err != nil {
				t.Fatal(err)
			}
			kinds = append(kinds, kind+"@"+string(rune('0'+seq)))
		}
		want := []string{"invite@0", "cancel@1", "invite@1", "cancel@2"}
		if len(kinds) != len(want) {
			t.Fatalf("mails to the removed contact: %v, want %v", kinds, want)
		}
		for i := range want {
			if kinds[i] != want[i] {
				t.Fatalf("mails to the removed contact: %v, want %v", kinds, want)
			}
		}
	})
}

// TestCampaign_SameStartOutOfOrderIDs: of two campaigns starting the same
// day, the one created later is current, whatever their ids.
func TestCampaign_SameStartOutOfOrderIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := withClock(s)
		first := &app.Campaign{Name: "2041 第一批", StartsOn: "2041-03-01", ContactsDue: "2041-04-01", EndsOn: "2041-12-31"}
		if err := s.CreateCampaign(admin(), first); err != nil {
			t.Fatal(err)
		}
		clk.add(time.Hour)
		second := &app.Campaign{Name: "2041 第二批", StartsOn: "2041-03-01", ContactsDue: "2041-04-01", EndsOn: "2041-12-31"}
		if err := s.CreateCampaign(admin(), second); err != nil {
			t.Fatal(err)
		}
		// The first was created on a server whose id range is higher.
		if _, err := s.DB().Exec("UPDATE campaigns SET id = ? WHERE id = ?", first.ID+1000000, first.ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.CurrentCampaign(admin(), "2041-06-01")
		if err != nil || got.Name != second.Name {
			t.Fatalf("current campaign %+v, %v; want %q, the later one", got, err, second.Name)
		}
		list, err := s.FindCampaigns(admin())
		if err != nil || len(list) < 2 || list[0].Name != second.Name {
			t.Fatalf("campaigns newest first: %v, want %q first", err, second.Name)
		}
	})
}
