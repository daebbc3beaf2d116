package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/scheduler"
)

type pitchRow struct {
	ID           int64 `gorm:"primaryKey"`
	EventID      int64
	SessionID    int64
	EnterpriseID int64
	Ord          int
	StartsAt     time.Time
	EndsAt       time.Time
	Status       string
	Sequence     int
	UID          string `gorm:"column:uid"`
	ActiveKey    *int
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (pitchRow) TableName() string { return "pitches" }

func (r *pitchRow) domain(loc *time.Location) *app.Pitch {
	return &app.Pitch{ID: r.ID, EventID: r.EventID, SessionID: r.SessionID, EnterpriseID: r.EnterpriseID, Order: r.Ord,
		StartsAt: r.StartsAt.In(loc), EndsAt: r.EndsAt.In(loc), Status: r.Status, Sequence: r.Sequence, UID: r.UID}
}

type sessionInvestorRow struct {
	ID         int64 `gorm:"primaryKey"`
	SessionID  int64
	InvestorID int64
}

func (sessionInvestorRow) TableName() string { return "session_investors" }

// FindPitches lists an event's scheduled pitches in session order.
func (s *Store) FindPitches(ctx context.Context, eventID int64) ([]*app.Pitch, error) {
	db := s.conn(ctx)
	ev, err := s.visibleEvent(db, app.PrincipalFromContext(ctx), eventID)
	if err != nil {
		return nil, err
	}
	var rows []pitchRow
	if err := db.Where("event_id = ? AND status = ?", eventID, app.MeetingScheduled).Order("starts_at, ord").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.Pitch, len(rows))
	for i := range rows {
		out[i] = rows[i].domain(ev.Location())
	}
	return out, nil
}

// roadshowInput is what the roadshow planner reads, with the rows behind it
// and the row id behind each planner id.
type roadshowInput struct {
	in         scheduler.RoadshowInput
	sessions   []sessionRow
	sessionOf  map[string]int64
	pitcherOf  map[string]int64
	investorOf map[string]int64
}

// plannerID names a row in the roadshow planner and records it in ids.
func plannerID(ids map[string]int64, id int64) string {
	s := strconv.FormatInt(id, 10)
	ids[s] = id
	return s
}

// rowID returns the row id behind a planner id of the given kind.
func rowID(ids map[string]int64, kind, id string) (int64, error) {
	n, ok := ids[id]
	if !ok {
		return 0, fmt.Errorf("planner returned unknown %s %q", kind, id)
	}
	return n, nil
}

func (s *Store) loadRoadshowInput(db *gorm.DB, ev *app.Event) (*roadshowInput, error) {
	r := &roadshowInput{in: scheduler.RoadshowInput{PitchMinutes: ev.Pitch.PitchMinutes, QAMinutes: ev.Pitch.QAMinutes},
		sessionOf: map[string]int64{}, pitcherOf: map[string]int64{}, investorOf: map[string]int64{}}
	if err := db.Where("event_id = ?", ev.ID).Order("starts_at, id").Find(&r.sessions).Error; err != nil {
		return nil, translate(err)
	}
	if len(r.sessions) == 0 {
		return nil, app.FieldError("sessions", "a roadshow needs sessions before its pitches can be planned")
	}
	for _, x := range r.sessions {
		r.in.Sessions = append(r.in.Sessions, scheduler.RoadshowSession{ID: plannerID(r.sessionOf, x.ID), Start: x.StartsAt.UTC(),
			End: x.EndsAt.UTC(), Room: x.Room, Sectors: x.Sectors.Val})
	}
	var ents []enterpriseRow
	if err := registrantsOf(db, ev.ID, "enterprise_id", []string{app.RegPitcher}).Find(&ents).Error; err != nil {
		return nil, translate(err)
	}
	for _, e := range ents {
		r.in.Pitchers = append(r.in.Pitchers, scheduler.Pitcher{EnterpriseID: plannerID(r.pitcherOf, e.ID), Sector: e.Sector, Subsector: e.Subsector})
	}
	var invs []investorRow
	if err := registrantsOf(db, ev.ID, "investor_id", []string{app.RegInvestor}).Find(&invs).Error; err != nil {
		return nil, translate(err)
	}
	for _, inv := range invs {
		r.in.Investors = append(r.in.Investors, scheduler.RoadshowInvestor{ID: plannerID(r.investorOf, inv.ID), Sectors: inv.Sectors.Val})
	}
	return r, nil
}

