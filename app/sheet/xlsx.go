package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// An .xlsx workbook is read by streaming the XML of its parts: the
// workbook (sheet names and visibility), its relationships (where each
// sheet is), the shared strings, then each visible sheet row by row. No
// row that the limits refuse is ever held, and a sparse sheet costs only
// the cells it has.

// maxColumnIndex is the widest column Excel has (XFD).
const maxColumnIndex = 16_384

// workbook is an .xlsx archive opened for reading.
type workbook struct {
	files  map[string]*zip.File // by lower-case name
	l      Limits
	sst    []string
	tokens int // XML tokens read so far, from every part
}

func readXLSX(data []byte, l Limits) ([]*Table, error) {
	if err := l.checkZip(data); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &FormatError{"not a readable .xlsx workbook: " + err.Error()}
	}
	wb := &workbook{files: map[string]*zip.File{}, l: l}
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))] = f
	}
	sheets, err := wb.sheets()
	if err != nil {
		return nil, err
	}
	if wb.sst, err = wb.sharedStrings(); err != nil {
		return nil, err
	}
	c := &counter{l: l}
	var out []*Table
	for _, s := range sheets {
		c.where = "sheet " + s.name
		t, err := wb.readSheet(s, c)
		if err != nil {
			if IsLimitError(err) || IsFormatError(err) {
				return nil, err
			}
			return nil, &FormatError{fmt.Sprintf("sheet %s: %v", s.name, err)}
		}
		out = append(out, t)
	}
	return out, nil
}

type sheetRef struct{ name, part string }

// sheets lists the visible sheets in workbook order with their parts.
func (wb *workbook) sheets() ([]sheetRef, error) {
	targets := map[string]string{}
	err := wb.scan("xl/_rels/workbook.xml.rels", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local == "Relationship" {
			targets[attr(se, "Id")] = partPath(attr(se, "Target"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []sheetRef
	err = wb.scan("xl/workbook.xml", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "sheet" {
			return nil
		}
		if st := attr(se, "state"); st == "hidden" || st == "veryHidden" {
			return nil
		}
		part, ok := targets[attr(se, "id")]
		if !ok {
			return &FormatError{"not a readable .xlsx workbook: sheet " + attr(se, "name") + " has no part"}
		}
		out = append(out, sheetRef{name: attr(se, "name"), part: part})
		return nil
	})
	if err == nil && out == nil {
		err = &FormatError{"not a readable .xlsx workbook: it has no visible sheet"}
	}
	return out, err
}

// partPath resolves a relationship target of the workbook to a part name.
func partPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.ToLower(strings.TrimPrefix(target, "/"))
	}
	return strings.ToLower(path.Join("xl", target))
}

// sharedStrings reads the shared strings table, if any.
func (wb *workbook) sharedStrings() ([]string, error) {
	if wb.files["xl/sharedstrings.xml"] == nil {
		return nil, nil
	}
	var out []string
	err := wb.scan("xl/sharedstrings.xml", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "si" {
			return nil
		}
		s, err := wb.richText(d, "si")
		out = append(out, s)
		return err
	})
	return out, err
}

// scan calls fn for every start element of a part (fn may consume the
// element's content from d).
func (wb *workbook) scan(name string, fn func(d *xml.Decoder, se xml.StartElement) error) error {
	f := wb.files[name]
	if f == nil {
		return &FormatError{"not a readable .xlsx workbook: " + name + " is missing"}
	}
	rc, err := f.Open()
	if err != nil {
		return &FormatError{"not a readable .xlsx workbook: " + err.Error()}
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = true
	for {
		tok, err := wb.token(d)
		if err == io.EOF {
			return nil
		}
		if IsLimitError(err) {
			return err
		}
		if err != nil {
			return &FormatError{fmt.Sprintf("not a readable .xlsx workbook: %s: %v", name, err)}
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(d, se); err != nil {
				return err
			}
		}
	}
}

// token reads the next token, within the token limit.
func (wb *workbook) token(d *xml.Decoder) (xml.Token, error) {
	if wb.tokens++; wb.tokens > wb.l.Tokens {
		return nil, limitErr("tokens", int64(wb.l.Tokens), "an .xlsx file holds at most %d XML tags and texts (this one has more)", wb.l.Tokens)
	}
	return d.RawToken()
}

// richText returns the text of the <t> elements inside the element end
// (a shared string or an inline string), skipping phonetic runs.
func (wb *workbook) richText(d *xml.Decoder, end string) (string, error) {
	var b strings.Builder
	inT, skip := false, 0
	for {
		tok, err := wb.token(d)
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inT = true
			case "rPh":
				skip++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "rPh":
				skip--
			case end:
				return unescapeOOXML(b.String()), nil
			}
		case xml.CharData:
			if inT && skip == 0 {
				b.Write(t)
			}
		}
	}
}

