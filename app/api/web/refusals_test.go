package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roadshow/app"
)

// TestSignIn_TokenRefused: an empty or unknown token shows the sign-in page
// again with the reason in the page's language, and starts no session.
func TestSignIn_TokenRefused(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		cases := []struct{ token, lang, want string }{
			{"", "zh", "令牌无效、已过期或已吊销"},
			{"rs_" + strings.Repeat("A", 43), "zh", "令牌无效、已过期或已吊销"},
			{"rs_" + strings.Repeat("B", 43), "en", "The token is unknown, expired or revoked"},
		}
		for _, tc := range cases {
			p := b.get("/signin?lang=" + tc.lang)
			r := b.post("/signin/token", csrfOf(t, p), url.Values{"token": {tc.token}, "next": {"/console/profile"}})
			if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, tc.want) || b.cookies["rs_session"] != "" {
				t.Errorf("token %q (%s): %d, session %q; want 401 saying %q", tc.token, tc.lang, r.Status, b.cookies["rs_session"], tc.want)
			}
		}
		if p := b.get("/console/profile"); p.Status != http.StatusSeeOther {
			t.Fatalf("after refused sign-ins the console is open: %d", p.Status)
		}
	})
}

// TestConsole_ImportWithoutFile: the upload form posted without a file asks
// for one, in the page's language, and imports nothing.
func TestConsole_ImportWithoutFile(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		admin := k.browser()
		csrf := admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		before, err := k.store.FindEnterprises(system(), app.EnterpriseFilter{Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		if p := admin.get("/console/imports"); p.Status != http.StatusOK || !strings.Contains(p.Body, `name="file"`) {
			t.Fatalf("imports page: %d", p.Status)
		}
		r := admin.post("/console/imports", csrf, url.Values{"kind": {"enterprises"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "请选择文件") {
			t.Fatalf("no file (zh): %d, want 422 asking for a file", r.Status)
		}
		if r := admin.post("/console/imports?lang=en", csrf, url.Values{"kind": {"enterprises"}}); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, "Choose a file") {
			t.Fatalf("no file (en): %d", r.Status)
		}
		after, _ := k.store.FindEnterprises(system(), app.EnterpriseFilter{Page: app.Page{Limit: app.MaxLimit}})
		if len(after.Items) != len(before.Items) {
			t.Fatalf("%d enterprises after a refused upload, want %d", len(after.Items), len(before.Items))
		}
		if p := k.browser().get("/console/imports"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/signin") {
			t.Fatalf("anonymous imports page: %d %q", p.Status, p.Location)
		}
	})
}
