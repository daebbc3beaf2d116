package store

import (
	"fmt"

	"gorm.io/gorm"

	"roadshow/app"
)

// notifyPitches queues the calendar mails of pitch changes: pitch-slot
// invites, updates and cancellations to the pitching enterprise and to the investors invited to
// its session. invited names the sessions whose invitations were just
// replaced: their unchanged pitches are reconciled too, so an investor
// added to a session gets its pitches and one removed gets cancellations.
func (s *Store) notifyPitches(tx *gorm.DB, ev *app.Event, changes []app.PitchChange, invited map[int64][]int64) error {
	views := make([]pitchView, 0, len(changes))
	seen := map[int64]bool{}
	for _, ch := range changes {
		views = append(views, pitchViewOf(ev, &ch.Pitch))
		seen[ch.Pitch.ID] = true
	}
	kept, err := keptPitches(tx, ev, invited, seen)
	if err != nil {
		return err
	}
	views = append(views, kept...)
	if len(views) == 0 {
		return nil
	}
	sessions, guests, err := pitchSessions(tx, ev)
	if err != nil {
		return err
	}
	var entIDs, invIDs []int64
	for _, v := range views {
		entIDs = append(entIDs, v.EnterpriseID)
		invIDs = append(invIDs, guests[v.SessionID]...)
	}
	ents, invs, err := loadParties(tx, entIDs, invIDs)
	if err != nil {
		return err
	}
	items := make([]calendarItem, 0, len(views))
	for i := range views {
		v := &views[i]
		if r, ok := sessions[v.SessionID]; ok {
			v.SessionTitle, v.Room = r.Title, r.Room
		}
		items = append(items, s.pitchItem(v, ents[v.EnterpriseID], guests[v.SessionID], invs))
	}
	return s.reconcile(tx, ev, items)
}

func pitchViewOf(ev *app.Event, p *app.Pitch) pitchView {
	return pitchView{ID: p.ID, EventID: p.EventID, SessionID: p.SessionID, EnterpriseID: p.EnterpriseID, Ord: p.Order,
		StartsAt: p.StartsAt, EndsAt: p.EndsAt, Status: p.Status, Sequence: p.Sequence, UID: p.UID,
		EventTitle: ev.Title, Venue: ev.Venue, Timezone: ev.TimeZone, EventStatus: ev.Status}
}

// keptPitches loads the scheduled pitches of the sessions in invited that
// are not among the changes.
func keptPitches(tx *gorm.DB, ev *app.Event, invited map[int64][]int64, skip map[int64]bool) ([]pitchView, error) {
	if len(invited) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(invited))
	for id := range invited {
		ids = append(ids, id)
	}
	all, err := pitchViews(tx, "pitches.event_id = ? AND pitches.status = ? AND pitches.session_id IN ?",
		ev.ID, app.MeetingScheduled, uniqueIDs(ids))
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, v := range all {
		if !skip[v.ID] {
			out = append(out, v)
		}
	}
	return out, nil
}

// pitchSessions loads the event's sessions and the investors invited to
// each.
func pitchSessions(tx *gorm.DB, ev *app.Event) (map[int64]sessionRow, map[int64][]int64, error) {
	var rows []sessionRow
	if err := tx.Where("event_id = ?", ev.ID).Find(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("store: load sessions: %w", translate(err))
	}
	sessions := make(map[int64]sessionRow, len(rows))
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		sessions[r.ID] = r
		ids = append(ids, r.ID)
	}
	guests := map[int64][]int64{}
	if len(ids) == 0 {
		return sessions, guests, nil
	}
	var links []struct{ SessionID, InvestorID int64 }
	err := tx.Table("session_investors").Select("session_id, investor_id").Where("session_id IN ?", ids).
		Order("session_id, investor_id").Find(&links).Error
	if err != nil {
		return nil, nil, fmt.Errorf("store: load session invitations: %w", translate(err))
	}
	for _, l := range links {
		guests[l.SessionID] = append(guests[l.SessionID], l.InvestorID)
	}
	return sessions, guests, nil
}

// pitchItem lists the pitcher's contacts (who also get reminders) and the
// invited investors' contacts, who see the enterprise pitching.
func (s *Store) pitchItem(v *pitchView, pitcher *party, guests []int64, invs map[int64]*party) calendarItem {
	it := calendarItem{ref: refPitch, id: v.ID, eventID: v.EventID, seq: v.Sequence, start: v.StartsAt.UTC(),
		changed: s.now(), active: v.Status != app.MeetingCancelled && v.EventStatus != app.StatusCancelled,
		fallback: v.appointment(pitcher), table: "pitches"}
	if pitcher != nil {
		for _, to := range pitcher.people {
			it.known = append(it.known, target{to: to, appt: v.appointment(nil)})
		}
	}
	pitchers := len(it.known)
	for _, id := range guests {
		if inv := invs[id]; inv != nil {
			for _, to := range inv.people {
				it.known = append(it.known, target{to: to, appt: v.appointment(pitcher)})
			}
		}
	}
	if it.active {
		it.want, it.remind = it.known, it.known[:pitchers]
	}
	return it
}
