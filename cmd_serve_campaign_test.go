package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"roadshow/app/store/storetest"
	"roadshow/config"
	"roadshow/scheduler"
)

// TestBackground_FollowUpJobs: serve's job list holds the follow-up,
// campaign reminder and calendar backlog jobs with valid specs, and they
// run against a fresh database without error.
func TestBackground_FollowUpJobs(t *testing.T) {
	s := storetest.MustOpen(t, "sqlite")
	e := &env{cfg: config.Default(), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	jobs := map[string]scheduler.Job{}
	for _, j := range backgroundJobs(e, s, nil) {
		jobs[j.Name] = j
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	var list []scheduler.Job
	for _, name := range []string{"follow_ups", "campaign_reminders", "calendar_backlog"} {
		j, ok := jobs[name]
		if !ok {
			t.Fatalf("no %s job among %d", name, len(jobs))
		}
		if err := j.Run(context.Background()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		list = append(list, j)
	}
	c, err := scheduler.NewCron(loc, nil, list...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}
