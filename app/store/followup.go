package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// Follow-ups: FollowUpDays after a meeting ended, both sides are asked how
// it went and to update the deal. A follow-up is decided when it falls
// due, with the data of that moment: the meeting was not cancelled, its
// outcome is not no_fit, its event was not cancelled, no deal between the
// pair has been disbursed since, and the parties' current contacts.
const (
	FollowUpFirstDays  = 30
	FollowUpSecondDays = 90
	// FollowUpGrace is how late a follow-up may still go out: one that
	// could not be queued or sent within a week of its due time is dropped
	// (it would say "30 days ago" of an older meeting).
	FollowUpGrace = 7 * 24 * time.Hour
)

// followUpDays lists the follow-ups of a meeting, in days after its end.
func followUpDays() []int { return []int{FollowUpFirstDays, FollowUpSecondDays} }

// followUpMeeting is a meeting that may be due a follow-up (the outcome
// only filters the query).
type followUpMeeting struct {
	View    meetingView `gorm:"embedded"`
	Outcome string
}

// followUpDue is one follow-up of a meeting: days after its end, due at due.
type followUpDue struct {
	m    *meetingView
	days int
	due  time.Time
}

// plannedFollowUp is one follow-up mail to one contact.
type plannedFollowUp struct {
	f    followUpDue
	to   notifications.Recipient
	appt notifications.Appointment
	key  string
}

// withdrawCancelledFollowUps withdraws the unsent follow-ups of the
// meetings among changes that are cancelled, or whose event is.
func (s *Store) withdrawCancelledFollowUps(tx *gorm.DB, ev *app.Event, changes []app.MeetingChange) error {
	var ids []int64
	for _, ch := range changes {
		if ch.Kind == app.ChangeCancelled || ch.Meeting.Status == app.MeetingCancelled || ev.Status == app.StatusCancelled {
			ids = append(ids, ch.Meeting.ID)
		}
	}
	return s.withdrawFollowUps(tx, ids)
}

// withdrawFollowUps marks superseded the unsent follow-ups of meetings.
func (s *Store) withdrawFollowUps(tx *gorm.DB, ids []int64) error {
	for _, part := range chunks(uniqueIDs(ids), 500) {
		err := tx.Model(&outboxRow{}).
			Where("ref_type = ? AND ref_id IN ? AND kind = ? AND status IN ?", refMeeting, part, app.NotifyFollowUp,
				[]string{app.NotificationPending, app.NotificationFailed}).
			Updates(map[string]any{"status": app.NotificationSuperseded, "next_attempt_at": nil, "updated_at": s.now()}).Error
		if err != nil {
			return fmt.Errorf("store: withdraw follow-ups: %w", translate(err))
		}
	}
	return nil
}

// QueueFollowUps queues the follow-ups due at now: for every meeting that
// ended FollowUpFirstDays or FollowUpSecondDays days before (within
// FollowUpGrace), one mail to the enterprise's contact and one to each of
// the investor's contacts, due at the end plus the days and expiring
// FollowUpGrace later. Meetings cancelled, with the outcome no_fit, of a
// cancelled event, or whose pair has a disbursed deal attributed to the
// meeting or dated on or after its day get none. The dedupe key is (meeting,
// recipient, days), so the job may run as often as it likes on every
// replica. It returns the number of follow-ups queued.
func (s *Store) QueueFollowUps(ctx context.Context, now time.Time) (int64, error) {
	c, o, err := s.mailer()
	if err != nil {
		return 0, err
	}
	db, now := s.conn(ctx), utc(now)
	due, err := s.followUpsDue(db, now)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	if due, err = s.withoutDisbursed(db, due); err != nil || len(due) == 0 {
		return 0, err
	}
	plan, err := s.followUpTargets(db, o, due)
	if err != nil || len(plan) == 0 {
		return 0, err
	}
	msgs, err := s.renderFollowUps(db, c, o, plan)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	var n int64
	err = s.tx(ctx, func(tx *gorm.DB) (err error) {
		n, err = s.enqueue(tx, msgs)
		return err
	})
	return n, err
}

// followUpsDue lists, per follow-up day count, the meetings whose
// follow-up fell due in (now − FollowUpGrace, now].
func (s *Store) followUpsDue(db *gorm.DB, now time.Time) ([]followUpDue, error) {
	var out []followUpDue
	for _, days := range followUpDays() {
		after := time.Duration(days) * 24 * time.Hour
		var rows []followUpMeeting
		err := db.Table("meetings").Select(meetingViewColumns+", meetings.outcome").
			Joins("JOIN events ON events.id = meetings.event_id").
			Where("meetings.status IN ? AND meetings.outcome <> ? AND events.status NOT IN ? AND meetings.ends_at > ? AND meetings.ends_at <= ?",
				[]string{app.MeetingScheduled, app.MeetingDone}, app.OutcomeNoFit, []string{app.StatusDraft, app.StatusCancelled},
				now.Add(-after-FollowUpGrace), now.Add(-after)).
			Order("meetings.ends_at, meetings.id").Find(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("store: meetings due a follow-up: %w", translate(err))
		}
		for i := range rows {
			m := &rows[i].View
			out = append(out, followUpDue{m: m, days: days, due: m.EndsAt.UTC().Add(after)})
		}
	}
	return out, nil
}

