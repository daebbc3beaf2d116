package importer

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"roadshow/app"
	"roadshow/app/sheet"
)

// runHooks are the steps of an import that differ by kind.
type runHooks[T any] struct {
	before    func(lay *layout[T]) error                 // after the header is found
	existing  func(keys []string) (map[string]*T, error) // stored records by key
	mayUpdate func(l *lookups, old *T) (column, msg string)
	prepare   func(old *T) *T
}

// run checks a kind's rows and returns the records to write: new ones
// (ID 0) and stored ones with the file's columns copied onto them.
func run[T any](_ context.Context, k *kind[T], l *lookups, tables []*sheet.Table, rep *app.ImportReport,
	progress func(done, total int), h runHooks[T]) ([]*T, error) {
	lay, ferr := k.findLayout(tables)
	if ferr != nil {
		rep.Errors = append(rep.Errors, *ferr)
		return nil, nil
	}
	rep.Sheet = lay.table.Sheet
	rep.IgnoredColumns = append(rep.IgnoredColumns, lay.ignored...)
	if miss := k.missing(l, lay); len(miss) > 0 {
		rep.Errors = append(rep.Errors, miss...)
		rep.Rows = len(lay.table.Rows) - lay.headerIdx - 1
		return nil, nil
	}
	if h.before != nil {
		if err := h.before(lay); err != nil {
			return nil, err
		}
	}
	recs := k.parseRows(l, lay, rep, progress)
	if rep.Rows == 0 {
		rep.Errors = append(rep.Errors, app.ImportError{Row: lay.headerRow(), Message: "no data rows below the header"})
		return nil, nil
	}
	out, err := upsertPlan(k, l, lay, recs, rep, h)
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Row < rep.Errors[j].Row })
	return out, err
}

// upsertPlan sorts the valid records into creates and updates.
func upsertPlan[T any](k *kind[T], l *lookups, lay *layout[T], recs []*record[T], rep *app.ImportReport, h runHooks[T]) ([]*T, error) {
	keys := make([]string, 0, len(recs))
	for _, r := range recs {
		if r.ok {
			keys = append(keys, k.key(r.item))
		}
	}
	existing, err := h.existing(keys)
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(keys))
	for _, r := range recs {
		if !r.ok {
			continue
		}
		old := existing[k.key(r.item)]
		if old == nil {
			out = append(out, r.item)
			rep.Created++
			continue
		}
		if h.mayUpdate != nil {
			if col, msg := h.mayUpdate(l, old); msg != "" {
				rep.Errors = append(rep.Errors, app.ImportError{Row: r.row, Column: col, Header: lay.headers[col], Message: msg})
				continue
			}
		}
		if h.prepare != nil {
			old = h.prepare(old)
		}
		k.merge(lay, old, r.item)
		if k.revalidate(l, lay, r.row, old, rep) {
			out = append(out, old)
			rep.Updated++
		}
	}
	return out, nil
}

// loadInvestors resolves the investor names of a product file.
func (im *Importer) loadInvestors(ctx context.Context, l *lookups, lay *layout[prod]) error {
	col := -1
	for i, c := range lay.byIndex {
		if c != nil && c.name == "investor" {
			col = i
		}
	}
	if col < 0 {
		return nil
	}
	seen := map[string]bool{}
	var list []string
	for _, r := range lay.table.Rows[lay.headerIdx+1:] {
		if col < len(r.Cells) {
			if n := strings.TrimSpace(r.Cells[col]); n != "" && !seen[n] {
				seen[n] = true
				list = append(list, n)
			}
		}
	}
	found, err := im.store.InvestorsByName(ctx, list)
	if err != nil {
		return err
	}
	for name, i := range found {
		l.investors[key(name)] = i.ID
	}
	return nil
}

// existingProducts looks products up by the keys productKind makes.
func (im *Importer) existingProducts(ctx context.Context, keys []string) (map[string]*prod, error) {
	pks := make([]app.ProductKey, 0, len(keys))
	for _, k := range keys {
		id, name, _ := strings.Cut(k, "\x00")
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("importer: product key %q: %w", k, err)
		}
		pks = append(pks, app.ProductKey{InvestorID: n, Name: name})
	}
	found, err := im.store.ProductsByKey(ctx, pks)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*prod, len(found))
	for k, p := range found {
		out[fmt.Sprintf("%d\x00%s", k.InvestorID, k.Name)] = p
	}
	return out, nil
}
