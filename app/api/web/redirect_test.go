package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"roadshow/app"
)

var nextPattern = regexp.MustCompile(`name="next" value="([^"]*)"`)

// TestSignIn_NextStaysOnSite: the page to return to after sign-in is a path
// of this site; anything a browser could resolve to another host (the
// WHATWG parser drops tabs and newlines, reads backslashes as slashes) is
// replaced by /console.
func TestSignIn_NextStaysOnSite(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		hostile := []string{
			"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\t\t/evil.example", "\t//evil.example",
			"//evil.example", "///evil.example", `\\evil.example`, `/\evil.example`, `\/evil.example`, `/\/evil.example`,
			" //evil.example", "\x00//evil.example", "/\x00/evil.example", "/\x0b/evil.example", "/\u00a0/evil.example",
			"https://evil.example", "http:evil.example", "javascript:alert(1)", "evil.example", "",
			"/%2F/evil.example", "/%2f%2fevil.example", "/%5C/evil.example", "/%09/evil.example", "/%0a/evil.example",
			"/./evil", "/../evil", "/console/../../evil",
		}
		for _, next := range hostile {
			p := b.get("/signin?next=" + url.QueryEscape(next))
			m := nextPattern.FindStringSubmatch(p.Body)
			if m == nil || html.UnescapeString(m[1]) != "/console" {
				t.Errorf("next %q kept as %q", next, m)
			}
		}
		for _, next := range []string{"/console/events", "/events/12?lang=en", "/console/events?status=open&kind=roadshow", "/events?q=%E8%8B%8F%E5%B7%9E"} {
			p := b.get("/signin?next=" + url.QueryEscape(next))
			if m := nextPattern.FindStringSubmatch(p.Body); m == nil || html.UnescapeString(m[1]) != next {
				t.Errorf("next %q became %q", next, m)
			}
		}
		// The raw query of the issue, and the redirect after a real sign-in.
		p := b.get("/signin?next=/%09/evil.example")
		r := b.post("/signin/token", csrfOf(t, p), url.Values{"token": {k.token(app.Token{Role: app.RoleAdmin})},
			"next": {"/\t/evil.example"}})
		if r.Status != http.StatusSeeOther || r.Location != "/console" {
			t.Fatalf("sign-in with a hostile next: %d → %q", r.Status, r.Location)
		}
	})
}
