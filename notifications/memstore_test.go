package notifications_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
)

// memStore is an in-memory outbox with the claim and fence semantics of
// notifications.Store: a claim is the conditional update "still due → mine
// with a new token", done under one lock; every Mark* checks the token and
// the sending status. It is a test double of the Store interface, not of a
// database.
type memStore struct {
	mu     sync.Mutex
	rows   map[int64]*memRow
	nextID int64
	tokens int64
}

type memRow struct {
	dispatchtest.Row
	id       int64
	status   notifications.Status
	attempts int
	next     time.Time
	lease    time.Time
	token    string
	owner    string
	sentAt   time.Time
	lastErr  string
	lastCode int
}

var (
	_ notifications.Store  = (*memStore)(nil)
	_ dispatchtest.Harness = (*memStore)(nil)
)

func newMemStore() *memStore { return &memStore{rows: map[int64]*memRow{}} }

func (s *memStore) Store() notifications.Store { return s }

func (s *memStore) Insert(_ context.Context, r dispatchtest.Row) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.rows[s.nextID] = &memRow{Row: r, id: s.nextID, status: notifications.StatusPending, next: r.DueAt}
	return s.nextID, nil
}

func (s *memStore) Get(_ context.Context, id int64) (dispatchtest.State, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.rows[id]
	if r == nil {
		return dispatchtest.State{}, fmt.Errorf("memstore: no row %d", id)
	}
	return dispatchtest.State{Status: r.status, Attempts: r.attempts, NextAttemptAt: r.next,
		SentAt: r.sentAt, LastError: r.lastErr, LastCode: r.lastCode}, nil
}

// dueAt reports whether r is due at now and since when.
func (r *memRow) dueAt(now time.Time) (time.Time, bool) {
	switch r.status {
	case notifications.StatusPending, notifications.StatusFailed:
		return r.next, !r.next.After(now)
	case notifications.StatusSending:
		return r.lease, !r.lease.After(now)
	}
	return time.Time{}, false
}

func (s *memStore) ClaimDue(_ context.Context, now time.Time, owner string, lease time.Duration, limit int) ([]notifications.Notification, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	type cand struct {
		r   *memRow
		due time.Time
	}
	var cands []cand
	for _, r := range s.rows {
		if due, ok := r.dueAt(now); ok {
			cands = append(cands, cand{r, due})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if !cands[i].due.Equal(cands[j].due) {
			return cands[i].due.Before(cands[j].due)
		}
		return cands[i].r.id < cands[j].r.id
	})
	var out []notifications.Notification
	for _, c := range cands[:min(limit, len(cands))] {
		r := c.r
		s.tokens++
		r.status, r.owner, r.lease = notifications.StatusSending, owner, now.Add(lease)
		r.token = fmt.Sprintf("claim-%d-%s", s.tokens, owner)
		r.attempts++
		out = append(out, notifications.Notification{ID: r.id, Kind: r.Kind, Recipient: r.Recipient,
			MessageID: r.MessageID, Body: r.Body, Attempts: r.attempts, NotAfter: r.NotAfter, ClaimToken: r.token})
	}
	return out, nil
}

// fenced returns the row if it is still sending under token.
func (s *memStore) fenced(id int64, token string) (*memRow, error) {
	r := s.rows[id]
	if r == nil || r.status != notifications.StatusSending || r.token != token {
		return nil, notifications.ErrClaimLost
	}
	r.token = ""
	return r, nil
}

func (s *memStore) MarkSent(_ context.Context, id int64, token string, sentAt time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.fenced(id, token)
	if err != nil {
		return err
	}
	r.status, r.sentAt = notifications.StatusSent, sentAt
	return nil
}

func (s *memStore) MarkFailed(_ context.Context, id int64, token string, f notifications.Failure) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.fenced(id, token)
	if err != nil {
		return err
	}
	r.status, r.next, r.lastErr, r.lastCode = notifications.StatusFailed, f.NextAttempt, f.Error, f.Code
	if f.Dead {
		r.status = notifications.StatusDead
	}
	return nil
}

func (s *memStore) MarkExpired(_ context.Context, id int64, token string, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.fenced(id, token)
	if err != nil {
		return err
	}
	r.status = notifications.StatusExpired
	return nil
}
