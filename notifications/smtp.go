package notifications

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"
)

// SMTPConfig configures an SMTPMailer. Zero durations and sizes take the
// defaults shown.
type SMTPConfig struct {
	// URL is smtp://[user:pass@]host[:port][?starttls=auto|required|off]
	// (port 25 by default; STARTTLS when the server offers it unless
	// starttls says otherwise) or smtps://[user:pass@]host[:port] (implicit
	// TLS, port 465). User and password are URL-escaped and select AUTH
	// PLAIN, or LOGIN when the server offers only that.
	URL            string
	PoolSize       int           // connections kept and used at once: 4
	IdleTimeout    time.Duration // an idle connection older than this is closed: 30s
	DialTimeout    time.Duration // TCP connect and TLS handshake: 10s
	CommandTimeout time.Duration // each SMTP reply: 60s (twice that after DATA)
	HelloName      string        // the EHLO name: "localhost"
	TLSConfig      *tls.Config   // nil: system roots, server name from the URL
}

// startTLS modes of smtp:// URLs.
const (
	startTLSAuto     = "auto"
	startTLSRequired = "required"
	startTLSOff      = "off"
)

// SMTPMailer sends through one SMTP server over a small pool of reused
// connections: a connection is taken from the pool, used for one
// transaction and put back. After a failed transaction, or when it has
// been idle for more than a second, it is first reset and probed with RSET;
// a broken one is dropped and a new one dialled, and a pooled connection
// that turns out closed at MAIL is replaced once without counting as a
// failure (nothing was sent on it). At most PoolSize messages are in
// flight at once.
type SMTPMailer struct {
	cfg       SMTPConfig
	addr      string
	host      string
	implicit  bool
	startTLS  string
	user      string
	pass      string
	slots     chan struct{}
	mu        sync.Mutex
	idle      []*smtpConn
	closed    bool
	tlsOffer  atomic.Int32 // auto mode: 0 unknown, 1 offered, 2 not offered
	dials     atomic.Int64
	reuses    atomic.Int64
	transacts atomic.Int64
}

var _ Mailer = (*SMTPMailer)(nil)

type smtpConn struct {
	c        *smtp.Client
	conn     net.Conn
	lastUsed time.Time
	dirty    bool // the last transaction failed: RSET before the next
}

// probeAfter is the idle time after which a pooled connection is checked
// with RSET before use.
const probeAfter = time.Second

// SMTPStats counts what a mailer did: connections dialled, connections
// reused from the pool, and transactions attempted.
type SMTPStats struct {
	Dials        int64
	Reuses       int64
	Transactions int64
}

// NewSMTPMailer parses cfg.URL and returns a mailer; it does not connect
// until the first Send.
func NewSMTPMailer(cfg SMTPConfig) (*SMTPMailer, error) {
	m := &SMTPMailer{cfg: withSMTPDefaults(cfg)}
	if err := m.parseURL(cfg.URL); err != nil {
		return nil, fmt.Errorf("notifications: smtp url: %w", err)
	}
	m.slots = make(chan struct{}, m.cfg.PoolSize)
	return m, nil
}

func withSMTPDefaults(cfg SMTPConfig) SMTPConfig {
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = 4
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Second
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 10 * time.Second
	}
	if cfg.CommandTimeout <= 0 {
		cfg.CommandTimeout = time.Minute
	}
	if cfg.HelloName == "" {
		cfg.HelloName = "localhost"
	}
	return cfg
}

func (m *SMTPMailer) parseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	port := "25"
	switch u.Scheme {
	case "smtp":
	case "smtps":
		m.implicit, port = true, "465"
	default:
		return fmt.Errorf("scheme %q is not smtp or smtps", u.Scheme)
	}
	m.host = u.Hostname()
	if m.host == "" {
		return errors.New("no host")
	}
	if u.Port() != "" {
		port = u.Port()
	}
	m.addr = net.JoinHostPort(m.host, port)
	m.user = u.User.Username()
	m.pass, _ = u.User.Password()
	m.startTLS = strings.ToLower(u.Query().Get("starttls"))
	switch m.startTLS {
	case "":
		m.startTLS = startTLSAuto
	case startTLSAuto, startTLSRequired, startTLSOff:
	default:
		return fmt.Errorf("starttls=%q is not auto, required or off", m.startTLS)
	}
	if m.user != "" && !m.implicit && m.startTLS == startTLSOff && !isLoopback(m.host) {
		return errors.New("refusing to send credentials without TLS to a remote host")
	}
	return nil
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// Stats returns counters of the mailer's work so far.
func (m *SMTPMailer) Stats() SMTPStats {
	return SMTPStats{Dials: m.dials.Load(), Reuses: m.reuses.Load(), Transactions: m.transacts.Load()}
}

