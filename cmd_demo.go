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
	printConsoleSignIn(e, d)
	return nil
}

// printConsoleSignIn says how to sign in to the web console as the demo's
// parties: by pasting a demo token, or by a one-time link mailed to a demo
// contact (a file in the outbox directory when no SMTP server is set).
func printConsoleSignIn(e *env, d *demo.Data) {
	fmt.Fprintln(e.stdout, "web console sign-in (at /signin):")
	fmt.Fprintln(e.stdout, "  organizer:  paste the token rs_demo_organizer (admin: rs_demo_admin)")
	where := "the link arrives by mail"
	if e.cfg.SMTPURL == "" {
		where = "the link arrives as an .eml file in " + e.cfg.OutboxDir
	}
	if len(d.Enterprises) > 0 && d.Enterprises[0].Contact != nil {
		fmt.Fprintf(e.stdout, "  enterprise: paste rs_demo_enterprise, or ask for a link for %s (%s)\n", d.Enterprises[0].Contact.Email, where)
	}
	if len(d.Investors) > 0 && len(d.Investors[0].Contacts) > 0 {
		fmt.Fprintf(e.stdout, "  investor:   paste rs_demo_investor, or ask for a link for %s\n", d.Investors[0].Contacts[0].Email)
	}
}
