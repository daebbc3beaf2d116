package api_test

import (
	"io"
	"net"
	"sync"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"

	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// tcpProxy forwards connections to a target and can be stopped and
// started, so a test can take a database away from a running server.
type tcpProxy struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	p := &tcpProxy{t: t, target: target}
	p.start("127.0.0.1:0")
	t.Cleanup(p.stop)
	return p
}

func (p *tcpProxy) start(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go p.accept(ln)
}

func (p *tcpProxy) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(up, c); up.Close() }()
		go func() { _, _ = io.Copy(c, up); c.Close() }()
	}
}

// stop closes the listener and every forwarded connection.
func (p *tcpProxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestReadyz_Recovers takes MariaDB away from a running server through a
// proxy: readyz turns 503, and 200 again once the database is back.
func TestReadyz_Recovers(t *testing.T) {
	dsn := storetest.NewMySQLDatabase(t)
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newTCPProxy(t, cfg.Addr)
	cfg.Addr = proxy.addr
	cfg.Timeout = 500_000_000
	s, err := store.Open("mysql", cfg.FormatDSN(), store.Options{MaxOpenConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := &harness{t: t, store: s, srv: newServerFor(s)}
	h.must(200, "GET", "/readyz", "", nil)
	proxy.stop()
	if r := h.do("GET", "/readyz", "", nil); r.Status != 503 {
		t.Fatalf("readyz without the database: %d %s", r.Status, r.Body)
	}
	proxy.start(proxy.addr)
	h.must(200, "GET", "/readyz", "", nil)
}
