package app

import (
	"context"
	"strings"
	"time"
)

// Product is a financing product of an investor (交银火炬贷, 火炬创新积分贷…).
type Product struct {
	ID                  int64     `json:"id"`
	InvestorID          int64     `json:"investor_id"`
	Name                string    `json:"name"`
	Instrument          string    `json:"instrument"`
	AmountMinCNY        int64     `json:"amount_min_cny"`
	AmountMaxCNY        int64     `json:"amount_max_cny"`
	Sectors             []string  `json:"sectors"`
	Stages              []string  `json:"stages"`
	MinInnovationPoints int       `json:"min_innovation_points"`
	RequiredLabels      []string  `json:"required_labels"`
	Provinces           []string  `json:"provinces"`
	TermMonths          int       `json:"term_months"`
	Description         string    `json:"description"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
}

// Normalize trims text and replaces nil lists with empty ones.
func (p *Product) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	for _, l := range []*[]string{&p.Sectors, &p.Stages, &p.RequiredLabels, &p.Provinces} {
		if *l == nil {
			*l = []string{}
		}
	}
}

// Validate checks every field except the investor's existence.
func (p *Product) Validate(v *Vocabulary) error {
	var val Validation
	val.Check(p.InvestorID > 0, "investor_id", "is required")
	val.RequireText("name", p.Name, 200)
	val.Enum("instrument", p.Instrument, Codes(v.Instruments))
	validateAmountRange(&val, "amount_min_cny", "amount_max_cny", p.AmountMinCNY, p.AmountMaxCNY)
	validateSectors(&val, v, "sectors", p.Sectors)
	val.EnumList("stages", p.Stages, Codes(v.Stages))
	val.Range("min_innovation_points", int64(p.MinInnovationPoints), 0, 1000)
	val.EnumList("required_labels", p.RequiredLabels, Codes(v.Labels))
	validateProvinces(&val, v, "provinces", p.Provinces)
	val.Range("term_months", int64(p.TermMonths), 0, 600)
	val.MaxMultiline("description", p.Description, 4000)
	return val.Err()
}

// ProductUpdate holds the fields of a PATCH; nil means unchanged.
type ProductUpdate struct {
	Name                *string   `json:"name"`
	Instrument          *string   `json:"instrument"`
	AmountMinCNY        *int64    `json:"amount_min_cny"`
	AmountMaxCNY        *int64    `json:"amount_max_cny"`
	Sectors             *[]string `json:"sectors"`
	Stages              *[]string `json:"stages"`
	MinInnovationPoints *int      `json:"min_innovation_points"`
	RequiredLabels      *[]string `json:"required_labels"`
	Provinces           *[]string `json:"provinces"`
	TermMonths          *int      `json:"term_months"`
	Description         *string   `json:"description"`
}

// Apply copies the set fields of u onto p.
func (p *Product) Apply(u ProductUpdate) {
	setIf(&p.Name, u.Name)
	setIf(&p.Instrument, u.Instrument)
	setIf(&p.AmountMinCNY, u.AmountMinCNY)
	setIf(&p.AmountMaxCNY, u.AmountMaxCNY)
	setIf(&p.Sectors, u.Sectors)
	setIf(&p.Stages, u.Stages)
	setIf(&p.MinInnovationPoints, u.MinInnovationPoints)
	setIf(&p.RequiredLabels, u.RequiredLabels)
	setIf(&p.Provinces, u.Provinces)
	setIf(&p.TermMonths, u.TermMonths)
	setIf(&p.Description, u.Description)
}

// ProductFilter selects products.
type ProductFilter struct {
	InvestorID int64
	Instrument string
	Sector     string
	Stage      string
	Q          string
	Page       Page
}

// ProductService manages financing products. Products are public.
type ProductService interface {
	// FindProductByID returns ENOTFOUND.
	FindProductByID(ctx context.Context, id int64) (*Product, error)
	FindProducts(ctx context.Context, f ProductFilter) (List[*Product], error)
	// CreateProduct returns EINVALID, EFORBIDDEN, ECONFLICT (same name for
	// the same investor).
	CreateProduct(ctx context.Context, p *Product) error
	// UpdateProduct returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT.
	UpdateProduct(ctx context.Context, id int64, u ProductUpdate) (*Product, error)
	// DeleteProduct returns ENOTFOUND, EFORBIDDEN.
	DeleteProduct(ctx context.Context, id int64) error
}
