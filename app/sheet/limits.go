package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits bound what Read accepts, so that no file under the request body
// limit costs more than a few seconds or about 100 MB: a file over one is
// refused with a *LimitError as soon as the reader meets it.
type Limits struct {
	Rows      int   // rows per sheet, numbered as the spreadsheet shows them (blank ones count)
	Columns   int   // cells per row, up to its last non-blank cell
	CellChars int   // characters per cell
	Cells     int   // cells read in the whole file, blank ones included
	Text      int64 // bytes of cell text kept from the whole file
	LineBytes int   // bytes per physical line of a CSV file
	Unzipped  int64 // bytes an .xlsx file unpacks to, all parts together
	Parts     int   // parts (zip entries) of an .xlsx file
	Tokens    int   // XML tokens (tags and texts) of an .xlsx file, all parts together
}

// DefaultLimits are Read's limits: above the largest spreadsheet an import
// is meant for (50,000 enterprises of 14 columns are 700,000 cells and
// 45 MB unpacked), below what would hurt the server (the worst accepted
// file is checked in a few seconds within about 100 MB, see
// BenchmarkImportLimits_* in app/importer).
var DefaultLimits = Limits{
	Rows:      60_000,
	Columns:   256,
	CellChars: 32_767, // Excel's own limit
	Cells:     800_000,
	Text:      32 << 20,
	LineBytes: 1 << 20,
	Unzipped:  64 << 20,
	Parts:     1_000,
	Tokens:    8_000_000, // about 10 per cell
}

// LimitError says which limit a file broke.
type LimitError struct {
	Limit string // rows, columns, cell_chars, cells, text, line_bytes, unzipped, parts, tokens
	Max   int64
	Msg   string // the limit in words, and where the file broke it
}

// Error implements error.
func (e *LimitError) Error() string { return "the spreadsheet is over an import limit: " + e.Msg }

// IsLimitError reports whether err is a *LimitError.
func IsLimitError(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}

func limitErr(limit string, max int64, format string, args ...any) *LimitError {
	return &LimitError{Limit: limit, Max: max, Msg: fmt.Sprintf(format, args...)}
}

// mib formats a byte count in whole MiB.
func mib(n int64) string { return fmt.Sprintf("%d MiB", n>>20) }

// checkZip refuses an .xlsx whose parts would unpack to more than the
// limits, from the sizes its zip directory declares (archive/zip refuses a
// part that inflates past its declared size, so they cannot lie).
func (l Limits) checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &FormatError{"not a readable .xlsx workbook: " + err.Error()}
	}
	if len(zr.File) > l.Parts {
		return limitErr("parts", int64(l.Parts), "an .xlsx file holds at most %d parts (this one has %d)", l.Parts, len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(l.Unzipped) {
			return limitErr("unzipped", l.Unzipped, "an .xlsx file unpacks to at most %s (this one to more)", mib(l.Unzipped))
		}
	}
	return nil
}

// counter applies the per-row and per-file limits while rows stream in.
type counter struct {
	l     Limits
	where string // "sheet X" or "the CSV file"
	cells int
	text  int64
}

// row checks row n's cells (raw: as read, before trailing blanks are
// trimmed; scanned: how many cells the file spelled out for it) and
// returns them trimmed.
func (c *counter) row(n int, raw []string, scanned int) ([]string, error) {
	if n > c.l.Rows {
		return nil, limitErr("rows", int64(c.l.Rows), "at most %d rows per sheet (%s has more)", c.l.Rows, c.where)
	}
	if c.cells += scanned; c.cells > c.l.Cells {
		return nil, limitErr("cells", int64(c.l.Cells), "at most %d cells per file (%s passes it at row %d)", c.l.Cells, c.where, n)
	}
	cells := trimBlank(raw)
	if len(cells) > c.l.Columns {
		return nil, limitErr("columns", int64(c.l.Columns), "at most %d columns per row (row %d of %s has %d)", c.l.Columns, n, c.where, len(cells))
	}
	for i, s := range cells {
		if len(s) > c.l.CellChars && utf8.RuneCountInString(s) > c.l.CellChars {
			return nil, limitErr("cell_chars", int64(c.l.CellChars), "at most %d characters per cell (row %d, column %d of %s has more)",
				c.l.CellChars, n, i+1, c.where)
		}
		c.text += int64(len(s))
	}
	if c.text > c.l.Text {
		return nil, limitErr("text", c.l.Text, "at most %s of text per file (%s passes it at row %d)", mib(c.l.Text), c.where, n)
	}
	return cells, nil
}

// trimBlank drops the blank cells after the last non-blank one.
func trimBlank(cells []string) []string {
	n := len(cells)
	for n > 0 && isBlank(cells[n-1]) {
		n--
	}
	return cells[:n]
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// lineLimiter fails a read once a physical line runs past max bytes, so
// that a file of one gigantic line is refused before the CSV reader
// buffers it, or once more than maxBlank lines are empty (each is a row,
// which the CSV reader skips without returning).
type lineLimiter struct {
	r        io.Reader
	max      int
	maxBlank int
	run      int  // bytes since the last newline
	line     int  // lines seen, from 1
	blank    int  // empty lines seen
	last     byte // the last byte of the previous read
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	b := p[:n]
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		if l.run+i > l.max {
			return 0, l.err()
		}
		before := l.last
		if i > 0 {
			before = b[i-1]
		}
		if l.run+i == 0 || l.run+i == 1 && before == '\r' {
			if l.blank++; l.blank > l.maxBlank {
				return 0, limitErr("rows", int64(l.maxBlank), "at most %d rows per sheet (the CSV file has more empty lines)", l.maxBlank)
			}
		}
		l.run, l.line, b = 0, l.line+1, b[i+1:]
	}
	if l.run += len(b); l.run > l.max {
		return 0, l.err()
	}
	if n > 0 {
		l.last = p[n-1]
	}
	return n, err
}

func (l *lineLimiter) err() error {
	return limitErr("line_bytes", int64(l.max), "at most %s per line of a CSV file (line %d is longer)", mib(int64(l.max)), l.line+1)
}
