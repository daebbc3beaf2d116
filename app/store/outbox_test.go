package store_test

import (
	"context"
	"testing"

	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
)

// outboxHarness runs the dispatcher suite against the real outbox table.
type outboxHarness struct{ s *store.Store }

func (h outboxHarness) Store() notifications.Store { return h.s.Outbox() }

func (h outboxHarness) Insert(ctx context.Context, r dispatchtest.Row) (int64, error) {
	return h.s.Outbox().Enqueue(ctx, store.OutboxMessage{Kind: r.Kind, Recipient: r.Recipient, MessageID: r.MessageID,
		Body: r.Body, DueAt: r.DueAt, NotAfter: r.NotAfter})
}

func (h outboxHarness) Get(ctx context.Context, id int64) (dispatchtest.State, error) {
	n, err := h.s.FindNotificationByID(admin(), id)
	if err != nil {
		return dispatchtest.State{}, err
	}
	st := dispatchtest.State{Status: notifications.Status(n.Status), Attempts: n.Attempts, LastError: n.LastError, LastCode: n.LastCode}
	if n.NextAttemptAt != nil {
		st.NextAttemptAt = *n.NextAttemptAt
	}
	if n.SentAt != nil {
		st.SentAt = *n.SentAt
	}
	return st, nil
}

// TestOutbox_DispatcherSuite runs notifications/dispatchtest against the
// outbox table on SQLite and MariaDB: claims, fences, retries, expiry,
// lease recovery and concurrent dispatchers.
func TestOutbox_DispatcherSuite(t *testing.T) {
	for _, d := range []string{"sqlite", "mysql"} {
		t.Run(d, func(t *testing.T) {
			dispatchtest.Run(t, func(t *testing.T) dispatchtest.Harness {
				return outboxHarness{s: storetest.MustOpen(t, d)}
			})
		})
	}
}
