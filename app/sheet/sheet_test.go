package sheet_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"roadshow/app/sheet"
)

// xlsxOf builds a workbook with excelize from rows of values per sheet.
func xlsxOf(t *testing.T, sheets map[string][][]any, hidden ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, name := range []string{"企业", "Sheet2", "隐藏"} {
		rows, ok := sheets[name]
		if !ok {
			continue
		}
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, h := range hidden {
		if err := f.SetSheetVisible(h, false); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func rowsOf(tab *sheet.Table) []string {
	var out []string
	for _, r := range tab.Rows {
		out = append(out, strings.Join(append([]string{string(rune('0' + r.Num))}, r.Cells...), "|"))
	}
	return out
}

func TestRead_XLSX(t *testing.T) {
	data := xlsxOf(t, map[string][][]any{
		"企业": {
			{"企业名称", "融资需求（万元）", "电话", "创新积分"},
			{"甲公司", 3000.5, 13800138000, 720},
			{},
			{"乙公司", 1234567, "0512-68751234", nil},
		},
		"隐藏": {{"x"}},
	}, "隐藏")
	tables, format, err := sheet.Read(data)
	if err != nil || format != sheet.XLSX {
		t.Fatalf("read: %v %s", err, format)
	}
	if len(tables) != 1 || tables[0].Sheet != "企业" {
		t.Fatalf("tables %+v (the hidden sheet must be skipped)", tables)
	}
	want := []string{"1|企业名称|融资需求（万元）|电话|创新积分", "2|甲公司|3000.5|13800138000|720", "4|乙公司|1234567|0512-68751234"}
	if got := rowsOf(tables[0]); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows\n%q\nwant\n%q", got, want)
	}
}

func TestRead_CSV(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("企业名称,行业\n苏州甲,新材料\n")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("企业名称\t行业\n乙\t生物\n")
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"UTF8", "企业名称,行业\n甲,新材料\n", []string{"1|企业名称|行业", "2|甲|新材料"}},
		{"BOM", "\uFEFF企业名称,行业\r\n甲,新材料\r\n", []string{"1|企业名称|行业", "2|甲|新材料"}},
		{"GBK", gbk, []string{"1|企业名称|行业", "2|苏州甲|新材料"}},
		{"UTF16Tabs", utf16, []string{"1|企业名称|行业", "2|乙|生物"}},
		{"Semicolons", "name;sector\nA;biotech\n", []string{"1|name|sector", "2|A|biotech"}},
		{"BlankLinesCount", "name,sector\n\n\nA,biotech\r\n\r\nB,new_energy\n", []string{"1|name|sector", "4|A|biotech", "6|B|new_energy"}},
		{"EmptyRecordsCount", "name,sector\n,\nA,biotech\n", []string{"1|name|sector", "3|A|biotech"}},
		{"MultiLineCell", "name,purpose\nA,\"研发\n扩产\"\nB,x\n", []string{"1|name|purpose", "2|A|研发\n扩产", "3|B|x"}},
		{"LeadingBlank", "\nname\nA\n", []string{"2|name", "3|A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, format, err := sheet.Read([]byte(tt.data))
			if err != nil || format != sheet.CSV || len(tables) != 1 {
				t.Fatalf("read: %v %s %d", err, format, len(tables))
			}
			if got := rowsOf(tables[0]); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("rows %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRead_NotASpreadsheet(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"Empty", "", "empty"},
		{"Whitespace", " \n\t\n", "empty"},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"},
		{"XLS", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", ".xls"},
		{"ZipNotXLSX", "PK\x03\x04garbage that is not a zip archive at all", "not a readable .xlsx"},
		{"Latin1Garbage", "name\n\xff\xfe\xfd\xfc\x80\x81\n", "neither UTF-8 nor GB18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := sheet.Read([]byte(tt.data))
			if !sheet.IsFormatError(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want a format error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestWrite_RoundTrip(t *testing.T) {
	sh := sheet.Sheet{Name: "落地融资", FreezeCols: 1, Columns: []sheet.Column{
		{Header: "企业", Kind: sheet.Text}, {Header: "笔数", Kind: sheet.Int}, {Header: "金额（万元）", Kind: sheet.Wan},
		{Header: "日期", Kind: sheet.Date}, {Header: "占比", Kind: sheet.Decimal},
	}, Lines: []sheet.Line{
		{Cells: []any{"甲公司", 2, int64(15_000_000), "2025-05-20", 0.25}},
		{Cells: []any{"乙公司", 1, int64(12_345), time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), nil}},
		{Cells: []any{"合计", 3, int64(15_012_345), nil, nil}, Bold: true},
	}}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, sh, sheet.Sheet{Name: "第二页", Columns: []sheet.Column{{Header: "x"}}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"落地融资", "第二页"}) {
		t.Fatalf("sheets %v", got)
	}
	want := map[string]string{"A1": "企业", "C1": "金额（万元）", "A2": "甲公司", "B2": "2", "C2": "1500", "C3": "1.2345",
		"D2": "45797", "E2": "0.25", "A4": "合计", "C4": "1501.2345", "E3": ""}
	for cell, v := range want {
		got, err := f.GetCellValue("落地融资", cell, excelize.Options{RawCellValue: true})
		if err != nil || got != v {
			t.Errorf("%s = %q (%v), want %q", cell, got, err, v)
		}
	}
	for _, cell := range []string{"B2", "C2", "D2", "E2", "C4"} {
		if typ, _ := f.GetCellType("落地融资", cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s has type %v, want a number", cell, typ)
		}
	}
	if got, _ := f.GetCellValue("落地融资", "C2"); got != "1,500.00" {
		t.Errorf("C2 shows %q, want 1,500.00", got)
	}
	if got, _ := f.GetCellValue("落地融资", "D2"); got != "2025-05-20" {
		t.Errorf("D2 shows %q, want 2025-05-20", got)
	}
	panes, err := f.GetPanes("落地融资")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 1 {
		t.Fatalf("panes %+v %v", panes, err)
	}
	style, _ := f.GetCellStyle("落地融资", "A4")
	if s, _ := f.GetStyle(style); s == nil || s.Font == nil || !s.Font.Bold {
		t.Fatalf("total row is not bold")
	}
}

func TestWrite_BadValue(t *testing.T) {
	sh := sheet.Sheet{Name: "x", Columns: []sheet.Column{{Header: "金额", Kind: sheet.Wan}}, Lines: []sheet.Line{{Cells: []any{"12"}}}}
	if err := sheet.Write(&bytes.Buffer{}, sh); err == nil || !strings.Contains(err.Error(), "金额") {
		t.Fatalf("a string amount: %v", err)
	}
}
