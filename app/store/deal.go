package store

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type dealRow struct {
	ID           int64 `gorm:"primaryKey"`
	CampaignID   *int64
	EnterpriseID int64
	InvestorID   int64
	ProductID    *int64
	EventID      *int64
	MeetingID    *int64
	ZoneID       int64
	Instrument   string
	AmountCNY    int64 `gorm:"column:amount_cny"`
	Status       string
	DealDate     string
	Note         string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (dealRow) TableName() string { return "deals" }

func (r *dealRow) domain() *app.Deal {
	return &app.Deal{ID: r.ID, CampaignID: r.CampaignID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID,
		ProductID: r.ProductID, EventID: r.EventID, MeetingID: r.MeetingID, Instrument: r.Instrument, AmountCNY: r.AmountCNY,
		Status: r.Status, Date: r.DealDate, Note: r.Note, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

var _ app.DealService = (*Store)(nil)

// CreateDeal records financing landed. Admins, organizers covering the
// enterprise's zone or managing the event, and the enterprise or investor
// of the deal may record it. The instrument defaults to the product's and
// the campaign to the one covering the date.
func (s *Store) CreateDeal(ctx context.Context, d *app.Deal) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		zoneID, err := s.prepareDeal(tx, d)
		if err != nil {
			return err
		}
		if err := s.checkRecordDeal(tx, p, d, zoneID); err != nil {
			return err
		}
		if d.CampaignID == nil {
			if d.CampaignID, err = s.campaignCovering(tx, d.Date); err != nil {
				return err
			}
		}
		d.CreatedAt, d.UpdatedAt = s.now(), s.now()
		r := dealRowOf(d, zoneID)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		*d = *r.domain()
		return nil
	})
}

func dealRowOf(d *app.Deal, zoneID int64) dealRow {
	return dealRow{ID: d.ID, CampaignID: d.CampaignID, EnterpriseID: d.EnterpriseID, InvestorID: d.InvestorID,
		ProductID: d.ProductID, EventID: d.EventID, MeetingID: d.MeetingID, ZoneID: zoneID, Instrument: d.Instrument,
		AmountCNY: d.AmountCNY, Status: d.Status, DealDate: d.Date, Note: d.Note, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

// prepareDeal fills defaults, validates and checks references; it returns
// the enterprise's zone.
func (s *Store) prepareDeal(tx *gorm.DB, d *app.Deal) (int64, error) {
	if d.ProductID != nil && d.Instrument == "" {
		if prod, err := s.product(tx, *d.ProductID); err == nil {
			d.Instrument = prod.Instrument
		}
	}
	if err := d.Validate(s.vocab); err != nil {
		return 0, err
	}
	ent, err := s.enterprise(tx, d.EnterpriseID)
	if err != nil {
		return 0, app.FieldError("enterprise_id", "unknown enterprise")
	}
	if _, err := s.investor(tx, d.InvestorID); err != nil {
		return 0, app.FieldError("investor_id", "unknown investor")
	}
	if d.ProductID != nil {
		prod, err := s.product(tx, *d.ProductID)
		if err != nil || prod.InvestorID != d.InvestorID {
			return 0, app.FieldError("product_id", "is not a product of investor_id")
		}
	}
	if err := s.checkDealMeeting(tx, d); err != nil {
		return 0, err
	}
	if d.EventID != nil {
		if ok, err := exists(tx, "events", *d.EventID); err != nil || !ok {
			return 0, firstErr(err, app.FieldError("event_id", "unknown event"))
		}
	}
	return ent.ZoneID, nil
}

// checkDealMeeting attributes a deal to the meeting that led to it: the
// meeting must be between the deal's enterprise and investor, and gives
// the deal its event.
func (s *Store) checkDealMeeting(tx *gorm.DB, d *app.Deal) error {
	if d.MeetingID == nil {
		return nil
	}
	m, err := s.meeting(tx, *d.MeetingID)
	if err != nil || m.EnterpriseID != d.EnterpriseID || m.InvestorID != d.InvestorID {
		return app.FieldError("meeting_id", "is not a meeting between this enterprise and this investor")
	}
	if d.EventID == nil {
		d.EventID = &m.EventID
	} else if *d.EventID != m.EventID {
		return app.FieldError("event_id", "differs from the meeting's event")
	}
	return nil
}

// checkRecordDeal loads, for an organizer, the deal zone's branch and the
// deal's event, and asks app.MayRecordDeal.
func (s *Store) checkRecordDeal(tx *gorm.DB, p *app.Principal, d *app.Deal, zoneID int64) error {
	branch, err := s.zoneBranchFor(tx, p, zoneID)
	if err != nil {
		return err
	}
	var ev *app.Event
	if p.IsOrganizer() && d.EventID != nil {
		if e, err := s.event(tx, *d.EventID); err == nil {
			ev = e.domain()
		}
	}
	return app.MayRecordDeal(p, d, zoneID, branch, ev)
}

func (s *Store) deal(db *gorm.DB, p *app.Principal, id int64) (*dealRow, error) {
	var r dealRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("deal")
		}
		return nil, translate(err)
	}
	if err := s.checkRecordDeal(db, p, r.domain(), r.ZoneID); err != nil {
		return nil, errNotFound("deal")
	}
	return &r, nil
}

