package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/demo"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

func zoneRow(t *testing.T, p *app.Progress, id int64) app.ZoneProgress {
	t.Helper()
	for _, z := range p.Zones {
		if z.ZoneID == id {
			return z
		}
	}
	t.Fatalf("zone %d is not in the progress", id)
	return app.ZoneProgress{}
}

func riskCodes(z app.ZoneProgress) map[string]bool {
	out := map[string]bool{}
	for _, r := range z.Risks {
		out[r.Code+":"+r.Item] = true
	}
	return out
}

func TestStore_CampaignProgress_Demo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d, err := demo.Load(context.Background(), s, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.CampaignProgress(admin(), app.ProgressFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Zones) != 176 || p.National.Zones != 176 || p.Campaign.ContactsDue != "2025-03-15" {
			t.Fatalf("%d zones, national %d, campaign %+v", len(p.Zones), p.National.Zones, p.Campaign)
		}
		suzhou, wuhan, xian := zoneRow(t, p, d.Zones[0].ID), zoneRow(t, p, d.Zones[1].ID), zoneRow(t, p, d.Zones[2].ID)
		if !suzhou.ContactSubmitted || !suzhou.ContactOnTime || !suzhou.ExchangeVisit || !suzhou.Matchmaking || !suzhou.Roadshow ||
			suzhou.DealsCount != 3 || suzhou.DealsAmountCNY != 33_000_000 || suzhou.ExperiencesCount != 1 || !suzhou.Complete || suzhou.AtRisk {
			t.Errorf("苏州 %+v", suzhou)
		}
		if suzhou.Contact == nil || suzhou.Contact.Name != "陈晨" {
			t.Errorf("admin sees the contact name: %+v", suzhou.Contact)
		}
		if !wuhan.ContactSubmitted || wuhan.ContactOnTime || !wuhan.ExchangeVisit || !wuhan.Roadshow || wuhan.Matchmaking ||
			wuhan.Events[app.KindMatchmaking] != app.EventMissing || wuhan.DealsCount != 0 || wuhan.IntentCount != 1 ||
			wuhan.IntentAmountCNY != 5_000_000 || wuhan.Complete {
			t.Errorf("武汉 %+v", wuhan)
		}
		if r := riskCodes(wuhan); !r["missed:matchmaking"] || !r["missed:deals"] || !r["missed:experience"] || r["contact_overdue:contact"] || len(r) != 3 {
			t.Errorf("武汉 risks %v", r)
		}
		if xian.ContactSubmitted || xian.ExchangeVisit || xian.Matchmaking || xian.Roadshow || xian.ItemsDone != 0 {
			t.Errorf("西安 %+v", xian)
		}
		if r := riskCodes(xian); !r["contact_overdue:contact"] || len(r) != 6 {
			t.Errorf("西安 risks %v", r)
		}
		if p.National.Complete != 1 || p.National.ContactSubmitted != 2 || p.National.ContactOnTime != 1 || p.National.AtRisk != 175 {
			t.Errorf("national %+v", p.National)
		}
	})
}

func TestStore_CampaignProgress_Scope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d, err := demo.Load(context.Background(), s, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		suzhou := d.Zones[0]
		org := as(&app.Principal{Role: app.RoleOrganizer, ZoneID: suzhou.ID})
		p, err := s.CampaignProgress(org, app.ProgressFilter{Province: "江苏省"})
		if err != nil {
			t.Fatal(err)
		}
		for _, z := range p.Zones {
			if z.Province != "江苏省" {
				t.Fatalf("zone of %s in a 江苏省 report", z.Province)
			}
			if (z.Contact != nil) != (z.ZoneID == suzhou.ID) {
				t.Fatalf("zone %d: contact %+v shown to the 苏州 organizer", z.ZoneID, z.Contact)
			}
		}
		if len(p.Provinces) != 1 || p.National.Zones != len(p.Zones) || p.National.Complete != 1 {
			t.Fatalf("province filter: %+v", p.National)
		}
		wuhanOrg := as(&app.Principal{Role: app.RoleOrganizer, ZoneID: d.Zones[1].ID})
		p, err = s.CampaignProgress(wuhanOrg, app.ProgressFilter{BranchID: *suzhou.BranchID})
		if err != nil {
			t.Fatal(err)
		}
		if z := zoneRow(t, p, suzhou.ID); !z.Complete || z.Contact != nil {
			t.Fatalf("another organizer sees 苏州's flags but not its contact: %+v", z)
		}
		for _, z := range p.Zones {
			if z.BranchID == nil || *z.BranchID != *suzhou.BranchID {
				t.Fatalf("branch filter let zone %d through", z.ZoneID)
			}
		}
		for name, tc := range map[string]struct {
			ctx  context.Context
			f    app.ProgressFilter
			code string
		}{
			"Anonymous":       {context.Background(), app.ProgressFilter{}, app.EUNAUTHORIZED},
			"Enterprise":      {as(&app.Principal{Role: app.RoleEnterprise, EnterpriseID: d.Enterprises[0].ID}), app.ProgressFilter{}, app.EFORBIDDEN},
			"UnknownProvince": {admin(), app.ProgressFilter{Province: "火星"}, app.EINVALID},
			"UnknownCampaign": {admin(), app.ProgressFilter{CampaignID: 999}, app.ENOTFOUND},
		} {
			if _, err := s.CampaignProgress(tc.ctx, tc.f); app.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v, want %s", name, err, tc.code)
			}
		}
	})
}

