package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"roadshow/app/jobs"
	"roadshow/app/store/storetest"
	"roadshow/config"
)

// TestBackground_FollowUpJobs: serve's job list holds the follow-up,
// campaign reminder and calendar backlog jobs with valid specs, and they
// run against a fresh database without error.
func TestBackground_FollowUpJobs(t *testing.T) {
	s := storetest.MustOpen(t, "sqlite")
	e := &env{cfg: config.Default(), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	byName := map[string]jobs.Job{}
	for _, j := range backgroundJobs(e, s, nil) {
		byName[j.Name] = j
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	var list []jobs.Job
	for _, name := range []string{"follow_ups", "campaign_reminders", "calendar_backlog"} {
		j, ok := byName[name]
		if !ok {
			t.Fatalf("no %s job among %d", name, len(byName))
		}
		if err := j.Run(context.Background()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		list = append(list, j)
	}
	c, err := jobs.NewCron(loc, nil, list...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}
