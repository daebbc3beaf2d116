package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
	"roadshow/app/importer"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

func as(p *app.Principal) context.Context {
	return app.NewContextWithPrincipal(context.Background(), p)
}

func admin() context.Context { return as(app.SystemPrincipal) }

// xlsx builds a one-sheet workbook from rows of cells.
func xlsx(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var zhHeader = []any{"企业名称", "统一社会信用代码", "所属高新区", "行业", "细分领域", "发展阶段", "企业标签", "创新积分",
	"融资需求（万元）", "融资方式", "资金用途", "联系人", "邮箱", "电话"}

// zhRow is a valid row for enterprise n of 苏州高新区.
func zhRow(n uint64) []any {
	return []any{fmt.Sprintf("苏州示例%d科技有限公司", n), app.ExampleCreditCode(n), "苏州高新区", "新一代信息技术产业", "人工智能",
		"成长期", "高新技术企业、科技型中小企业", 720, 3000.5, "贷款，股权", "研发", "王敏", fmt.Sprintf("wang%d@example.cn", n), 13800138000}
}

type fixture struct {
	s  *store.Store
	im *importer.Importer
}

func newFixture(t testing.TB, s *store.Store) fixture {
	return fixture{s: s, im: importer.New(s, s.Vocabulary())}
}

func (f fixture) run(t *testing.T, ctx context.Context, kind string, data []byte, opt app.ImportOptions) *app.ImportReport {
	t.Helper()
	rep, err := f.im.Import(ctx, kind, data, opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func (f fixture) countEnterprises(t *testing.T) int {
	t.Helper()
	list, err := f.s.FindEnterprises(admin(), app.EnterpriseFilter{Page: app.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	return len(list.Items)
}

func (f fixture) enterprise(t *testing.T, code string) *app.Enterprise {
	t.Helper()
	found, err := f.s.EnterprisesByCreditCode(admin(), []string{code})
	if err != nil || found[code] == nil {
		t.Fatalf("enterprise %s: %v", code, err)
	}
	return found[code]
}

func TestImport_Enterprises(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		rows := [][]any{{"2025年火炬赋能企业融资需求表"}, zhHeader, zhRow(1), {}, zhRow(2), zhRow(3)}
		rep := f.run(t, admin(), app.ImportEnterprises, xlsx(t, rows), app.ImportOptions{})
		if rep.Rejected() || rep.Rows != 3 || rep.Created != 3 || rep.Updated != 0 || !rep.Written || rep.Sheet != "Sheet1" {
			t.Fatalf("report %+v", rep)
		}
		e := f.enterprise(t, app.ExampleCreditCode(1))
		if e.Sector != "new_generation_it" || e.Subsector != "1.5" || e.Stage != "growth" || e.Need.AmountCNY != 30_005_000 ||
			strings.Join(e.Labels, ",") != "high_tech_enterprise,tech_sme" || strings.Join(e.Need.Instruments, ",") != "loan,equity" ||
			e.Contact.Phone != "13800138000" || e.InnovationPoints != 720 {
			t.Fatalf("imported %+v need %+v contact %+v", e, e.Need, e.Contact)
		}
		// The same file again, with one changed cell: updates, no duplicates.
		rows[2][8] = 1200
		rep = f.run(t, admin(), app.ImportEnterprises, xlsx(t, rows), app.ImportOptions{})
		if rep.Rejected() || rep.Created != 0 || rep.Updated != 3 || f.countEnterprises(t) != 3 {
			t.Fatalf("re-import %+v, %d enterprises", rep, f.countEnterprises(t))
		}
		if got := f.enterprise(t, app.ExampleCreditCode(1)).Need.AmountCNY; got != 12_000_000 {
			t.Fatalf("updated amount %d", got)
		}
	})
}

func TestImport_EnterprisesEnglishCSV(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := admin()
		code := app.ExampleCreditCodeIn("420100", 5)
		csv := "序号,name,credit_code,zone,sector,stage,labels,amount_cny,instruments,contact_name,contact_email,contact_title,remark\n" +
			"1,武汉光谷示例有限公司," + code + ",42103001,biotech,startup,\"tech_sme; gazelle\",\"5,000,000\",loan,刘洋,liu@example.cn,总经理,x\n"
		rep := f.run(t, ctx, app.ImportEnterprises, []byte(csv), app.ImportOptions{})
		if rep.Rejected() || rep.Created != 1 || strings.Join(rep.IgnoredColumns, ",") != "序号,remark" {
			t.Fatalf("report %+v", rep)
		}
		e := f.enterprise(t, code)
		if e.Need.AmountCNY != 5_000_000 || strings.Join(e.Labels, ",") != "tech_sme,gazelle" || e.Contact.Title != "总经理" {
			t.Fatalf("imported %+v", e)
		}
		// A file without the contact title keeps the stored one.
		csv2 := "name,credit_code,zone,sector,stage,contact_name,contact_email\n武汉光谷示例有限公司," + code + ",武汉东湖高新区,生物,初创期,刘洋,liu2@example.cn\n"
		rep = f.run(t, ctx, app.ImportEnterprises, []byte(csv2), app.ImportOptions{})
		e = f.enterprise(t, code)
		if rep.Updated != 1 || e.Contact.Title != "总经理" || e.Contact.Email != "liu2@example.cn" || e.Need.AmountCNY != 5_000_000 {
			t.Fatalf("partial update %+v: %+v %+v", rep, e.Contact, e.Need)
		}
	})
}

// errorsOf renders a report's errors as row:column.
func errorsOf(rep *app.ImportReport) string {
	var out []string
	for _, e := range rep.Errors {
		out = append(out, fmt.Sprintf("%d:%s", e.Row, e.Column))
	}
	return strings.Join(out, " ")
}

func TestImport_EnterprisesBadRows(t *testing.T) {
	bad := func(n uint64, col int, v any) []any {
		r := zhRow(n)
		r[col] = v
		return r
	}
	wrongCode := app.ExampleCreditCode(7)
	wrongCode = wrongCode[:17] + map[bool]string{true: "1", false: "0"}[wrongCode[17] == '0']
	rows := [][]any{zhHeader,
		zhRow(1),                   // 2: fine
		bad(2, 1, wrongCode),       // 3: check digit
		bad(3, 3, "农业"),            // 4: unknown sector
		bad(4, 8, -50),             // 5: negative amount
		bad(5, 2, "火星高新区"),         // 6: unknown zone
		bad(6, 12, "not-an-email"), // 7: e-mail
		zhRow(1),                   // 8: repeats row 2
		bad(9, 5, "壮年期"),           // 9: unknown stage
		bad(10, 6, "高新技术企业;独角兽;外星"), // 10: unknown label
		zhRow(11), // 11: fine
	}
	want := "3:credit_code 4:sector 5:amount_wan 6:zone 7:contact_email 8:credit_code 9:stage 10:labels"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		data := xlsx(t, rows)
		rep := f.run(t, admin(), app.ImportEnterprises, data, app.ImportOptions{})
		if got := errorsOf(rep); got != want {
			t.Fatalf("errors %s\nwant   %s\n%+v", got, want, rep.Errors)
		}
		if rep.Rows != 10 || rep.Created != 0 || rep.Written || f.countEnterprises(t) != 0 {
			t.Fatalf("nothing may be written: %+v, %d enterprises", rep, f.countEnterprises(t))
		}
		for _, e := range rep.Errors {
			if e.Message == "" || e.Header == "" {
				t.Errorf("error without message or header: %+v", e)
			}
		}
		if m := rep.Errors[0].Message; m != "check digit does not match" {
			t.Errorf("credit code message %q", m)
		}
		if m := rep.Errors[5].Message; m != "repeats row 2" {
			t.Errorf("duplicate message %q", m)
		}
		dry := f.run(t, admin(), app.ImportEnterprises, data, app.ImportOptions{DryRun: true, KeepValid: true})
		if dry.Created != 2 || dry.Written || f.countEnterprises(t) != 0 || errorsOf(dry) != want {
			t.Fatalf("dry run %+v", dry)
		}
		keep := f.run(t, admin(), app.ImportEnterprises, data, app.ImportOptions{KeepValid: true})
		if keep.Created != 2 || !keep.Written || f.countEnterprises(t) != 2 || errorsOf(keep) != want {
			t.Fatalf("keep valid %+v, %d enterprises", keep, f.countEnterprises(t))
		}
	})
}

