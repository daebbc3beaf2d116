package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
	"roadshow/notifications/smtptest"
)

// queueRows puts n due rows to user<i>@example.com in the outbox.
func queueRows(t testing.TB, s *store.Store, n int, body func(i int, to string) []byte) {
	t.Helper()
	msgs := make([]store.OutboxMessage, n)
	for i := range msgs {
		to := fmt.Sprintf("user%d@example.com", i)
		msgs[i] = store.OutboxMessage{Kind: notifications.KindInvite, Recipient: to,
			MessageID: fmt.Sprintf("<outbox-%d@roadshow.example>", i), Body: body(i, to), DueAt: dispatchtest.T0()}
	}
	if got, err := s.Outbox().EnqueueAll(context.Background(), msgs); err != nil || got != int64(n) {
		t.Fatalf("queued %d of %d: %v", got, n, err)
	}
}

func newDispatcher(t testing.TB, s *store.Store, m notifications.Mailer, owner string) *notifications.Dispatcher {
	t.Helper()
	d, err := notifications.NewDispatcher(s.Outbox(), m, notifications.DispatcherConfig{Owner: owner,
		From: "bounce@roadshow.example", BatchSize: 64, Workers: 4, Lease: 5 * time.Minute, SendTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func smtpMailer(t testing.TB, srv *smtptest.Server) *notifications.SMTPMailer {
	t.Helper()
	m, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: srv.URL(), PoolSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// outboxCounts counts the outbox rows by status.
func outboxCounts(t testing.TB, s *store.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, st := range app.NotificationStatuses {
		list, err := s.FindNotifications(admin(), app.NotificationFilter{Status: st, Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		n := len(list.Items)
		for list.NextCursor != "" {
			p, _ := app.NewPage(app.MaxLimit, list.NextCursor)
			if list, err = s.FindNotifications(admin(), app.NotificationFilter{Status: st, Page: p}); err != nil {
				t.Fatal(err)
			}
			n += len(list.Items)
		}
		if n > 0 {
			out[st] = n
		}
	}
	return out
}

// TestOutbox_TwoDispatchersOnce: two dispatchers, each with its own SMTP
// connections as two `roadshow serve` replicas would have, drain 2,000
// rows of one database at once; every row is sent exactly once.
func TestOutbox_TwoDispatchersOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000 messages")
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n = 2000
		queueRows(t, s, n, func(i int, to string) []byte { return dispatchtest.Message(i, to) })
		srv := smtptest.NewServer(t, smtptest.Config{})
		var wg sync.WaitGroup
		stats := make([]notifications.RunStats, 2)
		for k := range stats {
			d := newDispatcher(t, s, smtpMailer(t, srv), fmt.Sprintf("replica-%d", k))
			wg.Go(func() {
				for stats[k].Sent+stats[1-k].Sent < n { // Drain stops at a short batch the other took
					st, err := d.Drain(context.Background(), dispatchtest.T0())
					if err != nil {
						t.Error(err)
						return
					}
					if st.Claimed == 0 {
						break
					}
					stats[k].Sent += st.Sent
				}
			})
		}
		wg.Wait()
		counts := map[string]int{}
		for _, m := range srv.Messages() {
			counts[m.To[0]]++
		}
		for to, c := range counts {
			if c != 1 {
				t.Fatalf("%s got %d copies", to, c)
			}
		}
		if len(counts) != n || stats[0].Sent+stats[1].Sent != n || stats[0].Sent == 0 || stats[1].Sent == 0 {
			t.Fatalf("%d recipients; replicas sent %d and %d; want %d in all, shared", len(counts), stats[0].Sent, stats[1].Sent, n)
		}
		if c := outboxCounts(t, s); c[app.NotificationSent] != n || len(c) != 1 {
			t.Fatalf("outbox %v, want %d sent", c, n)
		}
	})
}

// hangingMailer sends the first k messages, then hangs forever: a
// dispatcher process that died mid-batch.
type hangingMailer struct {
	inner notifications.Mailer
	mu    sync.Mutex
	left  int
	hung  chan struct{}
}

func (m *hangingMailer) Send(ctx context.Context, from string, to []string, msg []byte) error {
	m.mu.Lock()
	m.left--
	left := m.left
	m.mu.Unlock()
	if left < 0 {
		<-m.hung // never closed while the test looks
		return context.Canceled
	}
	return m.inner.Send(ctx, from, to, msg)
}

// TestOutbox_KilledMidBatchLosesNothing: a dispatcher dies after sending
// part of its batch, its other rows left claimed. Once their lease runs
// out another dispatcher sends them; every row ends sent, and only the
// rows in flight at the crash may go out twice (at-least-once).
func TestOutbox_KilledMidBatchLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n = 150
		queueRows(t, s, n, func(i int, to string) []byte { return dispatchtest.Message(i, to) })
		srv := smtptest.NewServer(t, smtptest.Config{})
		dying := &hangingMailer{inner: smtpMailer(t, srv), left: 40, hung: make(chan struct{})}
		t.Cleanup(func() { close(dying.hung) })
		a := newDispatcher(t, s, dying, "dies")
		go a.Drain(context.Background(), dispatchtest.T0()) //nolint:errcheck // this process is "killed"
		deadline := time.Now().Add(10 * time.Second)
		for len(srv.Messages()) < 40 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
		if c := outboxCounts(t, s); c[app.NotificationSending] == 0 {
			t.Fatalf("no row left claimed by the dead dispatcher: %v", c)
		}
		b := newDispatcher(t, s, smtpMailer(t, srv), "survivor")
		if _, err := b.Drain(context.Background(), dispatchtest.T0().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		// Under the dead dispatcher's lease only the rows it never claimed go.
		if c := outboxCounts(t, s); c[app.NotificationSending] == 0 || c[app.NotificationSent]+c[app.NotificationSending] != n {
			t.Fatalf("under the lease: %v", c)
		}
		if _, err := b.Drain(context.Background(), dispatchtest.T0().Add(6*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if c := outboxCounts(t, s); c[app.NotificationSent] != n || len(c) != 1 {
			t.Fatalf("outbox %v, want all %d sent", c, n)
		}
		counts := map[string]int{}
		for _, m := range srv.Messages() {
			counts[m.To[0]]++
		}
		if len(counts) != n {
			t.Fatalf("%d recipients got mail, want %d", len(counts), n)
		}
	})
}
