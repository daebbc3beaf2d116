package notifications_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
	"roadshow/notifications/smtptest"
)

func newMailer(t *testing.T, srv *smtptest.Server, cfg notifications.SMTPConfig) *notifications.SMTPMailer {
	t.Helper()
	if cfg.URL == "" {
		cfg.URL = srv.URL()
	}
	if cfg.TLSConfig == nil {
		cfg.TLSConfig = srv.ClientTLSConfig()
	}
	m, err := notifications.NewSMTPMailer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func send(m notifications.Mailer, n int, to string) error {
	return m.Send(context.Background(), "bounce@roadshow.example.cn", []string{to}, dispatchtest.Message(n, to))
}

func TestSMTPMailer_Modes(t *testing.T) {
	cases := []struct {
		name string
		cfg  smtptest.Config
		url  func(s *smtptest.Server) string
	}{
		{"PlainAuto", smtptest.Config{}, nil},
		{"StartTLSRequiredPlain", smtptest.Config{StartTLS: true, Username: "roadshow", Password: "p@ss:w/rd"}, nil},
		{"StartTLSAutoUpgrades", smtptest.Config{StartTLS: true, Username: "roadshow", Password: "secret"},
			func(s *smtptest.Server) string { return strings.Replace(s.URL(), "?starttls=required", "", 1) }},
		{"ImplicitTLS", smtptest.Config{ImplicitTLS: true, Username: "roadshow", Password: "secret"}, nil},
		{"LoginOnly", smtptest.Config{StartTLS: true, Username: "roadshow", Password: "secret", NoPlain: true}, nil},
		{"LoopbackAuthWithoutTLS", smtptest.Config{Username: "roadshow", Password: "secret"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := smtptest.NewServer(t, c.cfg)
			cfg := notifications.SMTPConfig{}
			if c.url != nil {
				cfg.URL = c.url(srv)
			}
			m := newMailer(t, srv, cfg)
			for i := range 3 {
				if err := send(m, i, "li.na@enterprise.example.cn"); err != nil {
					t.Fatalf("send %d: %v", i, err)
				}
			}
			msgs := srv.Messages()
			if len(msgs) != 3 || !bytes.Equal(msgs[2].Data, dispatchtest.Message(2, "li.na@enterprise.example.cn")) ||
				msgs[0].From != "bounce@roadshow.example.cn" {
				t.Fatalf("server got %d messages; last differs from what was sent", len(msgs))
			}
		})
	}
}

func TestSMTPMailer_Pooling(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Config{})
	m := newMailer(t, srv, notifications.SMTPConfig{PoolSize: 3})
	for i := range 20 {
		if err := send(m, i, "a@b.cn"); err != nil {
			t.Fatal(err)
		}
	}
	if st := m.Stats(); st.Dials != 1 || st.Reuses != 19 || srv.Sessions() != 1 {
		t.Fatalf("sequential sends: %+v, %d sessions; want one connection reused", st, srv.Sessions())
	}
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i := range 60 {
		wg.Go(func() { errs <- send(m, 100+i, fmt.Sprintf("u%d@b.cn", i)) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := srv.Count(); n != 80 || srv.Sessions() > 3 {
		t.Fatalf("%d messages over %d sessions; want 80 over at most the pool size 3", n, srv.Sessions())
	}
}

func TestSMTPMailer_Reconnects(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Config{})
	m := newMailer(t, srv, notifications.SMTPConfig{})
	if err := send(m, 1, "a@b.cn"); err != nil {
		t.Fatal(err)
	}
	srv.CloseConnections() // the server restarted or timed the idle connection out
	if err := send(m, 2, "a@b.cn"); err != nil {
		t.Fatalf("send after the server dropped the connection: %v", err)
	}
	if st := m.Stats(); st.Dials != 2 {
		t.Fatalf("%+v, want a second dial", st)
	}
}

func TestSMTPMailer_IdleTimeout(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Config{})
	m := newMailer(t, srv, notifications.SMTPConfig{IdleTimeout: 30 * time.Millisecond})
	send(m, 1, "a@b.cn")
	time.Sleep(60 * time.Millisecond)
	if err := send(m, 2, "a@b.cn"); err != nil {
		t.Fatal(err)
	}
	if st := m.Stats(); st.Dials != 2 || st.Reuses != 0 {
		t.Fatalf("%+v, want the idle connection replaced", st)
	}
}

func TestSMTPMailer_Errors(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Config{})
	m := newMailer(t, srv, notifications.SMTPConfig{})
	srv.ScriptRcpt("grey@b.cn", 451)
	srv.ScriptRcpt("gone@b.cn", 550)
	srv.ScriptData("spam@b.cn", 554)
	srv.ScriptData("later@b.cn", 452)
	cases := []struct {
		to        string
		code      int
		permanent bool
	}{
		{"grey@b.cn", 451, false},
		{"gone@b.cn", 550, true},
		{"spam@b.cn", 554, true},
		{"later@b.cn", 452, false},
		{"grey@b.cn", 0, false}, // the script is used up: accepted
	}
	for _, c := range cases {
		err := send(m, 1, c.to)
		if c.code == 0 {
			if err != nil {
				t.Fatalf("%s: %v", c.to, err)
			}
			continue
		}
		if err == nil || notifications.SMTPCode(err) != c.code || notifications.IsPermanent(err) != c.permanent {
			t.Fatalf("%s: err %v, code %d, permanent %v; want %d, %v", c.to, err, notifications.SMTPCode(err), notifications.IsPermanent(err), c.code, c.permanent)
		}
	}
	if st := m.Stats(); st.Dials != 1 {
		t.Fatalf("%+v: a rejected transaction must not cost the connection", st)
	}
	if err := m.Send(context.Background(), "b@x.cn", []string{"bad\r\nRCPT TO:<x@y>"}, []byte("x")); !notifications.IsPermanent(err) {
		t.Fatalf("an address with CRLF: %v, want a permanent error", err)
	}
}

