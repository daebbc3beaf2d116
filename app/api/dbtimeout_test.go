package api_test

import (
	"context"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"roadshow/app/api"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// holdWriteLock keeps the events table locked from another connection until
// the returned function (or the test's end) releases it: SQLite's write
// lock (BEGIN IMMEDIATE), MariaDB's LOCK TABLES.
func holdWriteLock(t *testing.T, s *store.Store) (release func()) {
	t.Helper()
	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lock, unlock := "BEGIN IMMEDIATE", "ROLLBACK"
	if s.Dialect() == "mysql" {
		lock, unlock = "LOCK TABLES events WRITE", "UNLOCK TABLES"
	}
	if _, err := conn.ExecContext(ctx, lock); err != nil {
		t.Fatalf("%s: %v", lock, err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			_, _ = conn.ExecContext(ctx, unlock)
			_ = conn.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// TestDBTimeout_LockedTable: a request whose database work blocks answers
// 503 unavailable once ROADSHOW_DB_TIMEOUT has passed, not when the lock
// goes away (SQLite's busy timeout is 10 s, MariaDB's lock waits far longer).
func TestDBTimeout_LockedTable(t *testing.T) {
	const deadline = 500 * time.Millisecond
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			h := newHarness(t, openWithLockTimeout(t, d, deadline))
			h.srv = api.New(services(h.store), api.Options{DB: h.store.DB(), DBTimeout: deadline})
			testDBTimeout(t, h, deadline)
		})
	}
}

// openWithLockTimeout opens a store as roadshow serve does: SQLite's busy
// timeout is the request deadline (SQLite ignores contexts while it waits).
func openWithLockTimeout(t *testing.T, dialect string, d time.Duration) *store.Store {
	if dialect == "mysql" {
		return storetest.MustOpenWith(t, dialect, storeOptions)
	}
	s, err := store.Open("sqlite", filepath.Join(t.TempDir(), "t.db"), store.Options{LockTimeout: d, AdminToken: adminSecret})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func testDBTimeout(t *testing.T, h *harness, deadline time.Duration) {
	h.must(201, "POST", "/api/v1/events", h.org, h.eventBody())
	release := holdWriteLock(t, h.store)
	body := h.eventBody()
	start := time.Now()
	r := h.do("POST", "/api/v1/events", h.org, body, "Idempotency-Key", "deadline-1")
	took := time.Since(start)
	if r.Status != 503 || r.ErrorCode() != "unavailable" {
		t.Fatalf("write under a held lock: %d %s after %s", r.Status, r.Body, took)
	}
	if took > 3*deadline {
		t.Fatalf("answered after %s, deadline %s", took, deadline)
	}
	t.Logf("503 after %s (deadline %s)", took.Round(time.Millisecond), deadline)
	release()
	// The 503 released its Idempotency-Key: the retry is served.
	h.must(201, "POST", "/api/v1/events", h.org, body)
	if r := h.do("POST", "/api/v1/events", h.org, body, "Idempotency-Key", "deadline-1"); r.Status != 201 {
		t.Fatalf("retry with the key after the 503: %d %s", r.Status, r.Body)
	}
}

// stallingProxy forwards TCP connections to a database server until it is
// paused; then it holds every byte, as a stopped (SIGSTOP) server would.
type stallingProxy struct {
	ln     net.Listener
	target string
	paused atomic.Bool
}

func newStallingProxy(t *testing.T, target string) *stallingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallingProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go p.serve()
	return p
}

func (p *stallingProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		go p.pipe(up, c)
		go p.pipe(c, up)
	}
}

// pipe copies src to dst, holding what it reads while the proxy is paused.
func (p *stallingProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for p.paused.Load() {
			time.Sleep(10 * time.Millisecond)
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// TestDBTimeout_StalledServer reproduces a stopped MariaDB: the server
// accepts nothing more on its connections. GET /events answers 503
// unavailable within the deadline instead of hanging.
func TestDBTimeout_StalledServer(t *testing.T) {
	cfg, err := gomysql.ParseDSN(storetest.NewMySQLDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := newStallingProxy(t, cfg.Addr)
	cfg.Addr = proxy.ln.Addr().String()
	s, err := store.Open("mysql", cfg.FormatDSN(), storeOptions)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	const deadline = 500 * time.Millisecond
	h := newHarness(t, s)
	h.srv = api.New(services(s), api.Options{DB: s.DB(), DBTimeout: deadline})
	h.must(200, "GET", "/api/v1/events", h.org, nil)
	proxy.paused.Store(true)
	defer proxy.paused.Store(false)
	start := time.Now()
	r := h.do("GET", "/api/v1/events", h.org, nil)
	took := time.Since(start)
	if r.Status != 503 || r.ErrorCode() != "unavailable" {
		t.Fatalf("list events with the server stalled: %d %s after %s", r.Status, r.Body, took)
	}
	if took > 3*deadline {
		t.Fatalf("answered after %s, deadline %s", took, deadline)
	}
	t.Logf("503 after %s (deadline %s)", took.Round(time.Millisecond), deadline)
}
