package notifications

import (
	"context"
	"crypto/tls"
	"errors"
	"net"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// dial opens a ready connection: TCP (or TLS for smtps), greeting, EHLO,
// STARTTLS as configured, AUTH when credentials are set. Every failure here
// is temporary: it is about the server or the configuration, not the
// message.
func (m *SMTPMailer) dial(ctx context.Context) (*smtpConn, error) {
	m.dials.Add(1)
	if m.startTLS == startTLSAuto && !m.implicit && m.tlsOffer.Load() == 0 {
		sc, err := m.dialOnce(ctx, false)
		if err != nil || m.tlsOffer.Load() != 1 {
			return sc, err
		}
		quit(sc) // STARTTLS is offered: start over with it
	}
	useTLS := m.startTLS == startTLSRequired || (m.startTLS == startTLSAuto && m.tlsOffer.Load() == 1)
	return m.dialOnce(ctx, useTLS && !m.implicit)
}

func (m *SMTPMailer) dialOnce(ctx context.Context, startTLS bool) (*smtpConn, error) {
	ctx, cancel := context.WithTimeout(ctx, m.cfg.DialTimeout+2*m.cfg.CommandTimeout)
	defer cancel()
	d := net.Dialer{Timeout: m.cfg.DialTimeout}
	conn, err := d.DialContext(ctx, "tcp", m.addr)
	if err != nil {
		return nil, sendError("dial", err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	sc, serr := m.handshake(ctx, conn, startTLS)
	if serr != nil {
		conn.Close()
		if ctx.Err() != nil {
			serr.Err = errors.Join(ctx.Err(), serr.Err)
		}
		return nil, serr
	}
	return sc, nil
}

func (m *SMTPMailer) handshake(ctx context.Context, conn net.Conn, startTLS bool) (*smtpConn, *SendError) {
	var c *smtp.Client
	switch {
	case m.implicit:
		tc := tls.Client(conn, m.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, sendError("tls", err)
		}
		conn, c = tc, smtp.NewClient(tc)
	case startTLS:
		var err error
		if c, err = smtp.NewClientStartTLS(conn, m.tlsConfig()); err != nil {
			return nil, sendError("tls", err)
		}
	default:
		c = smtp.NewClient(conn)
	}
	c.CommandTimeout = m.cfg.CommandTimeout
	c.SubmissionTimeout = 2 * m.cfg.CommandTimeout
	if err := c.Hello(m.cfg.HelloName); err != nil {
		return nil, sendError("hello", err)
	}
	tlsOn := m.implicit || startTLS
	if !tlsOn && m.startTLS == startTLSAuto {
		if ok, _ := c.Extension("STARTTLS"); ok {
			m.tlsOffer.Store(1)
		} else {
			m.tlsOffer.Store(2)
		}
	}
	if err := m.auth(c, tlsOn); err != nil {
		return nil, err
	}
	return &smtpConn{c: c, conn: conn}, nil
}

func (m *SMTPMailer) auth(c *smtp.Client, tlsOn bool) *SendError {
	if m.user == "" {
		return nil
	}
	if !tlsOn && m.tlsOffer.Load() != 1 && !isLoopback(m.host) {
		return sendError("auth", errors.New("the server offers no TLS; refusing to send credentials in clear"))
	}
	if !tlsOn && m.tlsOffer.Load() == 1 {
		return nil // first probe of an auto connection: it is redialled with TLS
	}
	var a sasl.Client
	switch {
	case c.SupportsAuth("PLAIN"):
		a = sasl.NewPlainClient("", m.user, m.pass)
	case c.SupportsAuth("LOGIN"):
		a = sasl.NewLoginClient(m.user, m.pass)
	default:
		return sendError("auth", errors.New("the server offers neither AUTH PLAIN nor LOGIN"))
	}
	if err := c.Auth(a); err != nil {
		return sendError("auth", err)
	}
	return nil
}

func (m *SMTPMailer) tlsConfig() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if m.cfg.TLSConfig != nil {
		cfg = m.cfg.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = m.host
	}
	return cfg
}
