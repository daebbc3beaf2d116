package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/mail"
	"os"
	"regexp"
	"strings"
	"time"

	"roadshow/app/jobs"
	"roadshow/app/store"
	"roadshow/notifications"
)

// background is the mail and cron side of `roadshow serve`: the mailer
// (SMTP, or .eml files in the outbox directory), the outbox dispatcher and
// the cron jobs that pace them. Every replica runs the same jobs; the
// database decides what is due and who sends it.
type background struct {
	cron   *jobs.Cron
	mailer notifications.Mailer
	close  func() error
}

// withMail adds the settings of the mails serve sends to opt: the
// organizer mailbox, links, templates, reminder leads and digest hour, and
// the calendar UIDs' domain.
func withMail(e *env, opt *store.Options) error {
	from, err := mailFrom(e.cfg.MailFrom)
	if err != nil {
		return err
	}
	if _, domain, _ := strings.Cut(from.Email, "@"); domain != "" && domain != "localhost" {
		opt.UIDDomain = domain // new meetings' calendar UIDs end in the organizer's mail domain
	}
	opt.Notify = &store.NotifyOptions{From: from, PublicURL: e.cfg.PublicURL,
		TemplatesDir: e.cfg.TemplatesDir, ReminderLeads: e.cfg.ReminderLeads, DigestHour: 9}
	return nil
}

// startBackground builds the mailer and the dispatcher of a store opened
// with withMail's settings, and starts the jobs; extra jobs (campaign
// reminders) join them.
func startBackground(e *env, s *store.Store, extra ...jobs.Job) (*background, error) {
	from, err := mailFrom(e.cfg.MailFrom)
	if err != nil {
		return nil, err
	}
	b := &background{close: func() error { return nil }}
	if b.mailer, b.close, err = newMailer(e); err != nil {
		return nil, err
	}
	d, err := newDispatcher(e, s, b.mailer, from.Email)
	if err != nil {
		b.close()
		return nil, err
	}
	loc, err := time.LoadLocation(e.cfg.TimeZone)
	if err != nil {
		b.close()
		return nil, fmt.Errorf("cron: time zone %q: %w", e.cfg.TimeZone, err)
	}
	all := append(backgroundJobs(e, s, d), extra...)
	if b.cron, err = jobs.NewCron(loc, e.log.With("component", "cron"), all...); err != nil {
		b.close()
		return nil, err
	}
	b.cron.Start()
	return b, nil
}

// stop stops the jobs, waiting for runs in progress until ctx ends, then
// closes the mailer's connections.
func (b *background) stop(ctx context.Context) error {
	err := b.cron.Stop(ctx)
	if cerr := b.close(); err == nil {
		err = cerr
	}
	return err
}

// mailFrom parses ROADSHOW_MAIL_FROM ("roadshow@torch.cn" or
// "火炬中心 <roadshow@torch.cn>").
func mailFrom(v string) (notifications.Address, error) {
	a, err := mail.ParseAddress(v)
	if err != nil {
		return notifications.Address{}, usageError{fmt.Errorf("config: ROADSHOW_MAIL_FROM=%q: %v", v, err)}
	}
	if a.Name == "" {
		a.Name = "roadshow"
	}
	return notifications.Address{Name: a.Name, Email: a.Address}, nil
}

// newMailer returns an SMTP mailer for ROADSHOW_SMTP_URL, or the file
// mailer writing .eml files into ROADSHOW_OUTBOX_DIR when it is empty.
func newMailer(e *env) (notifications.Mailer, func() error, error) {
	if e.cfg.SMTPURL == "" {
		m, err := notifications.NewFileMailer(e.cfg.OutboxDir)
		if err != nil {
			return nil, nil, err
		}
		e.log.Info("mail goes to files", "dir", e.cfg.OutboxDir)
		return m, func() error { return nil }, nil
	}
	m, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: e.cfg.SMTPURL, PoolSize: dispatchWorkers})
	if err != nil {
		return nil, nil, usageError{fmt.Errorf("config: ROADSHOW_SMTP_URL: %w", err)}
	}
	e.log.Info("mail goes to an SMTP server")
	return m, m.Close, nil
}

