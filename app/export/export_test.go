package export_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
	"roadshow/app/export"
)

var vocab = app.MustLoadVocabulary()

func open(t *testing.T, buf *bytes.Buffer) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkCells compares cells' raw values; numbers must be stored as
// numbers.
func checkCells(t *testing.T, f *excelize.File, sheet string, want map[string]string, numeric ...string) {
	t.Helper()
	for cell, v := range want {
		got, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil || got != v {
			t.Errorf("%s!%s = %q (%v), want %q", sheet, cell, got, err, v)
		}
	}
	for _, cell := range numeric {
		typ, _ := f.GetCellType(sheet, cell)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s is of type %v, want a number", sheet, cell, typ)
		}
	}
}

func progressFixture() *app.Progress {
	b1, b2 := int64(10), int64(20)
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	in := app.ProgressInput{
		Campaign: app.Campaign{ID: 1, Name: "2025", StartsOn: "2025-03-06", ContactsDue: "2025-03-15", EndsOn: "2025-06-30"},
		Now:      at("2025-07-02T04:00:00Z"),
		Zones: []*app.Zone{{ID: 1, Code: "32103004", NameZH: "苏州高新技术产业开发区", Province: "江苏省", BranchID: &b1},
			{ID: 2, Code: "42103001", NameZH: "武汉东湖新技术开发区", Province: "湖北省", BranchID: &b2}},
		Contacts: []app.ContactFact{{ZoneID: 1, Name: "陈晨", SubmittedAt: at("2025-03-10T08:00:00Z")},
			{ZoneID: 2, Name: "刘洋", SubmittedAt: at("2025-03-20T03:00:00Z")}},
		Events: []app.EventTally{{ZoneID: 1, Kind: app.KindExchangeVisit, Status: app.StatusClosed, Count: 1},
			{ZoneID: 1, Kind: app.KindMatchmaking, Status: app.StatusClosed, Count: 1},
			{ZoneID: 1, Kind: app.KindRoadshow, Status: app.StatusClosed, Count: 1},
			{ZoneID: 2, Kind: app.KindExchangeVisit, Status: app.StatusClosed, Count: 1},
			{ZoneID: 2, Kind: app.KindRoadshow, Status: app.StatusScheduled, Count: 1, Ended: 1}},
		Deals: []app.DealTally{{ZoneID: 1, Status: app.DealDisbursed, Instrument: "loan", Count: 2, AmountCNY: 18_000_000},
			{ZoneID: 1, Status: app.DealApproved, Instrument: "equity", Count: 1, AmountCNY: 15_000_000},
			{ZoneID: 2, Status: app.DealIntent, Instrument: "loan", Count: 1, AmountCNY: 5_000_000}},
		Experiences: []app.ExperienceTally{{ZoneID: 1, Count: 1}},
	}
	p := app.ComputeProgress(in)
	p.HideContacts(&app.Principal{Role: app.RoleOrganizer, ZoneID: 1})
	return p
}

