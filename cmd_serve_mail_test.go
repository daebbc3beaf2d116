package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/config"
	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
)

// TestRedactEmails: addresses in messages, attributes, errors and groups
// never reach the log.
func TestRedactEmails(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(redactEmails{slog.NewJSONHandler(&buf, nil)}).With("to", "li.na@enterprise.example.cn")
	log.Warn("mail to wang.min@example.cn failed", "err", errors.New("550 5.1.1 <zhang.wei@bank.example.cn>: unknown user"),
		slog.Group("rcpt", "addr", "a.b+c@x.example.org"), "id", 42)
	out := buf.String()
	for _, addr := range []string{"li.na@", "wang.min@", "zhang.wei@", "a.b+c@"} {
		if strings.Contains(out, addr) {
			t.Fatalf("the log holds %s: %s", addr, out)
		}
	}
	if !strings.Contains(out, `"id":42`) || !strings.Contains(out, "<address>") {
		t.Fatalf("redaction lost the rest: %s", out)
	}
}

// TestBackground_FileMailer: without ROADSHOW_SMTP_URL, serve's dispatch
// job writes queued mail into the outbox directory, and stops on request.
func TestBackground_FileMailer(t *testing.T) {
	cfg := config.Default()
	cfg.OutboxDir = filepath.Join(t.TempDir(), "outbox")
	cfg.DispatchInterval = time.Second
	cfg.MailFrom = "火炬中心 <roadshow@torch.example.cn>"
	e := &env{cfg: cfg, stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	var opt store.Options
	if err := withMail(e, &opt); err != nil {
		t.Fatal(err)
	}
	s := storetest.MustOpenWith(t, "sqlite", opt)
	body := dispatchtest.Message(7, "li.na@enterprise.example.cn")
	if _, err := s.Outbox().Enqueue(context.Background(), store.OutboxMessage{Kind: notifications.KindInvite,
		Recipient: "li.na@enterprise.example.cn", MessageID: "<outbox-7@roadshow.example>", Body: body, DueAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	bg, err := startBackground(e, s)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(cfg.OutboxDir, "outbox-7@roadshow.example.eml")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got, err := os.ReadFile(file); err == nil {
			if !bytes.Equal(got, body) {
				t.Fatalf("written %q", got)
			}
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := bg.stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("no .eml after the dispatch job ran: %v", err)
	}
	if s.UIDDomain() != "torch.example.cn" {
		t.Fatalf("UID domain %q, want the mail domain", s.UIDDomain())
	}
	if _, err := mailFrom("not an address"); err == nil {
		t.Fatal("a bad ROADSHOW_MAIL_FROM was accepted")
	}
}

// blockingMailer holds every send until its context ends.
type blockingMailer struct{ sending chan struct{} }

func (m blockingMailer) Send(ctx context.Context, _ string, _ []string, _ []byte) error {
	m.sending <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

// TestDispatcher_LeaseBounded: whatever ROADSHOW_DISPATCH_BATCH, the serve
// dispatcher's claims expire within about two minutes, so the mail of a
// replica that died is sent by another soon.
func TestDispatcher_LeaseBounded(t *testing.T) {
	s := storetest.MustOpen(t, "sqlite")
	cfg := config.Default()
	cfg.DispatchBatch = 10000
	e := &env{cfg: cfg, stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	if _, err := s.Outbox().Enqueue(context.Background(), store.OutboxMessage{Kind: notifications.KindInvite,
		Recipient: "li.na@enterprise.example.cn", MessageID: "<outbox-8@roadshow.example>",
		Body: dispatchtest.Message(8, "li.na@enterprise.example.cn"), DueAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	m := blockingMailer{sending: make(chan struct{}, 1)}
	d, err := newDispatcher(e, s, m, "roadshow@torch.example.cn")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	claimed := time.Now()
	go func() { _, _ = d.RunOnce(ctx, claimed); close(done) }()
	<-m.sending
	var until time.Time
	if err := s.DB().QueryRow("SELECT lease_until FROM notifications").Scan(&until); err != nil {
		t.Fatal(err)
	}
	cancel()
	<-done
	if lease := until.Sub(claimed); lease > 2*time.Minute+time.Second {
		t.Fatalf("lease %v with a batch of %d", lease, cfg.DispatchBatch)
	}
}
