package importer_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
	"roadshow/app/importer"
	"roadshow/app/store/storetest"
	"roadshow/matching"
	"roadshow/matching/synth"
)

// BenchmarkImportEnterprises_50k_SQLite imports a 50,000-row .xlsx file of
// realistic enterprises into an empty SQLite database (target: ≤ 30 s).
func BenchmarkImportEnterprises_50k_SQLite(b *testing.B) { benchImport(b, "sqlite", 50_000) }

// BenchmarkImportEnterprises_50k_MariaDB is the same on MariaDB; it skips
// without ROADSHOW_TEST_MYSQL_DSN.
func BenchmarkImportEnterprises_50k_MariaDB(b *testing.B) { benchImport(b, "mysql", 50_000) }

func benchImport(b *testing.B, dialect string, n int) {
	data := enterpriseFile(b, n)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := storetest.MustOpen(b, dialect)
		im := importer.New(s, s.Vocabulary())
		b.StartTimer()
		rep, err := im.Import(admin(), app.ImportEnterprises, data, app.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Rejected() || rep.Created != n || !rep.Written {
			b.Fatalf("created %d of %d: %+v", rep.Created, n, rep.Errors[:min(5, len(rep.Errors))])
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// enterpriseFile writes n synthetic enterprises as an organizer's .xlsx
// file: Chinese headers, Chinese names for sectors, stages, labels and
// instruments, amounts in 万元, zones by name or code.
func enterpriseFile(tb testing.TB, n int) []byte {
	tb.Helper()
	v := app.MustLoadVocabulary()
	zones, err := app.SeedZones()
	if err != nil {
		tb.Fatal(err)
	}
	byProvince := map[string][]app.ZoneSeed{}
	for _, z := range zones {
		byProvince[z.Province] = append(byProvince[z.Province], z)
	}
	pop := synth.Generate(synth.Options{Enterprises: n, Seed: 2025})
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	if err := sw.SetRow("A1", zhHeader); err != nil {
		tb.Fatal(err)
	}
	for i, e := range pop.Enterprises {
		row := syntheticRow(v, byProvince, zones, i, e, pop.EnterpriseNames[i])
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func syntheticRow(v *app.Vocabulary, byProvince map[string][]app.ZoneSeed, all []app.ZoneSeed, i int,
	e matching.Enterprise, name string) []any {
	zs := byProvince[e.Province]
	if len(zs) == 0 {
		zs = all
	}
	z := zs[i%len(zs)]
	zone := z.NameZH
	if i%2 == 0 && z.Code != "" {
		zone = z.Code
	}
	zh := func(code string) string { t, _ := v.Term(code); return t.NameZH }
	labels := make([]string, len(e.Labels))
	for k, l := range e.Labels {
		labels[k] = zh(l)
	}
	instruments := make([]string, len(e.Instruments))
	for k, in := range e.Instruments {
		instruments[k] = zh(in)
	}
	sub := ""
	if v.SubsectorOf(e.Subsector, e.Sector) {
		sub = zh(e.Subsector)
	}
	return []any{fmt.Sprintf("%s%d", name, i), app.ExampleCreditCode(uint64(i + 1)), zone, zh(e.Sector), sub, zh(e.Stage),
		strings.Join(labels, "、"), e.InnovationPoints, float64(e.NeedAmount) / 10_000, strings.Join(instruments, "，"), "研发与扩产",
		"联系人" + fmt.Sprint(i%97), fmt.Sprintf("contact%d@example.cn", i), fmt.Sprintf("1380000%04d", i%10_000)}
}
