package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type productRow struct {
	ID                  int64 `gorm:"primaryKey"`
	InvestorID          int64
	Name                string
	Instrument          string
	AmountMinCNY        int64 `gorm:"column:amount_min_cny"`
	AmountMaxCNY        int64 `gorm:"column:amount_max_cny"`
	Sectors             jsonOf[[]string]
	Stages              jsonOf[[]string]
	MinInnovationPoints int
	RequiredLabels      jsonOf[[]string]
	Provinces           jsonOf[[]string]
	TermMonths          int
	Description         string
	CreatedAt           time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt           time.Time `gorm:"autoUpdateTime:false"`
}

func (productRow) TableName() string { return "products" }

func (r *productRow) domain() *app.Product {
	return &app.Product{ID: r.ID, InvestorID: r.InvestorID, Name: r.Name, Instrument: r.Instrument,
		AmountMinCNY: r.AmountMinCNY, AmountMaxCNY: r.AmountMaxCNY, Sectors: strs(r.Sectors.Val), Stages: strs(r.Stages.Val),
		MinInnovationPoints: r.MinInnovationPoints, RequiredLabels: strs(r.RequiredLabels.Val), Provinces: strs(r.Provinces.Val),
		TermMonths: r.TermMonths, Description: r.Description, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func productRowOf(p *app.Product) productRow {
	return productRow{ID: p.ID, InvestorID: p.InvestorID, Name: p.Name, Instrument: p.Instrument,
		AmountMinCNY: p.AmountMinCNY, AmountMaxCNY: p.AmountMaxCNY, Sectors: js(strs(p.Sectors)), Stages: js(strs(p.Stages)),
		MinInnovationPoints: p.MinInnovationPoints, RequiredLabels: js(strs(p.RequiredLabels)), Provinces: js(strs(p.Provinces)),
		TermMonths: p.TermMonths, Description: p.Description, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

var _ app.ProductService = (*Store)(nil)

// CreateProduct adds a product: admins for any investor, an investor for
// itself (investor_id defaults to the caller's).
func (s *Store) CreateProduct(ctx context.Context, prod *app.Product) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	if p.Role == app.RoleInvestor && prod.InvestorID == 0 {
		prod.InvestorID = p.InvestorID
	}
	prod.Normalize()
	if err := prod.Validate(s.vocab); err != nil {
		return err
	}
	if err := app.MayEditInvestor(p, prod.InvestorID); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if ok, err := exists(tx, "investors", prod.InvestorID); err != nil {
			return err
		} else if !ok {
			return app.FieldError("investor_id", "unknown investor")
		}
		prod.CreatedAt, prod.UpdatedAt = s.now(), s.now()
		r := productRowOf(prod)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		prod.ID = r.ID
		return nil
	})
}

func (s *Store) product(db *gorm.DB, id int64) (*productRow, error) {
	var r productRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("product")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// FindProductByID returns a product; products are public to signed-in users.
func (s *Store) FindProductByID(ctx context.Context, id int64) (*app.Product, error) {
	if err := app.RequireAuth(app.PrincipalFromContext(ctx)); err != nil {
		return nil, err
	}
	r, err := s.product(s.conn(ctx), id)
	if err != nil {
		return nil, err
	}
	return r.domain(), nil
}

// FindProducts lists products.
func (s *Store) FindProducts(ctx context.Context, f app.ProductFilter) (app.List[*app.Product], error) {
	if err := app.RequireAuth(app.PrincipalFromContext(ctx)); err != nil {
		return app.List[*app.Product]{}, err
	}
	q := s.conn(ctx).Model(&productRow{})
	if f.InvestorID != 0 {
		q = q.Where("investor_id = ?", f.InvestorID)
	}
	if f.Instrument != "" {
		q = q.Where("instrument = ?", f.Instrument)
	}
	if f.Sector != "" {
		q = q.Where("(sectors = '[]' OR sectors LIKE ? ESCAPE '!')", jsonContains(f.Sector))
	}
	if f.Stage != "" {
		q = q.Where("(stages = '[]' OR stages LIKE ? ESCAPE '!')", jsonContains(f.Stage))
	}
	if f.Q != "" {
		q = q.Where("name LIKE ? ESCAPE '!'", likeArg(f.Q))
	}
	var rows []productRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Product]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *productRow) int64 { return r.ID }, (*productRow).domain), nil
}

// UpdateProduct applies a PATCH; admins and the owning investor.
func (s *Store) UpdateProduct(ctx context.Context, id int64, u app.ProductUpdate) (*app.Product, error) {
	p := app.PrincipalFromContext(ctx)
	var out *app.Product
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.product(tx, id)
		if err != nil {
			return err
		}
		if err := app.MayEditInvestor(p, r.InvestorID); err != nil {
			return err
		}
		prod := r.domain()
		prod.Apply(u)
		prod.Normalize()
		if err := prod.Validate(s.vocab); err != nil {
			return err
		}
		prod.UpdatedAt = s.now()
		row := productRowOf(prod)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = prod
		return nil
	})
	return out, err
}

// DeleteProduct removes a product; deals keep their record without it.
func (s *Store) DeleteProduct(ctx context.Context, id int64) error {
	p := app.PrincipalFromContext(ctx)
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.product(tx, id)
		if err != nil {
			return err
		}
		if err := app.MayEditInvestor(p, r.InvestorID); err != nil {
			return err
		}
		// Not left to ON DELETE SET NULL (see dependant).
		if err := tx.Exec("UPDATE deals SET product_id = NULL WHERE product_id = ?", id).Error; err != nil {
			return translate(err)
		}
		return translate(tx.Delete(&productRow{}, id).Error)
	})
}
