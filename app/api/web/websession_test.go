package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

func TestConsole_CSRF(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID})

		// Before sign-in: the double-submit token.
		b := k.browser()
		pre := csrfOf(t, b.get("/signin"))
		form := url.Values{"token": {org}}
		wrong := "x" + pre[1:]
		if pre[0] == 'x' {
			wrong = "y" + pre[1:]
		}
		for name, token := range map[string]string{"missing": "", "wrong": wrong, "other nonce": ""} {
			other := k.browser()
			if name == "other nonce" {
				token = csrfOf(t, other.get("/signin")) // valid for other's cookie, not b's
			}
			if r := b.post("/signin/token", token, form); r.Status != http.StatusForbidden || b.cookies["rs_session"] != "" {
				t.Errorf("sign-in with %s CSRF token: %d, session %q; want 403 and none", name, r.Status, b.cookies["rs_session"])
			}
		}
		if r := b.post("/signin/token", pre, form); r.Status != http.StatusSeeOther || b.cookies["rs_session"] == "" {
			t.Fatalf("sign-in with the right token: %d", r.Status)
		}

		// Signed in: the session's token, and no other.
		session := csrfOf(t, b.get("/console/events"))
		if session == pre {
			t.Fatal("the session must get its own CSRF token")
		}
		c := k.browser()
		otherSession := c.signIn(org)
		newEvent := func() url.Values {
			start := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
			return url.Values{"kind": {"matchmaking"}, "title": {"CSRF 测试会"}, "timezone": {"Asia/Shanghai"},
				"starts_at": {start + "T09:00"}, "ends_at": {start + "T17:00"}}
		}
		for name, token := range map[string]string{"missing": "", "pre-sign-in": pre, "another session's": otherSession,
			"wrong": strings.ToUpper(session)} {
			if r := b.post("/console/events", token, newEvent()); r.Status != http.StatusForbidden {
				t.Errorf("create with %s token: %d, want 403", name, r.Status)
			}
		}
		list, _ := k.store.FindEvents(system(), app.EventFilter{Q: "CSRF 测试会", Page: app.Page{Limit: 10}})
		if len(list.Items) != 0 {
			t.Fatalf("a refused form created %d events", len(list.Items))
		}
		r := b.post("/console/events", session, newEvent())
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/console/events/") {
			t.Fatalf("create with the session's token: %d %q\n%.600s", r.Status, r.Location, r.Body)
		}
	})
}

func TestConsole_SessionCookie(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		pre := csrfOf(t, b.get("/signin"))
		r := b.post("/signin/token", pre, url.Values{"token": {k.token(app.Token{Role: app.RoleAdmin})}})
		var got *http.Cookie
		for _, c := range r.Cookies {
			if c.Name == "rs_session" {
				got = c
			}
		}
		if got == nil || !got.HttpOnly || !got.Secure || got.SameSite != http.SameSiteLaxMode || got.Path != "/" {
			t.Fatalf("session cookie %+v: want HttpOnly, Secure (https public URL), SameSite=Lax, Path=/", got)
		}
	})
}

func TestConsole_SessionExpiry(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		b.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		for i := 0; i < 3; i++ { // used every 11 hours, the session lives on
			k.clock.add(11 * time.Hour)
			if r := b.get("/console/outbox"); r.Status != http.StatusOK {
				t.Fatalf("after %d×11h: %d", i+1, r.Status)
			}
		}
		k.clock.add(app.WebSessionIdle + time.Minute)
		r := b.get("/console/outbox")
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/signin?next=") {
			t.Fatalf("idle past 12h: %d → %q; want the sign-in page", r.Status, r.Location)
		}
		if b.cookies["rs_session"] != "" {
			t.Error("the expired session's cookie should be cleared")
		}
	})
}

