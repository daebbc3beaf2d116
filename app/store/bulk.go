package store

import (
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

// bulkRows is how many rows go into one multi-row INSERT. MySQL takes
// 500 rows of 20 columns well under its 65,535 placeholders; the SQLite
// driver binds each placeholder by searching the argument list, which
// makes long statements quadratic, so SQLite gets short prepared ones.
func (s *Store) bulkRows() int {
	if s.dialect == "mysql" {
		return 500
	}
	return 32
}

// bulkTable describes a table written by multi-row upserts.
type bulkTable struct {
	name     string
	conflict string   // the natural key's columns, the unique index
	columns  []string // in the order of each row's values
}

// bulkColumn is one column of a bulk-written table and how a record fills
// it: a column's name and its value sit side by side, in one list.
type bulkColumn[T any] struct {
	name  string
	value func(v T, now time.Time) any
}

// bulkSpec is a bulk-written table and its columns.
type bulkSpec[T any] struct {
	name     string
	conflict string
	columns  []bulkColumn[T]
}

// table returns the table's name, key and column names for upsertSQL.
func (b bulkSpec[T]) table() bulkTable {
	t := bulkTable{name: b.name, conflict: b.conflict}
	for _, c := range b.columns {
		t.columns = append(t.columns, c.name)
	}
	return t
}

// rows returns each record's values in column order; now fills
// updated_at (and created_at of new records).
func (b bulkSpec[T]) rows(list []T, now time.Time) [][]any {
	out := make([][]any, len(list))
	for i, v := range list {
		row := make([]any, len(b.columns))
		for j, c := range b.columns {
			row[j] = c.value(v, now)
		}
		out[i] = row
	}
	return out
}

// stamped are the created_at and updated_at columns of a record that is
// new (or rewritten whole) at now.
func stamped[T any]() []bulkColumn[T] {
	return []bulkColumn[T]{
		{"created_at", func(_ T, now time.Time) any { return now }},
		{"updated_at", func(_ T, now time.Time) any { return now }},
	}
}

// contactOf is an enterprise's contact, empty when it has none.
func contactOf(e *app.Enterprise) *app.Contact {
	if e.Contact == nil {
		return &app.Contact{}
	}
	return e.Contact
}

var enterpriseBulk = bulkSpec[*app.Enterprise]{name: "enterprises", conflict: "credit_code", columns: []bulkColumn[*app.Enterprise]{
	{"name", func(e *app.Enterprise, _ time.Time) any { return e.Name }},
	{"credit_code", func(e *app.Enterprise, _ time.Time) any { return e.CreditCode }},
	{"zone_id", func(e *app.Enterprise, _ time.Time) any { return e.ZoneID }},
	{"sector", func(e *app.Enterprise, _ time.Time) any { return e.Sector }},
	{"subsector", func(e *app.Enterprise, _ time.Time) any { return e.Subsector }},
	{"stage", func(e *app.Enterprise, _ time.Time) any { return e.Stage }},
	{"labels", func(e *app.Enterprise, _ time.Time) any { return jsonText(strs(e.Labels)) }},
	{"innovation_points", func(e *app.Enterprise, _ time.Time) any { return e.InnovationPoints }},
	{"need_amount_cny", func(e *app.Enterprise, _ time.Time) any { return e.Need.AmountCNY }},
	{"need_instruments", func(e *app.Enterprise, _ time.Time) any { return jsonText(strs(e.Need.Instruments)) }},
	{"need_purpose", func(e *app.Enterprise, _ time.Time) any { return e.Need.Purpose }},
	{"contact_name", func(e *app.Enterprise, _ time.Time) any { return contactOf(e).Name }},
	{"contact_title", func(e *app.Enterprise, _ time.Time) any { return contactOf(e).Title }},
	{"contact_email", func(e *app.Enterprise, _ time.Time) any { return contactOf(e).Email }},
	{"contact_phone", func(e *app.Enterprise, _ time.Time) any { return contactOf(e).Phone }},
	{"contact_timezone", func(e *app.Enterprise, _ time.Time) any { return contactOf(e).TimeZone }},
	{"pitch_deck_url", func(e *app.Enterprise, _ time.Time) any { return e.PitchDeckURL }},
	{"created_at", func(e *app.Enterprise, now time.Time) any {
		created := e.CreatedAt
		if e.ID == 0 || created.IsZero() {
			created = now
		}
		return utc(created)
	}},
	{"updated_at", func(_ *app.Enterprise, now time.Time) any { return now }},
}}

var investorBulk = bulkSpec[*app.Investor]{name: "investors", conflict: "name", columns: append([]bulkColumn[*app.Investor]{
	{"name", func(v *app.Investor, _ time.Time) any { return v.Name }},
	{"kind", func(v *app.Investor, _ time.Time) any { return v.Kind }},
	{"sectors", func(v *app.Investor, _ time.Time) any { return jsonText(strs(v.Sectors)) }},
	{"stages", func(v *app.Investor, _ time.Time) any { return jsonText(strs(v.Stages)) }},
	{"ticket_min_cny", func(v *app.Investor, _ time.Time) any { return v.TicketMinCNY }},
	{"ticket_max_cny", func(v *app.Investor, _ time.Time) any { return v.TicketMaxCNY }},
	{"instruments", func(v *app.Investor, _ time.Time) any { return jsonText(strs(v.Instruments)) }},
	{"provinces", func(v *app.Investor, _ time.Time) any { return jsonText(strs(v.Provinces)) }},
	{"description", func(v *app.Investor, _ time.Time) any { return v.Description }},
	{"contacts", func(v *app.Investor, _ time.Time) any {
		if v.Contacts == nil {
			return jsonText([]app.Contact{})
		}
		return jsonText(v.Contacts)
	}},
}, stamped[*app.Investor]()...)}

var productBulk = bulkSpec[*app.Product]{name: "products", conflict: "investor_id, name", columns: append([]bulkColumn[*app.Product]{
	{"investor_id", func(p *app.Product, _ time.Time) any { return p.InvestorID }},
	{"name", func(p *app.Product, _ time.Time) any { return p.Name }},
	{"instrument", func(p *app.Product, _ time.Time) any { return p.Instrument }},
	{"amount_min_cny", func(p *app.Product, _ time.Time) any { return p.AmountMinCNY }},
	{"amount_max_cny", func(p *app.Product, _ time.Time) any { return p.AmountMaxCNY }},
	{"sectors", func(p *app.Product, _ time.Time) any { return jsonText(strs(p.Sectors)) }},
	{"stages", func(p *app.Product, _ time.Time) any { return jsonText(strs(p.Stages)) }},
	{"min_innovation_points", func(p *app.Product, _ time.Time) any { return p.MinInnovationPoints }},
	{"required_labels", func(p *app.Product, _ time.Time) any { return jsonText(strs(p.RequiredLabels)) }},
	{"provinces", func(p *app.Product, _ time.Time) any { return jsonText(strs(p.Provinces)) }},
	{"term_months", func(p *app.Product, _ time.Time) any { return p.TermMonths }},
	{"description", func(p *app.Product, _ time.Time) any { return p.Description }},
}, stamped[*app.Product]()...)}

// bulkWriter writes rows of several tables within one transaction and
// reports progress over all of them.
type bulkWriter struct {
	s        *Store
	tx       *gorm.DB
	done     int
	total    int
	progress func(done, total int)
}

// upsert inserts rows, updating every column but created_at where the
// natural key exists. Full batches reuse one prepared statement.
func (w *bulkWriter) upsert(t bulkTable, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	ctx, pool := w.tx.Statement.Context, w.tx.Statement.ConnPool
	size := w.s.bulkRows()
	full, err := pool.PrepareContext(ctx, w.s.upsertSQL(t, size))
	if err != nil {
		return translate(err)
	}
	defer full.Close()
	return eachChunk(rows, size, func(part [][]any) error {
		args := make([]any, 0, len(part)*len(t.columns))
		for _, r := range part {
			args = append(args, r...)
		}
		var err error
		if len(part) == size {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = pool.ExecContext(ctx, w.s.upsertSQL(t, len(part)), args...)
		}
		if err != nil {
			return translate(err)
		}
		w.done += len(part)
		if w.progress != nil {
			w.progress(w.done, w.total)
		}
		return nil
	})
}

// upsertSQL builds INSERT … ON CONFLICT DO UPDATE (SQLite) or INSERT … ON
// DUPLICATE KEY UPDATE (MySQL) for n rows.
func (s *Store) upsertSQL(t bulkTable, n int) string {
	var b strings.Builder
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(t.columns)), ", ") + ")"
	b.WriteString("INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") VALUES ")
	b.WriteString(strings.TrimSuffix(strings.Repeat(tuple+", ", n), ", "))
	var sets []string
	for _, c := range t.columns {
		if c == "created_at" {
			continue
		}
		if s.dialect == "mysql" {
			sets = append(sets, c+" = VALUES("+c+")")
		} else {
			sets = append(sets, c+" = excluded."+c)
		}
	}
	if s.dialect == "mysql" {
		b.WriteString(" ON DUPLICATE KEY UPDATE ")
	} else {
		b.WriteString(" ON CONFLICT (" + t.conflict + ") DO UPDATE SET ")
	}
	b.WriteString(strings.Join(sets, ", "))
	return b.String()
}

// jsonText is a list as the JSON text columns hold it.
func jsonText[T any](v T) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "[]"
	}
	return string(b)
}
