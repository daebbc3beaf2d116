package main

import (
	"context"
	"fmt"
	"time"

	"roadshow/app/demo"
	"roadshow/app/store"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	if _, err := e.parse("demo", args, nil); err != nil {
		return err
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return loadDemo(ctx, e, s)
}

// loadDemo loads the demo data and prints how to use it.
func loadDemo(ctx context.Context, e *env, s *store.Store) error {
	d, err := demo.Load(ctx, s, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "demo data: %d zones, %d enterprises, %d investors, %d products, %d campaign events\n",
		len(d.Zones), len(d.Enterprises), len(d.Investors), len(d.Products), len(d.Events))
	fmt.Fprintf(e.stdout, "upcoming matchmaking event %d (%s, %s), roadshow event %d\n", d.Upcoming.ID, d.Upcoming.Title,
		d.Upcoming.StartsAt.Format("2006-01-02 15:04 MST"), d.Roadshow.ID)
	fmt.Fprintln(e.stdout, "demo tokens (for demonstrations only):")
	for _, t := range demo.Tokens {
		fmt.Fprintf(e.stdout, "  %-22s %s\n", t.Secret, t.Label)
	}
	return nil
}
