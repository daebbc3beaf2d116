package importer_test

import (
	"strings"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// A file of bad rows is reported up to app.MaxImportProblems problems:
// the check stops there, says so, and writes nothing, even with
// keep_valid.
func TestImport_ProblemsCapped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		var b strings.Builder
		b.WriteString("name,credit_code,zone,sector,stage,contact_name,contact_email\n")
		for range 5_000 {
			b.WriteString("x,bad,nowhere,nothing,never,,not-an-email\n")
		}
		b.WriteString("苏州好企业有限公司," + app.ExampleCreditCode(9) + ",苏州高新区,新材料,成长期,王敏,wm@example.cn\n")
		rep := f.run(t, admin(), app.ImportEnterprises, []byte(b.String()), app.ImportOptions{KeepValid: true})
		if len(rep.Errors) > app.MaxImportProblems+1 || !rep.Truncated || rep.Written || f.countEnterprises(t) != 0 {
			t.Fatalf("%d problems, truncated %v, written %v, %d enterprises", len(rep.Errors), rep.Truncated, rep.Written, f.countEnterprises(t))
		}
		if last := rep.Errors[len(rep.Errors)-1]; !strings.Contains(last.Message, "problems") {
			t.Fatalf("the report does not say it stopped: %+v", last)
		}
	})
}
