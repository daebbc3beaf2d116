package web_test

import (
	"net/http"
	"net/netip"
	"net/url"
	"testing"

	"roadshow/app"
	"roadshow/app/api"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// behindProxy is a console whose requests arrive through a trusted proxy
// (app.Test's peer address is 0.0.0.0).
func behindProxy(t *testing.T, s *store.Store) *console {
	return newConsoleWith(t, s, api.Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}})
}

// from is a browser whose proxy reports the client address ip; the client
// itself claims to be 192.0.2.1, which a trusted proxy appends after.
func (k *console) from(ip string) *browser {
	b := k.browser()
	b.header = map[string]string{"X-Forwarded-For": "192.0.2.1, " + ip}
	return b
}

// TestSignIn_RateLimitPerClient: behind a trusted proxy, limits follow the
// client's address, only failures count, and requests for somebody's
// address never lock that person out.
func TestSignIn_RateLimitPerClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		k := behindProxy(t, s)
		token := k.token(app.Token{Role: app.RoleAdmin})
		b := k.from("203.0.113.9")
		for i := 0; i <= app.SignInPerAddress+1; i++ {
			b.cookies = map[string]string{}
			b.signIn(token) // fails the test unless it signs in
		}
		// Link requests for the demo enterprise's address from one client.
		victim := "wangmin@example.cn"
		attacker := k.from("203.0.113.7")
		csrf := csrfOf(t, attacker.get("/signin"))
		status := 0
		for i := 0; i <= app.SignInPerAddress; i++ {
			status = attacker.post("/signin/email", csrf, url.Values{"email": {victim}}).Status
		}
		if status != http.StatusTooManyRequests {
			t.Fatalf("link request %d from one client: %d, want 429", app.SignInPerAddress+1, status)
		}
		owner := k.from("198.51.100.2")
		if p := owner.post("/signin/email", csrfOf(t, owner.get("/signin")), url.Values{"email": {victim}}); p.Status != http.StatusOK {
			t.Fatalf("the address's owner, from elsewhere: %d, want 200", p.Status)
		}
		// Bad tokens from one client behind the proxy hit its own limit only.
		for i := 0; i <= app.SignInPerAddress; i++ {
			status = attacker.post("/signin/token", csrf, url.Values{"token": {"rs_wrong"}}).Status
		}
		if status != http.StatusTooManyRequests {
			t.Fatalf("bad token %d: %d, want 429", app.SignInPerAddress+1, status)
		}
		if p := owner.post("/signin/token", csrfOf(t, owner.get("/signin")), url.Values{"token": {"rs_wrong"}}); p.Status != http.StatusUnauthorized {
			t.Fatalf("another client's bad token: %d, want 401", p.Status)
		}
	})
}

// TestSignIn_ForwardedForIgnoredWithoutTrust: without trusted proxies, a
// client cannot escape its limit by writing X-Forwarded-For.
func TestSignIn_ForwardedForIgnoredWithoutTrust(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		k := newConsole(t, s)
		b := k.browser()
		csrf := csrfOf(t, b.get("/signin"))
		status := 0
		for i := 0; i <= app.SignInPerAddress; i++ {
			b.header = map[string]string{"X-Forwarded-For": "203.0.113." + string(rune('1'+i))}
			status = b.post("/signin/token", csrf, url.Values{"token": {"rs_wrong"}}).Status
		}
		if status != http.StatusTooManyRequests {
			t.Fatalf("bad token %d with a forged X-Forwarded-For: %d, want 429", app.SignInPerAddress+1, status)
		}
	})
}
