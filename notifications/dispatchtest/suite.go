// Package dispatchtest is the behaviour every notifications.Store must
// show under the Dispatcher, written once and run against any store: the
// in-memory double in notifications' own tests, and the real SQLite or
// MariaDB outbox store in the store's tests. Messages go through a real
// SMTP server in the test process (smtptest).
package dispatchtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"roadshow/notifications"
	"roadshow/notifications/smtptest"
)

// Row is an outbox row to insert: status pending, attempts 0,
// next_attempt_at = DueAt.
type Row struct {
	Kind      notifications.Kind
	Recipient string
	MessageID string
	Body      []byte
	DueAt     time.Time
	NotAfter  time.Time // zero: none
}

// State is what the suite reads back about a row.
type State struct {
	Status        notifications.Status
	Attempts      int
	NextAttemptAt time.Time
	SentAt        time.Time
	LastError     string
	LastCode      int
}

// Harness gives the suite a fresh, empty store and direct access to its
// rows.
type Harness interface {
	Store() notifications.Store
	Insert(ctx context.Context, r Row) (int64, error)
	Get(ctx context.Context, id int64) (State, error)
}

// T0 is the suite's clock origin: rows are due at T0() unless a test says
// otherwise, and every dispatcher run is given a time relative to it.
func T0() time.Time { return time.Date(2025, 5, 20, 1, 0, 0, 0, time.UTC) }

// Run runs every case, each with a harness from newHarness.
func Run(t *testing.T, newHarness func(t *testing.T) Harness) {
	cases := []struct {
		name string
		fn   func(t *testing.T, h Harness)
	}{
		{"SendsDueRowsOnce", testSendsDueRowsOnce},
		{"NotDueNotClaimed", testNotDueNotClaimed},
		{"TemporaryThenSent", testTemporaryThenSent},
		{"PermanentIsDead", testPermanentIsDead},
		{"AttemptsExhausted", testAttemptsExhausted},
		{"ReminderExpires", testReminderExpires},
		{"StaleClaimCannotMarkSent", testStaleClaimCannotMarkSent},
		{"LeaseExpiryReclaims", testLeaseExpiryReclaims},
		{"ClaimLostDuringSend", testClaimLostDuringSend},
		{"ConcurrentDispatchersSendOnce", testConcurrentDispatchersSendOnce},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newHarness(t)) })
	}
}

// Message returns a small valid message with the given Message-ID number.
func Message(n int, to string) []byte {
	return fmt.Appendf(nil, "From: roadshow@torch.example\r\nTo: %s\r\nSubject: test %d\r\n"+
		"Message-ID: <outbox-%d@roadshow.example>\r\nDate: Tue, 20 May 2025 09:00:00 +0800\r\n\r\nbody %d\r\n", to, n, n, n)
}

type env struct {
	h    Harness
	smtp *smtptest.Server
	m    *notifications.SMTPMailer
}

func newEnv(t *testing.T, h Harness) *env {
	srv := smtptest.NewServer(t, smtptest.Config{})
	m, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: srv.URL(), PoolSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return &env{h: h, smtp: srv, m: m}
}