func TestConsole_Logout(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		csrf := b.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		stolen := b.cookies["rs_session"]
		if r := b.post("/signout", "", nil); r.Status != http.StatusForbidden {
			t.Fatalf("sign-out without CSRF: %d, want 403", r.Status)
		}
		if r := b.post("/signout", csrf, nil); r.Status != http.StatusSeeOther || r.Location != "/" {
			t.Fatalf("sign-out: %d → %q", r.Status, r.Location)
		}
		if b.cookies["rs_session"] != "" {
			t.Error("sign-out should clear the cookie")
		}
		// The session is gone on the server, not only in this browser.
		replay := k.browser()
		replay.cookies["rs_session"] = stolen
		if r := replay.get("/console/outbox"); r.Status != http.StatusSeeOther {
			t.Fatalf("the old cookie after sign-out: %d, want a redirect to sign in", r.Status)
		}
	})
}

func TestConsole_SignInLink(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		e := seedEnterprise(t, k, k.zone("苏州高新技术产业开发区"), 1, "alice@example.cn", "13900000001", 12_340_000)
		b := k.browser()
		pre := csrfOf(t, b.get("/signin"))
		known := b.post("/signin/email", pre, url.Values{"email": {"Alice@Example.cn"}})
		unknown := b.post("/signin/email", pre, url.Values{"email": {"nobody@example.cn"}})
		if known.Status != http.StatusOK || unknown.Status != http.StatusOK {
			t.Fatalf("link requests: %d and %d", known.Status, unknown.Status)
		}
		// The answer must not tell whether the address is known.
		strip := func(s string) string {
			return strings.NewReplacer("Alice@Example.cn", "X", "nobody@example.cn", "X").Replace(s)
		}
		if strip(known.Body) != strip(unknown.Body) || !strings.Contains(known.Body, "如果该邮箱已登记") {
			t.Fatal("the pages for a known and an unknown address differ")
		}
		links := k.signInLinks()
		if len(links) != 1 {
			t.Fatalf("%d links queued, want 1 (for the known address only)", len(links))
		}
		// Opening the link only shows a button: mail scanners that fetch
		// links must not use them up.
		page := b.get("/signin/link?t=" + links[0])
		if page.Status != http.StatusOK || b.cookies["rs_session"] != "" {
			t.Fatalf("opening the link: %d", page.Status)
		}
		r := b.post("/signin/link", csrfOf(t, page), url.Values{"t": {links[0]}})
		if r.Status != http.StatusSeeOther || b.cookies["rs_session"] == "" {
			t.Fatalf("redeeming: %d %q", r.Status, r.Location)
		}
		if p := b.get("/console/profile"); p.Status != http.StatusOK || !strings.Contains(p.Body, e.Name) ||
			!strings.Contains(p.Body, "alice@example.cn") {
			t.Fatalf("signed in by link, the profile should be the enterprise's own (%d)", p.Status)
		}
		// Single use.
		again := k.browser()
		if r := again.post("/signin/link", csrfOf(t, again.get("/signin/link?t="+links[0])), url.Values{"t": {links[0]}}); r.Status != http.StatusUnauthorized || again.cookies["rs_session"] != "" {
			t.Fatalf("second use: %d, want 401", r.Status)
		}
		// Expiry.
		b.post("/signin/email", csrfOf(t, b.get("/console/events")), url.Values{"email": {"alice@example.cn"}})
		links = k.signInLinks()
		k.clock.add(app.SignInLinkTTL + time.Second)
		late := k.browser()
		if r := late.post("/signin/link", csrfOf(t, late.get("/signin/link")), url.Values{"t": {links[1]}}); r.Status != http.StatusUnauthorized {
			t.Fatalf("an expired link: %d, want 401", r.Status)
		}
	})
}

func TestConsole_SignInRateLimit(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		pre := csrfOf(t, b.get("/signin"))
		var last page
		for i := 0; i <= app.SignInPerAddress; i++ {
			last = b.post("/signin/email", pre, url.Values{"email": {"alice@example.cn"}})
		}
		if last.Status != http.StatusTooManyRequests || !strings.Contains(last.Body, "尝试次数过多") {
			t.Fatalf("attempt %d for one address: %d, want 429", app.SignInPerAddress+1, last.Status)
		}
		if r := b.post("/signin/token", pre, url.Values{"token": {"rs_wrong"}}); r.Status != http.StatusUnauthorized ||
			!strings.Contains(r.Body, "令牌无效") {
			t.Fatalf("a wrong token: %d, want 401 with a message", r.Status)
		}
	})
}
