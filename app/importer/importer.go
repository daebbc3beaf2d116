// Package importer turns organizers' spreadsheets of enterprises,
// investors and financing products into records: it finds the header row
// (English or Chinese column names, in any order), reads each cell (codes
// or Chinese names, amounts in 元 or 万元, lists separated by , 、 ;),
// validates every row with the domain's rules and the caller's scope,
// reports each problem by row and column, and hands the valid records to
// the store, which writes them in one transaction. Re-importing a file
// updates the records it created (keyed by credit code, investor name, and
// investor and product name) instead of duplicating them.
package importer

import (
	"context"
	"fmt"
	"slices"

	"roadshow/app"
	"roadshow/app/sheet"
)

// Store is what the importer needs from the database.
type Store interface {
	FindZones(ctx context.Context, f app.ZoneFilter) (app.List[*app.Zone], error)
	// EnterprisesByCreditCode returns the enterprises with these codes.
	EnterprisesByCreditCode(ctx context.Context, codes []string) (map[string]*app.Enterprise, error)
	// InvestorsByName returns the investors with these names.
	InvestorsByName(ctx context.Context, names []string) (map[string]*app.Investor, error)
	// ProductsByKey returns the products with these investors and names.
	ProductsByKey(ctx context.Context, keys []app.ProductKey) (map[app.ProductKey]*app.Product, error)
	// SaveImport writes the batch in one transaction, checking the
	// caller's rights again.
	SaveImport(ctx context.Context, b *app.ImportBatch, progress func(done, total int)) error
}

// Importer implements app.ImportService over a Store.
type Importer struct {
	store Store
	vocab *app.Vocabulary
}

var _ app.ImportService = (*Importer)(nil)

// New returns an importer writing to st.
func New(st Store, v *app.Vocabulary) *Importer { return &Importer{store: st, vocab: v} }

// Import reads data (.xlsx or .csv) as a spreadsheet of kind and imports
// it as opt says. Rejected rows and file problems are in the report.
func (im *Importer) Import(ctx context.Context, kindName string, data []byte, opt app.ImportOptions) (*app.ImportReport, error) {
	if !slices.Contains(app.ImportKinds, kindName) {
		return nil, app.Errorf(app.ENOTFOUND, "unknown import kind %q; use enterprises, investors or products", kindName)
	}
	p := app.PrincipalFromContext(ctx)
	if err := app.MayImport(p, kindName); err != nil {
		return nil, err
	}
	rep := &app.ImportReport{Kind: kindName, Errors: []app.ImportError{}, IgnoredColumns: []string{}, DryRun: opt.DryRun}
	tables, _, err := sheet.Read(data)
	if err != nil {
		if sheet.IsLimitError(err) {
			return nil, &app.Error{Code: app.ETOOLARGE, Message: err.Error(), Fields: map[string]string{"file": err.Error()}}
		}
		if sheet.IsFormatError(err) {
			rep.Errors = append(rep.Errors, app.ImportError{Row: 0, Message: err.Error()})
			return rep, nil
		}
		return nil, fmt.Errorf("importer: read: %w", err)
	}
	zones, err := im.store.FindZones(ctx, app.ZoneFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return nil, err
	}
	l := newLookups(im.vocab, p, zones.Items)
	batch, err := im.check(ctx, kindName, l, tables, rep, opt)
	if err != nil {
		return nil, err
	}
	if rep.Rejected() && (!opt.KeepValid || rep.Truncated) {
		rep.Created, rep.Updated = 0, 0
		return rep, nil
	}
	if opt.DryRun || batch.Len() == 0 {
		return rep, nil
	}
	if err := im.store.SaveImport(ctx, batch, phase(opt.Progress, "write")); err != nil {
		return nil, err
	}
	rep.Written = true
	return rep, nil
}

// phase binds a progress callback to a phase name.
func phase(progress func(string, int, int), name string) func(done, total int) {
	if progress == nil {
		return nil
	}
	return func(done, total int) { progress(name, done, total) }
}

// check reads and validates the rows of the kind and returns the valid
// records as a batch.
func (im *Importer) check(ctx context.Context, kindName string, l *lookups, tables []*sheet.Table, rep *app.ImportReport,
	opt app.ImportOptions) (*app.ImportBatch, error) {
	b := &app.ImportBatch{}
	var err error
	progress := phase(opt.Progress, "check")
	switch kindName {
	case app.ImportEnterprises:
		b.Enterprises, err = run(ctx, enterpriseKind(), l, tables, rep, progress, runHooks[ent]{
			existing:  func(keys []string) (map[string]*ent, error) { return im.store.EnterprisesByCreditCode(ctx, keys) },
			mayUpdate: mayUpdateEnterprise, prepare: prepareEnterprise})
	case app.ImportInvestors:
		b.Investors, err = run(ctx, investorKind(), l, tables, rep, progress, runHooks[inv]{
			existing: func(keys []string) (map[string]*inv, error) { return im.store.InvestorsByName(ctx, keys) }})
	case app.ImportProducts:
		b.Products, err = run(ctx, productKind(), l, tables, rep, progress, runHooks[prod]{
			before:   func(lay *layout[prod]) error { return im.loadInvestors(ctx, l, lay) },
			existing: func(keys []string) (map[string]*prod, error) { return im.existingProducts(ctx, keys) }})
	}
	return b, err
}
