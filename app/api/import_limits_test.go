package api_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"roadshow/app/api"
)

// rawXLSX writes a minimal workbook whose one sheet is sheetXML's rows,
// written straight into the zip so that a test can build files excelize
// would take long to write.
func rawXLSX(t *testing.T, rows func(w io.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
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
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	rows(w)
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oneCellRows is the spreadsheet bomb of the report: every row of the
// sheet holds one short cell (1,048,576 rows pack into about 1 MB).
func oneCellRows(n int) func(w io.Writer) {
	return func(w io.Writer) {
		row := []byte(`<row><c><v>1</v></c></row>`)
		for range n {
			w.Write(row)
		}
	}
}

// bigLimitHarness serves h's store with the production body limit.
func bigLimitHarness(h *harness) *harness {
	h.srv = api.New(services(h.store), api.Options{JSONLimit: 64 << 10, BodyLimit: 32 << 20, DB: h.store.DB()})
	return h
}

// TestImportAPI_Limits feeds spreadsheet bombs to a dry-run import: each is
// refused with 413 and a message naming the limit it broke.
func TestImportAPI_Limits(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		h = bigLimitHarness(h)
		_, tokInv := h.registerInvestor("交通银行")
		header := "name,credit_code,zone,sector,stage,contact_name,contact_email\n"
		cases := []struct {
			name, mime string
			data       func() []byte
			limit      string
		}{
			{"OneCellRowsXLSX", mimeXLSX, func() []byte { return rawXLSX(t, oneCellRows(1_048_576)) }, "rows"},
			{"ManyRowsCSV", "text/csv", func() []byte { return []byte(header + strings.Repeat("a,b\n", 2_000_000)) }, "rows"},
			{"WideHeaderCSV", "text/csv", func() []byte { return []byte(strings.Repeat("col,", 20_000) + "x\n") }, "columns"},
			{"WideRowXLSX", mimeXLSX, func() []byte {
				return rawXLSX(t, func(w io.Writer) {
					io.WriteString(w, `<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>`)
				})
			}, "columns"},
			{"LongCellCSV", "text/csv", func() []byte { return []byte(header + strings.Repeat("a", 100_000) + ",b\n") }, "characters"},
			{"HugeLineCSV", "text/csv", func() []byte { return []byte(header + strings.Repeat("a", 30<<20)) }, "line"},
			{"HugeUncompressedXLSX", mimeXLSX, func() []byte {
				return rawXLSX(t, func(w io.Writer) {
					io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>`)
					chunk := strings.Repeat(" ", 1<<20)
					for range 300 {
						io.WriteString(w, chunk)
					}
					io.WriteString(w, `x</t></is></c></row>`)
				})
			}, "MiB"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				data := tc.data()
				r := h.do("POST", "/api/v1/imports/products?dry_run=true", tokInv, data, "Content-Type", tc.mime)
				if r.Status != 413 || r.ErrorCode() != "payload_too_large" {
					t.Fatalf("%d bytes: %d %.300s", len(data), r.Status, r.Body)
				}
				var body struct{ Error struct{ Message string } }
				r.Decode(t, &body)
				if !strings.Contains(body.Error.Message, tc.limit) {
					t.Fatalf("the message does not name the limit (%s): %s", tc.limit, body.Error.Message)
				}
			})
		}
	})
}

// TestImportAPI_CompressedBody refuses a body sent with a Content-Encoding:
// decoding it has no bound (a small gzip body inflates to gigabytes), and a
// spreadsheet gains nothing from it.
func TestImportAPI_CompressedBody(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		h = bigLimitHarness(h)
		_, tokInv := h.registerInvestor("交通银行")
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zeros := make([]byte, 1<<20)
		for range 64 {
			zw.Write(zeros)
		}
		zw.Close()
		r := h.do("POST", "/api/v1/imports/products?dry_run=true", tokInv, buf.Bytes(), "Content-Type", "text/csv", "Content-Encoding", "gzip")
		if r.Status != 400 && r.Status != 413 && r.Status != 415 || !strings.Contains(string(r.Body), "Content-Encoding") {
			t.Fatalf("%d bytes of gzip: %d %.300s", buf.Len(), r.Status, r.Body)
		}
	})
}
