package notifications_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
)

func TestDispatcher_MemStore(t *testing.T) {
	dispatchtest.Run(t, func(t *testing.T) dispatchtest.Harness { return newMemStore() })
}

func TestNewDispatcher_Config(t *testing.T) {
	store := newMemStore()
	mailer := &notifications.FileMailer{Dir: t.TempDir()}
	cases := []struct {
		name string
		cfg  notifications.DispatcherConfig
		err  string
	}{
		{"OK", notifications.DispatcherConfig{From: "bounce@x.cn"}, ""},
		{"ErrNoFrom", notifications.DispatcherConfig{}, "envelope sender"},
		{"ErrLeaseTooShort", notifications.DispatcherConfig{From: "b@x.cn", BatchSize: 40, Workers: 4,
			SendTimeout: time.Minute, Lease: time.Minute}, "does not cover"},
		{"OKLeaseShorterThanBatch", notifications.DispatcherConfig{From: "b@x.cn", BatchSize: 40, Workers: 4,
			SendTimeout: time.Minute, Lease: 2 * time.Minute}, ""},
		{"OKLeaseCovers", notifications.DispatcherConfig{From: "b@x.cn", BatchSize: 40, Workers: 4,
			SendTimeout: time.Minute, Lease: 11 * time.Minute}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := notifications.NewDispatcher(store, mailer, c.cfg)
			if (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
				t.Fatalf("err %v, want %q", err, c.err)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	base, max := time.Minute, 2*time.Hour
	rng := rand.New(rand.NewPCG(7, 11))
	for range 2000 {
		id := rng.Int64N(1 << 40)
		attempt := 1 + rng.IntN(20)
		got := notifications.Backoff(id, attempt, base, max)
		full := base << min(attempt-1, 30)
		full = min(full, max)
		if got < full/2 || got >= full {
			t.Fatalf("Backoff(%d, %d) = %v, want in [%v, %v)", id, attempt, got, full/2, full)
		}
		if again := notifications.Backoff(id, attempt, base, max); again != got {
			t.Fatalf("Backoff is not deterministic: %v then %v", got, again)
		}
	}
	// Rows failing together spread out.
	seen := map[time.Duration]bool{}
	for id := int64(1); id <= 100; id++ {
		seen[notifications.Backoff(id, 3, base, max)] = true
	}
	if len(seen) < 90 {
		t.Fatalf("only %d distinct backoffs for 100 rows", len(seen))
	}
}

// failingStore fails every Mark* with a database error.
type failingStore struct{ *memStore }

func (f failingStore) MarkSent(context.Context, int64, string, time.Time) error {
	return errors.New("database is locked")
}

func TestDispatcher_RecordErrorIsReported(t *testing.T) {
	s := newMemStore()
	s.Insert(context.Background(), dispatchtest.Row{Kind: notifications.KindInvite, Recipient: "a@b.cn",
		MessageID: "<outbox-1@x>", Body: dispatchtest.Message(1, "a@b.cn"), DueAt: dispatchtest.T0()})
	d, err := notifications.NewDispatcher(failingStore{s}, &notifications.FileMailer{Dir: t.TempDir()},
		notifications.DispatcherConfig{From: "bounce@x.cn"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := d.RunOnce(context.Background(), dispatchtest.T0())
	if err == nil || !strings.Contains(err.Error(), "database is locked") || st.Claimed != 1 {
		t.Fatalf("RunOnce = %+v, %v; want the store error", st, err)
	}
}

// slowMailer takes a while for every message.
type slowMailer struct {
	inner notifications.Mailer
	delay time.Duration
}

func (s slowMailer) Send(ctx context.Context, from string, to []string, msg []byte) error {
	time.Sleep(s.delay)
	return s.inner.Send(ctx, from, to, msg)
}

// A reminder claimed before its meeting but reached only after the meeting
// started, behind a slow send in the same batch, expires.
func TestDispatcher_ReminderExpiresDuringSlowBatch(t *testing.T) {
	s := newMemStore()
	t0 := dispatchtest.T0()
	ctx := context.Background()
	s.Insert(ctx, dispatchtest.Row{Kind: notifications.KindInvite, Recipient: "a@b.cn", MessageID: "<outbox-1@x>",
		Body: dispatchtest.Message(1, "a@b.cn"), DueAt: t0})
	id, _ := s.Insert(ctx, dispatchtest.Row{Kind: notifications.KindReminder, Recipient: "c@d.cn", MessageID: "<outbox-2@x>",
		Body: dispatchtest.Message(2, "c@d.cn"), DueAt: t0, NotAfter: t0.Add(50 * time.Millisecond)})
	m := slowMailer{inner: &notifications.FileMailer{Dir: t.TempDir()}, delay: 100 * time.Millisecond}
	d, err := notifications.NewDispatcher(s, m, notifications.DispatcherConfig{From: "b@x.cn", Workers: 1, BatchSize: 2,
		SendTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	st, err := d.RunOnce(ctx, t0)
	if err != nil || st.Sent != 1 || st.Expired != 1 {
		t.Fatalf("RunOnce = %+v, %v; want the invite sent and the reminder expired", st, err)
	}
	if got, _ := s.Get(ctx, id); got.Status != notifications.StatusExpired {
		t.Fatalf("reminder %+v", got)
	}
}

// claimSpy records the lease and the limit of every claim.
type claimSpy struct {
	*memStore
	leases []time.Duration
	limits []int
}

func (s *claimSpy) ClaimDue(ctx context.Context, now time.Time, owner string, lease time.Duration, limit int) ([]notifications.Notification, error) {
	s.leases = append(s.leases, lease)
	s.limits = append(s.limits, limit)
	return s.memStore.ClaimDue(ctx, now, owner, lease, limit)
}

// TestDispatcher_ShortLeaseWhateverTheBatch: a two-minute lease with a
// large batch is accepted; the dispatcher claims only what its workers can
// send within the lease, and drains everything in several claims, so a dead
// replica's rows wait two minutes at most.
func TestDispatcher_ShortLeaseWhateverTheBatch(t *testing.T) {
	spy := &claimSpy{memStore: newMemStore()}
	for i := range 100 {
		_, err := spy.Insert(context.Background(), dispatchtest.Row{Recipient: fmt.Sprintf("r%d@x.cn", i),
			MessageID: fmt.Sprintf("<m%d@x.cn>", i), Body: []byte("Subject: x\r\n\r\nx\r\n"), DueAt: dispatchtest.T0()})
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := notifications.NewDispatcher(spy, &notifications.FileMailer{Dir: t.TempDir()}, notifications.DispatcherConfig{
		From: "b@x.cn", BatchSize: 100, Workers: 4, SendTimeout: 30 * time.Second, Lease: 2 * time.Minute})
	if err != nil {
		t.Fatalf("a two-minute lease with a batch of 100: %v", err)
	}
	st, err := d.Drain(context.Background(), dispatchtest.T0())
	if err != nil || st.Sent != 100 {
		t.Fatalf("drain: %+v %v", st, err)
	}
	for i, lease := range spy.leases {
		// 4 workers × 3 sends of 30 s each fit in 2 minutes.
		if lease > 2*time.Minute || spy.limits[i] > 12 {
			t.Fatalf("claim %d: lease %v, limit %d", i, lease, spy.limits[i])
		}
	}
}
