package sheet

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Kind says how a column's values are written.
type Kind int

// Column kinds.
const (
	Text    Kind = iota // a string
	Int                 // an integer count
	Wan                 // an amount in yuan (int64), shown in 万元 with two decimals
	Date                // a date: "YYYY-MM-DD" text or a time.Time, stored as an Excel date
	Decimal             // a float64 with two decimals
)

// Column is one column of a sheet.
type Column struct {
	Header string
	Kind   Kind
	Width  float64 // in characters; 0 = a width from the header
}

// Line is one data row. Bold lines are totals.
type Line struct {
	Cells []any
	Bold  bool
}

// Sheet is a table with a header row (frozen), typed columns and rows.
// A grid, such as an agenda of tables × time slots, is a sheet whose
// columns are the slots.
type Sheet struct {
	Name       string
	Columns    []Column
	Lines      []Line
	FreezeCols int // columns kept in view when scrolling right
}

// Write writes the sheets as one .xlsx workbook.
func Write(w io.Writer, sheets ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			return fmt.Errorf("sheet: %s: %w", sh.Name, err)
		}
		if err := writeSheet(f, st, &sh); err != nil {
			return fmt.Errorf("sheet: %s: %w", sh.Name, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheet: write: %w", err)
	}
	return nil
}

// styles are the cell styles of a workbook, per kind, plain and bold.
type styles struct {
	header int
	cell   map[Kind][2]int
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{cell: map[Kind][2]int{}}
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}
	st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border})
	if err != nil {
		return nil, err
	}
	formats := map[Kind]string{Text: "@", Int: "#,##0", Wan: "#,##0.00", Date: "yyyy-mm-dd", Decimal: "#,##0.00"}
	for kind, format := range formats {
		var pair [2]int
		for b := 0; b < 2; b++ {
			fmtCode := format
			pair[b], err = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtCode, Font: &excelize.Font{Bold: b == 1}})
			if err != nil {
				return nil, err
			}
		}
		st.cell[kind] = pair
	}
	return st, nil
}

func writeSheet(f *excelize.File, st *styles, sh *Sheet) error {
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	for i, c := range sh.Columns {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(c)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(panes(sh.FreezeCols)); err != nil {
		return err
	}
	header := make([]any, len(sh.Columns))
	for i, c := range sh.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for r, line := range sh.Lines {
		cells, err := typedCells(st, sh.Columns, line)
		if err != nil {
			return fmt.Errorf("row %d: %w", r+2, err)
		}
		if err := sw.SetRow(cellName(1, r+2), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func columnWidth(c Column) float64 {
	if c.Width > 0 {
		return c.Width
	}
	return max(8, float64(len([]rune(c.Header)))*2+2)
}

// panes freezes the header row and the first cols columns.
func panes(cols int) *excelize.Panes {
	return &excelize.Panes{Freeze: true, XSplit: cols, YSplit: 1, TopLeftCell: cellName(cols+1, 2), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cellName(cols+1, 2), ActiveCell: cellName(cols+1, 2), Pane: "bottomRight"}}}
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// typedCells converts a line's values to styled cells of the columns'
// kinds: amounts to 万元, dates to Excel dates; nil stays empty.
func typedCells(st *styles, cols []Column, line Line) ([]any, error) {
	out := make([]any, len(cols))
	bold := 0
	if line.Bold {
		bold = 1
	}
	for i, c := range cols {
		var v any
		if i < len(line.Cells) {
			v = line.Cells[i]
		}
		val, err := cellValue(c.Kind, v)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", c.Header, err)
		}
		out[i] = excelize.Cell{StyleID: st.cell[c.Kind][bold], Value: val}
	}
	return out, nil
}

func cellValue(kind Kind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case Wan:
		yuan, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("want an int64 amount in yuan, got %T", v)
		}
		return float64(yuan) / 10_000, nil
	case Date:
		switch d := v.(type) {
		case time.Time:
			return d, nil
		case string:
			if d == "" {
				return nil, nil
			}
			t, err := time.Parse(time.DateOnly, d)
			if err != nil {
				return nil, fmt.Errorf("date %q: %w", d, err)
			}
			return t, nil
		}
		return nil, fmt.Errorf("want a date, got %T", v)
	}
	return v, nil
}