func TestImport_FileProblems(t *testing.T) {
	noEmail := make([]any, 0, len(zhHeader))
	for _, h := range zhHeader {
		if h != "邮箱" {
			noEmail = append(noEmail, h)
		}
	}
	tests := []struct {
		name string
		data []byte
		want string // row:column of the one error
		msg  string
	}{
		{"EmptyFile", nil, "0:", "empty"},
		{"NotASpreadsheet", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "0:", "not a spreadsheet"},
		{"OldXLS", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00"), "0:", ".xls"},
		{"NoHeader", []byte("a,b,c\n1,2,3\n"), "1:", "no header row"},
		{"HeaderOnly", []byte("企业名称,统一社会信用代码,所属高新区,行业,发展阶段,联系人,邮箱\n"), "1:", "no data rows"},
		{"MissingColumn", nil, "1:contact_email", "missing column 邮箱 (contact_email)"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				data := tt.data
				if tt.name == "MissingColumn" {
					row := zhRow(1)
					data = xlsx(t, [][]any{noEmail, append(row[:12:12], row[13])})
				}
				rep := f.run(t, admin(), app.ImportEnterprises, data, app.ImportOptions{KeepValid: true})
				if errorsOf(rep) != tt.want || !strings.Contains(rep.Errors[0].Message, tt.msg) {
					t.Fatalf("errors %+v, want %s %q", rep.Errors, tt.want, tt.msg)
				}
				if rep.Written || f.countEnterprises(t) != 0 {
					t.Fatalf("written: %+v", rep)
				}
			})
		}
	})
}

