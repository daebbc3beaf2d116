// Package sheet reads and writes spreadsheets. It reads .xlsx workbooks
// (through excelize) and .csv files (UTF-8, UTF-16 or GB18030, as Excel
// saves them in China) into rows of text cells numbered as the spreadsheet
// shows them, and writes typed tables as .xlsx workbooks with Chinese
// headers, a frozen header row and numbers stored as numbers.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Formats of a file.
const (
	XLSX = "xlsx"
	CSV  = "csv"
)

// Row is one non-empty row: its number as the spreadsheet shows it (from
// 1) and its cells as text.
type Row struct {
	Num   int
	Cells []string
}

// Table is the non-empty rows of one sheet.
type Table struct {
	Sheet string // the sheet's name; "" for CSV
	Rows  []Row
}

// FormatError says why a file is not a spreadsheet roadshow reads.
type FormatError struct{ Msg string }

// Error implements error.
func (e *FormatError) Error() string { return e.Msg }

// IsFormatError reports whether err is a *FormatError.
func IsFormatError(err error) bool {
	var fe *FormatError
	return errors.As(err, &fe)
}

// Read parses data as an .xlsx workbook (every visible sheet, in order)
// or a CSV file (one table), recognised by its content, not its name,
// within DefaultLimits.
func Read(data []byte) ([]*Table, string, error) { return ReadLimited(data, DefaultLimits) }

// ReadLimited is Read within l: it streams the rows and stops with a
// *LimitError at the first limit the file breaks.
func ReadLimited(data []byte, l Limits) ([]*Table, string, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, "", &FormatError{"the file is empty"}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		t, err := readXLSX(data, l)
		return t, XLSX, err
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, "", &FormatError{"this is an old Excel 97–2003 (.xls) file; save it as .xlsx or .csv"}
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, "", err
	}
	t, err := readCSV(text, l)
	if err != nil {
		return nil, "", err
	}
	return []*Table{t}, CSV, nil
}

// decodeText returns data as UTF-8 text: UTF-8 (with or without a byte
// order mark), UTF-16 with a byte order mark, or GB18030 (the GBK family
// Excel uses for CSV on Chinese Windows).
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, &FormatError{"not a spreadsheet: bad UTF-16 text"}
		}
		data = b
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &FormatError{"not a spreadsheet (.xlsx or .csv): the file holds binary data"}
	}
	if utf8.Valid(data) {
		return data, nil
	}
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(b) || bytes.ContainsRune(b, utf8.RuneError) {
		return nil, &FormatError{"not a spreadsheet (.xlsx or .csv): the text is neither UTF-8 nor GB18030"}
	}
	return b, nil
}

// readCSV parses CSV text with the delimiter of its first line (comma,
// semicolon or tab). Blank lines count as rows, as Excel shows them.
func readCSV(text []byte, l Limits) (*Table, error) {
	r := csv.NewReader(&lineLimiter{r: bytes.NewReader(text), max: l.LineBytes, maxBlank: l.Rows})
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{}
	c := &counter{l: l, where: "the CSV file"}
	num, prevEnd := 0, int64(0)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if IsLimitError(err) {
			return nil, err
		}
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, &FormatError{fmt.Sprintf("not a readable CSV file: line %d: %v", line, unwrapCSV(err))}
		}
		num += 1 + blankLinesAt(text, prevEnd)
		prevEnd = r.InputOffset()
		cells, err := c.row(num, rec, len(rec))
		if err != nil {
			return nil, err
		}
		if len(cells) > 0 {
			t.Rows = append(t.Rows, Row{Num: num, Cells: cells})
		}
	}
	return t, nil
}

func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// blankLinesAt counts the empty lines the CSV reader skips from offset.
func blankLinesAt(text []byte, offset int64) int {
	n := 0
	for i := int(offset); i < len(text); {
		switch {
		case text[i] == '\n':
			i++
		case bytes.HasPrefix(text[i:], []byte("\r\n")):
			i += 2
		default:
			return n
		}
		n++
	}
	return n
}

func sniffDelimiter(text []byte) rune {
	first, _, _ := bytes.Cut(text, []byte("\n"))
	best, count := ',', bytes.Count(first, []byte(","))
	for _, d := range []rune{'\t', ';'} {
		if n := bytes.Count(first, []byte(string(d))); n > count {
			best, count = d, n
		}
	}
	return best
}