// pairDeal is a disbursed deal between an enterprise and an investor.
type pairDeal struct {
	EnterpriseID int64
	InvestorID   int64
	MeetingID    *int64
	DealDate     string
}

// withoutDisbursed drops the follow-ups of pairs whose financing has been
// disbursed: a deal attributed to the meeting, or dated on or after the
// meeting's day (in the event's zone).
func (s *Store) withoutDisbursed(db *gorm.DB, due []followUpDue) ([]followUpDue, error) {
	ents := make([]int64, len(due))
	for i, f := range due {
		ents[i] = f.m.EnterpriseID
	}
	deals := map[[2]int64][]pairDeal{}
	for _, part := range chunks(uniqueIDs(ents), 500) {
		var rows []pairDeal
		err := db.Model(&dealRow{}).Select("enterprise_id, investor_id, meeting_id, deal_date").
			Where("status = ? AND enterprise_id IN ?", app.DealDisbursed, part).Find(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("store: disbursed deals: %w", translate(err))
		}
		for _, d := range rows {
			k := [2]int64{d.EnterpriseID, d.InvestorID}
			deals[k] = append(deals[k], d)
		}
	}
	out := due[:0:0]
	for _, f := range due {
		if !s.disbursedSince(f.m, deals[[2]int64{f.m.EnterpriseID, f.m.InvestorID}]) {
			out = append(out, f)
		}
	}
	return out, nil
}

func (s *Store) disbursedSince(m *meetingView, deals []pairDeal) bool {
	day := m.StartsAt.In(s.zoneOf(m.Timezone)).Format(time.DateOnly)
	for _, d := range deals {
		if (d.MeetingID != nil && *d.MeetingID == m.ID) || d.DealDate >= day {
			return true
		}
	}
	return false
}

// followUpTargets lists every contact of both sides of each meeting, each
// seeing the other side, with the dedupe key of its follow-up.
func (s *Store) followUpTargets(db *gorm.DB, o NotifyOptions, due []followUpDue) ([]plannedFollowUp, error) {
	var entIDs, invIDs []int64
	for _, f := range due {
		entIDs, invIDs = append(entIDs, f.m.EnterpriseID), append(invIDs, f.m.InvestorID)
	}
	ents, invs, err := loadParties(db, entIDs, invIDs)
	if err != nil {
		return nil, err
	}
	var plan []plannedFollowUp
	for _, f := range due {
		ent, inv := ents[f.m.EnterpriseID], invs[f.m.InvestorID]
		for _, side := range []struct{ self, other *party }{{ent, inv}, {inv, ent}} {
			if side.self == nil {
				continue
			}
			a := f.m.appointment(side.other)
			a.URL = o.PublicURL + "/console/meetings/" + strconv.FormatInt(f.m.ID, 10)
			for _, to := range side.self.people {
				if strings.EqualFold(to.Email, o.From.Email) {
					continue
				}
				key := dedupeKey(to.Email, app.NotifyFollowUp, refMeeting, f.m.ID, f.days)
				plan = append(plan, plannedFollowUp{f: f, to: to, appt: a, key: key})
			}
		}
	}
	return plan, nil
}

// renderFollowUps renders the planned follow-ups not queued yet.
func (s *Store) renderFollowUps(db *gorm.DB, c *notifications.Composer, o NotifyOptions, plan []plannedFollowUp) ([]OutboxMessage, error) {
	keys := make([]string, len(plan))
	for i, p := range plan {
		keys[i] = p.key
	}
	have, err := s.queuedKeys(db, keys)
	if err != nil {
		return nil, err
	}
	var msgs []OutboxMessage
	for _, p := range plan {
		if have[p.key] {
			continue
		}
		m := p.f.m
		msg := OutboxMessage{DedupeKey: p.key, EventID: m.EventID, RefType: refMeeting, RefID: m.ID,
			Sequence: m.Sequence, DueAt: p.f.due, NotAfter: p.f.due.Add(FollowUpGrace)}
		msg, err := render(c, o, notifications.Notice{Kind: notifications.KindFollowUp, To: p.to, Date: p.f.due,
			Appointment: p.appt, FollowUpDays: p.f.days}, msg)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, msg)
	}
	return msgs, nil
}
