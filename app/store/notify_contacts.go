package store

import (
	"gorm.io/gorm"

	"roadshow/app"
)

// notifyContacts brings the calendars of a participant's contacts in line
// with its upcoming meetings and pitch slots: a new contact gets the
// invites, a removed one the cancellations (the others an update).
func (s *Store) notifyContacts(tx *gorm.DB, side string, id int64) error {
	now := s.now()
	col := "enterprise_id"
	pitchWhere := "pitches.enterprise_id = ?"
	if side == app.SideInvestor {
		col, pitchWhere = "investor_id", "pitches.session_id IN (SELECT session_id FROM session_investors WHERE investor_id = ?)"
	}
	meetings, err := meetingViews(tx, "meetings."+col+" = ? AND meetings.status <> ? AND meetings.starts_at > ?", id, app.MeetingCancelled, now)
	if err != nil {
		return err
	}
	pitches, err := pitchViews(tx, pitchWhere+" AND pitches.status <> ? AND pitches.starts_at > ?", id, app.MeetingCancelled, now)
	if err != nil {
		return err
	}
	byEvent := map[int64]*eventItems{}
	var order []int64
	for i := range meetings {
		byEvent, order = addEventItem(byEvent, order, meetings[i].EventID)
		byEvent[meetings[i].EventID].meetings = append(byEvent[meetings[i].EventID].meetings, meetings[i])
	}
	for i := range pitches {
		byEvent, order = addEventItem(byEvent, order, pitches[i].EventID)
		byEvent[pitches[i].EventID].pitches = append(byEvent[pitches[i].EventID].pitches, pitches[i])
	}
	for _, evID := range order {
		if err := s.reconcileEvent(tx, evID, byEvent[evID]); err != nil {
			return err
		}
	}
	return nil
}

// eventItems are one event's meetings and pitches to reconcile.
type eventItems struct {
	meetings []meetingView
	pitches  []pitchView
}

func addEventItem(m map[int64]*eventItems, order []int64, id int64) (map[int64]*eventItems, []int64) {
	if m[id] == nil {
		m[id] = &eventItems{}
		order = append(order, id)
	}
	return m, order
}

// reconcileEvent reconciles the calendars of some of an event's meetings
// and pitches as they stand.
func (s *Store) reconcileEvent(tx *gorm.DB, eventID int64, x *eventItems) error {
	r, err := s.event(tx, eventID)
	if err != nil {
		return err
	}
	ev := r.domain()
	_, guests, err := pitchSessions(tx, ev)
	if err != nil {
		return err
	}
	var entIDs, invIDs []int64
	for _, m := range x.meetings {
		entIDs, invIDs = append(entIDs, m.EnterpriseID), append(invIDs, m.InvestorID)
	}
	for _, p := range x.pitches {
		entIDs, invIDs = append(entIDs, p.EnterpriseID), append(invIDs, guests[p.SessionID]...)
	}
	ents, invs, err := loadParties(tx, entIDs, invIDs)
	if err != nil {
		return err
	}
	items := make([]calendarItem, 0, len(x.meetings)+len(x.pitches))
	for i := range x.meetings {
		m := &x.meetings[i]
		items = append(items, meetingItem(m, nil, ents[m.EnterpriseID], invs[m.InvestorID], s.now()))
	}
	for i := range x.pitches {
		p := &x.pitches[i]
		items = append(items, s.pitchItem(p, ents[p.EnterpriseID], guests[p.SessionID], invs))
	}
	return s.reconcile(tx, ev, items)
}
