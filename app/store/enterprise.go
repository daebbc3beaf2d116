package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type enterpriseRow struct {
	ID               int64 `gorm:"primaryKey"`
	Name             string
	CreditCode       string
	ZoneID           int64
	Sector           string
	Subsector        string
	Stage            string
	Labels           jsonOf[[]string]
	InnovationPoints int
	NeedAmountCNY    int64 `gorm:"column:need_amount_cny"`
	NeedInstruments  jsonOf[[]string]
	NeedPurpose      string
	ContactName      string
	ContactTitle     string
	ContactEmail     string
	ContactPhone     string
	ContactTimezone  string
	PitchDeckURL     string    `gorm:"column:pitch_deck_url"`
	CreatedAt        time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt        time.Time `gorm:"autoUpdateTime:false"`
}

func (enterpriseRow) TableName() string { return "enterprises" }

func (r *enterpriseRow) domain() *app.Enterprise {
	return &app.Enterprise{ID: r.ID, Name: r.Name, CreditCode: r.CreditCode, ZoneID: r.ZoneID, Sector: r.Sector,
		Subsector: r.Subsector, Stage: r.Stage, Labels: strs(r.Labels.Val), InnovationPoints: r.InnovationPoints,
		Need:         &app.Need{AmountCNY: r.NeedAmountCNY, Instruments: strs(r.NeedInstruments.Val), Purpose: r.NeedPurpose},
		Contact:      &app.Contact{Name: r.ContactName, Title: r.ContactTitle, Email: r.ContactEmail, Phone: r.ContactPhone, TimeZone: r.ContactTimezone},
		PitchDeckURL: r.PitchDeckURL, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func enterpriseRowOf(e *app.Enterprise) enterpriseRow {
	r := enterpriseRow{ID: e.ID, Name: e.Name, CreditCode: e.CreditCode, ZoneID: e.ZoneID, Sector: e.Sector,
		Subsector: e.Subsector, Stage: e.Stage, Labels: js(strs(e.Labels)), InnovationPoints: e.InnovationPoints,
		NeedAmountCNY: e.Need.AmountCNY, NeedInstruments: js(strs(e.Need.Instruments)), NeedPurpose: e.Need.Purpose,
		PitchDeckURL: e.PitchDeckURL, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if c := e.Contact; c != nil {
		r.ContactName, r.ContactTitle, r.ContactEmail, r.ContactPhone, r.ContactTimezone = c.Name, c.Title, c.Email, c.Phone, c.TimeZone
	}
	return r
}

// CreateEnterprise registers an enterprise and issues its token, returned
// once. Anonymous callers may do so when open registration is on; staff
// may register enterprises of zones they cover.
func (s *Store) CreateEnterprise(ctx context.Context, e *app.Enterprise) (string, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.MayRegister(p, s.openRegistration); err != nil {
		return "", err
	}
	e.ID = 0
	e.Normalize()
	if err := e.Validate(s.vocab); err != nil {
		return "", err
	}
	var secret string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkZoneFor(tx, p, e.ZoneID); err != nil {
			return err
		}
		e.CreatedAt, e.UpdatedAt = s.now(), s.now()
		r := enterpriseRowOf(e)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		e.ID = r.ID
		var err error
		secret, err = s.issueToken(tx, &app.Token{Role: app.RoleEnterprise, EnterpriseID: &r.ID, Label: "registration"})
		return err
	})
	return secret, err
}

// checkZoneFor verifies that the zone exists and, for an organizer, that it
// is theirs.
func (s *Store) checkZoneFor(tx *gorm.DB, p *app.Principal, zoneID int64) error {
	z, err := s.zone(tx, zoneID)
	if err != nil {
		return app.FieldError("zone_id", "unknown zone")
	}
	if p.IsOrganizer() && !p.CoversZone(z.ID, deref(z.BranchID)) {
		return app.Errorf(app.EFORBIDDEN, "zone %d is not yours", zoneID)
	}
	return nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// FindEnterpriseByID returns an enterprise, with its private fields only for
// callers allowed to see them.
func (s *Store) FindEnterpriseByID(ctx context.Context, id int64) (*app.Enterprise, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	r, err := s.enterprise(db, id)
	if err != nil {
		return nil, err
	}
	ok, err := s.canSeeEnterprise(db, p, r)
	if err != nil {
		return nil, err
	}
	if !ok {
		return r.domain().Public(), nil
	}
	return r.domain(), nil
}

func (s *Store) enterprise(db *gorm.DB, id int64) (*enterpriseRow, error) {
	var r enterpriseRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("enterprise")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// canSeeEnterprise loads what app.SeesEnterprise needs to know of an
// enterprise (for an organizer: its zone's branch, its registrations) and
// asks it.
func (s *Store) canSeeEnterprise(db *gorm.DB, p *app.Principal, r *enterpriseRow) (bool, error) {
	branch, err := s.zoneBranchFor(db, p, r.ZoneID)
	if err != nil {
		return false, err
	}
	registered := false
	if p.IsOrganizer() {
		if registered, err = s.registeredWithOrganizer(db, p, "enterprise_id", r.ID); err != nil {
			return false, err
		}
	}
	return app.SeesEnterprise(p, r.ID, r.ZoneID, branch, registered), nil
}

// zoneBranchFor returns the bank branch of a zone when p is an organizer
// (whose rights depend on it), 0 otherwise.
func (s *Store) zoneBranchFor(db *gorm.DB, p *app.Principal, zoneID int64) (int64, error) {
	if !p.IsOrganizer() {
		return 0, nil
	}
	return s.zoneBranch(db, zoneID)
}

// registeredWithOrganizer reports whether the party (col = enterprise_id or
// investor_id) has a registration for an event the organizer manages.
func (s *Store) registeredWithOrganizer(db *gorm.DB, p *app.Principal, col string, id int64) (bool, error) {
	q := db.Table("registrations r").Joins("JOIN events e ON e.id = r.event_id").Where("r."+col+" = ?", id)
	if p.ZoneID != 0 {
		q = q.Where("e.zone_id = ?", p.ZoneID)
	} else {
		q = q.Where("e.branch_id = ?", p.BranchID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return false, translate(err)
	}
	return n > 0, nil
}

// FindEnterprises lists enterprises; private fields are shown where the
// caller may see them.
func (s *Store) FindEnterprises(ctx context.Context, f app.EnterpriseFilter) (app.List[*app.Enterprise], error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return app.List[*app.Enterprise]{}, err
	}
	db := s.conn(ctx)
	q := db.Model(&enterpriseRow{})
	if f.ZoneID != 0 {
		q = q.Where("zone_id = ?", f.ZoneID)
	}
	for col, v := range map[string]string{"sector": f.Sector, "stage": f.Stage} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Label != "" {
		q = q.Where("labels LIKE ? ESCAPE '!'", jsonContains(f.Label))
	}
	if f.Q != "" {
		q = q.Where("name LIKE ? ESCAPE '!' OR credit_code = ?", likeArg(f.Q), f.Q)
	}
	var rows []enterpriseRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Enterprise]{}, translate(err)
	}
	zones, err := s.coveredZones(db, p)
	if err != nil {
		return app.List[*app.Enterprise]{}, err
	}
	return listOf(rows, f.Page, func(r *enterpriseRow) int64 { return r.ID }, func(r *enterpriseRow) *app.Enterprise {
		if p.IsAdmin() || p.IsEnterprise(r.ID) || zones[r.ZoneID] {
			return r.domain()
		}
		return r.domain().Public()
	}), nil
}

// coveredZones returns the zones an organizer covers (nil for others).
func (s *Store) coveredZones(db *gorm.DB, p *app.Principal) (map[int64]bool, error) {
	if !p.IsOrganizer() {
		return nil, nil
	}
	if p.ZoneID != 0 {
		return map[int64]bool{p.ZoneID: true}, nil
	}
	var ids []int64
	if err := db.Model(&zoneRow{}).Where("branch_id = ?", p.BranchID).Pluck("id", &ids).Error; err != nil {
		return nil, translate(err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// checkEditEnterprise loads the enterprise zone's branch and asks
// app.MayEditEnterprise.
func (s *Store) checkEditEnterprise(db *gorm.DB, p *app.Principal, r *enterpriseRow) error {
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	branch, err := s.zoneBranchFor(db, p, r.ZoneID)
	if err != nil {
		return err
	}
	return app.MayEditEnterprise(p, r.ID, r.ZoneID, branch)
}

// UpdateEnterprise applies a PATCH.
func (s *Store) UpdateEnterprise(ctx context.Context, id int64, u app.EnterpriseUpdate) (*app.Enterprise, error) {
	p := app.PrincipalFromContext(ctx)
	var out *app.Enterprise
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.enterprise(tx, id)
		if err != nil {
			return err
		}
		if err := s.checkEditEnterprise(tx, p, r); err != nil {
			return err
		}
		e := r.domain()
		e.Apply(u)
		e.Normalize()
		if err := e.Validate(s.vocab); err != nil {
			return err
		}
		if e.ZoneID != r.ZoneID {
			if err := s.checkZoneFor(tx, p, e.ZoneID); err != nil {
				return err
			}
		}
		e.UpdatedAt = s.now()
		row := enterpriseRowOf(e)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = e
		if u.Contact == nil {
			return nil
		}
		return s.notifyContacts(tx, app.SideEnterprise, id)
	})
	return out, err
}

// DeleteEnterprise removes an enterprise with its registrations and tokens;
// ECONFLICT when deals or meetings refer to it.
func (s *Store) DeleteEnterprise(ctx context.Context, id int64) error {
	p := app.PrincipalFromContext(ctx)
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.enterprise(tx, id)
		if err != nil {
			return err
		}
		if err := s.checkEditEnterprise(tx, p, r); err != nil {
			return err
		}
		if err := s.refusedIfReferenced(tx, "enterprise_id", id); err != nil {
			return err
		}
		if err := deleteDependants(tx, enterpriseDependants, id); err != nil {
			return err
		}
		return translate(tx.Delete(&enterpriseRow{}, id).Error)
	})
}

// refusedIfReferenced returns ECONFLICT when deals (or, once they exist,
// meetings) refer to the party, so that history is never lost.
func (s *Store) refusedIfReferenced(tx *gorm.DB, col string, id int64) error {
	for _, table := range s.historyTables {
		if table == "pitches" && col == "investor_id" {
			continue // pitches name no investor
		}
		var n int64
		if err := tx.Table(table).Where(col+" = ?", id).Count(&n).Error; err != nil {
			return translate(err)
		}
		if n > 0 {
			return app.Errorf(app.ECONFLICT, "%s are recorded for it; it cannot be deleted", table)
		}
	}
	return nil
}
