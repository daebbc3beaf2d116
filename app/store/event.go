package store

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type eventRow struct {
	ID                   int64 `gorm:"primaryKey"`
	Kind                 string
	Title                string
	ZoneID               *int64
	BranchID             *int64
	CampaignID           *int64
	Venue                string
	Description          string
	StartsAt             time.Time
	EndsAt               time.Time
	Timezone             string
	Status               string
	RegistrationDeadline *time.Time
	Capacity             int
	ApprovedCount        int
	SlotMinutes          int
	BreakMinutes         int
	TablesCount          int
	MaxPerEnterprise     int
	MaxPerInvestor       int
	PitchMinutes         int
	QAMinutes            int `gorm:"column:qa_minutes"`
	Settings             jsonOf[eventSettingsRow]
	CreatedAt            time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt            time.Time `gorm:"autoUpdateTime:false"`
}

func (eventRow) TableName() string { return "events" }

// eventSettingsRow is what the settings column holds: the event's
// settings and the meeting settings that have no column of their own.
type eventSettingsRow struct {
	app.EventSettings
	MeetingMaxConsecutive int `json:"meeting_max_consecutive,omitempty"`
}

// domain converts a row, showing its times in the event's zone.
func (r *eventRow) domain() *app.Event {
	e := &app.Event{ID: r.ID, Kind: r.Kind, Title: r.Title, ZoneID: r.ZoneID, BranchID: r.BranchID, CampaignID: r.CampaignID,
		Venue: r.Venue, Description: r.Description, TimeZone: r.Timezone, Status: r.Status, Capacity: r.Capacity,
		ApprovedCount: r.ApprovedCount, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		Meeting: app.MeetingSettings{SlotMinutes: r.SlotMinutes, BreakMinutes: r.BreakMinutes, Tables: r.TablesCount,
			MaxPerEnterprise: r.MaxPerEnterprise, MaxPerInvestor: r.MaxPerInvestor, MaxConsecutive: r.Settings.Val.MeetingMaxConsecutive},
		Pitch:    app.PitchSettings{PitchMinutes: r.PitchMinutes, QAMinutes: r.QAMinutes},
		Settings: r.Settings.Val.EventSettings}
	loc := e.Location()
	e.StartsAt, e.EndsAt = r.StartsAt.In(loc), r.EndsAt.In(loc)
	if r.RegistrationDeadline != nil {
		d := r.RegistrationDeadline.In(loc)
		e.RegistrationDeadline = &d
	}
	return e
}

func eventRowOf(e *app.Event) eventRow {
	r := eventRow{ID: e.ID, Kind: e.Kind, Title: e.Title, ZoneID: e.ZoneID, BranchID: e.BranchID, CampaignID: e.CampaignID,
		Venue: e.Venue, Description: e.Description, StartsAt: utc(e.StartsAt), EndsAt: utc(e.EndsAt), Timezone: e.TimeZone,
		Status: e.Status, Capacity: e.Capacity, ApprovedCount: e.ApprovedCount,
		SlotMinutes: e.Meeting.SlotMinutes, BreakMinutes: e.Meeting.BreakMinutes, TablesCount: e.Meeting.Tables,
		MaxPerEnterprise: e.Meeting.MaxPerEnterprise, MaxPerInvestor: e.Meeting.MaxPerInvestor,
		PitchMinutes: e.Pitch.PitchMinutes, QAMinutes: e.Pitch.QAMinutes, Settings: js(eventSettingsRow{e.Settings, e.Meeting.MaxConsecutive}),
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if e.RegistrationDeadline != nil {
		d := utc(*e.RegistrationDeadline)
		r.RegistrationDeadline = &d
	}
	return r
}

// utc normalises an instant for storage.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

var _ app.EventService = (*Store)(nil)

// CreateEvent adds an event. Organizers create events of their own zone or
// branch (which default to theirs); the campaign defaults to the one whose
// dates cover the event's start.
func (s *Store) CreateEvent(ctx context.Context, e *app.Event) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return err
	}
	defaultScope(p, e)
	e.SetDefaults(s.defaultTimeZone)
	e.Status = app.StatusDraft
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkEventScope(tx, p, e, true); err != nil {
			return err
		}
		if err := s.defaultCampaign(tx, e); err != nil {
			return err
		}
		e.CreatedAt, e.UpdatedAt = s.now(), s.now()
		r := eventRowOf(e)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		*e = *r.domain()
		return nil
	})
}

