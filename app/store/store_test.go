package store_test

import (
	"context"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

func admin() context.Context {
	return app.NewContextWithPrincipal(context.Background(), app.SystemPrincipal)
}

func as(p *app.Principal) context.Context {
	return app.NewContextWithPrincipal(context.Background(), p)
}

func TestStore_Migrate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		st, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Applied) != 0 || st.From != st.To || st.To == 0 {
			t.Fatalf("second migrate should be a no-op, got %+v", st)
		}
		if err := s.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		zones, _ := s.FindZones(admin(), app.ZoneFilter{Page: app.Page{Limit: 500}})
		branches, _ := s.FindBranches(admin(), app.BranchFilter{Page: app.Page{Limit: 500}})
		if len(zones.Items) != 176 || len(branches.Items) != 37 {
			t.Fatalf("seeded %d zones and %d branches after two seeds, want 176 and 37", len(zones.Items), len(branches.Items))
		}
		for _, z := range zones.Items {
			if z.Province != "西藏自治区" && z.BranchID == nil {
				t.Errorf("zone %s has no branch", z.Code)
			}
		}
	})
}

func TestStore_MigrateFresh(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			s := storetest.OpenEmpty(t, d)
			st, err := s.Migrate(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if st.From != 0 || len(st.Applied) == 0 {
				t.Fatalf("fresh migrate: %+v", st)
			}
			v, err := s.SchemaVersion(context.Background())
			if err != nil || v != st.To {
				t.Fatalf("schema version %d, %v; want %d", v, err, st.To)
			}
		})
	}
}

func newEnterprise(zoneID int64, n uint64) *app.Enterprise {
	return &app.Enterprise{Name: "苏州测试科技有限公司", CreditCode: app.ExampleCreditCode(n), ZoneID: zoneID,
		Sector: "biotech", Subsector: "4.1", Stage: "growth", Labels: []string{"tech_sme"}, InnovationPoints: 640,
		Need:    &app.Need{AmountCNY: 20_000_000, Instruments: []string{"loan"}, Purpose: "扩产"},
		Contact: &app.Contact{Name: "王敏", Email: "wangmin@example.cn", Phone: "13800138000"}}
}

func firstZone(t *testing.T, s *store.Store) *app.Zone {
	zones, err := s.FindZones(admin(), app.ZoneFilter{Q: "苏州工业园区", Page: app.Page{Limit: 1}})
	if err != nil || len(zones.Items) == 0 {
		zones, err = s.FindZones(admin(), app.ZoneFilter{Page: app.Page{Limit: 1}})
	}
	if err != nil || len(zones.Items) == 0 {
		t.Fatalf("no zone: %v", err)
	}
	return zones.Items[0]
}

func TestEnterpriseService_CreateEnterprise(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		z := firstZone(t, s)
		t.Run("OK", func(t *testing.T) {
			e := newEnterprise(z.ID, 1)
			tok, err := s.CreateEnterprise(context.Background(), e)
			if err != nil || tok == "" || e.ID == 0 {
				t.Fatalf("create: %v token=%q id=%d", err, tok, e.ID)
			}
			p, err := s.Authenticate(context.Background(), tok)
			if err != nil || !p.IsEnterprise(e.ID) {
				t.Fatalf("token authenticates as %+v, %v", p, err)
			}
			got, err := s.FindEnterpriseByID(as(p), e.ID)
			if err != nil || got.Contact == nil || got.Contact.Email != "wangmin@example.cn" || got.Need.AmountCNY != 20_000_000 {
				t.Fatalf("own read: %+v %v", got, err)
			}
		})
		t.Run("ErrDuplicateCreditCode", func(t *testing.T) {
			_, err := s.CreateEnterprise(context.Background(), newEnterprise(z.ID, 1))
			if app.ErrorCode(err) != app.ECONFLICT || app.ErrorFields(err)["credit_code"] == "" {
				t.Fatalf("want conflict on credit_code, got %v", err)
			}
		})
		t.Run("ErrUnknownZone", func(t *testing.T) {
			_, err := s.CreateEnterprise(context.Background(), newEnterprise(999999, 2))
			if app.ErrorFields(err)["zone_id"] == "" {
				t.Fatalf("want zone_id error, got %v", err)
			}
		})
		t.Run("PrivateFieldsHidden", func(t *testing.T) {
			other := newEnterprise(z.ID, 3)
			tok, err := s.CreateEnterprise(context.Background(), other)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := s.Authenticate(context.Background(), tok)
			list, err := s.FindEnterprises(as(p), app.EnterpriseFilter{})
			if err != nil || len(list.Items) != 2 {
				t.Fatalf("list: %v %d", err, len(list.Items))
			}
			for _, e := range list.Items {
				if (e.Contact != nil) != (e.ID == other.ID) {
					t.Fatalf("enterprise %d sees contact of %d: %+v", other.ID, e.ID, e.Contact)
				}
			}
		})
	})
}