// Send delivers msg to every address in to, or returns a *SendError.
func (m *SMTPMailer) Send(ctx context.Context, from string, to []string, msg []byte) error {
	if err := checkEnvelope(from, to); err != nil {
		return &SendError{Op: "rcpt", Permanent: true, Err: err}
	}
	select {
	case m.slots <- struct{}{}:
	case <-ctx.Done():
		return &SendError{Op: "dial", Err: ctx.Err()}
	}
	defer func() { <-m.slots }()
	sc, reused, err := m.conn(ctx)
	if err != nil {
		return err
	}
	m.transacts.Add(1)
	err = transact(ctx, sc, from, to, msg)
	if reused && closedAtMail(err) && ctx.Err() == nil {
		sc.conn.Close()
		if sc, err = m.dial(ctx); err != nil {
			return err
		}
		err = transact(ctx, sc, from, to, msg)
	}
	m.release(ctx, sc, err)
	return err
}

// closedAtMail reports a pooled connection found dead by the MAIL command:
// a network error (no SMTP reply) or 421 before anything was sent.
func closedAtMail(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Op == "mail" && (se.Code == 0 || se.Code == 421)
}

// checkEnvelope refuses addresses that could never be sent (empty, or
// holding characters that would break the SMTP command line).
func checkEnvelope(from string, to []string) error {
	if len(to) == 0 {
		return errors.New("no recipients")
	}
	for _, a := range append([]string{from}, to...) {
		if strings.ContainsAny(a, "\r\n<> ") || (a != from && !strings.Contains(a, "@")) {
			return fmt.Errorf("bad envelope address %q", a)
		}
	}
	return nil
}

// transact runs MAIL, RCPT and DATA on a ready connection. A cancelled ctx
// closes the connection, which ends any wait at once.
func transact(ctx context.Context, sc *smtpConn, from string, to []string, msg []byte) error {
	stop := context.AfterFunc(ctx, func() { sc.conn.Close() })
	defer stop()
	wrap := func(op string, err error) error {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return sendError(op, err)
	}
	if err := sc.c.Mail(from, &smtp.MailOptions{Size: int64(len(msg))}); err != nil {
		return wrap("mail", err)
	}
	for _, rcpt := range to {
		if err := sc.c.Rcpt(rcpt, nil); err != nil {
			return wrap("rcpt", err)
		}
	}
	w, err := sc.c.Data()
	if err != nil {
		return wrap("data", err)
	}
	if _, err := w.Write(msg); err != nil {
		return wrap("data", err)
	}
	if err := w.Close(); err != nil {
		return wrap("data", err)
	}
	return nil
}

// conn returns a pooled connection (reused = true), probed with RSET when
// it failed last or idled, or a new one.
func (m *SMTPMailer) conn(ctx context.Context) (sc *smtpConn, reused bool, err error) {
	for sc := m.takeIdle(); sc != nil; sc = m.takeIdle() {
		if !sc.dirty && time.Since(sc.lastUsed) < probeAfter {
			m.reuses.Add(1)
			return sc, true, nil
		}
		stop := context.AfterFunc(ctx, func() { sc.conn.Close() })
		err := sc.c.Reset()
		stop()
		if err == nil {
			sc.dirty = false
			m.reuses.Add(1)
			return sc, true, nil
		}
		sc.conn.Close()
	}
	sc, err = m.dial(ctx)
	return sc, false, err
}

// takeIdle pops the most recently used idle connection, closing those that
// have been idle too long.
func (m *SMTPMailer) takeIdle() *smtpConn {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.idle) > 0 {
		sc := m.idle[len(m.idle)-1]
		m.idle = m.idle[:len(m.idle)-1]
		if time.Since(sc.lastUsed) < m.cfg.IdleTimeout {
			return sc
		}
		go quit(sc)
	}
	return nil
}

// release puts a connection back when it is still in a known state: after
// success or after an SMTP reply other than 421 (closing).
func (m *SMTPMailer) release(ctx context.Context, sc *smtpConn, err error) {
	reusable := err == nil
	var se *SendError
	if errors.As(err, &se) && se.Code != 0 && se.Code != 421 && ctx.Err() == nil {
		reusable = true
	}
	m.mu.Lock()
	if reusable && !m.closed && len(m.idle) < m.cfg.PoolSize {
		sc.lastUsed, sc.dirty = time.Now(), err != nil
		m.idle = append(m.idle, sc)
		sc = nil
	}
	m.mu.Unlock()
	if sc != nil {
		sc.conn.Close()
	}
}

// Close closes the idle connections (politely, with QUIT) and makes later
// connections close after use.
func (m *SMTPMailer) Close() error {
	m.mu.Lock()
	idle := m.idle
	m.idle, m.closed = nil, true
	m.mu.Unlock()
	for _, sc := range idle {
		quit(sc)
	}
	return nil
}

func quit(sc *smtpConn) {
	sc.c.CommandTimeout = time.Second
	if err := sc.c.Quit(); err != nil {
		sc.conn.Close()
	}
}
