package importer_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/importer"
	"roadshow/app/sheet"
	"roadshow/app/store/storetest"
)

// The worst files the limits still accept, and the bomb they refuse: each
// is checked (dry run) against an empty SQLite store. Run with -benchmem;
// peak RSS by hand with /usr/bin/time -v on the test binary.
func BenchmarkImportLimits_MaxCellsXLSX(b *testing.B) { benchLimits(b, worstXLSX(b)) }
func BenchmarkImportLimits_MaxCellsCSV(b *testing.B)  { benchLimits(b, worstCSV()) }
func BenchmarkImportLimits_MaxTextCSV(b *testing.B)   { benchLimits(b, textCSV()) }

// BenchmarkImportLimits_MaxValidXLSX checks the most valid rows the cell
// limit lets through (57,141 enterprises of 14 columns).
func BenchmarkImportLimits_MaxValidXLSX(b *testing.B) {
	benchLimits(b, enterpriseFile(b, worstRows-1))
}
func BenchmarkImportLimits_OneCellRowsBomb(b *testing.B) {
	benchLimits(b, sheetXLSX(b, func(w io.Writer) {
		for range 1 << 20 {
			io.WriteString(w, `<row><c><v>1</v></c></row>`)
		}
	}))
}

func benchLimits(b *testing.B, data []byte) {
	s := storetest.MustOpen(b, "sqlite")
	im := importer.New(s, s.Vocabulary())
	b.SetBytes(int64(len(data)))
	runtime.GC()
	stop := samplePeakHeap(b)
	defer stop()
	b.ResetTimer()
	for range b.N {
		rep, err := im.Import(admin(), app.ImportEnterprises, data, app.ImportOptions{DryRun: true})
		switch {
		case sheet.IsLimitError(err) || app.ErrorCode(err) == app.ETOOLARGE:
		case err != nil:
			b.Fatal(err)
		default:
			b.ReportMetric(float64(rep.Rows), "rows")
			b.ReportMetric(float64(len(rep.Errors)), "problems")
		}
	}
}

// samplePeakHeap samples the heap in use (the file included) every
// millisecond until stop, which reports the peak as peak-heap-MB.
func samplePeakHeap(b *testing.B) (stop func()) {
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var top uint64
		var m runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-done:
				peak <- top
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
	}
}

// The widest accepted sheet: the enterprise columns, and as many rows as
// the cell limit allows; every data row holds cells every column rejects.
var (
	worstColumns = len(zhHeader)
	worstRows    = min(sheet.DefaultLimits.Rows, sheet.DefaultLimits.Cells/worstColumns)
)

func worstHeader() []string {
	h := make([]string, 0, worstColumns)
	for _, v := range zhHeader {
		h = append(h, fmt.Sprint(v))
	}
	for len(h) < worstColumns {
		h = append(h, fmt.Sprintf("备注%d", len(h)))
	}
	return h
}

func worstXLSX(b *testing.B) []byte {
	return sheetXLSX(b, func(w io.Writer) {
		io.WriteString(w, "<row>")
		for _, h := range worstHeader() {
			fmt.Fprintf(w, `<c t="inlineStr"><is><t>%s</t></is></c>`, h)
		}
		io.WriteString(w, "</row>")
		row := "<row>" + strings.Repeat("<c><v>7</v></c>", worstColumns) + "</row>"
		for range worstRows - 1 {
			io.WriteString(w, row)
		}
	})
}

func worstCSV() []byte {
	var buf bytes.Buffer
	buf.WriteString(strings.Join(worstHeader(), ",") + "\n")
	row := strings.Repeat("7,", worstColumns-1) + "7\n"
	for range worstRows - 1 {
		buf.WriteString(row)
	}
	return bytes.Clone(buf.Bytes())
}

// textCSV is a CSV file of long cells just under the body limit (32 MiB)
// and the text limit.
func textCSV() []byte {
	var buf bytes.Buffer
	buf.WriteString(strings.Join(worstHeader(), ",") + "\n")
	cell := strings.Repeat("研", 20) // 60 bytes
	row := strings.Repeat(cell+",", worstColumns-1) + cell + "\n"
	for buf.Len()+len(row) < 31<<20 {
		buf.WriteString(row)
	}
	return bytes.Clone(buf.Bytes())
}

// sheetXLSX writes a one-sheet workbook straight into a zip.
func sheetXLSX(tb testing.TB, rows func(w io.Writer)) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, p[1])
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		tb.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	rows(w)
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
