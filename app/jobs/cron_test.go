package jobs

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncBuffer is a log sink safe for the cron goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newTestCron(t *testing.T, jobs ...Job) (*Cron, *syncBuffer) {
	t.Helper()
	buf := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := NewCron(time.UTC, log, jobs...)
	if err != nil {
		t.Fatal(err)
	}
	c.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = c.Stop(ctx)
	})
	return c, buf
}

// TestCron_PanicDoesNotStopJob: a job that panics on its first run runs
// again on the next tick (Recover inside SkipIfStillRunning).
func TestCron_PanicDoesNotStopJob(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	_, buf := newTestCron(t, Job{Name: "flaky", Spec: "@every 1s", Run: func(context.Context) error {
		if runs.Add(1) == 1 {
			panic("boom")
		}
		return nil
	}})
	deadline := time.Now().Add(4 * time.Second)
	for runs.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if runs.Load() < 2 {
		t.Fatalf("job ran %d times after a panic, want it to run again", runs.Load())
	}
	if !strings.Contains(buf.String(), "panic") {
		t.Fatalf("the panic was not logged:\n%s", buf)
	}
}

// TestCron_SkipIfStillRunning: ticks during a long run are skipped, never
// overlapped.
func TestCron_SkipIfStillRunning(t *testing.T) {
	t.Parallel()
	var running, overlaps, runs atomic.Int32
	newTestCron(t, Job{Name: "slow", Spec: "@every 1s", Run: func(ctx context.Context) error {
		runs.Add(1)
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer running.Add(-1)
		select {
		case <-time.After(2500 * time.Millisecond):
		case <-ctx.Done():
		}
		return nil
	}})
	time.Sleep(3200 * time.Millisecond)
	if overlaps.Load() != 0 || runs.Load() != 1 {
		t.Fatalf("runs %d, overlaps %d; want one run and no overlap", runs.Load(), overlaps.Load())
	}
}

// TestCron_LogLinePerRun: every run logs its name and duration; failures
// are logged as errors.
func TestCron_LogLinePerRun(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	_, buf := newTestCron(t,
		Job{Name: "ok", Spec: "@every 1s", Run: func(context.Context) error { runs.Add(1); return nil }},
		Job{Name: "bad", Spec: "@every 1s", Run: func(context.Context) error { return errors.New("no database") }})
	deadline := time.Now().Add(3 * time.Second)
	for runs.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	out := buf.String()
	for _, want := range []string{"job=ok duration_ms=", `msg="cron job failed" job=bad`, "err=\"no database\""} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// TestCron_StopCancelsAndWaits: Stop cancels the running job's context and
// waits for it; a job that ignores cancellation is reported at the
// deadline.
func TestCron_StopCancelsAndWaits(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 1)
	c, err := NewCron(time.UTC, nil, Job{Name: "wait", Spec: "@every 1s", Run: func(ctx context.Context) error {
		started <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}})
	if err != nil {
		t.Fatal(err)
	}
	c.Start()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := c.Stop(ctx); err != nil {
		t.Fatalf("stop: %v", err)
	}

	release := make(chan struct{})
	defer close(release)
	stubborn, err := NewCron(time.UTC, nil, Job{Name: "stubborn", Spec: "@every 1s", Run: func(context.Context) error {
		started <- struct{}{}
		<-release
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	stubborn.Start()
	<-started
	short, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	if err := stubborn.Stop(short); err == nil {
		t.Fatal("Stop returned nil while a job ignored cancellation past the deadline")
	}
}

// TestNewCron_Checks refuses bad specs, missing names or functions and
// duplicate names, and schedules in the given zone.
func TestNewCron_Checks(t *testing.T) {
	run := func(context.Context) error { return nil }
	bad := [][]Job{
		{{Name: "x", Spec: "every day", Run: run}},
		{{Name: "", Spec: "@hourly", Run: run}},
		{{Name: "x", Spec: "@hourly"}},
		{{Name: "x", Spec: "@hourly", Run: run}, {Name: "x", Spec: "@daily", Run: run}},
	}
	for i, jobs := range bad {
		if _, err := NewCron(time.UTC, nil, jobs...); err == nil {
			t.Errorf("case %d: accepted %+v", i, jobs)
		}
	}
	if _, err := NewCron(nil, nil); err == nil {
		t.Error("accepted a nil location")
	}
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCron(sh, nil, Job{Name: "digest", Spec: "0 9 * * *", Run: run})
	if err != nil {
		t.Fatal(err)
	}
	c.Start()
	defer c.Stop(context.Background())
	var next time.Time
	for deadline := time.Now().Add(time.Second); next.IsZero() && time.Now().Before(deadline); {
		next = c.Next()["digest"]
		time.Sleep(10 * time.Millisecond)
	}
	if local := next.In(sh); local.Hour() != 9 || local.Minute() != 0 || next.UTC().Hour() != 1 {
		t.Fatalf("next digest run %v, want 09:00 Asia/Shanghai (01:00 UTC)", next)
	}
}
