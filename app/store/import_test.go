package store_test

import (
	"fmt"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

func importBatch(zone int64, n int) *app.ImportBatch {
	b := &app.ImportBatch{}
	for i := 0; i < n; i++ {
		b.Enterprises = append(b.Enterprises, &app.Enterprise{Name: fmt.Sprintf("企业%d", i), CreditCode: app.ExampleCreditCode(uint64(i + 1)),
			ZoneID: zone, Sector: "new_materials", Stage: "growth", Labels: []string{}, Need: &app.Need{Instruments: []string{}},
			Contact: &app.Contact{Name: "王", Email: "w@example.cn"}})
	}
	return b
}

func countEnterprises(t *testing.T, s *store.Store) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow("SELECT COUNT(*) FROM enterprises").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStore_SaveImport_Atomic fails a batch in its third statement: the
// rows of the first statements must be rolled back with it.
func TestStore_SaveImport_Atomic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		zones, _ := s.FindZones(admin(), app.ZoneFilter{Q: "苏州高新技术产业开发区", Page: app.Page{Limit: 1}})
		zone := zones.Items[0]
		b := importBatch(zone.ID, 1200)
		b.Enterprises[1100].ZoneID = 999_999 // no such zone: the foreign key fails late in the batch
		var progressed int
		err := s.SaveImport(admin(), b, func(done, total int) { progressed = done })
		if err == nil || progressed == 0 {
			t.Fatalf("a batch with an unknown zone: %v (progress %d)", err, progressed)
		}
		if n := countEnterprises(t, s); n != 0 {
			t.Fatalf("%d enterprises left by a failed import", n)
		}
		b.Enterprises[1100].ZoneID = zone.ID
		if err := s.SaveImport(admin(), b, nil); err != nil || countEnterprises(t, s) != 1200 {
			t.Fatalf("import: %v, %d enterprises", err, countEnterprises(t, s))
		}
		// Again, with one change: an update, not a duplicate.
		b.Enterprises[7].Name = "改名企业"
		if err := s.SaveImport(admin(), b, nil); err != nil || countEnterprises(t, s) != 1200 {
			t.Fatalf("re-import: %v, %d enterprises", err, countEnterprises(t, s))
		}
		found, _ := s.EnterprisesByCreditCode(admin(), []string{app.ExampleCreditCode(8)})
		if e := found[app.ExampleCreditCode(8)]; e == nil || e.Name != "改名企业" || e.CreatedAt.IsZero() {
			t.Fatalf("updated %+v", e)
		}
	})
}

func TestStore_SaveImport_Scope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		zones, _ := s.FindZones(admin(), app.ZoneFilter{Q: "高新技术产业开发区", Page: app.Page{Limit: 2}})
		mine, other := zones.Items[0], zones.Items[1]
		org := as(&app.Principal{Role: app.RoleOrganizer, ZoneID: mine.ID})
		if err := s.SaveImport(org, importBatch(other.ID, 3), nil); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Fatalf("another zone's rows: %v", err)
		}
		if err := s.SaveImport(admin(), importBatch(other.ID, 3), nil); err != nil {
			t.Fatal(err)
		}
		// Moving another zone's enterprises into one's own zone is refused.
		if err := s.SaveImport(org, importBatch(mine.ID, 3), nil); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Fatalf("taking over another zone's enterprises: %v", err)
		}
		inv := as(&app.Principal{Role: app.RoleInvestor, InvestorID: 1})
		if err := s.SaveImport(inv, importBatch(mine.ID, 1), nil); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("an investor imports enterprises: %v", err)
		}
		investors := &app.ImportBatch{Investors: []*app.Investor{{Name: "x", Kind: "bank"}}}
		if err := s.SaveImport(org, investors, nil); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("an organizer imports investors: %v", err)
		}
	})
}
