package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"roadshow/app"
	"roadshow/app/sheet"
)

// WriteAgenda writes an event's agenda: the grid of tables × slots, the
// meetings one per row, and the pitch order.
func WriteAgenda(w io.Writer, a *app.Agenda, names app.PartyNames) error {
	return sheet.Write(w, AgendaSheets(a, names)...)
}

// AgendaSheets lays out an agenda. Times are in the event's zone.
func AgendaSheets(a *app.Agenda, names app.PartyNames) []sheet.Sheet {
	var out []sheet.Sheet
	if len(a.Slots) > 0 {
		out = append(out, gridSheet(a, names))
	}
	out = append(out, meetingSheet(a, names), pitchSheet(a, names))
	return out
}

// slotLabel is a slot's column header, e.g. "09:00–09:20".
func slotLabel(s app.Slot) string {
	return s.StartsAt.Format("15:04") + "–" + s.EndsAt.Format("15:04")
}

// gridSheet has a row per table and a column per slot; a cell names the
// enterprise and the investor meeting there.
func gridSheet(a *app.Agenda, names app.PartyNames) sheet.Sheet {
	sh := sheet.Sheet{Name: "会谈安排", FreezeCols: 1, Columns: []sheet.Column{{Header: "桌号", Width: 8}}}
	col := map[int]int{}
	for i, s := range a.Slots {
		col[s.Slot] = i + 1
		sh.Columns = append(sh.Columns, sheet.Column{Header: slotLabel(s), Width: 26})
	}
	tables := a.Event.Meeting.Tables
	grid := make([][]any, tables)
	for t := range grid {
		grid[t] = make([]any, len(a.Slots)+1)
		grid[t][0] = fmt.Sprintf("%d 号桌", t+1)
	}
	for _, m := range a.Meetings {
		if m.Status != app.MeetingCancelled && m.Table >= 1 && m.Table <= tables && col[m.Slot] > 0 {
			grid[m.Table-1][col[m.Slot]] = names.Enterprises[m.EnterpriseID] + " × " + names.Investors[m.InvestorID]
		}
	}
	for _, row := range grid {
		sh.Lines = append(sh.Lines, sheet.Line{Cells: row})
	}
	return sh
}

func meetingSheet(a *app.Agenda, names app.PartyNames) sheet.Sheet {
	sh := sheet.Sheet{Name: "会谈清单", FreezeCols: 2, Columns: []sheet.Column{
		{Header: "开始时间", Width: 18}, {Header: "结束时间", Width: 18}, {Header: "桌号", Kind: sheet.Int, Width: 8},
		{Header: "企业", Width: 32}, {Header: "金融机构", Width: 28}, {Header: "状态", Width: 10}, {Header: "时区", Width: 16},
	}}
	ms := append([]*app.Meeting(nil), a.Meetings...)
	sort.SliceStable(ms, func(i, j int) bool {
		return ms[i].StartsAt.Before(ms[j].StartsAt) || ms[i].StartsAt.Equal(ms[j].StartsAt) && ms[i].Table < ms[j].Table
	})
	for _, m := range ms {
		sh.Lines = append(sh.Lines, sheet.Line{Cells: []any{m.StartsAt.Format("2006-01-02 15:04"), m.EndsAt.Format("15:04"),
			m.Table, names.Enterprises[m.EnterpriseID], names.Investors[m.InvestorID], statusZH[m.Status], a.Event.TimeZone}})
	}
	return sh
}

var statusZH = map[string]string{app.MeetingScheduled: "已安排", app.MeetingCancelled: "已取消", app.MeetingDone: "已完成"}

func pitchSheet(a *app.Agenda, names app.PartyNames) sheet.Sheet {
	sh := sheet.Sheet{Name: "路演顺序", FreezeCols: 2, Columns: []sheet.Column{
		{Header: "场次", Width: 28}, {Header: "顺序", Kind: sheet.Int, Width: 8}, {Header: "开始时间", Width: 18},
		{Header: "结束时间", Width: 10}, {Header: "企业", Width: 32}, {Header: "会场", Width: 14},
	}}
	sessions := map[int64]*app.Session{}
	for _, s := range a.Sessions {
		sessions[s.ID] = s
	}
	for _, p := range a.Pitches {
		title, room := "", ""
		if s := sessions[p.SessionID]; s != nil {
			title, room = s.Title, s.Room
		}
		sh.Lines = append(sh.Lines, sheet.Line{Cells: []any{title, p.Order, p.StartsAt.Format("2006-01-02 15:04"),
			p.EndsAt.Format("15:04"), names.Enterprises[p.EnterpriseID], room}})
	}
	return sh
}

// WriteMatches writes an event's ranked pairs with their reasons.
func WriteMatches(w io.Writer, ms []app.Match, names app.PartyNames) error {
	sh := sheet.Sheet{Name: "匹配结果", FreezeCols: 2, Columns: []sheet.Column{
		{Header: "企业", Width: 32}, {Header: "金融机构", Width: 28}, {Header: "排名", Kind: sheet.Int, Width: 8},
		{Header: "匹配分", Kind: sheet.Int, Width: 10}, {Header: "必见", Width: 8}, {Header: "匹配理由", Width: 90},
	}}
	rank := map[int64]int{}
	for _, m := range ms {
		rank[m.EnterpriseID]++
		var reasons []string
		for _, r := range m.Reasons {
			if r.Points != 0 {
				reasons = append(reasons, fmt.Sprintf("%+d %s", r.Points, r.TextZH))
			}
		}
		pinned := ""
		if m.Pinned {
			pinned = "是"
		}
		sh.Lines = append(sh.Lines, sheet.Line{Cells: []any{names.Enterprises[m.EnterpriseID], names.Investors[m.InvestorID],
			rank[m.EnterpriseID], m.Score, pinned, strings.Join(reasons, "；")}})
	}
	return sheet.Write(w, sh)
}
