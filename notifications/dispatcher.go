package notifications

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Status is the state of an outbox row.
type Status string

// Outbox row states. A row is due when it is pending or failed with
// next_attempt_at <= now, or sending with its lease expired.
const (
	StatusPending    Status = "pending"    // waiting for its first attempt
	StatusSending    Status = "sending"    // claimed; lease_until bounds the claim
	StatusSent       Status = "sent"       // accepted by the mail server
	StatusFailed     Status = "failed"     // a temporary failure; retried at next_attempt_at
	StatusDead       Status = "dead"       // permanent failure or attempts exhausted; an admin may requeue
	StatusExpired    Status = "expired"    // a reminder whose meeting started before it could go out
	StatusSuperseded Status = "superseded" // replaced by a newer SEQUENCE before it was sent
)

// ErrClaimLost is returned by Store.Mark* when the row is no longer held
// under the given claim token: its lease expired and another worker
// claimed it, or it was superseded or requeued meanwhile.
var ErrClaimLost = errors.New("notifications: claim lost")

// Notification is one claimed outbox row: everything needed to send it
// again, byte for byte, on every attempt.
type Notification struct {
	ID         int64
	Kind       Kind
	Recipient  string    // the SMTP recipient
	MessageID  string    // the Message-ID inside Body, for logs
	Body       []byte    // the rendered RFC 5322 message (Outgoing.Message)
	Attempts   int       // attempts so far, this one included (ClaimDue counts it)
	NotAfter   time.Time // zero: no deadline; else expire instead of sending at or after it
	ClaimToken string    // set by ClaimDue; fences Mark*
}

// Failure is what MarkFailed records about a failed attempt.
type Failure struct {
	At          time.Time // when the attempt failed
	NextAttempt time.Time // when to try again; zero when Dead
	Dead        bool      // no more attempts: permanent error or attempts exhausted
	Code        int       // the SMTP reply code, 0 when there was none
	Error       string    // the error text (at most 1000 bytes, valid UTF-8)
}

// Store is what the Dispatcher needs from the outbox table. Every method
// is one short statement or transaction; none is held open across SMTP.
type Store interface {
	// ClaimDue claims up to limit due rows for owner, oldest due first: for
	// each candidate one conditional UPDATE sets status=sending,
	// claim_token=<new random token>, claimed_by=owner,
	// lease_until=now+lease and attempts=attempts+1 WHERE the row is still
	// due; the row is returned only if that UPDATE changed one row. Due
	// means status pending or failed with next_attempt_at <= now, or status
	// sending with lease_until <= now. Superseded, sent, dead and expired
	// rows are never due.
	ClaimDue(ctx context.Context, now time.Time, owner string, lease time.Duration, limit int) ([]Notification, error)
	// MarkSent sets status=sent and sent_at, clearing the claim, WHERE
	// id and claim_token match and status=sending; else ErrClaimLost.
	MarkSent(ctx context.Context, id int64, claimToken string, sentAt time.Time) error
	// MarkFailed records a failed attempt under the same fence: status
	// failed with next_attempt_at, or dead; last_error, last_code and
	// the time kept. ErrClaimLost when the fence does not match.
	MarkFailed(ctx context.Context, id int64, claimToken string, f Failure) error
	// MarkExpired sets status=expired (a reminder past its not_after)
	// under the same fence; ErrClaimLost when it does not match.
	MarkExpired(ctx context.Context, id int64, claimToken string, at time.Time) error
}

// DispatcherConfig tunes a Dispatcher; zero values take the defaults shown.
type DispatcherConfig struct {
	Owner       string        // who claims, for the claimed_by column: "dispatcher"
	From        string        // the envelope sender (MAIL FROM); required
	BatchSize   int           // rows claimed per RunOnce: 32, fewer when the lease is short
	Workers     int           // concurrent sends: 4 (at most the mailer's pool size is useful)
	Lease       time.Duration // claim lease: 2m; a claim holds only what the workers send within it
	SendTimeout time.Duration // one send: 60s
	MaxAttempts int           // attempts before a temporary failure turns dead: 8
	BaseBackoff time.Duration // wait after the first failure: 1m, doubling
	MaxBackoff  time.Duration // longest wait between attempts: 6h
	Logger      *slog.Logger  // nil: discard
}