func TestStore_CampaignMissing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d, err := demo.Load(context.Background(), s, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		camp, err := s.CurrentCampaign(admin(), "2025-05-01")
		if err != nil {
			t.Fatal(err)
		}
		missing, err := s.CampaignMissing(admin(), camp.ID, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		byZone := map[int64]app.ZoneMissing{}
		for _, m := range missing {
			byZone[m.ZoneID] = m
		}
		if len(missing) != 175 {
			t.Fatalf("%d zones miss something, want 175 (all but 苏州)", len(missing))
		}
		if _, ok := byZone[d.Zones[0].ID]; ok {
			t.Fatalf("苏州 is complete but listed: %+v", byZone[d.Zones[0].ID])
		}
		wuhan := byZone[d.Zones[1].ID]
		if fmt.Sprint(wuhan.Items) != "[matchmaking deals experience]" || wuhan.ContactEmail != "liuyang@demo.roadshow.example.cn" {
			t.Fatalf("武汉 %+v", wuhan)
		}
		if xian := byZone[d.Zones[2].ID]; len(xian.Items) != 6 || xian.ContactEmail != "" {
			t.Fatalf("西安 %+v", xian)
		}
		// Before 武汉's roadshow date it was only planned.
		early, err := s.CampaignMissing(admin(), camp.ID, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range early {
			if m.ZoneID == d.Zones[1].ID && fmt.Sprint(m.Items) != "[matchmaking roadshow deals experience]" {
				t.Fatalf("武汉 on 2025-06-01: %v", m.Items)
			}
		}
		org := as(&app.Principal{Role: app.RoleOrganizer, ZoneID: d.Zones[0].ID})
		if _, err := s.CampaignMissing(org, camp.ID, time.Now()); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Fatalf("organizer: %v", err)
		}
	})
}

// TestStore_CampaignProgress_ConcurrentWrites records and advances deals
// while reports are read: every report must be consistent (zones add up
// to provinces and the nation, each deal counted once as intent or landed)
// and never go backwards.
func TestStore_CampaignProgress_ConcurrentWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d, err := demo.Load(context.Background(), s, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		const writers, perWriter = 3, 8
		ctx, cancel := context.WithCancel(admin())
		defer cancel()
		var wg sync.WaitGroup
		errs := make(chan error, writers+1)
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				errs <- writeDeals(admin(), s, d, w, perWriter)
			}(w)
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		base := 4 // the demo's deals
		last := 0
		check := func() {
			p, err := s.CampaignProgress(ctx, app.ProgressFilter{})
			if err != nil {
				t.Fatal(err)
			}
			n := p.National.DealsCount + p.National.IntentCount
			if n < last || n < base || n > base+writers*perWriter {
				t.Fatalf("deals seen %d after %d", n, last)
			}
			last = n
			sum := 0
			for _, pr := range p.Provinces {
				sum += pr.DealsCount + pr.IntentCount
			}
			if sum != n {
				t.Fatalf("provinces count %d deals, nation %d", sum, n)
			}
		}
		for running := true; running; {
			select {
			case <-done:
				running = false
			default:
				check()
			}
		}
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		check()
		if last != base+writers*perWriter {
			t.Fatalf("final count %d, want %d", last, base+writers*perWriter)
		}
	})
}

// writeDeals records n deals for demo enterprises and moves each forward.
func writeDeals(ctx context.Context, s *store.Store, d *demo.Data, w, n int) error {
	for i := 0; i < n; i++ {
		e := d.Enterprises[(w*n+i)%len(d.Enterprises)]
		deal := &app.Deal{EnterpriseID: e.ID, InvestorID: d.Investors[w%len(d.Investors)].ID, Instrument: "loan",
			AmountCNY: int64(1_000_000 * (i + 1)), Date: "2025-05-2" + fmt.Sprint(w)}
		if err := s.CreateDeal(ctx, deal); err != nil {
			return err
		}
		approved := app.DealApproved
		if _, err := s.UpdateDeal(ctx, deal.ID, app.DealUpdate{Status: &approved}); err != nil {
			return err
		}
	}
	return nil
}

// TestMigrate_ProgressIndexesRerun replays migration 0005 as after a crash
// between its statements and its record: MySQL has no CREATE INDEX IF NOT
// EXISTS, so the runner must accept the existing indexes.
func TestMigrate_ProgressIndexesRerun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if _, err := s.DB().Exec("DELETE FROM schema_migrations WHERE version = 5"); err != nil {
			t.Fatal(err)
		}
		st, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatalf("re-running 0005: %v", err)
		}
		if len(st.Applied) != 1 || st.Applied[0] != "0005_campaign" {
			t.Fatalf("applied %v", st.Applied)
		}
	})
}
