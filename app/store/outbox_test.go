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

// TestOutbox_EnqueueIdempotent: queueing a dedupe key again is a no-op,
// within one batch or later.
func TestOutbox_EnqueueIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		msg := func(key string) store.OutboxMessage {
			return store.OutboxMessage{Kind: notifications.KindInvite, DedupeKey: key, Recipient: "a@example.com",
				MessageID: "<" + key + "@x>", Body: []byte("x")}
		}
		o := s.Outbox()
		if n, err := o.EnqueueAll(context.Background(), []store.OutboxMessage{msg("k1"), msg("k2"), msg("k1")}); err != nil || n != 2 {
			t.Fatalf("first: %d %v", n, err)
		}
		if n, err := o.EnqueueAll(context.Background(), []store.OutboxMessage{msg("k2"), msg("k3")}); err != nil || n != 1 {
			t.Fatalf("second: %d %v", n, err)
		}
		id1, _ := o.Enqueue(context.Background(), msg("k1"))
		id2, _ := o.Enqueue(context.Background(), msg("k1"))
		if id1 == 0 || id1 != id2 {
			t.Fatalf("Enqueue of a queued key: ids %d, %d", id1, id2)
		}
	})
}
