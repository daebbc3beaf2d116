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
	columns  []string // created_at must be last but one, updated_at last
}

var enterpriseTable = bulkTable{name: "enterprises", conflict: "credit_code", columns: []string{"name", "credit_code", "zone_id",
	"sector", "subsector", "stage", "labels", "innovation_points", "need_amount_cny", "need_instruments", "need_purpose",
	"contact_name", "contact_title", "contact_email", "contact_phone", "contact_timezone", "pitch_deck_url", "created_at", "updated_at"}}

var investorTable = bulkTable{name: "investors", conflict: "name", columns: []string{"name", "kind", "sectors", "stages",
	"ticket_min_cny", "ticket_max_cny", "instruments", "provinces", "description", "contacts", "created_at", "updated_at"}}

var productTable = bulkTable{name: "products", conflict: "investor_id, name", columns: []string{"investor_id", "name", "instrument",
	"amount_min_cny", "amount_max_cny", "sectors", "stages", "min_innovation_points", "required_labels", "provinces",
	"term_months", "description", "created_at", "updated_at"}}

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

func enterpriseValues(list []*app.Enterprise, now time.Time) [][]any {
	out := make([][]any, len(list))
	for i, e := range list {
		c := e.Contact
		if c == nil {
			c = &app.Contact{}
		}
		created := e.CreatedAt
		if e.ID == 0 || created.IsZero() {
			created = now
		}
		out[i] = []any{e.Name, e.CreditCode, e.ZoneID, e.Sector, e.Subsector, e.Stage, jsonText(strs(e.Labels)),
			e.InnovationPoints, e.Need.AmountCNY, jsonText(strs(e.Need.Instruments)), e.Need.Purpose,
			c.Name, c.Title, c.Email, c.Phone, c.TimeZone, e.PitchDeckURL, utc(created), now}
	}
	return out
}

func investorValues(list []*app.Investor, now time.Time) [][]any {
	out := make([][]any, len(list))
	for i, v := range list {
		contacts := v.Contacts
		if contacts == nil {
			contacts = []app.Contact{}
		}
		out[i] = []any{v.Name, v.Kind, jsonText(strs(v.Sectors)), jsonText(strs(v.Stages)), v.TicketMinCNY, v.TicketMaxCNY,
			jsonText(strs(v.Instruments)), jsonText(strs(v.Provinces)), v.Description, jsonText(contacts), now, now}
	}
	return out
}

func productValues(list []*app.Product, now time.Time) [][]any {
	out := make([][]any, len(list))
	for i, p := range list {
		out[i] = []any{p.InvestorID, p.Name, p.Instrument, p.AmountMinCNY, p.AmountMaxCNY, jsonText(strs(p.Sectors)),
			jsonText(strs(p.Stages)), p.MinInnovationPoints, jsonText(strs(p.RequiredLabels)), jsonText(strs(p.Provinces)),
			p.TermMonths, p.Description, now, now}
	}
	return out
}
