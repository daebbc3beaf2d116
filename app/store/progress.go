package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

var _ app.ProgressService = (*Store)(nil)

// CampaignProgress reports the campaign's progress zone by zone to admins
// and organizers. Every organizer sees every zone's flags (the dashboard is
// national); contact names only show for the zones the caller acts for.
func (s *Store) CampaignProgress(ctx context.Context, f app.ProgressFilter) (*app.Progress, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return nil, err
	}
	if f.Province != "" && !s.vocab.ValidProvince(f.Province) {
		return nil, app.FieldError("province", "unknown province; use the Chinese name such as 江苏省")
	}
	now := s.now()
	var prog *app.Progress
	err := s.readTx(ctx, func(db *gorm.DB) error {
		camp, err := s.progressCampaign(db, f.CampaignID, now)
		if err != nil {
			return err
		}
		in, err := s.progressInput(db, camp, f, now)
		if err != nil {
			return err
		}
		prog = app.ComputeProgress(in)
		return nil
	})
	if err != nil {
		return nil, err
	}
	prog.HideContacts(p)
	return prog, nil
}

// CampaignMissing lists the zones that miss an item of the campaign as of
// at, with their contact's name and e-mail address for the reminder; admins
// (and the system) only.
func (s *Store) CampaignMissing(ctx context.Context, campaignID int64, at time.Time) ([]app.ZoneMissing, error) {
	if err := app.RequireAdmin(app.PrincipalFromContext(ctx)); err != nil {
		return nil, err
	}
	var out []app.ZoneMissing
	err := s.readTx(ctx, func(db *gorm.DB) error {
		camp, err := s.progressCampaign(db, campaignID, at)
		if err != nil {
			return err
		}
		in, err := s.progressInput(db, camp, app.ProgressFilter{}, at.UTC())
		if err != nil {
			return err
		}
		out = app.MissingItems(app.ComputeProgress(in))
		return s.fillContactEmails(db, camp.ID, out)
	})
	return out, err
}

// readTx runs fn in one read-only transaction so that its queries see one
// snapshot: REPEATABLE READ on MySQL, a deferred transaction on SQLite
// (which in WAL mode never blocks writers).
func (s *Store) readTx(ctx context.Context, fn func(db *gorm.DB) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.dialect == "mysql" {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return translate(s.conn(ctx).Transaction(fn, opts))
}

// progressCampaign returns the campaign by id, or the one covering the day
// of now, else the latest.
func (s *Store) progressCampaign(db *gorm.DB, id int64, now time.Time) (*app.Campaign, error) {
	if id == 0 {
		covering, err := s.campaignCovering(db, now.In(s.location()).Format(time.DateOnly))
		if err != nil {
			return nil, err
		}
		if covering != nil {
			id = *covering
		}
	}
	var r campaignRow
	q := db.Order(campaignsNewestFirst)
	if id != 0 {
		q = db.Where("id = ?", id)
	}
	if err := q.First(&r).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("campaign")
		}
		return nil, translate(err)
	}
	return r.domain(), nil
}

// progressInput fetches the zones and the campaign's aggregates with one
// GROUP BY query per table.
func (s *Store) progressInput(db *gorm.DB, c *app.Campaign, f app.ProgressFilter, now time.Time) (app.ProgressInput, error) {
	in := app.ProgressInput{Campaign: *c, Now: now, Location: s.location()}
	var err error
	if in.Zones, err = s.progressZones(db, f); err != nil {
		return in, err
	}
	if in.Contacts, err = s.contactFacts(db, c.ID); err != nil {
		return in, err
	}
	if in.Events, err = s.eventTallies(db, c, now); err != nil {
		return in, err
	}
	if in.Deals, err = s.dealTallies(db, c.ID); err != nil {
		return in, err
	}
	in.Experiences, err = s.experienceTallies(db, c.ID)
	return in, err
}

