package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type experienceRow struct {
	ID         int64 `gorm:"primaryKey"`
	CampaignID *int64
	ZoneID     *int64
	BranchID   *int64
	Title      string
	Body       string
	Tags       jsonOf[[]string]
	EventIDs   jsonOf[[]int64] `gorm:"column:event_ids"`
	DealIDs    jsonOf[[]int64] `gorm:"column:deal_ids"`
	CreatedAt  time.Time       `gorm:"autoCreateTime:false"`
	UpdatedAt  time.Time       `gorm:"autoUpdateTime:false"`
}

func (experienceRow) TableName() string { return "experiences" }

func (r *experienceRow) domain() *app.Experience {
	x := &app.Experience{ID: r.ID, CampaignID: r.CampaignID, ZoneID: r.ZoneID, BranchID: r.BranchID, Title: r.Title,
		Body: r.Body, Tags: strs(r.Tags.Val), EventIDs: r.EventIDs.Val, DealIDs: r.DealIDs.Val, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if x.EventIDs == nil {
		x.EventIDs = []int64{}
	}
	if x.DealIDs == nil {
		x.DealIDs = []int64{}
	}
	return x
}

func experienceRowOf(x *app.Experience) experienceRow {
	return experienceRow{ID: x.ID, CampaignID: x.CampaignID, ZoneID: x.ZoneID, BranchID: x.BranchID, Title: x.Title,
		Body: x.Body, Tags: js(strs(x.Tags)), EventIDs: js(x.EventIDs), DealIDs: js(x.DealIDs), CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt}
}

var _ app.ExperienceService = (*Store)(nil)

// CreateExperience records an experience of a zone or branch the caller
// acts for; the campaign defaults to the current one.
func (s *Store) CreateExperience(ctx context.Context, x *app.Experience) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return err
	}
	if p.IsOrganizer() && x.ZoneID == nil && x.BranchID == nil {
		x.ZoneID, x.BranchID = nonZero(p.ZoneID), nonZero(p.BranchID)
	}
	if err := x.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkExperience(tx, p, x); err != nil {
			return err
		}
		if x.CampaignID == nil {
			var err error
			if x.CampaignID, err = s.campaignCovering(tx, s.now().In(s.location()).Format(time.DateOnly)); err != nil {
				return err
			}
		}
		x.CreatedAt, x.UpdatedAt = s.now(), s.now()
		r := experienceRowOf(x)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		*x = *r.domain()
		return nil
	})
}

func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (s *Store) checkExperience(tx *gorm.DB, p *app.Principal, x *app.Experience) error {
	if err := s.checkActForOrg(tx, p, deref(x.ZoneID), deref(x.BranchID)); err != nil {
		return err
	}
	for field, ids := range map[string][]int64{"event_ids": x.EventIDs, "deal_ids": x.DealIDs} {
		table := map[string]string{"event_ids": "events", "deal_ids": "deals"}[field]
		var n int64
		if len(ids) == 0 {
			continue
		}
		if err := tx.Table(table).Where("id IN ?", ids).Count(&n).Error; err != nil {
			return translate(err)
		}
		if int(n) != len(unique(ids)) {
			return app.FieldError(field, "refers to a record that does not exist")
		}
	}
	return nil
}

func unique(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func (s *Store) experience(db *gorm.DB, id int64) (*experienceRow, error) {
	var r experienceRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("experience")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// FindExperienceByID returns an experience; experiences are public.
func (s *Store) FindExperienceByID(ctx context.Context, id int64) (*app.Experience, error) {
	r, err := s.experience(s.conn(ctx), id)
	if err != nil {
		return nil, err
	}
	return r.domain(), nil
}

// FindExperiences lists and searches experiences.
func (s *Store) FindExperiences(ctx context.Context, f app.ExperienceFilter) (app.List[*app.Experience], error) {
	q := s.conn(ctx).Model(&experienceRow{})
	for col, v := range map[string]int64{"campaign_id": f.CampaignID, "zone_id": f.ZoneID, "branch_id": f.BranchID} {
		if v != 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Tag != "" {
		q = q.Where("tags LIKE ? ESCAPE '!'", jsonContains(f.Tag))
	}
	if f.Q != "" {
		q = q.Where("(title LIKE ? ESCAPE '!' OR body LIKE ? ESCAPE '!')", likeArg(f.Q), likeArg(f.Q))
	}
	var rows []experienceRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Experience]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *experienceRow) int64 { return r.ID }, (*experienceRow).domain), nil
}

// UpdateExperience applies a PATCH for those who act for its zone or branch.
func (s *Store) UpdateExperience(ctx context.Context, id int64, u app.ExperienceUpdate) (*app.Experience, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return nil, err
	}
	var out *app.Experience
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.experience(tx, id)
		if err != nil {
			return err
		}
		x := r.domain()
		x.Apply(u)
		if err := x.Validate(); err != nil {
			return err
		}
		if err := s.checkExperience(tx, p, x); err != nil {
			return err
		}
		x.UpdatedAt = s.now()
		row := experienceRowOf(x)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = row.domain()
		return nil
	})
	return out, err
}
