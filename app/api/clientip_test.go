package api_test

import (
	"net/netip"
	"testing"

	"github.com/gofiber/fiber/v2"

	"roadshow/app/api"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// TestClientIP: X-Forwarded-For is read only from trusted proxies, right to
// left, skipping trusted hops; what a client writes itself is never
// believed. app.Test's peer address is 0.0.0.0.
func TestClientIP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		serve := func(trusted ...string) *harness {
			var ps []netip.Prefix
			for _, p := range trusted {
				ps = append(ps, netip.MustParsePrefix(p))
			}
			h := &harness{t: t, store: s, srv: api.New(services(s), api.Options{TrustedProxies: ps})}
			h.srv.App.Get("/test/ip", func(c *fiber.Ctx) error { return c.SendString(api.ClientIP(c)) })
			return h
		}
		for _, c := range []struct {
			trusted []string
			xff     string
			want    string
		}{
			{nil, "203.0.113.9", "0.0.0.0"},
			{[]string{"0.0.0.0/32"}, "", "0.0.0.0"},
			{[]string{"0.0.0.0/32"}, "203.0.113.9", "203.0.113.9"},
			{[]string{"0.0.0.0/32"}, "192.0.2.1, 203.0.113.9", "203.0.113.9"},
			{[]string{"0.0.0.0/32", "10.0.0.0/8"}, "192.0.2.1, 203.0.113.9, 10.1.2.3", "203.0.113.9"},
			{[]string{"0.0.0.0/32", "10.0.0.0/8"}, "10.9.9.9, 10.1.2.3", "10.9.9.9"},
			{[]string{"0.0.0.0/32"}, "192.0.2.1, not-an-ip", "0.0.0.0"},
			{[]string{"0.0.0.0/32"}, "::ffff:203.0.113.9", "203.0.113.9"},
			{[]string{"0.0.0.0/32"}, "2001:db8::1", "2001:db8::1"},
		} {
			r := serve(c.trusted...).do("GET", "/test/ip", "", nil, "X-Forwarded-For", c.xff)
			if string(r.Body) != c.want {
				t.Errorf("trusted %v, X-Forwarded-For %q: %q, want %q", c.trusted, c.xff, r.Body, c.want)
			}
		}
	})
}
