package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/api"
	"roadshow/app/api/web"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/app/wire"
	"roadshow/notifications/smtptest"
)

// console is the API server with the console mounted, over a real store
// whose clock the test controls.
type console struct {
	t     *testing.T
	srv   *api.Server
	store *store.Store
	clock *clock
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// eachConsole runs fn against a fresh console on every available database.
func eachConsole(t *testing.T, fn func(t *testing.T, k *console)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fn(t, newConsole(t, s))
	})
}

func newConsole(t *testing.T, s *store.Store) *console {
	t.Helper()
	return newConsoleWith(t, s, api.Options{})
}

// newConsoleWith builds the console on an API server with these options.
func newConsoleWith(t *testing.T, s *store.Store, opt api.Options) *console {
	t.Helper()
	clk := &clock{t: time.Now().UTC().Truncate(time.Second)}
	s.Now = clk.now
	svc := wire.Services(s)
	srv := api.New(svc, opt)
	c, err := web.New(svc, web.Options{PublicURL: "https://console.example", Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	c.Mount(srv)
	return &console{t: t, srv: srv, store: s, clock: clk}
}

func system() context.Context {
	return app.NewContextWithPrincipal(context.Background(), app.SystemPrincipal)
}

// token creates a bearer token.
func (k *console) token(tok app.Token) string {
	k.t.Helper()
	secret, err := k.store.CreateToken(system(), &tok)
	if err != nil {
		k.t.Fatal(err)
	}
	return secret
}

// zone returns a seeded zone by name.
func (k *console) zone(name string) *app.Zone {
	k.t.Helper()
	list, err := k.store.FindZones(system(), app.ZoneFilter{Q: name, Page: app.Page{Limit: 1}})
	if err != nil || len(list.Items) == 0 {
		k.t.Fatalf("zone %s: %v", name, err)
	}
	return list.Items[0]
}

// browser is one cookie jar against the console.
type browser struct {
	k       *console
	cookies map[string]string
	header  map[string]string // sent with every request
}

func (k *console) browser() *browser { return &browser{k: k, cookies: map[string]string{}} }

// page is a response as a browser sees it.
type page struct {
	Status   int
	Location string
	Body     string
	Cookies  []*http.Cookie
}

func (b *browser) do(method, path string, form url.Values) page {
	b.k.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "text/html")
	for k, v := range b.header {
		req.Header.Set(k, v)
	}
	var parts []string
	for k, v := range b.cookies {
		parts = append(parts, k+"="+v)
	}
	if len(parts) > 0 {
		req.Header.Set("Cookie", strings.Join(parts, "; "))
	}
	resp, err := b.k.srv.App.Test(req, -1)
	if err != nil {
		b.k.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return page{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(raw), Cookies: resp.Cookies()}
}

func (b *browser) get(path string) page { return b.do("GET", path, nil) }

// post sends a form with the given CSRF token.
func (b *browser) post(path, csrf string, form url.Values) page {
	if form == nil {
		form = url.Values{}
	}
	if csrf != "" {
		form.Set("csrf", csrf)
	}
	return b.do("POST", path, form)
}

var csrfPattern = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfOf returns the CSRF token of a page's forms.
func csrfOf(t *testing.T, p page) string {
	t.Helper()
	m := csrfPattern.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no CSRF field in the page (%d):\n%.400s", p.Status, p.Body)
	}
	return m[1]
}

// signIn signs the browser in with a token and returns the session's
// CSRF token.
func (b *browser) signIn(token string) string {
	t := b.k.t
	t.Helper()
	p := b.get("/signin")
	r := b.post("/signin/token", csrfOf(t, p), url.Values{"token": {token}, "next": {"/console/events"}})
	if r.Status != http.StatusSeeOther || r.Location != "/console/events" {
		t.Fatalf("sign in: %d → %q\n%.400s", r.Status, r.Location, r.Body)
	}
	return csrfOf(t, b.get("/console/events"))
}

// signInLinks returns the tokens of the sign-in links in the outbox, in
// queue order.
func (k *console) signInLinks() []string {
	k.t.Helper()
	rows, err := k.store.DB().Query("SELECT b.body FROM notifications n JOIN notification_bodies b ON b.id = n.id WHERE n.kind = 'sign_in' ORDER BY n.id")
	if err != nil {
		k.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	re := regexp.MustCompile(`https://console\.example/signin/link\?t=([A-Za-z0-9_-]+)`)
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			k.t.Fatal(err)
		}
		m := re.FindStringSubmatch(mailText(k.t, b))
		if m == nil {
			k.t.Fatalf("no link in a sign_in mail")
		}
		out = append(out, m[1])
	}
	return out
}

// mailText returns the decoded text of every part of a MIME message.
func mailText(t *testing.T, raw []byte) string {
	t.Helper()
	text, err := smtptest.MessageText(raw)
	if err != nil {
		t.Fatal(err)
	}
	return text
}
