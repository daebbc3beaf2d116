// Package jobs runs the background jobs of `roadshow serve` on cron
// schedules (robfig/cron): the jobs themselves are calls into the store's
// services, built by the serve command.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	_ "time/tzdata" // job specs in IANA zones even where the system has none

	"github.com/robfig/cron/v3"
)

// Job is one periodic piece of background work. Run is one call into a
// service; the database, not the job, decides what is due, so every
// replica runs the same jobs and a missed tick is caught up by the next.
type Job struct {
	Name string // for logs: "dispatch", "request_digest"
	// Spec is a robfig/cron v3 schedule: five fields ("5 * * * *") or a
	// descriptor ("@hourly", "@every 5s").
	Spec string
	Run  func(ctx context.Context) error
}

// Cron runs Jobs on their schedules in a time zone. A run still going when
// its next tick comes is skipped rather than overlapped, and a panic is
// logged and does not stop later runs: the chain is SkipIfStillRunning
// around Recover, in that order, because the other order leaves the skip
// guard held after a panic and the job never runs again.
type Cron struct {
	c      *cron.Cron
	ids    map[string]cron.EntryID
	log    *slog.Logger
	ctx    context.Context
	cancel context.CancelFunc
}

// NewCron checks and registers jobs, to run in loc once Start is called.
func NewCron(loc *time.Location, log *slog.Logger, jobs ...Job) (*Cron, error) {
	if loc == nil {
		return nil, errors.New("scheduler: cron: no time zone")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cl := cronLogger{log: log}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cron{log: log, ctx: ctx, cancel: cancel, ids: map[string]cron.EntryID{}, c: cron.New(cron.WithLocation(loc), cron.WithLogger(cl),
		cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)))}
	seen := map[string]bool{}
	for _, j := range jobs {
		if j.Name == "" || j.Run == nil || seen[j.Name] {
			cancel()
			return nil, fmt.Errorf("scheduler: cron: job %q needs a unique name and a Run function", j.Name)
		}
		seen[j.Name] = true
		id, err := c.c.AddFunc(j.Spec, c.runner(j))
		if err != nil {
			cancel()
			return nil, fmt.Errorf("scheduler: cron: job %s: spec %q: %w", j.Name, j.Spec, err)
		}
		c.ids[j.Name] = id
	}
	return c, nil
}

// runner wraps a job with its context and one log line per run.
func (c *Cron) runner(j Job) func() {
	return func() {
		if c.ctx.Err() != nil {
			return
		}
		start := time.Now()
		err := j.Run(c.ctx)
		ms := float64(time.Since(start).Microseconds()) / 1000
		if err != nil {
			c.log.Error("cron job failed", "job", j.Name, "duration_ms", ms, "err", err)
			return
		}
		c.log.Info("cron job done", "job", j.Name, "duration_ms", ms)
	}
}

// Next returns when each job runs next (zero before Start).
func (c *Cron) Next() map[string]time.Time {
	out := make(map[string]time.Time, len(c.ids))
	for name, id := range c.ids {
		out[name] = c.c.Entry(id).Next
	}
	return out
}

// Start begins running the jobs in the background.
func (c *Cron) Start() { c.c.Start() }

// Stop stops scheduling, cancels the context of the runs in progress and
// waits for them to return until ctx ends (a deadline); it reports the
// runs still going then.
func (c *Cron) Stop(ctx context.Context) error {
	done := c.c.Stop()
	c.cancel()
	select {
	case <-done.Done():
		return nil
	case <-ctx.Done():
		return fmt.Errorf("scheduler: cron: jobs still running at the deadline: %w", ctx.Err())
	}
}

// cronLogger hands robfig/cron's log calls (skipped runs, recovered
// panics) to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		l.log.Warn("cron job still running; tick skipped", kv...)
		return
	}
	l.log.Debug("cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