// Dispatcher sends due outbox rows: claim a batch, send each with the
// Mailer, mark it sent, failed (retry with exponential backoff and
// jitter), dead or expired. Several dispatchers, in one process or many,
// may run against one Store: the claim decides who sends what.
type Dispatcher struct {
	store  Store
	mailer Mailer
	cfg    DispatcherConfig
	claim  int // rows claimed at once: what Workers send within Lease
	log    *slog.Logger
}

// RunStats counts the outcome of one RunOnce.
type RunStats struct {
	Claimed int
	Sent    int
	Retried int // failed temporarily, will be retried
	Dead    int
	Expired int
	Lost    int // the claim was lost before the outcome was recorded
}

func (s *RunStats) add(o RunStats) {
	s.Claimed += o.Claimed
	s.Sent += o.Sent
	s.Retried += o.Retried
	s.Dead += o.Dead
	s.Expired += o.Expired
	s.Lost += o.Lost
}

// NewDispatcher checks cfg and returns a Dispatcher. The lease must cover
// one send (SendTimeout); a claim takes at most BatchSize rows and at most
// as many as the workers send within the lease at worst, so however large
// the batch, a dead dispatcher's rows are claimed again once Lease passes.
func NewDispatcher(store Store, mailer Mailer, cfg DispatcherConfig) (*Dispatcher, error) {
	cfg = withDispatcherDefaults(cfg)
	if store == nil || mailer == nil {
		return nil, errors.New("notifications: dispatcher: store and mailer are required")
	}
	if cfg.From == "" {
		return nil, errors.New("notifications: dispatcher: no envelope sender")
	}
	rounds := int((cfg.Lease - 1) / cfg.SendTimeout) // whole sends that end before the lease
	if rounds < 1 {
		return nil, fmt.Errorf("notifications: dispatcher: lease %v does not cover a send (%v at worst)", cfg.Lease, cfg.SendTimeout)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	claim := min(cfg.BatchSize, rounds*cfg.Workers)
	return &Dispatcher{store: store, mailer: mailer, cfg: cfg, claim: claim, log: log}, nil
}

func withDispatcherDefaults(c DispatcherConfig) DispatcherConfig {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	dur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if c.Owner == "" {
		c.Owner = "dispatcher"
	}
	def(&c.BatchSize, 32)
	def(&c.Workers, 4)
	def(&c.MaxAttempts, 8)
	dur(&c.Lease, 2*time.Minute)
	dur(&c.SendTimeout, time.Minute)
	dur(&c.BaseBackoff, time.Minute)
	dur(&c.MaxBackoff, 6*time.Hour)
	return c
}

// RunOnce claims one batch due at now and sends it with up to Workers
// sends at once. The caller's now is the origin of time: each decision
// (expiry, sent_at, next attempt) is taken at now plus the time elapsed
// since RunOnce began, on the monotonic clock, so a reminder claimed just
// before its meeting is not sent after it started however slow the batch.
// Recording an outcome is not cancelled with ctx: a message that went out
// is marked sent even during shutdown.
func (d *Dispatcher) RunOnce(ctx context.Context, now time.Time) (RunStats, error) {
	began := time.Now()
	clock := func() time.Time { return now.Add(time.Since(began)) }
	rows, err := d.store.ClaimDue(ctx, now, d.cfg.Owner, d.cfg.Lease, d.claim)
	if err != nil {
		return RunStats{}, fmt.Errorf("notifications: dispatch: claim: %w", err)
	}
	total := RunStats{Claimed: len(rows)}
	var mu sync.Mutex
	var errs []error
	work := make(chan Notification)
	var wg sync.WaitGroup
	for range min(d.cfg.Workers, len(rows)) {
		wg.Go(func() {
			for n := range work {
				st, err := d.process(ctx, clock, n)
				mu.Lock()
				total.add(st)
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	for _, n := range rows {
		work <- n
	}
	close(work)
	wg.Wait()
	return total, errors.Join(errs...)
}

// Drain calls RunOnce until a batch comes back short (nothing more is due)
// or ctx ends, and adds up the stats. Each batch is claimed at now plus the
// time elapsed since Drain began, so leases stay fresh in a long drain.
func (d *Dispatcher) Drain(ctx context.Context, now time.Time) (RunStats, error) {
	began := time.Now()
	var total RunStats
	for ctx.Err() == nil {
		st, err := d.RunOnce(ctx, now.Add(time.Since(began)))
		total.add(st)
		if err != nil || st.Claimed < d.claim {
			return total, err
		}
	}
	return total, nil
}

// process sends one claimed row and records the outcome. Only a failure to
// record is returned as an error.
func (d *Dispatcher) process(ctx context.Context, clock func() time.Time, n Notification) (RunStats, error) {
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	log := d.log.With("id", n.ID, "kind", n.Kind, "attempt", n.Attempts)
	now := clock()
	if !n.NotAfter.IsZero() && !now.Before(n.NotAfter) {
		log.Info("notification expired", "not_after", n.NotAfter)
		return d.record(log, RunStats{Expired: 1}, d.store.MarkExpired(rec, n.ID, n.ClaimToken, now))
	}
	if n.Attempts > d.cfg.MaxAttempts {
		// Claimed again and again without an outcome (crashes mid-send).
		f := Failure{At: now, Dead: true, Error: "attempts exhausted without an outcome"}
		return d.record(log, RunStats{Dead: 1}, d.store.MarkFailed(rec, n.ID, n.ClaimToken, f))
	}
	sctx, scancel := context.WithTimeout(ctx, d.cfg.SendTimeout)
	err := d.mailer.Send(sctx, d.cfg.From, []string{n.Recipient}, n.Body)
	scancel()
	now = clock()
	if err == nil {
		log.Info("notification sent")
		return d.record(log, RunStats{Sent: 1}, d.store.MarkSent(rec, n.ID, n.ClaimToken, now))
	}
	f := d.failure(n, now, err, ctx.Err() != nil)
	log.Warn("notification failed", "err", err, "code", f.Code, "dead", f.Dead, "next_attempt", f.NextAttempt)
	st := RunStats{Retried: 1}
	if f.Dead {
		st = RunStats{Dead: 1}
	}
	return d.record(log, st, d.store.MarkFailed(rec, n.ID, n.ClaimToken, f))
}

// failure decides what a failed attempt means: dead at once for a
// permanent error, dead when attempts are used up, else a retry after the
// backoff. An attempt cut short by shutdown is retried at once.
func (d *Dispatcher) failure(n Notification, now time.Time, err error, interrupted bool) Failure {
	f := Failure{At: now, Code: SMTPCode(err), Error: truncateUTF8(err.Error(), 1000)}
	switch {
	case interrupted:
		f.NextAttempt = now
	case IsPermanent(err) || n.Attempts >= d.cfg.MaxAttempts:
		f.Dead = true
	default:
		f.NextAttempt = now.Add(Backoff(n.ID, n.Attempts, d.cfg.BaseBackoff, d.cfg.MaxBackoff))
	}
	return f
}

func (d *Dispatcher) record(log *slog.Logger, st RunStats, err error) (RunStats, error) {
	if errors.Is(err, ErrClaimLost) {
		log.Warn("claim lost before the outcome was recorded")
		return RunStats{Lost: 1}, nil
	}
	if err != nil {
		return RunStats{}, fmt.Errorf("notifications: dispatch: record outcome: %w", err)
	}
	return st, nil
}

// Backoff is the wait before the next attempt after attempt number attempt
// (1-based) of row id: base·2^(attempt−1), at most max, scaled by a jitter
// factor in [0.5, 1) derived from id and attempt, so rows that failed
// together do not retry together while a row's schedule stays reproducible.
func Backoff(id int64, attempt int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	frac := float64(mix64(uint64(id)*1_000_003+uint64(attempt))>>11) / (1 << 53)
	return time.Duration(float64(d) * (0.5 + frac/2))
}

// mix64 is the splitmix64 finaliser: a well-spread hash of x.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func truncateUTF8(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
