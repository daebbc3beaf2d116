// Package export lays reports out as spreadsheets for organizers who work
// in Excel: the campaign return (progress.xlsx) and the deals list
// (deals.xlsx). Each report is a function from domain values to
// sheet.Sheet tables, written by app/sheet with Chinese headers, a frozen
// header row, numbers as numbers and amounts in 万元. An event's agenda
// (tables × time slots and the pitch order) and its matches are meant to
// be added the same way: a function building a grid sheet whose columns
// are the slots.
package export

import (
	"io"
	"strings"
	"time"

	"roadshow/app"
	"roadshow/app/sheet"
)

// WriteProgress writes the campaign return: one row per zone, then the
// totals per province and nationally.
func WriteProgress(w io.Writer, p *app.Progress, v *app.Vocabulary) error {
	return sheet.Write(w, ProgressSheets(p, v)...)
}

// ProgressSheets lays out a progress report: "各高新区" (a row per zone)
// and "分省汇总" (a row per province and a national total).
func ProgressSheets(p *app.Progress, v *app.Vocabulary) []sheet.Sheet {
	return []sheet.Sheet{zoneSheet(p, v), provinceSheet(p, v)}
}

// contactState and eventState name the items' states in Chinese.
func contactState(z *app.ZoneProgress) string {
	switch {
	case !z.ContactSubmitted:
		return "未报送"
	case z.ContactOnTime:
		return "按时报送"
	}
	return "逾期报送"
}

var eventStates = map[string]string{app.EventHeld: "已举办", app.EventPlanned: "已安排", app.EventMissing: "未举办"}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// instrumentColumns are one amount column per instrument.
func instrumentColumns(v *app.Vocabulary) []sheet.Column {
	cols := make([]sheet.Column, len(v.Instruments))
	for i, t := range v.Instruments {
		cols[i] = sheet.Column{Header: "其中" + t.NameZH + "（万元）", Kind: sheet.Wan, Width: 14}
	}
	return cols
}

func instrumentAmounts(v *app.Vocabulary, totals []app.InstrumentTotal) []any {
	out := make([]any, len(v.Instruments))
	for i, t := range v.Instruments {
		out[i] = int64(0)
		for _, x := range totals {
			if x.Instrument == t.Code {
				out[i] = x.AmountCNY
			}
		}
	}
	return out
}

func zoneSheet(p *app.Progress, v *app.Vocabulary) sheet.Sheet {
	cols := []sheet.Column{{Header: "序号", Kind: sheet.Int, Width: 6}, {Header: "省份", Width: 12}, {Header: "高新区", Width: 30},
		{Header: "高新区代码", Width: 11}, {Header: "联系人回执"}, {Header: "报送日期", Kind: sheet.Date, Width: 12}, {Header: "联系人", Width: 10},
		{Header: "主任-行长面对面", Width: 15}, {Header: "银企对接会"}, {Header: "融资路演"},
		{Header: "落地笔数", Kind: sheet.Int}, {Header: "落地金额（万元）", Kind: sheet.Wan, Width: 14}}
	cols = append(cols, instrumentColumns(v)...)
	cols = append(cols, sheet.Column{Header: "意向笔数", Kind: sheet.Int}, sheet.Column{Header: "意向金额（万元）", Kind: sheet.Wan, Width: 14},
		sheet.Column{Header: "经验材料", Kind: sheet.Int}, sheet.Column{Header: "完成项数（共5项）", Kind: sheet.Int, Width: 10},
		sheet.Column{Header: "全部完成"}, sheet.Column{Header: "风险提示", Width: 60})
	sh := sheet.Sheet{Name: "各高新区", Columns: cols, FreezeCols: 3}
	loc := app.ProgressLocation(nil)
	for i := range p.Zones {
		z := &p.Zones[i]
		var submitted, contact any
		if z.ContactSubmittedAt != nil {
			submitted = z.ContactSubmittedAt.In(loc).Format(time.DateOnly)
		}
		if z.Contact != nil {
			contact = z.Contact.Name
		}
		cells := []any{i + 1, z.Province, z.ZoneName, z.ZoneCode, contactState(z), submitted, contact,
			eventStates[z.Events[app.KindExchangeVisit]], eventStates[z.Events[app.KindMatchmaking]], eventStates[z.Events[app.KindRoadshow]],
			z.DealsCount, z.DealsAmountCNY}
		cells = append(cells, instrumentAmounts(v, z.DealsByInstrument)...)
		cells = append(cells, z.IntentCount, z.IntentAmountCNY, z.ExperiencesCount, z.ItemsDone, yesNo(z.Complete), riskText(z.Risks))
		sh.Lines = append(sh.Lines, sheet.Line{Cells: cells})
	}
	return sh
}

func riskText(risks []app.Risk) string {
	texts := make([]string, len(risks))
	for i, r := range risks {
		texts[i] = r.TextZH
	}
	return strings.Join(texts, "；")
}

func provinceSheet(p *app.Progress, v *app.Vocabulary) sheet.Sheet {
	cols := []sheet.Column{{Header: "省份", Width: 14}, {Header: "高新区数", Kind: sheet.Int}, {Header: "已报送回执", Kind: sheet.Int},
		{Header: "按时报送", Kind: sheet.Int}, {Header: "已举办面对面", Kind: sheet.Int}, {Header: "已举办对接会", Kind: sheet.Int},
		{Header: "已举办路演", Kind: sheet.Int}, {Header: "有落地的高新区", Kind: sheet.Int}, {Header: "落地笔数", Kind: sheet.Int},
		{Header: "落地金额（万元）", Kind: sheet.Wan, Width: 14}}
	cols = append(cols, instrumentColumns(v)...)
	cols = append(cols, sheet.Column{Header: "意向笔数", Kind: sheet.Int}, sheet.Column{Header: "意向金额（万元）", Kind: sheet.Wan, Width: 14},
		sheet.Column{Header: "有经验材料的高新区", Kind: sheet.Int}, sheet.Column{Header: "经验材料", Kind: sheet.Int},
		sheet.Column{Header: "全部完成", Kind: sheet.Int}, sheet.Column{Header: "存在风险", Kind: sheet.Int})
	sh := sheet.Sheet{Name: "分省汇总", Columns: cols, FreezeCols: 1}
	for _, pr := range p.Provinces {
		sh.Lines = append(sh.Lines, sheet.Line{Cells: totalsCells(v, pr.Province, &pr.ProgressTotals)})
	}
	sh.Lines = append(sh.Lines, sheet.Line{Cells: totalsCells(v, "全国合计", &p.National), Bold: true})
	return sh
}

func totalsCells(v *app.Vocabulary, name string, t *app.ProgressTotals) []any {
	cells := []any{name, t.Zones, t.ContactSubmitted, t.ContactOnTime, t.ExchangeVisit, t.Matchmaking, t.Roadshow,
		t.ZonesWithDeals, t.DealsCount, t.DealsAmountCNY}
	cells = append(cells, instrumentAmounts(v, t.DealsByInstrument)...)
	return append(cells, t.IntentCount, t.IntentAmountCNY, t.ZonesWithExperiences, t.ExperiencesCount, t.Complete, t.AtRisk)
}