// scheduleRoadshow plans the pitch order of a roadshow and, unless a dry
// run, commits it.
func (s *Store) scheduleRoadshow(ctx context.Context, ev *app.Event, o app.ScheduleOptions) (*app.SchedulePlan, error) {
	start := time.Now()
	ri, err := s.loadRoadshowInput(s.conn(ctx), ev)
	if err != nil {
		return nil, err
	}
	rp, err := scheduler.PlanRoadshow(ri.in)
	if err != nil {
		return nil, fmt.Errorf("store: plan roadshow %d: %w", ev.ID, err)
	}
	plan, err := ri.plan(ev, rp)
	if err != nil {
		return nil, fmt.Errorf("store: plan roadshow %d: %w", ev.ID, err)
	}
	plan.Seconds = time.Since(start).Seconds()
	if o.DryRun {
		return plan, nil
	}
	return plan, s.commitPitches(ctx, ev, plan)
}

// plan reports a roadshow plan in the API's terms; a planner id the input
// did not hold is an error.
func (ri *roadshowInput) plan(ev *app.Event, rp scheduler.RoadshowPlan) (*app.SchedulePlan, error) {
	loc := ev.Location()
	plan := &app.SchedulePlan{EventID: ev.ID, Kind: ev.Kind, Status: string(scheduler.Optimal), Pitches: []app.PlannedPitch{},
		Sessions: []app.SessionInvitation{}, UpperBound: int64(len(ri.in.Pitchers))}
	for _, sp := range rp.Sessions {
		sid, err := rowID(ri.sessionOf, "session", sp.SessionID)
		if err != nil {
			return nil, err
		}
		inv := app.SessionInvitation{SessionID: sid, Capacity: sp.Capacity, InvestorIDs: []int64{}}
		for _, id := range sp.Investors {
			n, err := rowID(ri.investorOf, "investor", id)
			if err != nil {
				return nil, err
			}
			inv.InvestorIDs = append(inv.InvestorIDs, n)
		}
		sort.Slice(inv.InvestorIDs, func(i, j int) bool { return inv.InvestorIDs[i] < inv.InvestorIDs[j] })
		plan.Sessions = append(plan.Sessions, inv)
		for _, pi := range sp.Pitches {
			eid, err := rowID(ri.pitcherOf, "pitcher", pi.EnterpriseID)
			if err != nil {
				return nil, err
			}
			plan.Pitches = append(plan.Pitches, app.PlannedPitch{SessionID: sid, EnterpriseID: eid, Order: pi.Order,
				StartsAt: pi.Start.In(loc), EndsAt: pi.End.In(loc), SectorMatch: pi.SectorMatch})
		}
	}
	for _, id := range rp.Unplaced {
		n, err := rowID(ri.pitcherOf, "pitcher", id)
		if err != nil {
			return nil, err
		}
		plan.Unplaced = append(plan.Unplaced, n)
	}
	plan.Value = int64(len(plan.Pitches))
	if len(plan.Unplaced) > 0 {
		plan.Status = string(scheduler.Feasible)
	}
	if plan.UpperBound > 0 {
		plan.Ratio = float64(plan.Value) / float64(plan.UpperBound)
	}
	return plan, nil
}

