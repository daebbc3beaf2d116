package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// Outbox is the outbox table as the notifications.Dispatcher sees it. Claims
// are conditional UPDATEs whose affected rows decide ownership, so any
// number of dispatchers, in one process or in several `roadshow serve`
// replicas, can share one database without SELECT … FOR UPDATE SKIP LOCKED
// (which SQLite lacks and TiDB treats differently); every outcome is fenced
// by the claim token. No statement waits on the network beyond the
// database.
type Outbox struct {
	s *Store
}

var _ notifications.Store = (*Outbox)(nil)

// Outbox returns the dispatcher's view of the outbox table.
func (s *Store) Outbox() *Outbox { return &Outbox{s: s} }

// claimRounds bounds how often ClaimDue looks for more candidates after
// other dispatchers took the ones it had chosen.
const claimRounds = 4

// ClaimDue claims up to limit due rows, oldest due first. Each round
// selects candidate ids, then one conditional UPDATE moves those still due
// to sending under a fresh claim token and lease (attempts+1); the rows
// that UPDATE changed are this claim's and are read back by the token.
// Rows another dispatcher took in between simply do not match.
func (o *Outbox) ClaimDue(ctx context.Context, now time.Time, owner string, lease time.Duration, limit int) ([]notifications.Notification, error) {
	if limit <= 0 {
		return nil, nil
	}
	now = utc(now)
	token, err := claimToken()
	if err != nil {
		return nil, err
	}
	db := o.s.conn(ctx)
	var mine []int64
	got := 0
	for round := 0; round < claimRounds && got < limit; round++ {
		var ids []int64
		err := db.Model(&outboxRow{}).Where("next_attempt_at <= ? AND status IN ?", now, liveStatuses).
			Order("next_attempt_at, id").Limit(limit-got).Pluck("id", &ids).Error
		if err != nil {
			return nil, fmt.Errorf("store: claim notifications: %w", translate(err))
		}
		if len(ids) == 0 {
			break
		}
		res := db.Model(&outboxRow{}).Where("id IN ? AND next_attempt_at <= ? AND status IN ?", ids, now, liveStatuses).
			Updates(claimUpdates(now, now.Add(lease), owner, token))
		if res.Error != nil {
			return nil, fmt.Errorf("store: claim notifications: %w", translate(res.Error))
		}
		if res.RowsAffected > 0 {
			mine, got = append(mine, ids...), got+int(res.RowsAffected)
		}
	}
	return o.claimed(db, mine, token)
}

func claimUpdates(now, leaseUntil time.Time, owner, token string) map[string]any {
	return map[string]any{"status": app.NotificationSending, "claim_token": token, "claimed_by": owner,
		"lease_until": leaseUntil, "next_attempt_at": leaseUntil, "attempts": gorm.Expr("attempts + 1"),
		"updated_at": now}
}

// claimed reads back the rows among ids that hold token, oldest due first.
func (o *Outbox) claimed(db *gorm.DB, ids []int64, token string) ([]notifications.Notification, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []outboxRow
	err := db.Where("id IN ? AND claim_token = ?", ids, token).Order("due_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: read claimed notifications: %w", translate(err))
	}
	mine := make([]int64, len(rows))
	for i, r := range rows {
		mine[i] = r.ID
	}
	var bodies []struct {
		ID   int64
		Body []byte
	}
	if err := db.Table("notification_bodies").Where("id IN ?", mine).Find(&bodies).Error; err != nil {
		return nil, fmt.Errorf("store: read claimed notifications: %w", translate(err))
	}
	body := make(map[int64][]byte, len(bodies))
	for _, b := range bodies {
		body[b.ID] = b.Body
	}
	out := make([]notifications.Notification, len(rows))
	for i, r := range rows {
		out[i] = notifications.Notification{ID: r.ID, Kind: notifications.Kind(r.Kind), Recipient: r.Recipient,
			MessageID: r.MessageID, Body: body[r.ID], Attempts: r.Attempts, ClaimToken: token}
		if r.NotAfter != nil {
			out[i].NotAfter = r.NotAfter.UTC()
		}
	}
	return out, nil
}

// claimToken returns a new random claim token.
func claimToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("store: claim token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// MarkSent records a sent row under the claim's fence.
func (o *Outbox) MarkSent(ctx context.Context, id int64, token string, sentAt time.Time) error {
	at := utc(sentAt)
	return o.fenced(ctx, id, token, map[string]any{"status": app.NotificationSent, "sent_at": at, "updated_at": at})
}

// MarkFailed records a failed attempt under the claim's fence: failed with
// the next attempt, or dead.
func (o *Outbox) MarkFailed(ctx context.Context, id int64, token string, f notifications.Failure) error {
	at := utc(f.At)
	u := map[string]any{"status": app.NotificationFailed, "last_error": f.Error, "last_code": f.Code, "updated_at": at}
	if f.Dead {
		u["status"] = app.NotificationDead
	} else {
		u["next_attempt_at"] = utc(f.NextAttempt)
	}
	return o.fenced(ctx, id, token, u)
}

// MarkExpired records a reminder that can no longer go out.
func (o *Outbox) MarkExpired(ctx context.Context, id int64, token string, at time.Time) error {
	return o.fenced(ctx, id, token, map[string]any{"status": app.NotificationExpired, "updated_at": utc(at)})
}

// fenced applies u to row id only while it is sending under token, and
// releases the claim; notifications.ErrClaimLost when it is not.
func (o *Outbox) fenced(ctx context.Context, id int64, token string, u map[string]any) error {
	u["claim_token"], u["lease_until"] = nil, nil
	if _, ok := u["next_attempt_at"]; !ok {
		u["next_attempt_at"] = nil
	}
	res := o.s.conn(ctx).Model(&outboxRow{}).Where("id = ? AND claim_token = ? AND status = ?", id, token, app.NotificationSending).
		Updates(u)
	if res.Error != nil {
		return fmt.Errorf("store: record notification %d: %w", id, translate(res.Error))
	}
	if res.RowsAffected == 0 {
		return notifications.ErrClaimLost
	}
	return nil
}

// Enqueue queues one rendered message outside any other change (other
// packages' jobs; tests) and returns its row id, the existing row's when
// the dedupe key is already queued.
func (o *Outbox) Enqueue(ctx context.Context, m OutboxMessage) (int64, error) {
	if m.DedupeKey == "" {
		m.DedupeKey = m.MessageID
	}
	var id int64
	err := o.s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := o.s.enqueue(tx, []OutboxMessage{m}); err != nil {
			return err
		}
		return tx.Model(&outboxRow{}).Where("dedupe_key = ?", m.DedupeKey).Pluck("id", &id).Error
	})
	return id, err
}

// EnqueueAll queues rendered messages in one transaction and returns how
// many were new (the others' dedupe keys were already queued).
func (o *Outbox) EnqueueAll(ctx context.Context, msgs []OutboxMessage) (int64, error) {
	var n int64
	err := o.s.tx(ctx, func(tx *gorm.DB) (err error) {
		n, err = o.s.enqueue(tx, msgs)
		return err
	})
	return n, err
}