func TestWriteProgress(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteProgress(&buf, progressFixture(), vocab); err != nil {
		t.Fatal(err)
	}
	f := open(t, &buf)
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "各高新区" || got[1] != "分省汇总" {
		t.Fatalf("sheets %v", got)
	}
	// Columns: A 序号 … L 落地金额, M–T the eight instruments (loan is N,
	// equity M), U 意向笔数, V 意向金额, W 经验材料, X 完成项数, Y 全部完成, Z 风险提示.
	checkCells(t, f, "各高新区", map[string]string{
		"A1": "序号", "C1": "高新区", "E1": "联系人回执", "H1": "主任-行长面对面", "L1": "落地金额（万元）", "M1": "其中股权（万元）",
		"N1": "其中贷款（万元）", "Z1": "风险提示",
		"A2": "1", "B2": "江苏省", "C2": "苏州高新技术产业开发区", "D2": "32103004", "E2": "按时报送", "F2": "45726", "G2": "陈晨",
		"H2": "已举办", "I2": "已举办", "J2": "已举办", "K2": "3", "L2": "3300", "M2": "1500", "N2": "1800", "O2": "0",
		"U2": "0", "W2": "1", "X2": "5", "Y2": "是", "Z2": "",
		"C3": "武汉东湖新技术开发区", "E3": "逾期报送", "G3": "", "I3": "未举办", "J3": "已举办", "K3": "0", "L3": "0",
		"U3": "1", "V3": "500", "X3": "2", "Y3": "否",
		"Z3": "活动已于 2025-06-30 结束，未举办银企对接会；活动已于 2025-06-30 结束，尚无融资落地；活动已于 2025-06-30 结束，未报送可复制推广经验",
	}, "A2", "F2", "K2", "L2", "M2", "N2", "V3", "X3")
	checkCells(t, f, "分省汇总", map[string]string{
		"A1": "省份", "B1": "高新区数", "J1": "落地金额（万元）",
		"A2": "江苏省", "B2": "1", "C2": "1", "D2": "1", "J2": "3300",
		"A3": "湖北省", "D3": "0", "G3": "1", "S3": "1", "T3": "500",
		"A4": "全国合计", "B4": "2", "C4": "2", "D4": "1", "E4": "2", "F4": "1", "G4": "2", "H4": "1", "I4": "3", "J4": "3300",
		"K4": "1500", "L4": "1800", "S4": "1", "T4": "500", "U4": "1", "V4": "1", "W4": "1", "X4": "1",
	}, "B4", "J4", "T4", "X4")
	for _, name := range []string{"各高新区", "分省汇总"} {
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", name, panes)
		}
	}
	if got, _ := f.GetCellValue("各高新区", "L2"); got != "3,300.00" {
		t.Errorf("amount shown as %q, want 3,300.00 (万元)", got)
	}
	style, _ := f.GetCellStyle("分省汇总", "A4")
	if s, _ := f.GetStyle(style); s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("the national row is not bold")
	}
}

func TestWriteDeals(t *testing.T) {
	product := int64(3)
	lines := []*app.DealLine{
		{Deal: app.Deal{ID: 7, ProductID: &product, Instrument: "loan", AmountCNY: 10_000_000, Status: app.DealDisbursed, Date: "2025-05-08",
			Note: "两周放款"}, EnterpriseName: "苏州甲", CreditCode: app.ExampleCreditCode(1), ZoneName: "苏州高新技术产业开发区",
			Province: "江苏省", InvestorName: "交通银行苏州分行", ProductName: "交银火炬贷", EventTitle: "春季银企对接会"},
		{Deal: app.Deal{ID: 9, Instrument: "equity", AmountCNY: 12_345, Status: app.DealIntent, Date: "2025-06-20"},
			EnterpriseName: "武汉乙", ZoneName: "武汉东湖新技术开发区", Province: "湖北省", InvestorName: "光谷创投"},
		{Deal: app.Deal{ID: 11, Instrument: "leasing", AmountCNY: 5_000_000, Status: app.DealApproved, Date: "2025-06-21"},
			EnterpriseName: "苏州丙", InvestorName: "租赁公司"},
	}
	var buf bytes.Buffer
	if err := export.WriteDeals(&buf, lines, vocab); err != nil {
		t.Fatal(err)
	}
	f := open(t, &buf)
	checkCells(t, f, "融资落地", map[string]string{
		"A1": "编号", "B1": "日期", "J1": "金额（万元）", "K1": "状态",
		"A2": "7", "B2": "45785", "C2": "江苏省", "E2": "苏州甲", "F2": app.ExampleCreditCode(1), "G2": "交通银行苏州分行",
		"H2": "交银火炬贷", "I2": "贷款", "J2": "1000", "K2": "已放款", "L2": "春季银企对接会", "M2": "两周放款",
		"A3": "9", "I3": "股权", "J3": "1.2345", "K3": "意向", "H3": "",
		"I4": "租赁", "K4": "已审批",
		"E5": "落地合计（已审批、已放款）", "J5": "1500", "K5": "2 笔",
		"E6": "意向合计", "J6": "1.2345", "K6": "1 笔",
	}, "A2", "B2", "J2", "J3", "J5")
	if got, _ := f.GetCellValue("融资落地", "B2"); got != "2025-05-08" {
		t.Errorf("date shown as %q", got)
	}
	panes, _ := f.GetPanes("融资落地")
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 2 {
		t.Errorf("panes %+v", panes)
	}
	rows, _ := f.GetRows("融资落地")
	if len(rows) != 6 {
		t.Errorf("%d rows, want header, 3 deals, 2 totals: %v", len(rows), fmt.Sprint(rows))
	}
}
