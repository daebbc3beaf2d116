package api_test

import (
	"fmt"
	"testing"

	"roadshow/app/sheet"
)

// openWorkbook parses a downloaded .xlsx and returns its sheets by name.
func openWorkbook(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	tables, kind, err := sheet.Read(data)
	if err != nil || kind != sheet.XLSX {
		t.Fatalf("read workbook: %v (%s)", err, kind)
	}
	out := map[string][][]string{}
	for _, tb := range tables {
		for _, r := range tb.Rows {
			out[tb.Sheet] = append(out[tb.Sheet], r.Cells)
		}
	}
	return out
}

func TestAgendaXLSX(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 3, 2)
		ev := path("/api/v1/events/%d", f.event)
		var plan planJSON
		h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(t, &plan)
		r := h.must(200, "GET", ev+"/agenda.xlsx", h.org, nil)
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("content type %q", ct)
		}
		wb := openWorkbook(t, r.Body)
		grid := wb["会谈安排"]
		if len(grid) != 1+10 { // header + the default 10 tables
			t.Fatalf("grid rows %d", len(grid))
		}
		entName := map[int64]string{}
		for i, id := range f.ents {
			entName[id] = fmt.Sprintf("苏州测试科技有限公司%c", 'A'+rune((i+1)%26))
		}
		invName := map[int64]string{f.invs[0]: "测试投资机构00", f.invs[1]: "测试投资机构01"}
		for _, m := range plan.Meetings {
			want := entName[m.EnterpriseID] + " × " + invName[m.InvestorID]
			if got := cell(grid, m.Table, m.Slot); got != want {
				t.Fatalf("grid table %d slot %d = %q, want %q", m.Table, m.Slot, got, want)
			}
		}
		if n := len(wb["会谈清单"]) - 1; n != len(plan.Meetings) {
			t.Fatalf("meeting list has %d rows for %d meetings", n, len(plan.Meetings))
		}
		own := openWorkbook(t, h.must(200, "GET", ev+"/agenda.xlsx", f.entTokens[0], nil).Body)
		for _, row := range own["会谈清单"][1:] {
			if row[3] != entName[f.ents[0]] {
				t.Fatalf("an enterprise's agenda lists another's meeting: %v", row)
			}
		}
		if r := h.do("GET", ev+"/matches.xlsx", f.entTokens[0], nil); r.Status != 403 {
			t.Fatalf("enterprise downloads matches: %d", r.Status)
		}
		matches := openWorkbook(t, h.must(200, "GET", ev+"/matches.xlsx", h.org, nil).Body)["匹配结果"]
		var api struct{ Items []matchJSON }
		h.must(200, "GET", ev+"/matches", h.org, nil).Decode(t, &api)
		if len(matches)-1 != len(api.Items) {
			t.Fatalf("matches.xlsx has %d rows, the API %d", len(matches)-1, len(api.Items))
		}
		for i, m := range api.Items {
			if row := matches[i+1]; row[0] != entName[m.EnterpriseID] || row[3] != fmt.Sprint(m.Score) {
				t.Fatalf("row %d = %v, want %s score %d", i+2, row, entName[m.EnterpriseID], m.Score)
			}
		}
	})
}

// cell returns the grid cell of a table (row) and a slot (column).
func cell(grid [][]string, table, slot int) string {
	row := grid[table]
	if slot >= len(row) {
		return ""
	}
	return row[slot]
}