func defaultScope(p *app.Principal, e *app.Event) {
	if p.IsOrganizer() && p.ZoneID != 0 && e.ZoneID == nil {
		e.ZoneID = &p.ZoneID
	}
	if p.IsOrganizer() && p.BranchID != 0 && e.BranchID == nil {
		e.BranchID = &p.BranchID
	}
}

// checkEventScope verifies the event's zone, branch and campaign exist and
// that an organizer manages the result; with placed (a new event, or a new
// zone or branch) the branch must be the zone's unless an admin chose it.
func (s *Store) checkEventScope(tx *gorm.DB, p *app.Principal, e *app.Event, placed bool) error {
	if e.ZoneID != nil {
		branch, err := s.zoneBranch(tx, *e.ZoneID)
		if err != nil {
			return app.FieldError("zone_id", "unknown zone")
		}
		if p.IsOrganizer() && p.BranchID != 0 && !p.CoversZone(*e.ZoneID, branch) {
			return app.FieldError("zone_id", "is not covered by your branch")
		}
		if placed {
			if err := app.CheckEventBranch(p, e, branch); err != nil {
				return err
			}
		}
	}
	if e.BranchID != nil {
		if ok, err := exists(tx, "branches", *e.BranchID); err != nil {
			return err
		} else if !ok {
			return app.FieldError("branch_id", "unknown branch")
		}
	}
	if e.CampaignID != nil {
		if ok, err := exists(tx, "campaigns", *e.CampaignID); err != nil {
			return err
		} else if !ok {
			return app.FieldError("campaign_id", "unknown campaign")
		}
	}
	if !p.CanManageEvent(e) {
		return app.Errorf(app.EFORBIDDEN, "the event must belong to your zone or branch")
	}
	return nil
}

// defaultCampaign attributes the event to the campaign covering its start.
func (s *Store) defaultCampaign(tx *gorm.DB, e *app.Event) error {
	if e.CampaignID != nil {
		return nil
	}
	id, err := s.campaignCovering(tx, e.StartsAt.In(e.Location()).Format(time.DateOnly))
	e.CampaignID = id
	return err
}