// commitPitches writes a roadshow plan: pitches kept in place, moved
// (sequence + 1), cancelled or created, and each session's invited
// investors replaced.
func (s *Store) commitPitches(ctx context.Context, ev *app.Event, plan *app.SchedulePlan) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var current []pitchRow
		if err := tx.Where("event_id = ? AND status = ?", ev.ID, app.MeetingScheduled).Find(&current).Error; err != nil {
			return translate(err)
		}
		if err := tx.Model(&pitchRow{}).Where("event_id = ?", ev.ID).Update("active_key", nil).Error; err != nil {
			return translate(err)
		}
		changes, counts, err := s.applyPitches(tx, ev, plan, current)
		if err != nil {
			return err
		}
		invited, err := s.replaceInvitations(tx, plan)
		if err != nil {
			return err
		}
		if err := s.markScheduled(tx, ev); err != nil {
			return err
		}
		plan.Committed, plan.Changes = true, counts
		return s.notifyPitches(tx, ev, changes, invited)
	})
}

func (s *Store) applyPitches(tx *gorm.DB, ev *app.Event, plan *app.SchedulePlan, current []pitchRow) ([]app.PitchChange, *app.ScheduleChanges, error) {
	loc := ev.Location()
	byEnt := map[int64]*pitchRow{}
	for i := range current {
		byEnt[current[i].EnterpriseID] = &current[i]
	}
	counts := &app.ScheduleChanges{}
	var changes []app.PitchChange
	for _, pp := range plan.Pitches {
		r, ok := byEnt[pp.EnterpriseID]
		delete(byEnt, pp.EnterpriseID)
		if !ok {
			r = &pitchRow{EventID: ev.ID, EnterpriseID: pp.EnterpriseID, Status: app.MeetingScheduled, UID: s.newUID(), CreatedAt: s.now()}
		}
		var before *app.Pitch
		if ok {
			before = r.domain(loc)
		}
		changed := !ok || r.SessionID != pp.SessionID || r.Ord != pp.Order || !r.StartsAt.Equal(pp.StartsAt)
		one := 1
		r.SessionID, r.Ord, r.StartsAt, r.EndsAt, r.ActiveKey, r.UpdatedAt = pp.SessionID, pp.Order, utc(pp.StartsAt), utc(pp.EndsAt), &one, s.now()
		if ok && changed {
			r.Sequence++
		}
		if err := tx.Save(r).Error; err != nil {
			return nil, nil, translate(err)
		}
		switch {
		case !ok:
			counts.Created++
			changes = append(changes, app.PitchChange{Kind: app.ChangeCreated, Pitch: *r.domain(loc)})
		case changed:
			counts.Moved++
			changes = append(changes, app.PitchChange{Kind: app.ChangeUpdated, Pitch: *r.domain(loc), Before: before})
		default:
			counts.Kept++
		}
	}
	cancelled, err := s.cancelPitchRows(tx, ev, byEnt)
	counts.Cancelled = len(cancelled)
	return append(changes, cancelled...), counts, err
}

func (s *Store) cancelPitchRows(tx *gorm.DB, ev *app.Event, rows map[int64]*pitchRow) ([]app.PitchChange, error) {
	ids := make([]int64, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var changes []app.PitchChange
	for _, id := range ids {
		r := rows[id]
		before := r.domain(ev.Location())
		r.Status, r.ActiveKey, r.Sequence, r.UpdatedAt = app.MeetingCancelled, nil, r.Sequence+1, s.now()
		if err := tx.Save(r).Error; err != nil {
			return nil, translate(err)
		}
		changes = append(changes, app.PitchChange{Kind: app.ChangeCancelled, Pitch: *r.domain(ev.Location()), Before: before})
	}
	return changes, nil
}

// replaceInvitations stores each session's invited investors.
func (s *Store) replaceInvitations(tx *gorm.DB, plan *app.SchedulePlan) (map[int64][]int64, error) {
	invited := map[int64][]int64{}
	for _, si := range plan.Sessions {
		if err := tx.Where("session_id = ?", si.SessionID).Delete(&sessionInvestorRow{}).Error; err != nil {
			return nil, translate(err)
		}
		for _, inv := range si.InvestorIDs {
			if err := tx.Create(&sessionInvestorRow{SessionID: si.SessionID, InvestorID: inv}).Error; err != nil {
				return nil, translate(err)
			}
		}
		invited[si.SessionID] = si.InvestorIDs
	}
	return invited, nil
}
