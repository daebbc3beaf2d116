package store

import (
	"context"

	"gorm.io/gorm"

	"roadshow/app"
)

// inChunk is how many keys go into one IN (…) list.
const inChunk = 1000

// eachChunk calls fn with consecutive slices of at most n elements.
func eachChunk[T any](list []T, n int, fn func(part []T) error) error {
	for lo := 0; lo < len(list); lo += n {
		if err := fn(list[lo:min(len(list), lo+n)]); err != nil {
			return err
		}
	}
	return nil
}

// EnterprisesByCreditCode returns the stored enterprises with these credit
// codes, for an import to update them: with their private fields for
// admins and the organizers covering their zone, public otherwise.
func (s *Store) EnterprisesByCreditCode(ctx context.Context, codes []string) (map[string]*app.Enterprise, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	covered, err := s.coveredZones(db, p)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*app.Enterprise, len(codes))
	err = eachChunk(codes, inChunk, func(part []string) error {
		var rows []enterpriseRow
		if err := db.Where("credit_code IN ?", part).Find(&rows).Error; err != nil {
			return translate(err)
		}
		for i := range rows {
			e := rows[i].domain()
			if !p.IsAdmin() && !covered[e.ZoneID] {
				e = e.Public()
			}
			out[e.CreditCode] = e
		}
		return nil
	})
	return out, err
}

// InvestorsByName returns the stored investors with these names: with
// their contacts for admins and the investor itself.
func (s *Store) InvestorsByName(ctx context.Context, names []string) (map[string]*app.Investor, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	out := make(map[string]*app.Investor, len(names))
	err := eachChunk(names, inChunk, func(part []string) error {
		var rows []investorRow
		if err := db.Where("name IN ?", part).Find(&rows).Error; err != nil {
			return translate(err)
		}
		for i := range rows {
			inv := rows[i].domain()
			if !p.IsAdmin() && !p.IsInvestor(inv.ID) {
				inv = inv.Public()
			}
			out[inv.Name] = inv
		}
		return nil
	})
	return out, err
}

// ProductsByKey returns the stored products with these investors and
// names (products are public).
func (s *Store) ProductsByKey(ctx context.Context, keys []app.ProductKey) (map[app.ProductKey]*app.Product, error) {
	if err := app.RequireAuth(app.PrincipalFromContext(ctx)); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	want := make(map[app.ProductKey]bool, len(keys))
	for _, k := range keys {
		want[k] = true
	}
	out := make(map[app.ProductKey]*app.Product, len(keys))
	err := eachChunk(keys, inChunk, func(part []app.ProductKey) error {
		ids, names := make([]int64, len(part)), make([]string, len(part))
		for i, k := range part {
			ids[i], names[i] = k.InvestorID, k.Name
		}
		var rows []productRow
		if err := db.Where("investor_id IN ? AND name IN ?", ids, names).Find(&rows).Error; err != nil {
			return translate(err)
		}
		for i := range rows {
			if k := (app.ProductKey{InvestorID: rows[i].InvestorID, Name: rows[i].Name}); want[k] {
				out[k] = rows[i].domain()
			}
		}
		return nil
	})
	return out, err
}

// SaveImport writes an import's records in one transaction: each table
// with multi-row upserts keyed by its natural key (credit code, investor
// name, investor and product name), so a record created meanwhile is
// updated rather than duplicated. The caller's rights are checked again:
// admins anything, organizers enterprises of the zones they cover (before
// and after the change), investors their own products.
func (s *Store) SaveImport(ctx context.Context, b *app.ImportBatch, progress func(done, total int)) error {
	p := app.PrincipalFromContext(ctx)
	for kind, n := range map[string]int{app.ImportEnterprises: len(b.Enterprises), app.ImportInvestors: len(b.Investors),
		app.ImportProducts: len(b.Products)} {
		if n > 0 {
			if err := app.MayImport(p, kind); err != nil {
				return err
			}
		}
	}
	now := s.now()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkImportScope(tx, p, b); err != nil {
			return err
		}
		w := &bulkWriter{s: s, tx: tx, total: b.Len(), progress: progress}
		if err := w.upsert(enterpriseBulk.table(), enterpriseBulk.rows(b.Enterprises, now)); err != nil {
			return err
		}
		if err := w.upsert(investorBulk.table(), investorBulk.rows(b.Investors, now)); err != nil {
			return err
		}
		return w.upsert(productBulk.table(), productBulk.rows(b.Products, now))
	})
}

// checkImportScope enforces the import rights of organizers and investors.
func (s *Store) checkImportScope(tx *gorm.DB, p *app.Principal, b *app.ImportBatch) error {
	if p.IsAdmin() {
		return nil
	}
	for _, prod := range b.Products {
		if !p.IsInvestor(prod.InvestorID) {
			return app.Errorf(app.EFORBIDDEN, "you may import only your own products")
		}
	}
	if len(b.Products) > 0 {
		return s.checkOwnProducts(tx, p, b.Products)
	}
	if len(b.Enterprises) == 0 {
		return nil
	}
	covered, err := s.coveredZones(tx, p)
	if err != nil {
		return err
	}
	codes := make([]string, len(b.Enterprises))
	for i, e := range b.Enterprises {
		if !covered[e.ZoneID] {
			return app.Errorf(app.EFORBIDDEN, "zone %d is not yours", e.ZoneID)
		}
		codes[i] = e.CreditCode
	}
	return eachChunk(codes, inChunk, func(part []string) error {
		var zones []int64
		if err := tx.Model(&enterpriseRow{}).Where("credit_code IN ?", part).Distinct().Pluck("zone_id", &zones).Error; err != nil {
			return translate(err)
		}
		for _, z := range zones {
			if !covered[z] {
				return app.Errorf(app.EFORBIDDEN, "an enterprise of the file is registered in zone %d, which is not yours", z)
			}
		}
		return nil
	})
}

// checkOwnProducts refuses updates of products of other investors (a
// product's key includes its investor, so this guards the ids).
func (s *Store) checkOwnProducts(tx *gorm.DB, p *app.Principal, list []*app.Product) error {
	var ids []int64
	for _, prod := range list {
		if prod.ID != 0 {
			ids = append(ids, prod.ID)
		}
	}
	return eachChunk(ids, inChunk, func(part []int64) error {
		var n int64
		if err := tx.Model(&productRow{}).Where("id IN ? AND investor_id <> ?", part, p.InvestorID).Count(&n).Error; err != nil {
			return translate(err)
		}
		if n > 0 {
			return app.Errorf(app.EFORBIDDEN, "you may import only your own products")
		}
		return nil
	})
}
