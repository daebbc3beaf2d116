package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

const requestIDHeader = "X-Request-ID"

// requestID accepts a sane X-Request-ID or makes one, and echoes it.
func (s *Server) requestID(c *fiber.Ctx) error {
	id := c.Get(requestIDHeader)
	if !validRequestID(id) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	} else {
		id = strings.Clone(id)
	}
	c.Locals(requestIDHeader, id)
	c.Set(requestIDHeader, id)
	return c.Next()
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func requestIDOf(c *fiber.Ctx) string {
	id, _ := c.Locals(requestIDHeader).(string)
	return id
}

// responseHeaders adds Strict-Transport-Security when the public URL is
// https, and Cache-Control: no-store to the API's private answers: those
// to a request with credentials, and any that carries a secret.
func (s *Server) responseHeaders(c *fiber.Ctx) error {
	if strings.HasPrefix(s.opt.PublicURL, "https://") {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age=31536000")
	}
	err := c.Next()
	private := c.Get(fiber.HeaderAuthorization) != "" || principal(c) != nil
	if private && strings.HasPrefix(c.Path(), v1+"/") && len(c.Response().Header.Peek(fiber.HeaderCacheControl)) == 0 {
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return err
}

// recoverPanics turns a panic into a 500 with the request id logged.
func (s *Server) recoverPanics(c *fiber.Ctx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return c.Next()
}

// observe records metrics and writes one log line per request: request id,
// method, route pattern, path, status, latency. Paths holding secrets (a
// calendar token) are logged as their route pattern; query strings and
// bodies, which may hold personal data, are never logged.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		if herr := s.App.Config().ErrorHandler(c, err); herr != nil {
			_ = c.SendStatus(fiber.StatusInternalServerError)
		}
	}
	closeUnread(c)
	routePath := c.Route().Path
	status := c.Response().StatusCode()
	elapsed := time.Since(start)
	s.metrics.observe(c.Method(), routePath, status, elapsed)
	path := c.Path()
	if strings.Contains(routePath, ":token") {
		path = routePath
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.UserContext(), level, "request", slog.String("request_id", requestIDOf(c)),
		slog.String("method", c.Method()), slog.String("route", routePath), slog.String("path", path),
		slog.Int("status", status), slog.Float64("latency_ms", float64(elapsed.Microseconds())/1000))
	return nil
}

// authenticate resolves a bearer token into the request's principal. A
// missing header leaves the caller anonymous (the services decide); a bad
// one is refused at once.
func (s *Server) authenticate(c *fiber.Ctx) error {
	h := c.Get(fiber.HeaderAuthorization)
	if h == "" {
		return c.Next()
	}
	secret, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(secret) == "" {
		return app.Errorf(app.EUNAUTHORIZED, "use Authorization: Bearer <token>")
	}
	p, err := s.svc.Tokens.Authenticate(c.UserContext(), strings.TrimSpace(secret))
	if err != nil {
		return err
	}
	c.SetUserContext(app.NewContextWithPrincipal(c.UserContext(), p))
	return c.Next()
}

// principal returns the caller of the request, nil when anonymous.
func principal(c *fiber.Ctx) *app.Principal { return app.PrincipalFromContext(c.UserContext()) }

// bulkDBTimeoutFactor multiplies the database deadline of the routes that
// do bulk work: imports, Excel exports and scheduling.
const bulkDBTimeoutFactor = 12

// dbDeadline gives the request's database work a deadline: the request's
// context expires after Options.DBTimeout (bulk routes: 12 times that),
// so a stalled database answers 503 unavailable instead of hanging.
func (s *Server) dbDeadline(c *fiber.Ctx) error {
	d := s.opt.DBTimeout
	if d <= 0 {
		return c.Next()
	}
	if bulkRoute(c.Method(), c.Path()) {
		d *= bulkDBTimeoutFactor
	}
	ctx, cancel := context.WithTimeout(c.UserContext(), d)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

// bulkRoute reports whether a request does bulk database work.
func bulkRoute(method, path string) bool {
	switch {
	case strings.HasSuffix(path, ".xlsx"):
		return true
	case method != fiber.MethodPost:
		return false
	case strings.HasPrefix(path, v1+"/imports/"), path == "/console/imports", strings.HasSuffix(path, "/schedule"):
		return true
	}
	return false
}

// deadlinePassed reports whether a request failed because its database
// deadline passed; the error handler then answers 503 unavailable.
func deadlinePassed(c *fiber.Ctx, err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(c.UserContext().Err(), context.DeadlineExceeded)
}