func TestEventService_Transitions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		z := firstZone(t, s)
		org := &app.Principal{Role: app.RoleOrganizer, ZoneID: z.ID}
		start := time.Date(2025, 5, 20, 1, 0, 0, 0, time.UTC)
		e := &app.Event{Kind: app.KindMatchmaking, Title: "银企对接会", StartsAt: start, EndsAt: start.Add(8 * time.Hour)}
		if err := s.CreateEvent(as(org), e); err != nil {
			t.Fatal(err)
		}
		if e.ZoneID == nil || *e.ZoneID != z.ID || e.CampaignID == nil || e.Status != app.StatusDraft {
			t.Fatalf("defaults: %+v", e)
		}
		if e.StartsAt.Location().String() != "Asia/Shanghai" || e.StartsAt.Hour() != 9 {
			t.Fatalf("times not shown in the event zone: %v", e.StartsAt)
		}
		step := func(to string) error {
			_, err := s.UpdateEvent(as(org), e.ID, app.EventUpdate{Status: &to})
			return err
		}
		if err := step("closed"); app.ErrorCode(err) != app.ECONFLICT {
			t.Fatalf("draft → closed: %v", err)
		}
		for _, to := range []string{"open", "scheduled", "closed"} {
			if err := step(to); err != nil {
				t.Fatalf("→ %s: %v", to, err)
			}
		}
		if _, err := s.CancelEvent(as(org), e.ID); app.ErrorCode(err) != app.ECONFLICT {
			t.Fatalf("cancel closed: %v", err)
		}
		other := &app.Principal{Role: app.RoleOrganizer, ZoneID: z.ID + 1}
		if _, err := s.CancelEvent(as(other), e.ID); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Fatalf("other organizer: %v", err)
		}
	})
}

func TestRegistrationService_Capacity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		z := firstZone(t, s)
		start := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Hour)
		e := &app.Event{Kind: app.KindRoadshow, Title: "融资路演", ZoneID: &z.ID, StartsAt: start, EndsAt: start.Add(4 * time.Hour), Capacity: 1}
		if err := s.CreateEvent(admin(), e); err != nil {
			t.Fatal(err)
		}
		open := "open"
		if _, err := s.UpdateEvent(admin(), e.ID, app.EventUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		var regs []*app.Registration
		for i := uint64(10); i < 12; i++ {
			ent := newEnterprise(z.ID, i)
			tok, err := s.CreateEnterprise(context.Background(), ent)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := s.Authenticate(context.Background(), tok)
			r := &app.Registration{EventID: e.ID, Role: app.RegPitcher}
			if err := s.CreateRegistration(as(p), r); err != nil {
				t.Fatal(err)
			}
			regs = append(regs, r)
		}
		approved := app.RegApproved
		if _, err := s.UpdateRegistration(admin(), regs[0].ID, app.RegistrationUpdate{Status: &approved}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRegistration(admin(), regs[1].ID, app.RegistrationUpdate{Status: &approved}); app.ErrorCode(err) != app.ECONFLICT {
			t.Fatalf("second approval over capacity: %v", err)
		}
		rejected := app.RegRejected
		if _, err := s.UpdateRegistration(admin(), regs[0].ID, app.RegistrationUpdate{Status: &rejected}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRegistration(admin(), regs[1].ID, app.RegistrationUpdate{Status: &approved}); err != nil {
			t.Fatalf("approval after a place freed: %v", err)
		}
	})
}
