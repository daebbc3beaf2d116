package api_test

import (
	"testing"

	"roadshow/app/api"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// TestHeaders_HSTSAndNoStore: HSTS when the public URL is https; private
// JSON (answers to a credential, or carrying a secret) is never stored by
// caches, public lists may be.
func TestHeaders_HSTSAndNoStore(t *testing.T) {
	storetest.EachWith(t, storeOptions, func(t *testing.T, s *store.Store) {
		h := newHarness(t, s)
		if v := h.do("GET", "/healthz", "", nil).Header.Get("Strict-Transport-Security"); v != "" {
			t.Errorf("HSTS over http: %q", v)
		}
		for _, c := range []struct {
			method, path, token string
			body                any
			noStore             bool
		}{
			{"GET", "/api/v1/me", h.org, nil, true},
			{"GET", "/api/v1/me", "not-a-token", nil, true},
			{"GET", "/api/v1/tokens", h.admin, nil, true},
			{"POST", "/api/v1/enterprises", "", h.enterpriseBody(91), true},
			{"GET", "/api/v1/zones", "", nil, false},
		} {
			r := h.do(c.method, c.path, c.token, c.body)
			if got := r.Header.Get("Cache-Control") == "no-store"; got != c.noStore {
				t.Errorf("%s %s (%d): Cache-Control %q, want no-store %v", c.method, c.path, r.Status, r.Header.Get("Cache-Control"), c.noStore)
			}
		}
		hs := &harness{t: t, store: s, srv: api.New(services(s), api.Options{PublicURL: "https://roadshow.example.cn"})}
		for _, p := range []string{"/healthz", "/api/v1/nowhere"} {
			if v := hs.do("GET", p, "", nil).Header.Get("Strict-Transport-Security"); v != "max-age=31536000" {
				t.Errorf("HSTS on %s over https: %q", p, v)
			}
		}
	})
}
