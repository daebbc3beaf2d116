package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// digestRequest is a pending meeting request with its event.
type digestRequest struct {
	ID           int64
	EventID      int64
	FromSide     string
	EnterpriseID int64
	InvestorID   int64
	Priority     int
	Note         string
	CreatedAt    time.Time
	EventTitle   string
}

// digestBox is what one participant is asked to answer.
type digestBox struct {
	side     string
	id       int64
	requests []digestRequest
}

// QueueRequestDigests queues, for every contact of a participant with
// meeting requests waiting for their answer (at open or scheduled events
// that have not ended), one digest per local day: from DigestHour on in the
// contact's time zone (else the store's default zone). The dedupe key holds
// the day, so the job may run as often as it likes and a run missed while
// the server was down is caught up by the next one. It returns the number of
// digests queued.
func (s *Store) QueueRequestDigests(ctx context.Context, now time.Time) (int64, error) {
	c, o, err := s.mailer()
	if err != nil {
		return 0, err
	}
	db := s.conn(ctx)
	boxes, err := s.pendingBoxes(db, utc(now))
	if err != nil || len(boxes) == 0 {
		return 0, err
	}
	var entIDs, invIDs []int64
	for _, b := range boxes {
		for _, r := range b.requests {
			entIDs, invIDs = append(entIDs, r.EnterpriseID), append(invIDs, r.InvestorID)
		}
	}
	ents, invs, err := loadParties(db, entIDs, invIDs)
	if err != nil {
		return 0, err
	}
	have, err := s.queuedKeys(db, digestKeys(s, o, boxes, ents, invs, now))
	if err != nil {
		return 0, err
	}
	var msgs []OutboxMessage
	for _, b := range boxes {
		m, err := s.digestsFor(c, o, b, ents, invs, now, have)
		if err != nil {
			return 0, err
		}
		msgs = append(msgs, m...)
	}
	if len(msgs) == 0 {
		return 0, nil
	}
	var n int64
	err = s.tx(ctx, func(tx *gorm.DB) (err error) {
		n, err = s.enqueue(tx, msgs)
		return err
	})
	return n, err
}

// pendingBoxes groups the pending requests of live events by the side that
// must answer them.
func (s *Store) pendingBoxes(db *gorm.DB, now time.Time) ([]*digestBox, error) {
	var rows []digestRequest
	err := db.Table("meeting_requests").
		Select("meeting_requests.id, meeting_requests.event_id, meeting_requests.from_side, meeting_requests.enterprise_id, "+
			"meeting_requests.investor_id, meeting_requests.priority, meeting_requests.note, meeting_requests.created_at, "+
			"events.title AS event_title").
		Joins("JOIN events ON events.id = meeting_requests.event_id").
		Where("meeting_requests.status = ? AND events.status IN ? AND events.ends_at > ?",
			app.RequestPending, []string{app.StatusOpen, app.StatusScheduled}, now).
		Order("meeting_requests.priority, meeting_requests.created_at, meeting_requests.id").Find(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	byKey := map[string]*digestBox{}
	var out []*digestBox
	for _, r := range rows {
		side, id := app.SideInvestor, r.InvestorID
		if r.FromSide == app.SideInvestor {
			side, id = app.SideEnterprise, r.EnterpriseID
		}
		key := side + ":" + strconv.FormatInt(id, 10)
		if byKey[key] == nil {
			byKey[key] = &digestBox{side: side, id: id}
			out = append(out, byKey[key])
		}
		byKey[key].requests = append(byKey[key].requests, r)
	}
	return out, nil
}

// digestsFor renders the digest of one participant for each contact whose
// local day has reached the digest hour.
func (s *Store) digestsFor(c *notifications.Composer, o NotifyOptions, b *digestBox, ents, invs map[int64]*party, now time.Time, have map[string]bool) ([]OutboxMessage, error) {
	self, pending, eventID := b.self(ents, invs), make([]notifications.PendingRequest, 0, len(b.requests)), b.requests[0].EventID
	targets := s.digestTargets(o, b, self, now)
	if len(targets) == 0 {
		return nil, nil
	}
	for _, r := range b.requests {
		from := ents[r.EnterpriseID]
		if b.side == app.SideEnterprise {
			from = invs[r.InvestorID]
		}
		if from == nil {
			continue
		}
		pending = append(pending, notifications.PendingRequest{From: from.asCounterpart(), EventTitle: r.EventTitle,
			Priority: r.Priority, Note: r.Note, Received: r.CreatedAt.UTC()})
		if r.EventID != eventID {
			eventID = 0
		}
	}
	var out []OutboxMessage
	for _, t := range targets {
		if have[t.key] || len(pending) == 0 {
			continue
		}
		msg := OutboxMessage{DedupeKey: t.key, EventID: eventID, RefType: b.side, RefID: b.id, DueAt: now}
		msg, err := render(c, o, notifications.Notice{Kind: notifications.KindRequestDigest, To: t.to, Date: now, Requests: pending}, msg)
		if err != nil {
			return nil, err
		}
		out = append(out, msg)
	}
	return out, nil
}

// self is the participant who must answer the box's requests.
func (b *digestBox) self(ents, invs map[int64]*party) *party {
	if b.side == app.SideEnterprise {
		return ents[b.id]
	}
	return invs[b.id]
}

// digestTarget is one contact due a digest today, with its dedupe key.
type digestTarget struct {
	to  notifications.Recipient
	key string
}

// digestTargets lists the contacts of self whose local day has reached
// the digest hour.
func (s *Store) digestTargets(o NotifyOptions, b *digestBox, self *party, now time.Time) []digestTarget {
	if self == nil {
		return nil
	}
	var out []digestTarget
	for _, to := range self.people {
		local := now.In(s.zoneOf(to.TimeZone))
		if local.Hour() < o.DigestHour || strings.EqualFold(to.Email, o.From.Email) {
			continue
		}
		key := dedupeKey(to.Email, app.NotifyRequestDigest, b.side, b.id, local.Format(time.DateOnly))
		out = append(out, digestTarget{to: to, key: key})
	}
	return out
}

// digestKeys lists the dedupe keys of every digest due now.
func digestKeys(s *Store, o NotifyOptions, boxes []*digestBox, ents, invs map[int64]*party, now time.Time) []string {
	var keys []string
	for _, b := range boxes {
		for _, t := range s.digestTargets(o, b, b.self(ents, invs), now) {
			keys = append(keys, t.key)
		}
	}
	return keys
}

// zoneOf loads a recipient's zone, falling back to the store's default.
func (s *Store) zoneOf(zone string) *time.Location {
	for _, z := range []string{zone, s.defaultTimeZone} {
		if z == "" {
			continue
		}
		if loc, err := time.LoadLocation(z); err == nil {
			return loc
		}
	}
	return time.UTC
}

// queuedKeys returns which of keys are already in the outbox.
func (s *Store) queuedKeys(db *gorm.DB, keys []string) (map[string]bool, error) {
	have := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		var found []string
		part := keys[start:min(start+500, len(keys))]
		if err := db.Model(&outboxRow{}).Where("dedupe_key IN ?", part).Pluck("dedupe_key", &found).Error; err != nil {
			return nil, translate(err)
		}
		for _, k := range found {
			have[k] = true
		}
	}
	return have, nil
}
