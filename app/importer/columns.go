package importer

import (
	"fmt"
	"sort"
	"strings"

	"roadshow/app"
	"roadshow/app/sheet"
)

// column is one column an import understands.
type column[T any] struct {
	name    string   // English name, used in reports
	zh      string   // Chinese header
	aliases []string // other headers seen in organizers' spreadsheets
	field   string   // the field app's Validate names for it
	parse   func(l *lookups, cell string, dst *T) string
	copy    func(dst, src *T)
}

// kind describes an import: its columns and rules.
type kind[T any] struct {
	name      string
	columns   []column[T]
	required  func(l *lookups) []string    // columns that must be present
	exclusive [][2]string                  // columns a row may not fill both of
	fresh     func(l *lookups) *T          // a new record with its defaults
	validate  func(l *lookups, v *T) error // normalises and validates
	key       func(v *T) string            // the natural key ("" when unset)
	keyColumn string
	check     func(l *lookups, v *T) (column, msg string) // the caller's scope
}

// layout is where a table's header is and which column each cell holds.
type layout[T any] struct {
	table     *sheet.Table
	headerIdx int // index of the header in table.Rows
	byIndex   []*column[T]
	headers   map[string]string // column name → its header in the file
	position  map[string]int    // column name → its index in the row
	ignored   []string
}

// headerKey normalises a header: case, width, spaces, required markers.
func headerKey(h string) string {
	k := key(h)
	for _, mark := range []string{"(必填)", "(选填)", "必填", "*", ":", "："} {
		k = strings.ReplaceAll(k, mark, "")
	}
	return strings.NewReplacer("-", "_", "（", "(", "）", ")").Replace(k)
}

// match returns the column a header names, or nil.
func (k *kind[T]) match(h string) *column[T] {
	hk := headerKey(h)
	if hk == "" {
		return nil
	}
	for i := range k.columns {
		c := &k.columns[i]
		for _, name := range append([]string{c.name, c.zh}, c.aliases...) {
			if headerKey(name) == hk {
				return c
			}
		}
	}
	return nil
}

// findLayout picks the first table with a header among its first ten
// rows: the first row naming at least two columns.
func (k *kind[T]) findLayout(tables []*sheet.Table) (*layout[T], *app.ImportError) {
	for _, t := range tables {
		for i := 0; i < len(t.Rows) && i < 10; i++ {
			if lay, n := k.layoutAt(t, i); n >= 2 {
				return lay, nil
			}
		}
	}
	names := make([]string, 0, 4)
	for _, c := range k.columns[:min(4, len(k.columns))] {
		names = append(names, c.zh+" ("+c.name+")")
	}
	return nil, &app.ImportError{Row: 1, Message: "no header row found: the first rows name none of the columns " +
		strings.Join(names, ", ") + "…"}
}

func (k *kind[T]) layoutAt(t *sheet.Table, i int) (*layout[T], int) {
	lay := &layout[T]{table: t, headerIdx: i, headers: map[string]string{}, position: map[string]int{}}
	for _, h := range t.Rows[i].Cells {
		h = strings.TrimSpace(h)
		c := k.match(h)
		switch {
		case c != nil && lay.headers[c.name] != "":
			lay.ignored = append(lay.ignored, h+" (repeats "+lay.headers[c.name]+")")
			c = nil
		case c != nil:
			lay.headers[c.name] = h
			lay.position[c.name] = len(lay.byIndex)
		case h != "":
			lay.ignored = append(lay.ignored, h)
		}
		lay.byIndex = append(lay.byIndex, c)
	}
	return lay, len(lay.headers)
}

// order is a column's place in the file, for sorting a row's problems;
// problems of no column come last.
func (lay *layout[T]) order(col string) int {
	if i, ok := lay.position[col]; ok {
		return i
	}
	return len(lay.byIndex)
}

func (lay *layout[T]) headerRow() int { return lay.table.Rows[lay.headerIdx].Num }

// missing reports the required columns the header lacks.
func (k *kind[T]) missing(l *lookups, lay *layout[T]) []app.ImportError {
	var out []app.ImportError
	for _, name := range k.required(l) {
		if lay.headers[name] == "" {
			c := k.column(name)
			out = append(out, app.ImportError{Row: lay.headerRow(), Column: name,
				Message: fmt.Sprintf("missing column %s (%s)", c.zh, c.name)})
		}
	}
	return out
}

func (k *kind[T]) column(name string) *column[T] {
	for i := range k.columns {
		if k.columns[i].name == name {
			return &k.columns[i]
		}
	}
	panic("importer: no column " + name)
}

// record is a data row turned into a record; ok when it has no problem.
type record[T any] struct {
	row  int
	item *T
	ok   bool
}

// rowErrors collects one row's problems, one per column.
type rowErrors struct {
	row    int
	errs   []app.ImportError
	bad    map[string]bool
	filled map[string]bool
}

