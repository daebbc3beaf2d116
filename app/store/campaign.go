package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type campaignRow struct {
	ID          int64 `gorm:"primaryKey"`
	Name        string
	StartsOn    string
	ContactsDue string
	EndsOn      string
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (campaignRow) TableName() string { return "campaigns" }

func (r *campaignRow) domain() *app.Campaign {
	return &app.Campaign{ID: r.ID, Name: r.Name, StartsOn: r.StartsOn, ContactsDue: r.ContactsDue, EndsOn: r.EndsOn, CreatedAt: r.CreatedAt}
}

type orgContactRow struct {
	ID          int64 `gorm:"primaryKey"`
	CampaignID  int64
	ZoneID      *int64
	BranchID    *int64
	Name        string
	Title       string
	Phone       string
	Email       string
	SubmittedAt time.Time
}

func (orgContactRow) TableName() string { return "org_contacts" }

var _ app.CampaignService = (*Store)(nil)

// campaignsNewestFirst orders campaigns by start, then creation: ids need
// not follow time (TiDB servers allocate from ranges of their own).
const campaignsNewestFirst = "starts_on DESC, created_at DESC, id DESC"

// campaignCovering returns the id of the campaign whose dates include day,
// the most recently started one when several do, or nil.
func (s *Store) campaignCovering(db *gorm.DB, day string) (*int64, error) {
	var r campaignRow
	err := db.Where("starts_on <= ? AND ends_on >= ?", day, day).Order(campaignsNewestFirst).First(&r).Error
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, translate(err)
	}
	return &r.ID, nil
}

// CurrentCampaign returns the campaign covering today, else the one that
// started last.
func (s *Store) CurrentCampaign(ctx context.Context, today string) (*app.Campaign, error) {
	db := s.conn(ctx)
	id, err := s.campaignCovering(db, today)
	if err != nil {
		return nil, err
	}
	var r campaignRow
	q := db.Order(campaignsNewestFirst)
	if id != nil {
		q = db.Where("id = ?", *id)
	}
	if err := q.First(&r).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("campaign")
		}
		return nil, translate(err)
	}
	return r.domain(), nil
}

// FindCampaigns lists every campaign, newest first.
func (s *Store) FindCampaigns(ctx context.Context) ([]*app.Campaign, error) {
	var rows []campaignRow
	if err := s.conn(ctx).Order(campaignsNewestFirst).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.Campaign, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// FindCampaignByID returns a campaign.
func (s *Store) FindCampaignByID(ctx context.Context, id int64) (*app.Campaign, error) {
	var r campaignRow
	if err := s.conn(ctx).First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("campaign")
		}
		return nil, translate(err)
	}
	return r.domain(), nil
}

// CreateCampaign adds a new edition; admins only.
func (s *Store) CreateCampaign(ctx context.Context, c *app.Campaign) error {
	if err := app.RequireAdmin(app.PrincipalFromContext(ctx)); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	r := campaignRow{Name: c.Name, StartsOn: c.StartsOn, ContactsDue: c.ContactsDue, EndsOn: c.EndsOn, CreatedAt: s.now()}
	if err := s.conn(ctx).Create(&r).Error; err != nil {
		return translate(err)
	}
	*c = *r.domain()
	return nil
}

// checkActForOrg loads the zone's branch (or checks the branch exists)
// and asks app.MayActForZone or app.MayActForBranch.
func (s *Store) checkActForOrg(db *gorm.DB, p *app.Principal, zoneID, branchID int64) error {
	if err := app.RequireStaff(p); err != nil {
		return err
	}
	if zoneID != 0 {
		branch, err := s.zoneBranch(db, zoneID)
		if err != nil {
			return err
		}
		return app.MayActForZone(p, zoneID, branch)
	}
	if ok, err := exists(db, "branches", branchID); err != nil || !ok {
		return firstErr(err, errNotFound("branch"))
	}
	return app.MayActForBranch(p, branchID)
}

// PutContact records or replaces a zone's or a branch's contact receipt.
func (s *Store) PutContact(ctx context.Context, c *app.OrgContact) error {
	p := app.PrincipalFromContext(ctx)
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkActForOrg(tx, p, deref(c.ZoneID), deref(c.BranchID)); err != nil {
			return err
		}
		camp, err := s.campaignForContact(tx, c.CampaignID)
		if err != nil {
			return err
		}
		c.CampaignID, c.SubmittedAt = camp.ID, s.now()
		var r orgContactRow
		err = orgQuery(tx, c.CampaignID, deref(c.ZoneID), deref(c.BranchID)).First(&r).Error
		if err != nil && !isNotFound(err) {
			return translate(err)
		}
		r = orgContactRow{ID: r.ID, CampaignID: c.CampaignID, ZoneID: c.ZoneID, BranchID: c.BranchID, Name: c.Name,
			Title: c.Title, Phone: c.Phone, Email: c.Email, SubmittedAt: c.SubmittedAt}
		if err := tx.Save(&r).Error; err != nil {
			return translate(err)
		}
		c.OnTime = s.onTime(camp, c.SubmittedAt)
		return nil
	})
}

func (s *Store) campaignForContact(tx *gorm.DB, id int64) (*app.Campaign, error) {
	var r campaignRow
	var err error
	if id != 0 {
		err = tx.First(&r, id).Error
	} else {
		today := s.now().In(s.location()).Format(time.DateOnly)
		var cid *int64
		if cid, err = s.campaignCovering(tx, today); err == nil && cid != nil {
			err = tx.First(&r, *cid).Error
		} else if err == nil {
			err = tx.Order(campaignsNewestFirst).First(&r).Error
		}
	}
	if isNotFound(err) {
		return nil, app.FieldError("campaign_id", "unknown campaign")
	}
	return r.domain(), translate(err)
}

// onTime reports whether a receipt submitted at t meets the campaign's
// contacts deadline (the whole due day counts, in the default zone).
func (s *Store) onTime(c *app.Campaign, t time.Time) bool {
	return t.In(s.location()).Format(time.DateOnly) <= c.ContactsDue
}

func (s *Store) location() *time.Location {
	loc, err := time.LoadLocation(s.defaultTimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

func orgQuery(db *gorm.DB, campaignID, zoneID, branchID int64) *gorm.DB {
	q := db.Where("campaign_id = ?", campaignID)
	if zoneID != 0 {
		return q.Where("zone_id = ?", zoneID)
	}
	return q.Where("branch_id = ? AND zone_id IS NULL", branchID)
}

// FindContact returns a zone's or a branch's contact receipt to those who
// act for it.
func (s *Store) FindContact(ctx context.Context, campaignID, zoneID, branchID int64) (*app.OrgContact, error) {
	db := s.conn(ctx)
	if err := s.checkActForOrg(db, app.PrincipalFromContext(ctx), zoneID, branchID); err != nil {
		return nil, err
	}
	camp, err := s.campaignForContact(db, campaignID)
	if err != nil {
		return nil, err
	}
	var r orgContactRow
	if err := orgQuery(db, camp.ID, zoneID, branchID).First(&r).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("contact")
		}
		return nil, translate(err)
	}
	return &app.OrgContact{CampaignID: r.CampaignID, ZoneID: r.ZoneID, BranchID: r.BranchID, Name: r.Name, Title: r.Title,
		Phone: r.Phone, Email: r.Email, SubmittedAt: r.SubmittedAt, OnTime: s.onTime(camp, r.SubmittedAt)}, nil
}