// Dispatcher pace: workers send at once (and SMTP connections kept); a
// send gives up after sendTimeout; a claim's lease is dispatchLease whatever
// ROADSHOW_DISPATCH_BATCH (a claim holds what the workers send within it),
// so the rows of a replica that died are sent by another within minutes.
const (
	dispatchWorkers = 4
	sendTimeout     = 30 * time.Second
	dispatchLease   = 2 * time.Minute
)

func newDispatcher(e *env, s *store.Store, m notifications.Mailer, envelopeFrom string) (*notifications.Dispatcher, error) {
	batch := max(e.cfg.DispatchBatch, 1)
	return notifications.NewDispatcher(s.Outbox(), m, notifications.DispatcherConfig{
		Owner: fmt.Sprintf("%s:%d", hostname(), os.Getpid()), From: envelopeFrom, BatchSize: batch,
		Workers: dispatchWorkers, SendTimeout: sendTimeout, Lease: dispatchLease,
		Logger: slog.New(redactEmails{e.log.Handler()}).With("component", "dispatcher"),
	})
}

// backgroundJobs are the cron jobs of every replica, the follow-up and
// campaign reminder jobs (followUpJobs) among them.
func backgroundJobs(e *env, s *store.Store, d *notifications.Dispatcher) []jobs.Job {
	log := e.log.With("component", "jobs")
	return append(followUpJobs(log, s), []jobs.Job{
		{Name: "dispatch", Spec: "@every " + e.cfg.DispatchInterval.String(), Run: func(ctx context.Context) error {
			st, err := d.Drain(ctx, time.Now())
			if st.Claimed > 0 {
				log.Info("outbox drained", "claimed", st.Claimed, "sent", st.Sent, "retried", st.Retried,
					"dead", st.Dead, "expired", st.Expired, "lost", st.Lost)
			}
			return err
		}},
		{Name: "calendar_backlog", Spec: "@every 1m", Run: func(ctx context.Context) error {
			n, err := s.DrainCalendarBacklog(ctx)
			if n > 0 {
				log.Info("calendar backlog drained", "meetings", n)
			}
			return err
		}},
		{Name: "reminders", Spec: "@every 10m", Run: func(ctx context.Context) error {
			n, err := s.QueueReminders(ctx, time.Now())
			if n > 0 {
				log.Info("reminders caught up", "queued", n)
			}
			return err
		}},
		{Name: "request_digest", Spec: "2 * * * *", Run: func(ctx context.Context) error {
			n, err := s.QueueRequestDigests(ctx, time.Now())
			if n > 0 {
				log.Info("request digests queued", "queued", n)
			}
			return err
		}},
		{Name: "idempotency_purge", Spec: "17 3 * * *", Run: func(ctx context.Context) error {
			_, err := s.PurgeIdempotencyKeys(ctx, time.Now().Add(-48*time.Hour))
			return err
		}},
	}...)
}

// emailPattern finds addresses in log values (SMTP replies quote them).
var emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

// redactEmails is a slog handler that masks e-mail addresses in messages
// and attribute values, so that no recipient reaches the logs.
type redactEmails struct{ slog.Handler }

func (r redactEmails) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, emailPattern.ReplaceAllString(rec.Message, "<address>"), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return r.Handler.Handle(ctx, out)
}

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString, slog.KindAny:
		return slog.String(a.Key, emailPattern.ReplaceAllString(v.String(), "<address>"))
	case slog.KindGroup:
		attrs := v.Group()
		out := make([]any, len(attrs))
		for i, g := range attrs {
			out[i] = redactAttr(g)
		}
		return slog.Group(a.Key, out...)
	}
	return a
}

func (r redactEmails) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		out[i] = redactAttr(a)
	}
	return redactEmails{r.Handler.WithAttrs(out)}
}

func (r redactEmails) WithGroup(name string) slog.Handler {
	return redactEmails{r.Handler.WithGroup(name)}
}