func (e *rowErrors) add(col, header, msg string) {
	if e.bad[col] && col != "" {
		return
	}
	e.bad[col] = true
	e.errs = append(e.errs, app.ImportError{Row: e.row, Column: col, Header: header, Message: msg})
}

// parseRow reads one row's cells into a fresh record and validates it.
func (k *kind[T]) parseRow(l *lookups, lay *layout[T], r sheet.Row) (*T, *rowErrors) {
	item := k.fresh(l)
	re := &rowErrors{row: r.Num, bad: map[string]bool{}, filled: map[string]bool{}}
	for i, cell := range r.Cells {
		if i >= len(lay.byIndex) || lay.byIndex[i] == nil {
			continue
		}
		c := lay.byIndex[i]
		if cell = strings.TrimSpace(cell); cell == "" {
			continue
		}
		re.filled[c.name] = true
		if msg := c.parse(l, cell, item); msg != "" {
			re.add(c.name, lay.headers[c.name], msg)
		}
	}
	for _, pair := range k.exclusive {
		if re.filled[pair[0]] && re.filled[pair[1]] {
			re.add(pair[1], lay.headers[pair[1]], "fill either "+pair[0]+" or "+pair[1]+", not both")
		}
	}
	k.addValidation(l, lay, item, re)
	if len(re.errs) == 0 {
		if col, msg := k.check(l, item); msg != "" {
			re.add(col, lay.headers[col], msg)
		}
	}
	return item, re
}

// addValidation runs the domain's Validate and reports each field under
// the column that feeds it (the one filled in this row, if several do).
func (k *kind[T]) addValidation(l *lookups, lay *layout[T], item *T, re *rowErrors) {
	fields := app.ErrorFields(k.validate(l, item))
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		col := k.columnOfField(lay, f, re.filled)
		msg := fields[f]
		if col == "" {
			msg = f + ": " + msg
		}
		re.add(col, lay.headers[col], msg)
	}
}

func (k *kind[T]) columnOfField(lay *layout[T], field string, filled map[string]bool) string {
	first := ""
	for _, c := range k.columns {
		if c.field != field || lay.headers[c.name] == "" {
			continue
		}
		if filled[c.name] {
			return c.name
		}
		if first == "" {
			first = c.name
		}
	}
	if first == "" {
		for _, c := range k.columns {
			if c.field == field {
				return c.name // the column is absent: name it anyway
			}
		}
	}
	return first
}

// parseRows turns every data row below the header into a record, reporting
// problems and keys repeated in the file.
func (k *kind[T]) parseRows(l *lookups, lay *layout[T], rep *app.ImportReport, progress func(done, total int)) []*record[T] {
	rows := lay.table.Rows[lay.headerIdx+1:]
	out := make([]*record[T], 0, len(rows))
	firstRow := map[string]int{}
	for i, r := range rows {
		item, re := k.parseRow(l, lay, r)
		rows[i].Cells = nil // read once: let the collector take the text while records grow
		if key := k.key(item); key != "" && len(re.errs) == 0 {
			if first, dup := firstRow[key]; dup {
				re.add(k.keyColumn, lay.headers[k.keyColumn], fmt.Sprintf("repeats row %d", first))
			} else {
				firstRow[key] = r.Num
			}
		}
		sort.SliceStable(re.errs, func(i, j int) bool { return lay.order(re.errs[i].Column) < lay.order(re.errs[j].Column) })
		rep.Errors = append(rep.Errors, re.errs...)
		out = append(out, &record[T]{row: r.Num, item: item, ok: len(re.errs) == 0})
		if len(rep.Errors) >= app.MaxImportProblems {
			rep.Errors = append(rep.Errors[:app.MaxImportProblems], app.ImportError{Row: r.Num,
				Message: fmt.Sprintf("more than %d problems: the check stopped at this row and nothing was written; fix these and import again",
					app.MaxImportProblems)})
			rep.Truncated = true
			break
		}
		if progress != nil && (i%500 == 499 || i == len(rows)-1) {
			progress(i+1, len(rows))
		}
	}
	rep.Rows = len(rows)
	return out
}

// merge copies onto dst the fields of src that the file has columns for.
func (k *kind[T]) merge(lay *layout[T], dst, src *T) {
	for _, c := range k.columns {
		if lay.headers[c.name] != "" {
			c.copy(dst, src)
		}
	}
}

// revalidate checks a merged record, reporting problems on its row.
func (k *kind[T]) revalidate(l *lookups, lay *layout[T], row int, item *T, rep *app.ImportReport) bool {
	re := &rowErrors{row: row, bad: map[string]bool{}, filled: map[string]bool{}}
	k.addValidation(l, lay, item, re)
	rep.Errors = append(rep.Errors, re.errs...)
	return len(re.errs) == 0
}
