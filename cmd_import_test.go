package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
)

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "r.db")
	good := "企业名称,统一社会信用代码,所属高新区,行业,发展阶段,融资需求（万元）,联系人,邮箱\n" +
		"甲公司," + app.ExampleCreditCode(1) + ",苏州高新区,新材料,成长期,500,王,w@example.cn\n" +
		"乙公司," + app.ExampleCreditCode(2) + ",32103004,生物,初创期,300,李,l@example.cn\n"
	file := filepath.Join(dir, "企业.csv")
	if err := os.WriteFile(file, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := roadshowCmd(t, db, "import", "enterprises", file, "--dry-run")
	var rep app.ImportReport
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || rep.Created != 2 || rep.Written {
		t.Fatalf("dry run: %v\n%s\n%s", err, out, errOut)
	}
	out, errOut, err = roadshowCmd(t, db, "import", "enterprises", file)
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || rep.Created != 2 || !rep.Written ||
		!strings.Contains(errOut, "2/2 rows") || !strings.Contains(errOut, "2 created") {
		t.Fatalf("import: %v\n%s\n%s", err, out, errOut)
	}
	bad := strings.Replace(good, ",500,", ",-5,", 1)
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err = roadshowCmd(t, db, "import", "enterprises", file)
	if err == nil || json.Unmarshal([]byte(out), &rep) != nil || rep.Written || len(rep.Errors) != 1 ||
		!strings.Contains(errOut, "row 2, 融资需求（万元） (amount_wan): must be ≥ 0") {
		t.Fatalf("rejected row: %v\n%s\n%s", err, out, errOut)
	}
	var ue usageError
	for _, args := range [][]string{{"import"}, {"import", "meetings", file}, {"import", "enterprises", filepath.Join(dir, "none.xlsx")}} {
		if _, _, err := roadshowCmd(t, db, args...); !errors.As(err, &ue) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestExportCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "r.db")
	if _, _, err := roadshowCmd(t, db, "demo"); err != nil {
		t.Fatal(err)
	}
	progress, deals := filepath.Join(dir, "progress.xlsx"), filepath.Join(dir, "deals.xlsx")
	out, _, err := roadshowCmd(t, db, "export", "progress", "--province", "江苏省", "--out", progress)
	if err != nil || !strings.Contains(out, "1 complete") {
		t.Fatalf("export progress: %v %s", err, out)
	}
	f, err := excelize.OpenFile(progress)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("各高新区")
	f.Close()
	for _, r := range rows[1:] {
		if r[1] != "江苏省" {
			t.Fatalf("a %s zone in the 江苏省 return", r[1])
		}
	}
	out, _, err = roadshowCmd(t, db, "export", "deals", "--out", deals)
	if err != nil || !strings.Contains(out, "4 deals") {
		t.Fatalf("export deals: %v %s", err, out)
	}
	var ue usageError
	for _, args := range [][]string{{"export", "progress"}, {"export", "agenda", "--out", progress},
		{"export", "progress", "--province", "火星", "--out", progress}} {
		if _, _, err := roadshowCmd(t, db, args...); !errors.As(err, &ue) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}
