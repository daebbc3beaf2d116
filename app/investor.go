package app

import (
	"context"
	"strings"
	"time"
)

// Investor is a financing organization: a bank, a VC, a leasing company…
type Investor struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	Kind         string    `json:"kind"`
	Sectors      []string  `json:"sectors"` // sector or subsector codes; empty = all
	Stages       []string  `json:"stages"`  // empty = all
	TicketMinCNY int64     `json:"ticket_min_cny"`
	TicketMaxCNY int64     `json:"ticket_max_cny"`
	Instruments  []string  `json:"instruments"`
	Provinces    []string  `json:"provinces"` // empty = nationwide
	Description  string    `json:"description"`
	Contacts     []Contact `json:"contacts,omitempty"` // private
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Public returns a copy without the contacts.
func (i *Investor) Public() *Investor {
	c := *i
	c.Contacts = nil
	return &c
}

// Normalize trims text and replaces nil lists with empty ones.
func (i *Investor) Normalize() {
	i.Name = strings.TrimSpace(i.Name)
	for _, l := range []*[]string{&i.Sectors, &i.Stages, &i.Instruments, &i.Provinces} {
		if *l == nil {
			*l = []string{}
		}
	}
	for k := range i.Contacts {
		i.Contacts[k].normalize()
	}
}

// Validate checks every field of an investor.
func (i *Investor) Validate(v *Vocabulary) error {
	var val Validation
	val.RequireText("name", i.Name, 200)
	val.Enum("kind", i.Kind, InvestorKinds)
	validateSectors(&val, v, "sectors", i.Sectors)
	val.EnumList("stages", i.Stages, Codes(v.Stages))
	validateAmountRange(&val, "ticket_min_cny", "ticket_max_cny", i.TicketMinCNY, i.TicketMaxCNY)
	val.EnumList("instruments", i.Instruments, Codes(v.Instruments))
	validateProvinces(&val, v, "provinces", i.Provinces)
	val.MaxMultiline("description", i.Description, 4000)
	val.Check(len(i.Contacts) > 0, "contacts", "at least one contact is required")
	val.Check(len(i.Contacts) <= 20, "contacts", "at most 20 contacts")
	for k := range i.Contacts {
		i.Contacts[k].validate(&val, "contacts["+itoa(k)+"].")
	}
	return val.Err()
}

func validateSectors(val *Validation, v *Vocabulary, field string, list []string) {
	seen := map[string]bool{}
	for _, s := range list {
		if seen[s] {
			val.Add(field, "duplicate value "+quote(s))
			return
		}
		seen[s] = true
		if !v.SectorOrSubsector(s) {
			val.Add(field, "unknown sector or subsector "+quote(s))
			return
		}
	}
}

func validateProvinces(val *Validation, v *Vocabulary, field string, list []string) {
	for _, p := range list {
		if !v.ValidProvince(p) {
			val.Add(field, "unknown province "+quote(p)+"; use the Chinese name such as 江苏省")
			return
		}
	}
}

func validateAmountRange(val *Validation, minField, maxField string, min, max int64) {
	val.Amount(minField, min)
	val.Amount(maxField, max)
	if !val.Has(minField) && !val.Has(maxField) {
		val.Check(min <= max, maxField, "must be ≥ "+minField)
	}
}

// InvestorUpdate holds the fields of a PATCH; nil means unchanged.
type InvestorUpdate struct {
	Name         *string    `json:"name"`
	Kind         *string    `json:"kind"`
	Sectors      *[]string  `json:"sectors"`
	Stages       *[]string  `json:"stages"`
	TicketMinCNY *int64     `json:"ticket_min_cny"`
	TicketMaxCNY *int64     `json:"ticket_max_cny"`
	Instruments  *[]string  `json:"instruments"`
	Provinces    *[]string  `json:"provinces"`
	Description  *string    `json:"description"`
	Contacts     *[]Contact `json:"contacts"`
}

// Apply copies the set fields of u onto i.
func (i *Investor) Apply(u InvestorUpdate) {
	setIf(&i.Name, u.Name)
	setIf(&i.Kind, u.Kind)
	setIf(&i.Sectors, u.Sectors)
	setIf(&i.Stages, u.Stages)
	setIf(&i.TicketMinCNY, u.TicketMinCNY)
	setIf(&i.TicketMaxCNY, u.TicketMaxCNY)
	setIf(&i.Instruments, u.Instruments)
	setIf(&i.Provinces, u.Provinces)
	setIf(&i.Description, u.Description)
	setIf(&i.Contacts, u.Contacts)
}

// InvestorFilter selects investors.
type InvestorFilter struct {
	Kind       string
	Sector     string
	Stage      string
	Instrument string
	Province   string
	Q          string
	Page       Page
}

// InvestorService manages investor organizations.
type InvestorService interface {
	// FindInvestorByID returns ENOTFOUND.
	FindInvestorByID(ctx context.Context, id int64) (*Investor, error)
	FindInvestors(ctx context.Context, f InvestorFilter) (List[*Investor], error)
	// CreateInvestor registers i and returns the secret of its new investor
	// token, shown once; EINVALID, EUNAUTHORIZED, EFORBIDDEN, ECONFLICT for a
	// duplicate name.
	CreateInvestor(ctx context.Context, i *Investor) (token string, err error)
	// UpdateInvestor returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT.
	UpdateInvestor(ctx context.Context, id int64, u InvestorUpdate) (*Investor, error)
	// DeleteInvestor returns ENOTFOUND, EFORBIDDEN, ECONFLICT.
	DeleteInvestor(ctx context.Context, id int64) error
}