func (e *env) dispatcher(t *testing.T, mailer notifications.Mailer, owner string) *notifications.Dispatcher {
	if mailer == nil {
		mailer = e.m
	}
	d, err := notifications.NewDispatcher(e.h.Store(), mailer, notifications.DispatcherConfig{
		Owner: owner, From: "bounce@roadshow.example", BatchSize: 8, Workers: 3,
		Lease: 5 * time.Minute, SendTimeout: 10 * time.Second, MaxAttempts: 3,
		BaseBackoff: time.Minute, MaxBackoff: time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (e *env) insert(t *testing.T, r Row) int64 {
	if r.Kind == "" {
		r.Kind = notifications.KindInvite
	}
	if r.DueAt.IsZero() {
		r.DueAt = T0()
	}
	id, err := e.h.Insert(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (e *env) state(t *testing.T, id int64) State {
	s, err := e.h.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (e *env) run(t *testing.T, d *notifications.Dispatcher, now time.Time) notifications.RunStats {
	st, err := d.Drain(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func row(n int, to string) Row {
	return Row{Recipient: to, MessageID: fmt.Sprintf("<outbox-%d@roadshow.example>", n), Body: Message(n, to)}
}

func testSendsDueRowsOnce(t *testing.T, h Harness) {
	e := newEnv(t, h)
	const n = 20
	ids := make([]int64, n)
	for i := range n {
		ids[i] = e.insert(t, row(i, fmt.Sprintf("user%d@example.com", i)))
	}
	d := e.dispatcher(t, nil, "a")
	if st := e.run(t, d, T0()); st.Sent != n || st.Claimed != n {
		t.Fatalf("first run: %+v, want %d sent", st, n)
	}
	if st := e.run(t, d, T0().Add(time.Hour)); st.Claimed != 0 {
		t.Fatalf("second run claimed %d rows, want 0", st.Claimed)
	}
	msgs := e.smtp.Messages()
	if len(msgs) != n {
		t.Fatalf("server got %d messages, want %d", len(msgs), n)
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		if len(m.To) != 1 || !bytes.Equal(m.Data, Message(indexOf(m.To[0]), m.To[0])) || seen[m.To[0]] {
			t.Fatalf("unexpected or repeated message to %v", m.To)
		}
		seen[m.To[0]] = true
	}
	for _, id := range ids {
		if s := e.state(t, id); s.Status != notifications.StatusSent || s.Attempts != 1 || !near(s.SentAt, T0()) {
			t.Fatalf("row %d: %+v, want sent once at T0()", id, s)
		}
	}
}

// near reports whether got is want or up to a few seconds later: the
// dispatcher adds the time a batch has taken to the caller's now.
func near(got, want time.Time) bool {
	return !got.Before(want) && got.Before(want.Add(10*time.Second))
}

func indexOf(addr string) int {
	var i int
	fmt.Sscanf(addr, "user%d@", &i)
	return i
}

func testNotDueNotClaimed(t *testing.T, h Harness) {
	e := newEnv(t, h)
	id := e.insert(t, Row{Recipient: "later@example.com", MessageID: "<outbox-1@x>", Body: Message(1, "later@example.com"), DueAt: T0().Add(time.Hour)})
	d := e.dispatcher(t, nil, "a")
	if st := e.run(t, d, T0()); st.Claimed != 0 {
		t.Fatalf("claimed a row due in an hour: %+v", st)
	}
	if st := e.run(t, d, T0().Add(time.Hour)); st.Sent != 1 {
		t.Fatalf("row not sent when due: %+v", st)
	}
	if s := e.state(t, id); s.Status != notifications.StatusSent {
		t.Fatalf("state %+v", s)
	}
}

func testTemporaryThenSent(t *testing.T, h Harness) {
	e := newEnv(t, h)
	e.smtp.ScriptRcpt("grey@example.com", 451, 250)
	id := e.insert(t, row(1, "grey@example.com"))
	d := e.dispatcher(t, nil, "a")
	if st := e.run(t, d, T0()); st.Retried != 1 {
		t.Fatalf("first run %+v, want one retry", st)
	}
	s := e.state(t, id)
	if s.Status != notifications.StatusFailed || s.LastCode != 451 || s.Attempts != 1 || !s.NextAttemptAt.After(T0()) {
		t.Fatalf("after 451: %+v", s)
	}
	if st := e.run(t, d, s.NextAttemptAt.Add(-time.Second)); st.Claimed != 0 {
		t.Fatalf("retried before its backoff: %+v", st)
	}
	if st := e.run(t, d, s.NextAttemptAt); st.Sent != 1 {
		t.Fatalf("retry run %+v, want sent", st)
	}
	if s := e.state(t, id); s.Status != notifications.StatusSent || s.Attempts != 2 {
		t.Fatalf("after retry: %+v", s)
	}
	if got := len(e.smtp.Messages()); got != 1 {
		t.Fatalf("server got %d messages, want 1", got)
	}
}

func testPermanentIsDead(t *testing.T, h Harness) {
	e := newEnv(t, h)
	e.smtp.ScriptRcpt("gone@example.com", 550)
	id := e.insert(t, row(1, "gone@example.com"))
	if st := e.run(t, e.dispatcher(t, nil, "a"), T0()); st.Dead != 1 {
		t.Fatalf("run %+v, want dead", st)
	}
	s := e.state(t, id)
	if s.Status != notifications.StatusDead || s.LastCode != 550 || s.LastError == "" || s.Attempts != 1 {
		t.Fatalf("after 550: %+v", s)
	}
}

func testAttemptsExhausted(t *testing.T, h Harness) {
	e := newEnv(t, h)
	e.smtp.ScriptRcpt("busy@example.com", 451, 451, 451, 451)
	id := e.insert(t, row(1, "busy@example.com"))
	d := e.dispatcher(t, nil, "a") // MaxAttempts 3
	now := T0()
	for attempt := 1; attempt <= 3; attempt++ {
		e.run(t, d, now)
		s := e.state(t, id)
		if s.Attempts != attempt {
			t.Fatalf("attempt %d: %+v", attempt, s)
		}
		if attempt < 3 && s.Status != notifications.StatusFailed {
			t.Fatalf("attempt %d: %+v, want failed", attempt, s)
		}
		now = s.NextAttemptAt
	}
	if s := e.state(t, id); s.Status != notifications.StatusDead || s.LastCode != 451 {
		t.Fatalf("after 3 temporary failures: %+v, want dead with 451", s)
	}
}

func testReminderExpires(t *testing.T, h Harness) {
	e := newEnv(t, h)
	r := row(1, "late@example.com")
	r.Kind, r.DueAt, r.NotAfter = notifications.KindReminder, T0().Add(-2*time.Hour), T0()
	late := e.insert(t, r)
	r = row(2, "ontime@example.com")
	r.Kind, r.DueAt, r.NotAfter = notifications.KindReminder, T0().Add(-time.Hour), T0().Add(time.Minute)
	onTime := e.insert(t, r)
	st := e.run(t, e.dispatcher(t, nil, "a"), T0())
	if st.Expired != 1 || st.Sent != 1 {
		t.Fatalf("run %+v, want one expired and one sent", st)
	}
	if s := e.state(t, late); s.Status != notifications.StatusExpired {
		t.Fatalf("late reminder: %+v", s)
	}
	if s := e.state(t, onTime); s.Status != notifications.StatusSent {
		t.Fatalf("on-time reminder: %+v", s)
	}
	for _, m := range e.smtp.Messages() {
		if m.To[0] == "late@example.com" {
			t.Fatal("a reminder was sent after its meeting started")
		}
	}
}

func testStaleClaimCannotMarkSent(t *testing.T, h Harness) {
	e := newEnv(t, h)
	id := e.insert(t, row(1, "fence@example.com"))
	ctx := context.Background()
	store := h.Store()
	first, err := store.ClaimDue(ctx, T0(), "a", time.Minute, 10)
	if err != nil || len(first) != 1 {
		t.Fatalf("claim: %v %v", first, err)
	}
	if again, _ := store.ClaimDue(ctx, T0().Add(30*time.Second), "b", time.Minute, 10); len(again) != 0 {
		t.Fatalf("a leased row was claimed twice: %+v", again)
	}
	second, err := store.ClaimDue(ctx, T0().Add(2*time.Minute), "b", time.Minute, 10)
	if err != nil || len(second) != 1 || second[0].ClaimToken == first[0].ClaimToken {
		t.Fatalf("reclaim after lease: %+v %v", second, err)
	}
	if err := store.MarkSent(ctx, id, first[0].ClaimToken, T0()); !errors.Is(err, notifications.ErrClaimLost) {
		t.Fatalf("stale MarkSent: %v, want ErrClaimLost", err)
	}
	f := notifications.Failure{At: T0(), NextAttempt: T0().Add(time.Hour), Error: "x"}
	if err := store.MarkFailed(ctx, id, first[0].ClaimToken, f); !errors.Is(err, notifications.ErrClaimLost) {
		t.Fatalf("stale MarkFailed: %v, want ErrClaimLost", err)
	}
	if err := store.MarkExpired(ctx, id, first[0].ClaimToken, T0()); !errors.Is(err, notifications.ErrClaimLost) {
		t.Fatalf("stale MarkExpired: %v, want ErrClaimLost", err)
	}
	if err := store.MarkSent(ctx, id, second[0].ClaimToken, T0().Add(2*time.Minute)); err != nil {
		t.Fatalf("current MarkSent: %v", err)
	}
	if err := store.MarkSent(ctx, id, second[0].ClaimToken, T0().Add(3*time.Minute)); !errors.Is(err, notifications.ErrClaimLost) {
		t.Fatalf("MarkSent twice: %v, want ErrClaimLost", err)
	}
	if s := e.state(t, id); s.Status != notifications.StatusSent || s.Attempts != 2 {
		t.Fatalf("state %+v", s)
	}
}

func testLeaseExpiryReclaims(t *testing.T, h Harness) {
	e := newEnv(t, h)
	id := e.insert(t, row(1, "crash@example.com"))
	// A dispatcher that crashed mid-send: claimed, never marked.
	if got, err := h.Store().ClaimDue(context.Background(), T0(), "crashed", 5*time.Minute, 10); err != nil || len(got) != 1 {
		t.Fatalf("claim: %v %v", got, err)
	}
	d := e.dispatcher(t, nil, "b")
	if st := e.run(t, d, T0().Add(4*time.Minute)); st.Claimed != 0 {
		t.Fatalf("claimed a row under a live lease: %+v", st)
	}
	if st := e.run(t, d, T0().Add(5*time.Minute)); st.Sent != 1 {
		t.Fatalf("expired lease not reclaimed: %+v", st)
	}
	if s := e.state(t, id); s.Status != notifications.StatusSent || s.Attempts != 2 {
		t.Fatalf("state %+v", s)
	}
}

// blockingMailer holds the first Send until released.
type blockingMailer struct {
	inner   notifications.Mailer
	started chan struct{}
	release chan struct{}
	once    sync.Once
}

func (b *blockingMailer) Send(ctx context.Context, from string, to []string, msg []byte) error {
	first := false
	b.once.Do(func() { first = true })
	if first {
		close(b.started)
		<-b.release
	}
	return b.inner.Send(ctx, from, to, msg)
}

func testClaimLostDuringSend(t *testing.T, h Harness) {
	e := newEnv(t, h)
	id := e.insert(t, row(1, "slow@example.com"))
	slow := &blockingMailer{inner: e.m, started: make(chan struct{}), release: make(chan struct{})}
	a := e.dispatcher(t, slow, "a")
	done := make(chan notifications.RunStats)
	go func() {
		st, _ := a.RunOnce(context.Background(), T0())
		done <- st
	}()
	<-slow.started
	// A's lease (5 minutes) runs out; B claims the row and sends it.
	if st := e.run(t, e.dispatcher(t, nil, "b"), T0().Add(6*time.Minute)); st.Sent != 1 {
		t.Fatalf("B: %+v, want sent", st)
	}
	close(slow.release)
	if st := <-done; st.Lost != 1 || st.Sent != 0 {
		t.Fatalf("A: %+v, want its outcome fenced off (lost)", st)
	}
	if s := e.state(t, id); s.Status != notifications.StatusSent || !near(s.SentAt, T0().Add(6*time.Minute)) {
		t.Fatalf("state %+v, want B's sent record", s)
	}
	if got := len(e.smtp.Messages()); got != 2 {
		t.Fatalf("server got %d copies, want 2 (at-least-once after a lost lease)", got)
	}
}

func testConcurrentDispatchersSendOnce(t *testing.T, h Harness) {
	e := newEnv(t, h)
	const n = 120
	for i := range n {
		e.insert(t, row(i, fmt.Sprintf("user%d@example.com", i)))
	}
	var wg sync.WaitGroup
	stats := make([]notifications.RunStats, 3)
	for k := range stats {
		d := e.dispatcher(t, nil, fmt.Sprintf("d%d", k))
		wg.Go(func() {
			st, err := d.Drain(context.Background(), T0())
			if err != nil {
				t.Error(err)
			}
			stats[k] = st
		})
	}
	wg.Wait()
	sent := 0
	for _, st := range stats {
		sent += st.Sent
	}
	counts := map[string]int{}
	for _, m := range e.smtp.Messages() {
		counts[m.To[0]]++
	}
	if sent != n || len(counts) != n {
		t.Fatalf("sent %d, %d distinct recipients; want %d", sent, len(counts), n)
	}
	for to, c := range counts {
		if c != 1 {
			t.Fatalf("%s got %d copies", to, c)
		}
	}
}
