package store

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type registrationRow struct {
	ID           int64 `gorm:"primaryKey"`
	EventID      int64
	EnterpriseID *int64
	InvestorID   *int64
	Role         string
	Status       string
	Availability jsonOf[[]app.Interval]
	Note         string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (registrationRow) TableName() string { return "registrations" }

func (r *registrationRow) domain(loc *time.Location) *app.Registration {
	av := make([]app.Interval, len(r.Availability.Val))
	for i, iv := range r.Availability.Val {
		av[i] = app.Interval{From: iv.From.In(loc), To: iv.To.In(loc)}
	}
	return &app.Registration{ID: r.ID, EventID: r.EventID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID,
		Role: r.Role, Status: r.Status, Availability: av, Note: r.Note, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func registrationRowOf(x *app.Registration) registrationRow {
	av := make([]app.Interval, len(x.Availability))
	for i, iv := range x.Availability {
		av[i] = app.Interval{From: utc(iv.From), To: utc(iv.To)}
	}
	return registrationRow{ID: x.ID, EventID: x.EventID, EnterpriseID: x.EnterpriseID, InvestorID: x.InvestorID,
		Role: x.Role, Status: x.Status, Availability: js(av), Note: x.Note, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt}
}

var _ app.RegistrationService = (*Store)(nil)

// CreateRegistration records an application. Enterprises and investors
// apply for themselves while the event is open and before its deadline;
// organizers of the event may register anyone until it closes.
func (s *Store) CreateRegistration(ctx context.Context, x *app.Registration) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	fillParty(p, x)
	return s.tx(ctx, func(tx *gorm.DB) error {
		e, err := s.visibleEvent(tx, p, x.EventID)
		if err != nil {
			return err
		}
		if err := app.MayApply(p, e, x, s.now()); err != nil {
			return err
		}
		if err := x.Validate(e); err != nil {
			return err
		}
		if err := s.checkParty(tx, x); err != nil {
			return err
		}
		x.Status, x.CreatedAt, x.UpdatedAt = app.RegSubmitted, s.now(), s.now()
		r := registrationRowOf(x)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		*x = *r.domain(e.Location())
		return nil
	})
}

// fillParty makes an enterprise or investor caller the registrant when the
// body names nobody.
func fillParty(p *app.Principal, x *app.Registration) {
	if x.EnterpriseID != nil || x.InvestorID != nil {
		return
	}
	switch p.Role {
	case app.RoleEnterprise:
		x.EnterpriseID = &p.EnterpriseID
	case app.RoleInvestor:
		x.InvestorID = &p.InvestorID
	}
}

func (s *Store) checkParty(tx *gorm.DB, x *app.Registration) error {
	if x.EnterpriseID != nil {
		if ok, err := exists(tx, "enterprises", *x.EnterpriseID); err != nil || !ok {
			return firstErr(err, app.FieldError("enterprise_id", "unknown enterprise"))
		}
	}
	if x.InvestorID != nil {
		if ok, err := exists(tx, "investors", *x.InvestorID); err != nil || !ok {
			return firstErr(err, app.FieldError("investor_id", "unknown investor"))
		}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) registration(db *gorm.DB, id int64) (*registrationRow, error) {
	var r registrationRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("registration")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// FindRegistrationByID returns a registration to its registrant and to the
// event's organizers.
func (s *Store) FindRegistrationByID(ctx context.Context, id int64) (*app.Registration, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	r, err := s.registration(db, id)
	if err != nil {
		return nil, err
	}
	e, err := s.visibleEvent(db, p, r.EventID)
	if err != nil {
		return nil, err
	}
	if !p.CanManageEvent(e) && !p.IsParty(r.EnterpriseID, r.InvestorID) {
		return nil, errNotFound("registration")
	}
	return r.domain(e.Location()), nil
}

// FindRegistrations lists an event's registrations: all for its organizers,
// the caller's own for enterprises and investors.
func (s *Store) FindRegistrations(ctx context.Context, f app.RegistrationFilter) (app.List[*app.Registration], error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return app.List[*app.Registration]{}, err
	}
	db := s.conn(ctx)
	e, err := s.visibleEvent(db, p, f.EventID)
	if err != nil {
		return app.List[*app.Registration]{}, err
	}
	q := db.Model(&registrationRow{}).Where("event_id = ?", f.EventID)
	switch {
	case p.CanManageEvent(e):
	case p.Role == app.RoleEnterprise:
		q = q.Where("enterprise_id = ?", p.EnterpriseID)
	case p.Role == app.RoleInvestor:
		q = q.Where("investor_id = ?", p.InvestorID)
	default:
		return app.List[*app.Registration]{}, app.Errorf(app.EFORBIDDEN, "you do not manage event %d", f.EventID)
	}
	q = filterRegistrations(q, f)
	var rows []registrationRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Registration]{}, translate(err)
	}
	loc := e.Location()
	return listOf(rows, f.Page, func(r *registrationRow) int64 { return r.ID },
		func(r *registrationRow) *app.Registration { return r.domain(loc) }), nil
}

func filterRegistrations(q *gorm.DB, f app.RegistrationFilter) *gorm.DB {
	if f.EnterpriseID != 0 {
		q = q.Where("enterprise_id = ?", f.EnterpriseID)
	}
	if f.InvestorID != 0 {
		q = q.Where("investor_id = ?", f.InvestorID)
	}
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	return q
}

// UpdateRegistration applies a PATCH. Organizers approve, reject or
// waitlist; the registrant withdraws, re-submits, or edits its availability
// and note. Approval counts against the event's capacity (ECONFLICT when
// full), enforced by one conditional UPDATE so concurrent approvals cannot
// overfill it.
func (s *Store) UpdateRegistration(ctx context.Context, id int64, u app.RegistrationUpdate) (*app.Registration, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	var out *app.Registration
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.registration(tx, id)
		if err != nil {
			return err
		}
		e, err := s.visibleEvent(tx, p, r.EventID)
		if err != nil {
			return err
		}
		x := r.domain(e.Location())
		from := x.Status
		if err := applyRegistration(p, e, x, u); err != nil {
			return err
		}
		if err := x.Validate(e); err != nil {
			return err
		}
		if err := s.countApproval(tx, e, from, x.Status); err != nil {
			return err
		}
		x.UpdatedAt = s.now()
		row := registrationRowOf(x)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = row.domain(e.Location())
		return s.afterRegistrationStatus(tx, out, from)
	})
	return out, err
}