// readSheet streams one sheet's rows into a table.
func (wb *workbook) readSheet(s sheetRef, c *counter) (*Table, error) {
	t := &Table{Sheet: s.name}
	row, cells := 0, []string(nil)
	scanned := 0
	err := wb.scan(s.part, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "row":
			if len(cells) > 0 || scanned > 0 {
				if err := wb.endRow(t, c, row, cells, scanned); err != nil {
					return err
				}
			}
			row, cells, scanned = nextIndex(attr(se, "r"), row), nil, 0
			if row > c.l.Rows {
				return limitErr("rows", int64(c.l.Rows), "at most %d rows per sheet (%s has more)", c.l.Rows, c.where)
			}
		case "c":
			col, v, err := wb.cell(d, se, len(cells))
			if err != nil {
				return err
			}
			scanned++
			cells, err = placeCell(cells, col, v, c.l.Columns, row, c.where)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(cells) > 0 || scanned > 0 {
		if err := wb.endRow(t, c, row, cells, scanned); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (wb *workbook) endRow(t *Table, c *counter, row int, cells []string, scanned int) error {
	kept, err := c.row(row, cells, scanned)
	if err != nil {
		return err
	}
	if len(kept) > 0 {
		t.Rows = append(t.Rows, Row{Num: row, Cells: kept})
	}
	return nil
}

// nextIndex reads a row number attribute, or follows prev.
func nextIndex(r string, prev int) int {
	if n, err := strconv.Atoi(r); err == nil && n > prev {
		return n
	}
	return prev + 1
}

// placeCell puts v at column col (from 1), padding with blanks; a cell
// beyond the column limit is refused unless it is blank.
func placeCell(cells []string, col int, v string, limit, row int, where string) ([]string, error) {
	if col > limit {
		if isBlank(v) {
			return cells, nil
		}
		return nil, limitErr("columns", int64(limit), "at most %d columns per row (row %d of %s has a value in column %d)", limit, row, where, col)
	}
	for len(cells) < col-1 {
		cells = append(cells, "")
	}
	if col <= len(cells) {
		cells[col-1] = v
		return cells, nil
	}
	return append(cells, v), nil
}

// cell reads a <c> element: its column (from its reference, or after the
// previous cell) and its value as stored.
func (wb *workbook) cell(d *xml.Decoder, se xml.StartElement, prev int) (int, string, error) {
	col := prev + 1
	if ref := attr(se, "r"); ref != "" {
		n, ok := columnOf(ref)
		if !ok {
			return 0, "", &FormatError{"not a readable .xlsx workbook: bad cell reference " + strconv.Quote(ref)}
		}
		col = n
	}
	typ := attr(se, "t")
	var v string
	for {
		tok, err := wb.token(d)
		if err != nil {
			return 0, "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				if v, err = wb.charData(d, "v"); err != nil {
					return 0, "", err
				}
			case "is":
				if v, err = wb.richText(d, "is"); err != nil {
					return 0, "", err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				v, err := wb.value(typ, v)
				return col, v, err
			}
		}
	}
}

// value turns a stored value into the cell's text.
func (wb *workbook) value(typ, v string) (string, error) {
	switch typ {
	case "s":
		if strings.TrimSpace(v) == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(wb.sst) {
			return "", &FormatError{"not a readable .xlsx workbook: bad shared string index " + strconv.Quote(v)}
		}
		return wb.sst[i], nil
	case "str", "inlineStr":
		return unescapeOOXML(v), nil
	}
	return v, nil
}

// charData returns the text up to the end of element end.
func (wb *workbook) charData(d *xml.Decoder, end string) (string, error) {
	var b []byte
	for {
		tok, err := wb.token(d)
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.EndElement:
			if t.Name.Local == end {
				return string(b), nil
			}
		}
	}
}

// columnOf returns the column number of a cell reference such as "AB12".
func columnOf(ref string) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref); i++ {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			break
		}
		n = n*26 + int(ch-'a'+1)
		if n > maxColumnIndex {
			return 0, false
		}
	}
	return n, i > 0
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// unescapeOOXML decodes the _xHHHH_ escapes Excel writes for control
// characters in strings.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(n))
				i += 6
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
