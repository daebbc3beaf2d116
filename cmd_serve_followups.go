package main

import (
	"context"
	"log/slog"
	"time"

	"roadshow/app/jobs"
	"roadshow/app/store"
)

// followUpJobs are the jobs that queue the mails of the campaign's
// calendar rather than of a meeting change: meeting follow-ups 30 and 90
// days after a meeting, and the campaign reminders to the zones. Both run
// hourly on every replica; the store decides what is due (and from which
// hour), and each mail's dedupe key makes it go out once.
func followUpJobs(log *slog.Logger, s *store.Store) []jobs.Job {
	return []jobs.Job{
		{Name: "follow_ups", Spec: "7 * * * *", Run: func(ctx context.Context) error {
			n, err := s.QueueFollowUps(ctx, time.Now())
			if n > 0 {
				log.Info("meeting follow-ups queued", "queued", n)
			}
			return err
		}},
		{Name: "campaign_reminders", Spec: "4 * * * *", Run: func(ctx context.Context) error {
			n, err := s.QueueCampaignReminders(ctx, time.Now())
			if n > 0 {
				log.Info("campaign reminders queued", "queued", n)
			}
			return err
		}},
	}
}
