// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) in
// the test process: it captures the raw messages it accepts and can be told
// to answer a recipient with 4xx or 5xx replies, so mailers and dispatchers
// are tested against the protocol rather than a mock. It is meant for tests
// only, like net/http/httptest.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Config chooses how the server behaves.
type Config struct {
	StartTLS    bool   // offer STARTTLS (and allow AUTH only after it)
	ImplicitTLS bool   // speak TLS from the first byte (smtps)
	Username    string // require AUTH with these credentials when set
	Password    string
	NoPlain     bool // offer only AUTH LOGIN
	Discard     bool // count messages and bytes but keep no data (benchmarks)
}

// Message is one accepted message.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is a running SMTP server on 127.0.0.1.
type Server struct {
	cfg       Config
	srv       *smtp.Server
	ln        net.Listener
	tls       *tls.Config
	roots     *x509.CertPool
	mu        sync.Mutex
	msgs      []Message
	count     int
	bytes     int64
	sessions  int
	rcptPlan  map[string][]int
	dataPlan  map[string][]int
	conns     map[net.Conn]bool
	discarded atomic.Int64 // bytes read in Discard mode, not yet counted
}

// counter is an io.Writer that only counts.
type counter struct{ n *atomic.Int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n.Add(int64(len(p)))
	return len(p), nil
}

// NewServer starts a server and stops it when the test ends.
func NewServer(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	s := &Server{cfg: cfg, rcptPlan: map[string][]int{}, dataPlan: map[string][]int{}, conns: map[net.Conn]bool{}}
	if cfg.StartTLS || cfg.ImplicitTLS {
		if err := s.makeCert(); err != nil {
			tb.Fatalf("smtptest: certificate: %v", err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("smtptest: listen: %v", err)
	}
	s.ln = &trackingListener{Listener: ln, s: s}
	if cfg.ImplicitTLS {
		s.ln = tls.NewListener(s.ln, s.tls)
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(s.newSession))
	s.srv.Domain = "smtptest.localhost"
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.ReadTimeout = time.Minute
	s.srv.WriteTimeout = time.Minute
	s.srv.MaxMessageBytes = 32 << 20
	s.srv.AllowInsecureAuth = !cfg.StartTLS
	if cfg.StartTLS {
		s.srv.TLSConfig = s.tls
	}
	go s.srv.Serve(s.ln) //nolint:errcheck // ends when Close closes the listener
	tb.Cleanup(s.Close)
	return s
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is a mailer URL for this server: smtps:// for implicit TLS, else
// smtp:// with starttls=required when STARTTLS is offered (auto otherwise),
// with the credentials when they are required.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr()}
	if s.cfg.ImplicitTLS {
		u.Scheme = "smtps"
	}
	if s.cfg.StartTLS {
		u.RawQuery = "starttls=required"
	}
	if s.cfg.Username != "" {
		u.User = url.UserPassword(s.cfg.Username, s.cfg.Password)
	}
	return u.String()
}

// ClientTLSConfig trusts the server's self-signed certificate.
func (s *Server) ClientTLSConfig() *tls.Config {
	return &tls.Config{RootCAs: s.roots, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// ScriptRcpt makes the next RCPT TO:<addr> commands answer the given codes
// in turn (250 accepts); later ones are accepted.
func (s *Server) ScriptRcpt(addr string, codes ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rcptPlan[strings.ToLower(addr)] = append(s.rcptPlan[strings.ToLower(addr)], codes...)
}

// ScriptData makes the end of the next DATA of messages whose first
// recipient is addr answer the given codes in turn.
func (s *Server) ScriptData(addr string, codes ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dataPlan[strings.ToLower(addr)] = append(s.dataPlan[strings.ToLower(addr)], codes...)
}

// Messages returns a copy of the accepted messages, in order of acceptance
// (empty in Discard mode).
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Count returns how many messages were accepted and their total size.
func (s *Server) Count() (messages int, bytes int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count, s.bytes
}

// Sessions returns how many SMTP sessions (connections that said EHLO)
// the server has had: with a pooled client it stays small.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// CloseConnections drops every open client connection, as a server
// restart or an idle timeout would.
func (s *Server) CloseConnections() {
	s.mu.Lock()
	conns := s.conns
	s.conns = map[net.Conn]bool{}
	s.mu.Unlock()
	for c := range conns {
		c.Close()
	}
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// next pops the next scripted code for addr, 0 when none is left.
func (s *Server) next(plan map[string][]int, addr string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(addr)
	codes := plan[key]
	if len(codes) == 0 {
		return 0
	}
	plan[key] = codes[1:]
	return codes[0]
}

// reply turns a scripted code into the server's answer.
func reply(code int) error {
	switch {
	case code == 0 || code/100 == 2:
		return nil
	case code/100 == 4:
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "try again later"}
	default:
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user here"}
	}
}

func (s *Server) deliver(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	s.bytes += int64(len(m.Data))
	if s.cfg.Discard {
		s.bytes += s.discarded.Swap(0)
		return
	}
	s.msgs = append(s.msgs, m)
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	s.sessions++
	s.mu.Unlock()
	return &session{s: s}, nil
}

type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

func (se *session) AuthMechanisms() []string {
	if se.s.cfg.NoPlain {
		return []string{"LOGIN"}
	}
	return []string{sasl.Plain, sasl.Login}
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		if user != se.s.cfg.Username || pass != se.s.cfg.Password {
			return smtp.ErrAuthFailed
		}
		se.authed = true
		return nil
	}
	switch {
	case mech == sasl.Plain && !se.s.cfg.NoPlain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	case mech == sasl.Login:
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.cfg.Username != "" && !se.authed {
		return smtp.ErrAuthRequired
	}
	se.from, se.to = from, nil
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := reply(se.s.next(se.s.rcptPlan, to)); err != nil {
		return err
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	var sink io.Writer = &buf
	if se.s.cfg.Discard {
		sink = &counter{n: &se.s.discarded}
	}
	if _, err := io.Copy(sink, r); err != nil {
		return err
	}
	if len(se.to) > 0 {
		if err := reply(se.s.next(se.s.dataPlan, se.to[0])); err != nil {
			return err
		}
	}
	se.s.deliver(Message{From: se.from, To: append([]string(nil), se.to...), Data: buf.Bytes()})
	return nil
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

// loginServer is the server side of AUTH LOGIN (go-sasl ships only the
// client): ask for the user name, then the password.
type loginServer struct {
	check func(user, pass string) error
	step  int
	user  string
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		if len(resp) > 0 { // initial response carries the user name
			l.user, l.step = string(resp), 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(resp)
		return []byte("Password:"), false, nil
	case 3:
		return nil, true, l.check(l.user, string(resp))
	}
	return nil, false, errors.New("smtptest: unexpected AUTH LOGIN step")
}

// trackingListener remembers accepted connections for CloseConnections.
type trackingListener struct {
	net.Listener
	s *Server
}

func (l *trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.s.mu.Lock()
		l.s.conns[c] = true
		l.s.mu.Unlock()
	}
	return c, err
}

func (s *Server) makeCert() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "smtptest"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	s.roots = x509.NewCertPool()
	s.roots.AddCert(cert)
	s.tls = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	return nil
}