// applyRegistration checks who may change what and applies u.
func applyRegistration(p *app.Principal, e *app.Event, x *app.Registration, u app.RegistrationUpdate) error {
	staff, party := p.CanManageEvent(e), p.IsParty(x.EnterpriseID, x.InvestorID)
	if !staff && !party {
		return errNotFound("registration")
	}
	if e.Status == app.StatusClosed || e.Status == app.StatusCancelled {
		return app.Errorf(app.ECONFLICT, "event %d is %s", e.ID, e.Status)
	}
	if u.Status != nil && *u.Status != x.Status {
		if err := checkRegistrationStatus(staff, party, x.Status, *u.Status); err != nil {
			return err
		}
		x.Status = *u.Status
	}
	if u.Role != nil {
		if !staff && x.Status != app.RegSubmitted {
			return app.Errorf(app.ECONFLICT, "the role can only be changed while the registration is submitted")
		}
		x.Role = *u.Role
	}
	if u.Availability != nil {
		x.Availability = *u.Availability
	}
	if u.Note != nil {
		x.Note = *u.Note
	}
	return nil
}

func checkRegistrationStatus(staff, party bool, from, to string) error {
	if !slices.Contains(app.RegistrationStatuses, to) {
		return app.FieldError("status", "must be one of: submitted, approved, rejected, waitlisted, withdrawn")
	}
	switch {
	case to == app.RegWithdrawn && party:
		return nil
	case to == app.RegSubmitted && party && from == app.RegWithdrawn:
		return nil
	case staff && from != app.RegWithdrawn && (to == app.RegApproved || to == app.RegRejected || to == app.RegWaitlisted):
		return nil
	case staff && !party:
		return app.Errorf(app.ECONFLICT, "a registration cannot move from %s to %s", from, to)
	default:
		return app.Errorf(app.EFORBIDDEN, "only the event's organizers may set a registration to %s", to)
	}
}

// countApproval keeps events.approved_count in step with approvals.
func (s *Store) countApproval(tx *gorm.DB, e *app.Event, from, to string) error {
	switch {
	case from != app.RegApproved && to == app.RegApproved:
		res := tx.Exec("UPDATE events SET approved_count = approved_count + 1 WHERE id = ? AND (capacity = 0 OR approved_count < capacity)", e.ID)
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return app.Errorf(app.ECONFLICT, "event %d is full (capacity %d)", e.ID, e.Capacity)
		}
	case from == app.RegApproved && to != app.RegApproved:
		return translate(tx.Exec("UPDATE events SET approved_count = approved_count - 1 WHERE id = ? AND approved_count > 0", e.ID).Error)
	}
	return nil
}

// afterRegistrationStatus follows a registration's status change inside
// the same transaction: a participant no longer approved loses its
// meetings and pitches.
func (s *Store) afterRegistrationStatus(tx *gorm.DB, x *app.Registration, from string) error {
	if x.Status == from {
		return nil
	}
	return s.cancelParticipant(tx, x, from)
}