func (s *Store) progressZones(db *gorm.DB, f app.ProgressFilter) ([]*app.Zone, error) {
	q := db.Model(&zoneRow{})
	if f.Province != "" {
		q = q.Where("province = ?", f.Province)
	}
	if f.BranchID != 0 {
		q = q.Where("branch_id = ?", f.BranchID)
	}
	var rows []zoneRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.Zone, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

func (s *Store) contactFacts(db *gorm.DB, campaignID int64) ([]app.ContactFact, error) {
	var rows []orgContactRow
	if err := db.Where("campaign_id = ? AND zone_id IS NOT NULL", campaignID).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]app.ContactFact, len(rows))
	for i, r := range rows {
		out[i] = app.ContactFact{ZoneID: *r.ZoneID, Name: r.Name, Title: r.Title, SubmittedAt: r.SubmittedAt}
	}
	return out, nil
}

// eventTallies counts the campaign's zone events by zone, kind and status,
// with how many ended before now and how many are still to come and start
// before the campaign's end.
func (s *Store) eventTallies(db *gorm.DB, c *app.Campaign, now time.Time) ([]app.EventTally, error) {
	end := utc(app.CampaignEnd(c, s.location()))
	now = utc(now)
	var rows []struct {
		ZoneID   int64
		Kind     string
		Status   string
		Count    int
		Ended    int
		Upcoming int
	}
	err := db.Model(&eventRow{}).
		Select("zone_id, kind, status, COUNT(*) AS count, "+
			"SUM(CASE WHEN ends_at < ? THEN 1 ELSE 0 END) AS ended, "+
			"SUM(CASE WHEN ends_at >= ? AND starts_at < ? THEN 1 ELSE 0 END) AS upcoming", now, now, end).
		Where("campaign_id = ? AND zone_id IS NOT NULL", c.ID).
		Group("zone_id, kind, status").Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	out := make([]app.EventTally, len(rows))
	for i, r := range rows {
		out[i] = app.EventTally{ZoneID: r.ZoneID, Kind: r.Kind, Status: r.Status, Count: r.Count, Ended: r.Ended, Upcoming: r.Upcoming}
	}
	return out, nil
}

// clampedAmountSum sums deal amounts with each row held to [0,
// app.MaxAmountCNY], so rows stored before amounts were bounded cannot
// overflow the sum (SQLite fails, MySQL's DECIMAL would not fit int64).
var clampedAmountSum = fmt.Sprintf("SUM(CASE WHEN amount_cny > %[1]d THEN %[1]d WHEN amount_cny < 0 THEN 0 ELSE amount_cny END) AS amount",
	app.MaxAmountCNY)

func (s *Store) dealTallies(db *gorm.DB, campaignID int64) ([]app.DealTally, error) {
	var rows []struct {
		ZoneID     int64
		Status     string
		Instrument string
		Count      int
		Amount     int64
	}
	err := db.Model(&dealRow{}).Select("zone_id, status, instrument, COUNT(*) AS count, "+clampedAmountSum).
		Where("campaign_id = ?", campaignID).Group("zone_id, status, instrument").Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	out := make([]app.DealTally, len(rows))
	for i, r := range rows {
		out[i] = app.DealTally{ZoneID: r.ZoneID, Status: r.Status, Instrument: r.Instrument, Count: r.Count, AmountCNY: r.Amount}
	}
	return out, nil
}

func (s *Store) experienceTallies(db *gorm.DB, campaignID int64) ([]app.ExperienceTally, error) {
	var out []app.ExperienceTally
	err := db.Model(&experienceRow{}).Select("zone_id, COUNT(*) AS count").
		Where("campaign_id = ? AND zone_id IS NOT NULL", campaignID).Group("zone_id").Scan(&out).Error
	return out, translate(err)
}

// fillContactEmails adds the contact receipts' e-mail addresses to the
// zones that submitted one.
func (s *Store) fillContactEmails(db *gorm.DB, campaignID int64, zones []app.ZoneMissing) error {
	var rows []orgContactRow
	if err := db.Where("campaign_id = ? AND zone_id IS NOT NULL", campaignID).Find(&rows).Error; err != nil {
		return translate(err)
	}
	emails := make(map[int64]string, len(rows))
	for _, r := range rows {
		emails[*r.ZoneID] = r.Email
	}
	for i := range zones {
		zones[i].ContactEmail = emails[zones[i].ZoneID]
	}
	return nil
}
