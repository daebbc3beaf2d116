package store

import (
	"context"

	"gorm.io/gorm"

	"roadshow/app"
)

// Agenda returns an event's programme: its sessions and pitches (public),
// and its meetings — all of them for its organizers, the caller's own for
// an enterprise or an investor, none for anyone else.
func (s *Store) Agenda(ctx context.Context, eventID int64) (*app.Agenda, error) {
	p := app.PrincipalFromContext(ctx)
	db := s.conn(ctx)
	ev, err := s.visibleEvent(db, p, eventID)
	if err != nil {
		return nil, err
	}
	a := &app.Agenda{Event: ev, Meetings: []*app.Meeting{}}
	if ev.Kind == app.KindMatchmaking {
		if g, err := s.eventGrid(db, ev); err == nil {
			a.Slots = g.slots
		}
	}
	if a.Sessions, err = s.FindSessions(ctx, eventID); err != nil {
		return nil, err
	}
	if a.Pitches, err = s.FindPitches(ctx, eventID); err != nil {
		return nil, err
	}
	if p == nil || !(p.CanManageEvent(ev) || p.Role == app.RoleEnterprise || p.Role == app.RoleInvestor) {
		return a, nil
	}
	a.Meetings, err = s.FindMeetings(ctx, app.MeetingFilter{EventID: eventID, Status: app.MeetingScheduled})
	return a, err
}

// cancelParticipant cancels the meetings and pitches of a participant
// whose approved registration is withdrawn or rejected (from is the
// registration's previous status).
func (s *Store) cancelParticipant(tx *gorm.DB, r *app.Registration, from string) error {
	if from != app.RegApproved || r.Status == app.RegApproved {
		return nil
	}
	e, err := s.event(tx, r.EventID)
	if err != nil {
		return err
	}
	if r.EnterpriseID != nil {
		return s.cancelWhere(tx, e.domain(), "enterprise_id", *r.EnterpriseID)
	}
	return s.cancelWhere(tx, e.domain(), "investor_id", *r.InvestorID)
}

// cancelWhere cancels the event's scheduled meetings and pitches, or only
// those of one party (col = enterprise_id or investor_id).
func (s *Store) cancelWhere(tx *gorm.DB, ev *app.Event, col string, id int64) error {
	scope := func() *gorm.DB {
		q := tx.Where("event_id = ? AND status = ?", ev.ID, app.MeetingScheduled)
		if col != "" {
			q = q.Where(col+" = ?", id)
		}
		return q.Order("id")
	}
	var meetings []meetingRow
	if err := scope().Find(&meetings).Error; err != nil {
		return translate(err)
	}
	if _, err := s.cancelMeetingRows(tx, ev, meetings); err != nil || col == "investor_id" {
		return err // investors do not pitch
	}
	var pitches []pitchRow
	if err := scope().Find(&pitches).Error; err != nil {
		return translate(err)
	}
	byID := map[int64]*pitchRow{}
	for i := range pitches {
		byID[pitches[i].ID] = &pitches[i]
	}
	changes, err := s.cancelPitchRows(tx, ev, byID)
	if err != nil {
		return err
	}
	return s.notifyPitches(tx, ev, changes, nil)
}
