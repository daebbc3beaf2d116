package api

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

const localClientIP = "api.clientIP"

// clientAddress finds the caller's IP address once per request: the peer's,
// or, when the peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not a trusted proxy. Entries a client wrote
// itself sit to the left of those its proxies appended and are never
// reached while an untrusted hop stands between them.
func (s *Server) clientAddress(c *fiber.Ctx) error {
	c.Locals(localClientIP, s.clientIP(c))
	return c.Next()
}

func (s *Server) clientIP(c *fiber.Ctx) string {
	ip, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	if !ok {
		return c.IP()
	}
	ip = ip.Unmap()
	if !s.trusted(ip) {
		return ip.String()
	}
	var hops []string
	for _, h := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
		hops = append(hops, strings.Split(string(h), ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed hop: believe nothing further left
		}
		ip = hop.Unmap()
		if !s.trusted(ip) {
			break
		}
	}
	return ip.String()
}

func (s *Server) trusted(ip netip.Addr) bool {
	for _, p := range s.opt.TrustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// ClientIP returns the caller's IP address as the API determined it
// (behind trusted proxies, from X-Forwarded-For); rate limits key on it.
func ClientIP(c *fiber.Ctx) string {
	if ip, ok := c.Locals(localClientIP).(string); ok {
		return ip
	}
	return c.IP()
}