// FindDealByID returns a deal to those who may record it.
func (s *Store) FindDealByID(ctx context.Context, id int64) (*app.Deal, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	r, err := s.deal(s.conn(ctx), p, id)
	if err != nil {
		return nil, err
	}
	return r.domain(), nil
}

// FindDeals lists the deals the caller may see.
func (s *Store) FindDeals(ctx context.Context, f app.DealFilter) (app.List[*app.Deal], error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return app.List[*app.Deal]{}, err
	}
	db := s.conn(ctx)
	q, err := s.scopeDeals(db, p, db.Model(&dealRow{}))
	if err != nil {
		return app.List[*app.Deal]{}, err
	}
	for col, v := range map[string]int64{"campaign_id": f.CampaignID, "zone_id": f.ZoneID, "enterprise_id": f.EnterpriseID,
		"investor_id": f.InvestorID, "event_id": f.EventID} {
		if v != 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	for col, v := range map[string]string{"status": f.Status, "instrument": f.Instrument} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	var rows []dealRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Deal]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *dealRow) int64 { return r.ID }, (*dealRow).domain), nil
}

// scopeDeals keeps the deals p may see: those app.MayRecordDeal allows,
// as SQL (TestStore_ListScopesFollowRules keeps the two in step).
func (s *Store) scopeDeals(db *gorm.DB, p *app.Principal, q *gorm.DB) (*gorm.DB, error) {
	switch {
	case p.IsAdmin():
		return q, nil
	case p.Role == app.RoleEnterprise:
		return q.Where("enterprise_id = ?", p.EnterpriseID), nil
	case p.Role == app.RoleInvestor:
		return q.Where("investor_id = ?", p.InvestorID), nil
	case p.ZoneID != 0:
		return q.Where("(zone_id = ? OR event_id IN (?))", p.ZoneID, db.Model(&eventRow{}).Select("id").Where("zone_id = ?", p.ZoneID)), nil
	default:
		return q.Where("(zone_id IN (?) OR event_id IN (?))", db.Model(&zoneRow{}).Select("id").Where("branch_id = ?", p.BranchID),
			db.Model(&eventRow{}).Select("id").Where("branch_id = ?", p.BranchID)), nil
	}
}

// UpdateDeal applies a PATCH; the status only moves forward (ECONFLICT).
func (s *Store) UpdateDeal(ctx context.Context, id int64, u app.DealUpdate) (*app.Deal, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	var out *app.Deal
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.deal(tx, p, id)
		if err != nil {
			return err
		}
		d := r.domain()
		if err := applyDeal(d, u); err != nil {
			return err
		}
		if _, err := s.prepareDeal(tx, d); err != nil {
			return err
		}
		d.UpdatedAt = s.now()
		row := dealRowOf(d, r.ZoneID)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = row.domain()
		return nil
	})
	return out, err
}

func applyDeal(d *app.Deal, u app.DealUpdate) error {
	if u.Status != nil && *u.Status != d.Status {
		if !slices.Contains(app.DealStatuses, *u.Status) {
			return app.FieldError("status", "must be one of: intent, approved, disbursed")
		}
		if !app.CanAdvanceDeal(d.Status, *u.Status) {
			return app.Errorf(app.ECONFLICT, "a deal cannot move from %s back to %s", d.Status, *u.Status)
		}
		d.Status = *u.Status
	}
	if u.AmountCNY != nil {
		d.AmountCNY = *u.AmountCNY
	}
	if u.Date != nil {
		d.Date = *u.Date
	}
	if u.ProductID != nil {
		d.ProductID = u.ProductID
		if *u.ProductID == 0 {
			d.ProductID = nil
		}
	}
	if u.Note != nil {
		d.Note = *u.Note
	}
	return nil
}
