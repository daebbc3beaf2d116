package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type meetingRow struct {
	ID           int64 `gorm:"primaryKey"`
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	RequestID    *int64
	Slot         int
	ActiveSlot   *int
	TableNo      int
	StartsAt     time.Time
	EndsAt       time.Time
	Status       string
	Sequence     int
	UID          string `gorm:"column:uid"`
	Source       string
	Outcome      string
	OutcomeNote  string
	CancelledBy  string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (meetingRow) TableName() string { return "meetings" }

func (r *meetingRow) domain(loc *time.Location) *app.Meeting {
	return &app.Meeting{ID: r.ID, EventID: r.EventID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID,
		RequestID: r.RequestID, Slot: r.Slot, StartsAt: r.StartsAt.In(loc), EndsAt: r.EndsAt.In(loc), Table: r.TableNo,
		Status: r.Status, Sequence: r.Sequence, UID: r.UID, Source: r.Source, Outcome: r.Outcome, OutcomeNote: r.OutcomeNote,
		CancelledBy: r.CancelledBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// place puts a meeting row in a grid slot at a table.
func (r *meetingRow) place(s app.Slot, table int) {
	n := s.Slot
	r.Slot, r.ActiveSlot, r.TableNo = n, &n, table
	r.StartsAt, r.EndsAt = utc(s.StartsAt), utc(s.EndsAt)
}

// at reports whether the meeting is at the times of slot s.
func (r *meetingRow) at(s app.Slot) bool {
	return r.StartsAt.Equal(s.StartsAt) && r.EndsAt.Equal(s.EndsAt)
}

var _ app.MeetingService = (*Store)(nil)

// newUID returns a calendar UID: random, never derived from the meeting.
func (s *Store) newUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("store: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b[:]) + "@" + s.uidDomain
}

func (s *Store) meeting(db *gorm.DB, id int64) (*meetingRow, error) {
	var r meetingRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("meeting")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// whereParty limits a query of an event's meetings or meeting requests to
// a caller's scope (app.EventPartyScope).
func whereParty(q *gorm.DB, sc app.PartyScope) *gorm.DB {
	switch {
	case sc.All:
		return q
	case sc.EnterpriseID != 0:
		return q.Where("enterprise_id = ?", sc.EnterpriseID)
	default:
		return q.Where("investor_id = ?", sc.InvestorID)
	}
}

// FindMeetings lists an event's meetings as the caller may see them.
func (s *Store) FindMeetings(ctx context.Context, f app.MeetingFilter) ([]*app.Meeting, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	ev, err := s.visibleEvent(db, p, f.EventID)
	if err != nil {
		return nil, err
	}
	sc, err := app.EventPartyScope(p, ev)
	if err != nil {
		return nil, err
	}
	q := whereParty(db.Where("event_id = ?", ev.ID), sc)
	for col, v := range map[string]int64{"enterprise_id": f.EnterpriseID, "investor_id": f.InvestorID} {
		if v != 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var rows []meetingRow
	if err := q.Order("starts_at, table_no, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.Meeting, len(rows))
	for i := range rows {
		out[i] = rows[i].domain(ev.Location())
	}
	return out, nil
}

// FindMeetingByID returns a meeting to its sides and the organizers.
func (s *Store) FindMeetingByID(ctx context.Context, id int64) (*app.Meeting, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	r, ev, err := s.visibleMeeting(db, p, id)
	if err != nil {
		return nil, err
	}
	return r.domain(ev.Location()), nil
}

// visibleMeeting loads a meeting its sides or the organizers may see.
func (s *Store) visibleMeeting(db *gorm.DB, p *app.Principal, id int64) (*meetingRow, *app.Event, error) {
	r, err := s.meeting(db, id)
	if err != nil {
		return nil, nil, err
	}
	ev, err := s.visibleEvent(db, p, r.EventID)
	if err != nil || !app.SeesPair(p, ev, r.EnterpriseID, r.InvestorID) {
		return nil, nil, firstErr(err, errNotFound("meeting"))
	}
	return r, ev, nil
}

// UpdateMeeting moves a meeting to another slot and/or table. The unique
// indexes refuse a side or a table that is busy there (ECONFLICT).
func (s *Store) UpdateMeeting(ctx context.Context, id int64, u app.MeetingUpdate) (*app.Meeting, error) {
	return s.changeMeeting(ctx, id, app.RequireStaff, func(tx *gorm.DB, p *app.Principal, _ *meetingRow, ev *app.Event) (*app.Meeting, error) {
		if _, err := s.lockEvent(tx, ev.ID); err != nil {
			return nil, err
		}
		ev, err := s.editableEvent(tx, p, ev.ID)
		if err != nil {
			return nil, err
		}
		// Re-read under the event's lock: the row passed in predates it.
		r, err := s.meeting(tx, id)
		if err != nil {
			return nil, err
		}
		if r.Status != app.MeetingScheduled {
			return nil, app.Errorf(app.ECONFLICT, "meeting %d is %s", id, r.Status)
		}
		before := *r.domain(ev.Location())
		if err := s.moveMeeting(tx, ev, r, u); err != nil {
			return nil, err
		}
		if r.Slot == before.Slot && r.TableNo == before.Table {
			return r.domain(ev.Location()), nil
		}
		r.Sequence++
		r.Source, r.UpdatedAt = app.SourceManual, s.now()
		if err := tx.Save(r).Error; err != nil {
			return nil, translate(err)
		}
		out := r.domain(ev.Location())
		return out, s.afterMeetings(tx, ev, []app.MeetingChange{{Kind: app.ChangeUpdated, Meeting: *out, Before: &before}})
	})
}

// changeMeeting runs fn on a meeting the caller may see, in a transaction,
// after the caller passed check.
func (s *Store) changeMeeting(ctx context.Context, id int64, check func(*app.Principal) error,
	fn func(tx *gorm.DB, p *app.Principal, r *meetingRow, ev *app.Event) (*app.Meeting, error)) (*app.Meeting, error) {
	p := app.PrincipalFromContext(ctx)
	if err := check(p); err != nil {
		return nil, err
	}
	var out *app.Meeting
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, ev, err := s.visibleMeeting(tx, p, id)
		if err != nil {
			return err
		}
		out, err = fn(tx, p, r, ev)
		return err
	})
	return out, err
}

// moveMeeting checks the new slot and table against the grid, the tables,
// both sides' availability and the meetings that overlap it in time, and
// applies them to r.
func (s *Store) moveMeeting(tx *gorm.DB, ev *app.Event, r *meetingRow, u app.MeetingUpdate) error {
	g, err := s.eventGrid(tx, ev)
	if err != nil {
		return err
	}
	slot, table := r.Slot, r.TableNo
	switch {
	case u.Slot != nil:
		slot = *u.Slot
	case u.StartsAt != nil:
		if slot = g.slotAt(*u.StartsAt); slot == 0 {
			return app.FieldError("starts_at", "is not the start of a meeting slot of the event")
		}
	}
	if !g.valid(slot) {
		return app.FieldError("slot", "is not a slot of the event")
	}
	if u.Table != nil {
		table = *u.Table
	}
	if table < 1 || table > ev.Meeting.Tables {
		return app.FieldError("table", "must be between 1 and the event's tables")
	}
	if err := s.checkAvailable(tx, ev, g, r.EnterpriseID, r.InvestorID, slot); err != nil {
		return err
	}
	sl := g.slot(slot)
	if err := s.checkFreeAt(tx, ev.ID, r.ID, sl.StartsAt, sl.EndsAt, r.EnterpriseID, r.InvestorID, table); err != nil {
		return err
	}
	r.place(sl, table)
	return nil
}

// checkAvailable refuses a slot outside either side's availability.
func (s *Store) checkAvailable(tx *gorm.DB, ev *app.Event, g *grid, entID, invID int64, slot int) error {
	var regs []registrationRow
	err := tx.Where("event_id = ? AND (enterprise_id = ? OR investor_id = ?)", ev.ID, entID, invID).Find(&regs).Error
	if err != nil {
		return translate(err)
	}
	for _, reg := range regs {
		if !app.SlotFits(reg.Availability.Val, g.slot(slot)) {
			return app.Errorf(app.ECONFLICT, "slot %d is outside the availability the %s gave", slot, sideOf(&reg))
		}
	}
	return nil
}

func sideOf(r *registrationRow) string {
	if r.EnterpriseID != nil {
		return app.SideEnterprise
	}
	return app.SideInvestor
}

// eventGrid loads an event's sessions and builds its slot grid.
func (s *Store) eventGrid(db *gorm.DB, ev *app.Event) (*grid, error) {
	var sessions []sessionRow
	if err := db.Where("event_id = ?", ev.ID).Order("starts_at, id").Find(&sessions).Error; err != nil {
		return nil, translate(err)
	}
	return newGrid(ev, sessions)
}

// CancelMeeting cancels a scheduled meeting; its organizers and both
// sides may. The pair then stays out of later schedules until the
// organizer pins it again.
func (s *Store) CancelMeeting(ctx context.Context, id int64) (*app.Meeting, error) {
	return s.changeMeeting(ctx, id, app.RequireAuth, func(tx *gorm.DB, p *app.Principal, r *meetingRow, ev *app.Event) (*app.Meeting, error) {
		if r.Status != app.MeetingScheduled {
			return nil, app.Errorf(app.ECONFLICT, "meeting %d is %s", id, r.Status)
		}
		r.CancelledBy = app.CancelledByOrganizer
		switch {
		case p.IsEnterprise(r.EnterpriseID):
			r.CancelledBy = app.SideEnterprise
		case p.IsInvestor(r.InvestorID):
			r.CancelledBy = app.SideInvestor
		}
		changes, err := s.cancelMeetingRows(tx, ev, []meetingRow{*r})
		if err != nil || len(changes) != 1 {
			return nil, err
		}
		return &changes[0].Meeting, nil
	})
}

// cancelMeetingRows cancels scheduled meetings (freeing their slots,
// raising their sequence) and follows them up (afterMeetings).
func (s *Store) cancelMeetingRows(tx *gorm.DB, ev *app.Event, rows []meetingRow) ([]app.MeetingChange, error) {
	var changes []app.MeetingChange
	for i := range rows {
		r := &rows[i]
		if r.Status != app.MeetingScheduled {
			continue
		}
		before := *r.domain(ev.Location())
		r.Status, r.ActiveSlot, r.UpdatedAt = app.MeetingCancelled, nil, s.now()
		r.Sequence++
		if err := tx.Save(r).Error; err != nil {
			return nil, translate(err)
		}
		changes = append(changes, app.MeetingChange{Kind: app.ChangeCancelled, Meeting: *r.domain(ev.Location()), Before: &before})
	}
	return changes, s.afterMeetings(tx, ev, changes)
}

// RecordOutcome records how a meeting went, once it has started.
func (s *Store) RecordOutcome(ctx context.Context, id int64, u app.OutcomeUpdate) (*app.Meeting, error) {
	var val app.Validation
	val.Enum("outcome", u.Outcome, app.MeetingOutcomes)
	val.MaxText("note", u.Note, 2000)
	if err := val.Err(); err != nil {
		return nil, err
	}
	return s.changeMeeting(ctx, id, app.RequireAuth, func(tx *gorm.DB, _ *app.Principal, r *meetingRow, ev *app.Event) (*app.Meeting, error) {
		if r.Status == app.MeetingCancelled || s.now().Before(r.StartsAt) {
			return nil, app.Errorf(app.ECONFLICT, "an outcome can be recorded once the meeting has taken place")
		}
		r.Outcome, r.OutcomeNote, r.Status, r.UpdatedAt = u.Outcome, u.Note, app.MeetingDone, s.now()
		if err := tx.Save(r).Error; err != nil {
			return nil, translate(err)
		}
		out := r.domain(ev.Location())
		if out.Outcome == app.OutcomeNoFit {
			if err := s.withdrawFollowUps(tx, []int64{out.ID}); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
}

// afterMeetings follows meetings created, moved or cancelled, inside the
// transaction that changed them: it queues their calendar mails and
// reminders (or, in a transaction that defers them, adds them to the
// calendar backlog), then withdraws the unsent follow-ups of the cancelled
// ones.
func (s *Store) afterMeetings(tx *gorm.DB, ev *app.Event, changes []app.MeetingChange) error {
	if len(changes) == 0 {
		return nil
	}
	if err := s.notifyMeetings(tx, ev, changes); err != nil {
		return err
	}
	return s.withdrawCancelledFollowUps(tx, ev, changes)
}