func TestImport_Scope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		zones, _ := s.FindZones(admin(), app.ZoneFilter{Q: "苏州高新技术产业开发区", Page: app.Page{Limit: 1}})
		suzhou := zones.Items[0]
		org := as(&app.Principal{Role: app.RoleOrganizer, ZoneID: suzhou.ID})
		xian := zhRow(2)
		xian[2] = "西安高新区"
		rep := f.run(t, org, app.ImportEnterprises, xlsx(t, [][]any{zhHeader, zhRow(1), xian}), app.ImportOptions{KeepValid: true})
		if errorsOf(rep) != "3:zone" || rep.Created != 1 || f.countEnterprises(t) != 1 {
			t.Fatalf("organizer of 苏州 imports a 西安 row: %+v", rep)
		}
		// Without a zone column, a zone organizer's rows go to its zone.
		csv := "企业名称,统一社会信用代码,行业,发展阶段,联系人,邮箱\n乙公司," + app.ExampleCreditCode(3) + ",新材料,成熟期,李,li@example.cn\n"
		if rep := f.run(t, org, app.ImportEnterprises, []byte(csv), app.ImportOptions{}); rep.Rejected() || f.enterprise(t, app.ExampleCreditCode(3)).ZoneID != suzhou.ID {
			t.Fatalf("default zone: %+v", rep)
		}
		// The 西安 organizer may not update 苏州's enterprise through a file.
		xianZones, _ := s.FindZones(admin(), app.ZoneFilter{Q: "西安高新技术产业开发区", Page: app.Page{Limit: 1}})
		orgX := as(&app.Principal{Role: app.RoleOrganizer, ZoneID: xianZones.Items[0].ID})
		steal := zhRow(1)
		steal[2] = "西安高新区"
		rep = f.run(t, orgX, app.ImportEnterprises, xlsx(t, [][]any{zhHeader, steal}), app.ImportOptions{})
		if errorsOf(rep) != "2:credit_code" || f.enterprise(t, app.ExampleCreditCode(1)).ZoneID != suzhou.ID {
			t.Fatalf("another zone's enterprise: %+v", rep)
		}
		for name, tc := range map[string]struct {
			ctx  context.Context
			kind string
			code string
		}{
			"OrganizerInvestors": {org, app.ImportInvestors, app.EFORBIDDEN},
			"EnterpriseRole":     {as(&app.Principal{Role: app.RoleEnterprise, EnterpriseID: 1}), app.ImportEnterprises, app.EFORBIDDEN},
			"InvestorEnterprise": {as(&app.Principal{Role: app.RoleInvestor, InvestorID: 1}), app.ImportEnterprises, app.EFORBIDDEN},
			"Anonymous":          {context.Background(), app.ImportEnterprises, app.EUNAUTHORIZED},
			"UnknownKind":        {admin(), "meetings", app.ENOTFOUND},
		} {
			if _, err := f.im.Import(tc.ctx, tc.kind, []byte(csv), app.ImportOptions{}); app.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v, want %s", name, err, tc.code)
			}
		}
	})
}
