package sheet_test

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"roadshow/app/sheet"
)

// rawBook writes a workbook straight into a zip: one sheet per body of
// rows (a body starting "hidden:" is a hidden sheet), and shared strings
// when sst is not empty.
func rawBook(t *testing.T, sst string, sheets ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	var wb, rels strings.Builder
	for i, body := range sheets {
		id := string(rune('1' + i))
		state := ""
		if strings.HasPrefix(body, "hidden:") {
			body, state = strings.TrimPrefix(body, "hidden:"), ` state="hidden"`
		}
		wb.WriteString(`<sheet name="S` + id + `" sheetId="` + id + `"` + state + ` r:id="rId` + id + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + id + `" Type="worksheet" Target="/xl/worksheets/sheet` + id + `.xml"/>`)
		put("xl/worksheets/sheet"+id+".xml", `<worksheet `+ns+`><sheetData>`+body+`</sheetData></worksheet>`)
	}
	put("xl/workbook.xml", `<?xml version="1.0"?><workbook `+ns+`><sheets>`+wb.String()+`</sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	if sst != "" {
		put("xl/sharedStrings.xml", `<sst `+ns+`>`+sst+`</sst>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRead_XLSXStream(t *testing.T) {
	data := rawBook(t,
		`<si><t>名称</t></si><si><r><t>甲</t></r><r><rPr/><t xml:space="preserve">公司 </t></r><rPh><t>コウ</t></rPh></si><si><t>a_x000D_b</t></si>`,
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>金额 &amp; 币种</t></is></c></row>`+
			`<row r="4"><c t="s"><v>1</v></c><c><v>3000.5</v></c><c t="str"><f>A1</f><v>x</v></c><c r="IW4"><v></v></c></row>`+
			`<row><c r="B5" t="s"><v>2</v></c><c r="D5" t="b"><v>1</v></c></row>`,
		`hidden:<row r="1"><c r="A1"><v>9</v></c></row>`)
	tables, format, err := sheet.Read(data)
	if err != nil || format != sheet.XLSX || len(tables) != 1 || tables[0].Sheet != "S1" {
		t.Fatalf("read: %v %s %+v", err, format, tables)
	}
	want := []sheet.Row{{Num: 1, Cells: []string{"名称", "", "金额 & 币种"}}, {Num: 4, Cells: []string{"甲公司 ", "3000.5", "x"}},
		{Num: 5, Cells: []string{"", "a\rb", "", "1"}}}
	if !reflect.DeepEqual(tables[0].Rows, want) {
		t.Fatalf("rows\n%+v\nwant\n%+v", tables[0].Rows, want)
	}
}

func TestRead_Limits(t *testing.T) {
	small := sheet.Limits{Rows: 3, Columns: 3, CellChars: 5, Cells: 12, Text: 40, LineBytes: 30, Unzipped: 4096, Parts: 10, Tokens: 120}
	tests := []struct {
		name  string
		data  []byte
		limit string
	}{
		{"CSVRows", []byte("a\nb\nc\nd\n"), "rows"},
		{"CSVBlankRowsCount", []byte("a\n\n\n\nb\n"), "rows"},
		{"CSVBlankLinesOnly", []byte("a\n" + strings.Repeat("\r\n", 10) + "b\n"), "rows"},
		{"CSVColumns", []byte("a,b,c,d\n"), "columns"},
		{"CSVCellChars", []byte("a,甲乙丙丁戊己\n"), "cell_chars"},
		{"CSVLine", []byte(strings.Repeat("x", 31) + "\n"), "line_bytes"},
		{"CSVLineNoNewline", []byte("a\n" + strings.Repeat(",", 40)), "line_bytes"},
		{"CSVText", []byte("aaaaa,aaaaa,aaaaa\naaaaa,aaaaa,aaaaa\naaaaa,aaaaa,aaaaa\n"), "text"},
		{"XLSXRows", rawBook(t, "", `<row r="1"><c><v>1</v></c></row><row r="4"><c><v>1</v></c></row>`), "rows"},
		{"XLSXSparseRow", rawBook(t, "", `<row r="1048576"><c><v>1</v></c></row>`), "rows"},
		{"XLSXColumns", rawBook(t, "", `<row><c r="XFD1"><v>1</v></c></row>`), "columns"},
		{"XLSXCells", rawBook(t, "", `<row>`+strings.Repeat(`<c r="Z1"/>`, 13)+`</row>`), "cells"},
		{"XLSXSharedCellChars", rawBook(t, `<si><t>甲乙丙丁戊己</t></si>`, `<row><c t="s"><v>0</v></c></row>`), "cell_chars"},
		{"XLSXTokens", rawBook(t, "", `<row><c><v>1</v></c></row>`+strings.Repeat("<x/>", 60)), "tokens"},
		{"XLSXUnzipped", rawBook(t, "", `<row><c><v>`+strings.Repeat("1", 5000)+`</v></c></row>`), "unzipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := sheet.ReadLimited(tt.data, small)
			var le *sheet.LimitError
			if !errorsAs(err, &le) || le.Limit != tt.limit {
				t.Fatalf("error %v, want the %s limit", err, tt.limit)
			}
		})
	}
	// Within the limits, including blank cells past the last column.
	ok := rawBook(t, "", `<row><c><v>1</v></c><c r="F1"><v> </v></c></row>`)
	if _, _, err := sheet.ReadLimited(ok, small); err != nil {
		t.Fatalf("within limits: %v", err)
	}
}

func errorsAs(err error, target **sheet.LimitError) bool {
	le, ok := err.(*sheet.LimitError)
	*target = le
	return ok
}
