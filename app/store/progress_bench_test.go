package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// BenchmarkProgress_MariaDB reports the campaign's progress over every
// seeded zone with 10,000 events and 50,000 deals (target: ≤ 200 ms).
func BenchmarkProgress_MariaDB(b *testing.B) {
	s := storetest.MustOpen(b, "mysql")
	benchProgress(b, s)
}

// BenchmarkProgress_SQLite is the same on the embedded database.
func BenchmarkProgress_SQLite(b *testing.B) {
	s := storetest.MustOpen(b, "sqlite")
	benchProgress(b, s)
}

func benchProgress(b *testing.B, s *store.Store) {
	seedCampaignVolume(b, s, 10_000, 50_000)
	ctx := admin()
	b.ResetTimer()
	for b.Loop() {
		p, err := s.CampaignProgress(ctx, app.ProgressFilter{})
		if err != nil {
			b.Fatal(err)
		}
		if p.National.Zones != 176 || p.National.DealsCount+p.National.IntentCount != 50_000 {
			b.Fatalf("national %+v", p.National)
		}
	}
}

// seedCampaignVolume bulk-inserts 2,000 enterprises, 20 investors, and the
// given numbers of events and deals of the 2025 campaign spread over the
// seeded zones.
func seedCampaignVolume(tb testing.TB, s *store.Store, events, deals int) {
	tb.Helper()
	ctx := admin()
	camp, err := s.CurrentCampaign(ctx, "2025-05-01")
	if err != nil {
		tb.Fatal(err)
	}
	zones, err := s.FindZones(ctx, app.ZoneFilter{Page: app.Page{Limit: 500}})
	if err != nil {
		tb.Fatal(err)
	}
	db, now := s.DB(), time.Now().UTC().Truncate(time.Microsecond)
	r := rand.New(rand.NewPCG(7, 11))
	zoneOf := func(i int) int64 { return zones.Items[i%len(zones.Items)].ID }
	const nEnt, nInv = 2000, 20
	bulkInsert(tb, db, "enterprises", "name, credit_code, zone_id, sector, stage, labels, need_instruments, need_purpose, created_at, updated_at",
		nEnt, func(i int) []any {
			return []any{fmt.Sprintf("企业%d", i), app.ExampleCreditCode(uint64(900_000 + i)), zoneOf(i), "new_materials", "growth", "[]", "[]", "", now, now}
		})
	bulkInsert(tb, db, "investors", "name, kind, sectors, stages, instruments, provinces, description, contacts, created_at, updated_at",
		nInv, func(i int) []any {
			return []any{fmt.Sprintf("机构%d", i), "bank", "[]", "[]", "[]", "[]", "", "[]", now, now}
		})
	firstEnt, firstInv := firstID(tb, db, "enterprises"), firstID(tb, db, "investors")
	statuses := []string{app.StatusDraft, app.StatusOpen, app.StatusScheduled, app.StatusClosed, app.StatusCancelled}
	start := time.Date(2025, 3, 10, 1, 0, 0, 0, time.UTC)
	bulkInsert(tb, db, "events", "kind, title, zone_id, campaign_id, description, starts_at, ends_at, timezone, status, slot_minutes, "+
		"break_minutes, tables_count, max_per_enterprise, max_per_investor, pitch_minutes, qa_minutes, created_at, updated_at",
		events, func(i int) []any {
			at := start.Add(time.Duration(r.IntN(110*24)) * time.Hour)
			return []any{app.EventKinds[i%3], "活动", zoneOf(i / 3), camp.ID, "", at, at.Add(4 * time.Hour), "Asia/Shanghai",
				statuses[r.IntN(len(statuses))], 20, 5, 10, 6, 16, 8, 7, now, now}
		})
	dealStatuses := app.DealStatuses
	instruments := []string{"loan", "equity", "bond", "leasing", "trust"}
	bulkInsert(tb, db, "deals", "campaign_id, enterprise_id, investor_id, zone_id, instrument, amount_cny, status, deal_date, note, created_at, updated_at",
		deals, func(i int) []any {
			ent := i % nEnt
			return []any{camp.ID, firstEnt + int64(ent), firstInv + int64(i%nInv), zoneOf(ent), instruments[r.IntN(5)],
				int64(100_000 * (1 + r.IntN(500))), dealStatuses[r.IntN(3)], "2025-05-20", "", now, now}
		})
}

func firstID(tb testing.TB, db *sql.DB, table string) int64 {
	var id int64
	if err := db.QueryRow("SELECT MIN(id) FROM " + table).Scan(&id); err != nil {
		tb.Fatal(err)
	}
	return id
}

// bulkInsert inserts n rows in multi-row INSERT statements of 500 rows.
func bulkInsert(tb testing.TB, db *sql.DB, table, cols string, n int, row func(i int) []any) {
	tb.Helper()
	width := strings.Count(cols, ",") + 1
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for lo := 0; lo < n; lo += 500 {
		hi := min(n, lo+500)
		args := make([]any, 0, (hi-lo)*width)
		for i := lo; i < hi; i++ {
			args = append(args, row(i)...)
		}
		q := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(tuple+", ", hi-lo), ", ")
		if _, err := db.ExecContext(context.Background(), q, args...); err != nil {
			tb.Fatalf("insert into %s: %v", table, err)
		}
	}
}
