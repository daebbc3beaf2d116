package export

import (
	"io"
	"strconv"

	"roadshow/app"
	"roadshow/app/sheet"
)

// dealStatusNames are the deal statuses in Chinese.
var dealStatusNames = map[string]string{app.DealIntent: "意向", app.DealApproved: "已审批", app.DealDisbursed: "已放款"}

// WriteDeals writes the deals list.
func WriteDeals(w io.Writer, lines []*app.DealLine, v *app.Vocabulary) error {
	return sheet.Write(w, DealSheet(lines, v))
}

// DealSheet lays out deals one per row, then two total rows: financing
// landed (approved and disbursed) and intents.
func DealSheet(lines []*app.DealLine, v *app.Vocabulary) sheet.Sheet {
	sh := sheet.Sheet{Name: "融资落地", FreezeCols: 2, Columns: []sheet.Column{
		{Header: "编号", Kind: sheet.Int, Width: 8}, {Header: "日期", Kind: sheet.Date, Width: 12}, {Header: "省份", Width: 12},
		{Header: "高新区", Width: 28}, {Header: "企业名称", Width: 32}, {Header: "统一社会信用代码", Width: 22},
		{Header: "金融机构", Width: 24}, {Header: "金融产品", Width: 20}, {Header: "融资方式"},
		{Header: "金额（万元）", Kind: sheet.Wan, Width: 14}, {Header: "状态"}, {Header: "对接活动", Width: 30}, {Header: "备注", Width: 30},
	}}
	var landed, intent int64
	var nLanded, nIntent int
	for _, d := range lines {
		instrument := d.Instrument
		if t, ok := v.Term(d.Instrument); ok {
			instrument = t.NameZH
		}
		sh.Lines = append(sh.Lines, sheet.Line{Cells: []any{d.ID, d.Date, d.Province, d.ZoneName, d.EnterpriseName, d.CreditCode,
			d.InvestorName, d.ProductName, instrument, d.AmountCNY, dealStatusNames[d.Status], d.EventTitle, d.Note}})
		if d.Status == app.DealIntent {
			intent, nIntent = app.AddAmount(intent, d.AmountCNY), nIntent+1
		} else {
			landed, nLanded = app.AddAmount(landed, d.AmountCNY), nLanded+1
		}
	}
	sh.Lines = append(sh.Lines,
		sheet.Line{Bold: true, Cells: []any{nil, nil, nil, nil, "落地合计（已审批、已放款）", nil, nil, nil, nil, landed, strconv.Itoa(nLanded) + " 笔"}},
		sheet.Line{Bold: true, Cells: []any{nil, nil, nil, nil, "意向合计", nil, nil, nil, nil, intent, strconv.Itoa(nIntent) + " 笔"}})
	return sh
}
