package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type investorRow struct {
	ID           int64 `gorm:"primaryKey"`
	Name         string
	Kind         string
	Sectors      jsonOf[[]string]
	Stages       jsonOf[[]string]
	TicketMinCNY int64 `gorm:"column:ticket_min_cny"`
	TicketMaxCNY int64 `gorm:"column:ticket_max_cny"`
	Instruments  jsonOf[[]string]
	Provinces    jsonOf[[]string]
	Description  string
	Contacts     jsonOf[[]app.Contact]
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (investorRow) TableName() string { return "investors" }

func (r *investorRow) domain() *app.Investor {
	contacts := r.Contacts.Val
	if contacts == nil {
		contacts = []app.Contact{}
	}
	return &app.Investor{ID: r.ID, Name: r.Name, Kind: r.Kind, Sectors: strs(r.Sectors.Val), Stages: strs(r.Stages.Val),
		TicketMinCNY: r.TicketMinCNY, TicketMaxCNY: r.TicketMaxCNY, Instruments: strs(r.Instruments.Val),
		Provinces: strs(r.Provinces.Val), Description: r.Description, Contacts: contacts,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func investorRowOf(i *app.Investor) investorRow {
	return investorRow{ID: i.ID, Name: i.Name, Kind: i.Kind, Sectors: js(strs(i.Sectors)), Stages: js(strs(i.Stages)),
		TicketMinCNY: i.TicketMinCNY, TicketMaxCNY: i.TicketMaxCNY, Instruments: js(strs(i.Instruments)),
		Provinces: js(strs(i.Provinces)), Description: i.Description, Contacts: js(i.Contacts),
		CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt}
}

var _ app.InvestorService = (*Store)(nil)

// CreateInvestor registers an investor and issues its token, returned once.
func (s *Store) CreateInvestor(ctx context.Context, i *app.Investor) (string, error) {
	if err := app.MayRegister(app.PrincipalFromContext(ctx), s.openRegistration); err != nil {
		return "", err
	}
	i.ID = 0
	i.Normalize()
	if err := i.Validate(s.vocab); err != nil {
		return "", err
	}
	var secret string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		i.CreatedAt, i.UpdatedAt = s.now(), s.now()
		r := investorRowOf(i)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		i.ID = r.ID
		var err error
		secret, err = s.issueToken(tx, &app.Token{Role: app.RoleInvestor, InvestorID: &r.ID, Label: "registration"})
		return err
	})
	return secret, err
}

func (s *Store) investor(db *gorm.DB, id int64) (*investorRow, error) {
	var r investorRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("investor")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// FindInvestorByID returns an investor; its contacts only to admins, the
// investor itself and organizers of an event it registered for.
func (s *Store) FindInvestorByID(ctx context.Context, id int64) (*app.Investor, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	r, err := s.investor(db, id)
	if err != nil {
		return nil, err
	}
	registered := false
	if p.IsOrganizer() {
		if registered, err = s.registeredWithOrganizer(db, p, "investor_id", id); err != nil {
			return nil, err
		}
	}
	if !app.SeesInvestor(p, id, registered) {
		return r.domain().Public(), nil
	}
	return r.domain(), nil
}

// FindInvestors lists investors; contacts only for admins and the investor
// itself.
func (s *Store) FindInvestors(ctx context.Context, f app.InvestorFilter) (app.List[*app.Investor], error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return app.List[*app.Investor]{}, err
	}
	q := s.conn(ctx).Model(&investorRow{})
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Sector != "" {
		q = q.Where("(sectors = '[]' OR sectors LIKE ? ESCAPE '!')", jsonContains(f.Sector))
	}
	if f.Stage != "" {
		q = q.Where("(stages = '[]' OR stages LIKE ? ESCAPE '!')", jsonContains(f.Stage))
	}
	if f.Instrument != "" {
		q = q.Where("instruments LIKE ? ESCAPE '!'", jsonContains(f.Instrument))
	}
	if f.Province != "" {
		q = q.Where("(provinces = '[]' OR provinces LIKE ? ESCAPE '!')", jsonContains(f.Province))
	}
	if f.Q != "" {
		q = q.Where("name LIKE ? ESCAPE '!'", likeArg(f.Q))
	}
	var rows []investorRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Investor]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *investorRow) int64 { return r.ID }, func(r *investorRow) *app.Investor {
		if p.IsAdmin() || p.IsInvestor(r.ID) {
			return r.domain()
		}
		return r.domain().Public()
	}), nil
}

// UpdateInvestor applies a PATCH.
func (s *Store) UpdateInvestor(ctx context.Context, id int64, u app.InvestorUpdate) (*app.Investor, error) {
	p := app.PrincipalFromContext(ctx)
	var out *app.Investor
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.investor(tx, id)
		if err != nil {
			return err
		}
		if err := app.MayEditInvestor(p, id); err != nil {
			return err
		}
		i := r.domain()
		i.Apply(u)
		i.Normalize()
		if err := i.Validate(s.vocab); err != nil {
			return err
		}
		i.UpdatedAt = s.now()
		row := investorRowOf(i)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = i
		if u.Contacts == nil {
			return nil
		}
		return s.notifyContacts(tx, app.SideInvestor, id)
	})
	return out, err
}

// DeleteInvestor removes an investor with its products, registrations and
// tokens; ECONFLICT when deals or meetings refer to it.
func (s *Store) DeleteInvestor(ctx context.Context, id int64) error {
	p := app.PrincipalFromContext(ctx)
	return s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.investor(tx, id); err != nil {
			return err
		}
		if err := app.MayEditInvestor(p, id); err != nil {
			return err
		}
		if err := s.refusedIfReferenced(tx, "investor_id", id); err != nil {
			return err
		}
		if err := deleteDependants(tx, investorDependants, id); err != nil {
			return err
		}
		return translate(tx.Delete(&investorRow{}, id).Error)
	})
}
