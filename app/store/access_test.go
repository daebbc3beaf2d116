package store_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/demo"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// TestStore_ListScopesFollowRules checks that the lists' SQL scopes show
// each caller exactly what the access rules in app let it see: events
// (app.SeesEvent), deals (app.MayRecordDeal, through FindDealByID),
// notifications (app.SeesNotification) and tokens (app.SeesToken).
func TestStore_ListScopesFollowRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d, err := demo.Load(context.Background(), s, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		addDrafts(t, s, d)
		callers := []*app.Principal{app.SystemPrincipal,
			{Role: app.RoleOrganizer, ZoneID: d.Zones[0].ID}, {Role: app.RoleOrganizer, ZoneID: d.Zones[1].ID},
			{Role: app.RoleOrganizer, BranchID: *d.Zones[0].BranchID}, {Role: app.RoleOrganizer, BranchID: *d.Zones[0].BranchID + 1000},
			{Role: app.RoleEnterprise, EnterpriseID: d.Enterprises[0].ID}, {Role: app.RoleInvestor, InvestorID: d.Investors[0].ID}}
		events := all(t, func(pg app.Page) (app.List[*app.Event], error) {
			return s.FindEvents(admin(), app.EventFilter{Page: pg})
		}, func(e *app.Event) int64 { return e.ID })
		deals := all(t, func(pg app.Page) (app.List[*app.Deal], error) { return s.FindDeals(admin(), app.DealFilter{Page: pg}) },
			func(x *app.Deal) int64 { return x.ID })
		addNotifications(t, s, events)
		notes := all(t, func(pg app.Page) (app.List[*app.Notification], error) {
			return s.FindNotifications(admin(), app.NotificationFilter{Page: pg})
		}, func(n *app.Notification) int64 { return n.ID })
		tokens := all(t, func(pg app.Page) (app.List[*app.Token], error) { return s.FindTokens(admin(), pg) },
			func(x *app.Token) int64 { return x.ID })
		if len(events) == 0 || len(deals) == 0 || len(notes) == 0 || len(tokens) < len(callers)-2 {
			t.Fatalf("fixture: %d events, %d deals, %d tokens", len(events), len(deals), len(tokens))
		}
		byID := map[int64]*app.Event{}
		for _, e := range events {
			byID[e.ID] = e
		}
		for _, p := range callers {
			ctx := as(p)
			name := fmt.Sprintf("%s z%d b%d e%d i%d", p.Role, p.ZoneID, p.BranchID, p.EnterpriseID, p.InvestorID)
			sameIDs(t, name+" events", func(pg app.Page) (app.List[*app.Event], error) {
				return s.FindEvents(ctx, app.EventFilter{Page: pg})
			}, func(e *app.Event) int64 { return e.ID }, events, func(e *app.Event) bool { return app.SeesEvent(p, e) })
			sameIDs(t, name+" deals", func(pg app.Page) (app.List[*app.Deal], error) {
				return s.FindDeals(ctx, app.DealFilter{Page: pg})
			}, func(x *app.Deal) int64 { return x.ID }, deals, func(x *app.Deal) bool {
				_, err := s.FindDealByID(ctx, x.ID)
				return err == nil
			})
			if p.IsStaff() {
				sameIDs(t, name+" notifications", func(pg app.Page) (app.List[*app.Notification], error) {
					return s.FindNotifications(ctx, app.NotificationFilter{Page: pg})
				}, func(n *app.Notification) int64 { return n.ID }, notes, func(n *app.Notification) bool {
					if n.EventID == nil {
						return app.SeesNotification(p, nil)
					}
					return app.SeesNotification(p, byID[*n.EventID])
				})
			}
			sameIDs(t, name+" tokens", func(pg app.Page) (app.List[*app.Token], error) { return s.FindTokens(ctx, pg) },
				func(x *app.Token) int64 { return x.ID }, tokens, func(x *app.Token) bool { return app.SeesToken(p, x) })
		}
	})
}

// addDrafts adds a draft event to the first two zones and to the first
// zone's branch.
func addDrafts(t *testing.T, s *store.Store, d *demo.Data) {
	t.Helper()
	start := time.Now().Add(240 * time.Hour).UTC().Truncate(time.Hour)
	for i, ev := range []*app.Event{{ZoneID: &d.Zones[0].ID}, {ZoneID: &d.Zones[1].ID}, {BranchID: d.Zones[0].BranchID}} {
		ev.Kind, ev.Title, ev.StartsAt, ev.EndsAt = app.KindRoadshow, fmt.Sprintf("草稿 %d", i), start, start.Add(time.Hour)
		if err := s.CreateEvent(admin(), ev); err != nil {
			t.Fatal(err)
		}
		if ev.Status != app.StatusDraft {
			t.Fatalf("new event is %s", ev.Status)
		}
	}
}

// addNotifications queues a dead outbox row about each event and one about
// none.
func addNotifications(t *testing.T, s *store.Store, events []*app.Event) {
	t.Helper()
	now := time.Now().UTC()
	for i := 0; i <= len(events); i++ {
		var eventID any
		if i < len(events) {
			eventID = events[i].ID
		}
		_, err := s.DB().Exec(`INSERT INTO notifications (kind, channel, event_id, ref_type, ref_id, sequence, recipient,
			dedupe_key, message_id, subject, status, attempts, due_at, last_error, created_at, updated_at)
			VALUES ('reminder', 'email', ?, 'meeting', 0, 0, 'scope@example.com', ?, ?, 'scope', 'dead', 1, ?, '', ?, ?)`,
			eventID, fmt.Sprintf("scope-%d", i), fmt.Sprintf("<scope-%d@example.com>", i), now, now, now)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// all pages through a list.
func all[T any](t *testing.T, find func(app.Page) (app.List[T], error), id func(T) int64) []T {
	t.Helper()
	var out []T
	pg := app.Page{Limit: app.MaxLimit}
	for {
		l, err := find(pg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l.Items...)
		if l.NextCursor == "" || len(l.Items) == 0 {
			return out
		}
		pg.AfterID = id(l.Items[len(l.Items)-1])
	}
}

// sameIDs compares the ids a caller's list shows with those of every item
// the rule lets it see.
func sameIDs[T any](t *testing.T, name string, find func(app.Page) (app.List[T], error), id func(T) int64, every []T, rule func(T) bool) {
	t.Helper()
	var got, want []int64
	for _, x := range all(t, find, id) {
		got = append(got, id(x))
	}
	for _, x := range every {
		if rule(x) {
			want = append(want, id(x))
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
	sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: list shows %v, the rule allows %v", name, got, want)
	}
}