func TestSMTPMailer_ConnectionFailuresAreTemporary(t *testing.T) {
	tlsSrv := smtptest.NewServer(t, smtptest.Config{StartTLS: true, Username: "u", Password: "right"})
	plain := smtptest.NewServer(t, smtptest.Config{})
	cases := []struct {
		name string
		srv  *smtptest.Server
		url  string
		code int
	}{
		{"WrongPassword", tlsSrv, strings.Replace(tlsSrv.URL(), "right", "wrong", 1), 535},
		{"StartTLSRequiredButAbsent", plain, plain.URL() + "?starttls=required", 0},
		{"NothingListening", plain, "smtp://127.0.0.1:1", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMailer(t, c.srv, notifications.SMTPConfig{URL: c.url, DialTimeout: time.Second})
			err := send(m, 1, "a@b.cn")
			if err == nil || notifications.IsPermanent(err) || notifications.SMTPCode(err) != c.code {
				t.Fatalf("err %v (code %d, permanent %v), want temporary with code %d", err, notifications.SMTPCode(err), notifications.IsPermanent(err), c.code)
			}
		})
	}
}

func TestSMTPMailer_ContextCancelled(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Config{})
	m := newMailer(t, srv, notifications.SMTPConfig{PoolSize: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := m.Send(ctx, "b@x.cn", []string{"a@b.cn"}, []byte("x"))
	if !errors.Is(err, context.Canceled) || notifications.IsPermanent(err) {
		t.Fatalf("err %v, want a temporary context.Canceled", err)
	}
}

func TestNewSMTPMailer_URL(t *testing.T) {
	cases := []struct {
		url string
		ok  bool
	}{
		{"smtp://mail.example.com", true},
		{"smtp://u:p@mail.example.com:587?starttls=required", true},
		{"smtps://u:p@mail.example.com", true},
		{"smtp://u:p@127.0.0.1:2525?starttls=off", true},
		{"smtp://u:p@mail.example.com?starttls=off", false}, // credentials in clear to a remote host
		{"smtp://mail.example.com?starttls=maybe", false},
		{"http://mail.example.com", false},
		{"smtp://", false},
		{"::", false},
	}
	for _, c := range cases {
		_, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: c.url})
		if (err == nil) != c.ok {
			t.Errorf("%q: err %v, want ok=%v", c.url, err, c.ok)
		}
	}
}