func (s *Store) event(db *gorm.DB, id int64) (*eventRow, error) {
	var r eventRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("event")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// visibleEvent loads an event the caller may see: drafts only for those who
// manage them.
func (s *Store) visibleEvent(db *gorm.DB, p *app.Principal, id int64) (*app.Event, error) {
	r, err := s.event(db, id)
	if err != nil {
		return nil, err
	}
	e := r.domain()
	if !app.SeesEvent(p, e) {
		return nil, errNotFound("event")
	}
	return e, nil
}

// managedEvent loads an event the caller manages.
func (s *Store) managedEvent(db *gorm.DB, p *app.Principal, id int64) (*app.Event, error) {
	e, err := s.visibleEvent(db, p, id)
	if err != nil {
		return nil, err
	}
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	if !p.CanManageEvent(e) {
		return nil, app.Errorf(app.EFORBIDDEN, "you do not manage event %d", id)
	}
	return e, nil
}

// FindEventByID returns an event; drafts only to those who manage them.
func (s *Store) FindEventByID(ctx context.Context, id int64) (*app.Event, error) {
	return s.visibleEvent(s.conn(ctx), app.PrincipalFromContext(ctx), id)
}

// FindEvents lists events; drafts only to those who manage them.
func (s *Store) FindEvents(ctx context.Context, f app.EventFilter) (app.List[*app.Event], error) {
	p := app.PrincipalFromContext(ctx)
	q := s.conn(ctx).Model(&eventRow{})
	for col, v := range map[string]int64{"zone_id": f.ZoneID, "branch_id": f.BranchID, "campaign_id": f.CampaignID} {
		if v != 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	for col, v := range map[string]string{"kind": f.Kind, "status": f.Status} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Q != "" {
		q = q.Where("title LIKE ? ESCAPE '!'", likeArg(f.Q))
	}
	if f.From != nil {
		q = q.Where("ends_at > ?", utc(*f.From))
	}
	if f.To != nil {
		q = q.Where("starts_at < ?", utc(*f.To))
	}
	q = scopeDrafts(q, p)
	var rows []eventRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return app.List[*app.Event]{}, translate(err)
	}
	return listOf(rows, f.Page, func(r *eventRow) int64 { return r.ID }, (*eventRow).domain), nil
}

// scopeDrafts hides drafts the caller does not manage: app.SeesEvent as
// SQL (TestStore_ListScopesFollowRules keeps the two in step).
func scopeDrafts(q *gorm.DB, p *app.Principal) *gorm.DB {
	switch {
	case p.IsAdmin():
		return q
	case p.IsOrganizer() && p.ZoneID != 0:
		return q.Where("(status <> ? OR zone_id = ?)", app.StatusDraft, p.ZoneID)
	case p.IsOrganizer():
		return q.Where("(status <> ? OR branch_id = ?)", app.StatusDraft, p.BranchID)
	default:
		return q.Where("status <> ?", app.StatusDraft)
	}
}

// UpdateEvent applies a PATCH, enforcing status transitions (ECONFLICT).
func (s *Store) UpdateEvent(ctx context.Context, id int64, u app.EventUpdate) (*app.Event, error) {
	return s.updateEvent(ctx, id, u, false)
}

// updateEvent applies u; with strict, asking for the current status is a
// conflict too (cancelling a cancelled event). A change of status (a
// cancellation cancels every meeting) leaves the meetings' calendar mails
// to the calendar backlog, drained once the change has committed.
func (s *Store) updateEvent(ctx context.Context, id int64, u app.EventUpdate, strict bool) (*app.Event, error) {
	p := app.PrincipalFromContext(ctx)
	var out *app.Event
	txCtx := ctx
	if u.Status != nil {
		txCtx = deferCalendar(ctx)
	}
	err := s.tx(txCtx, func(tx *gorm.DB) error {
		if _, err := s.lockEvent(tx, id); err != nil {
			return err
		}
		e, err := s.managedEvent(tx, p, id)
		if err != nil {
			return err
		}
		from, before := e.Status, *e
		zone, branch := e.ZoneID, e.BranchID
		if strict && u.Status != nil && *u.Status == from {
			return app.Errorf(app.ECONFLICT, "event %d is already %s", id, from)
		}
		e.Apply(u)
		placed := !sameID(zone, e.ZoneID) || !sameID(branch, e.BranchID)
		if err := s.changeStatus(e, from, u.Status); err != nil {
			return err
		}
		if err := s.checkEventUpdate(tx, p, e, placed); err != nil {
			return err
		}
		if err := s.checkTimingUpdate(tx, &before, e); err != nil {
			return err
		}
		e.UpdatedAt = s.now()
		r := eventRowOf(e)
		if err := tx.Save(&r).Error; err != nil {
			return translate(err)
		}
		out = r.domain()
		return s.afterEventStatus(tx, out, from)
	})
	if err == nil && u.Status != nil {
		_, err = s.drainCalendarBacklog(ctx, id)
	}
	return out, err
}

// sameID reports whether two optional ids are equal.
func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func (s *Store) changeStatus(e *app.Event, from string, to *string) error {
	if to == nil || *to == from {
		return nil
	}
	if !app.CanTransition(from, *to) {
		if !slices.Contains(app.EventStatuses, *to) {
			return app.FieldError("status", "unknown status "+*to)
		}
		return app.Errorf(app.ECONFLICT, "an event cannot move from %s to %s", from, *to)
	}
	e.Status = *to
	return nil
}

func (s *Store) checkEventUpdate(tx *gorm.DB, p *app.Principal, e *app.Event, placed bool) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if e.Capacity > 0 && e.Capacity < e.ApprovedCount {
		return app.FieldError("capacity", "is below the number of approved registrations")
	}
	if err := s.checkEventScope(tx, p, e, placed); err != nil {
		return err
	}
	var outside int64
	err := tx.Model(&sessionRow{}).Where("event_id = ? AND (starts_at < ? OR ends_at > ?)", e.ID, utc(e.StartsAt), utc(e.EndsAt)).
		Count(&outside).Error
	if err != nil {
		return translate(err)
	}
	if outside > 0 {
		return app.FieldError("starts_at", "sessions would fall outside the event; move them first")
	}
	return nil
}

// CancelEvent cancels an event; ECONFLICT when it is closed or cancelled.
func (s *Store) CancelEvent(ctx context.Context, id int64) (*app.Event, error) {
	status := app.StatusCancelled
	return s.updateEvent(ctx, id, app.EventUpdate{Status: &status}, true)
}

// afterEventStatus follows an event's status change inside the same
// transaction: cancelling the event cancels its scheduled meetings and
// pitches (which queues their calendar cancellations and withdraws the
// meetings' follow-ups).
func (s *Store) afterEventStatus(tx *gorm.DB, e *app.Event, from string) error {
	if e.Status == from || e.Status != app.StatusCancelled {
		return nil
	}
	return s.cancelWhere(tx, e, "", 0)
}
