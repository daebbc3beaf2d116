package api

import (
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// Request bodies are streamed (fiber.Config.StreamRequestBody): nothing
// is read before limitBody has decided how much a request may send. Every
// route takes at most Options.JSONLimit; the upload routes take up to
// Options.BodyLimit, and only from a caller their check authorizes before
// a byte of the body is read.

const localBodyRead = "api.bodyRead"

// upload is a route that accepts a large body from authorized callers.
type upload struct {
	pattern    string // a route pattern, as matchPath takes it
	authorized func(c *fiber.Ctx) bool
}

// AcceptUploads lets POSTs to the routes matching pattern (Fiber syntax)
// carry bodies up to Options.BodyLimit, from callers that authorized
// approves; it is asked before the body is read. The web console declares
// its upload form this way.
func (s *Server) AcceptUploads(pattern string, authorized func(c *fiber.Ctx) bool) {
	s.uploads = append(s.uploads, upload{pattern: pattern, authorized: authorized})
}

// uploadAt returns the upload route matching path, nil for a plain route.
func (s *Server) uploadAt(c *fiber.Ctx) *upload {
	if c.Method() != fiber.MethodPost {
		return nil
	}
	for i := range s.uploads {
		if matchPath(s.uploads[i].pattern, c.Path()) {
			return &s.uploads[i]
		}
	}
	return nil
}

// limitBody enforces the body limits and reads the body, bounded, so that
// c.Body() never holds more than the route's limit. A refused body is
// never read; its connection is closed after the answer.
func (s *Server) limitBody(c *fiber.Ctx) error {
	req := c.Request()
	if ce := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); ce != "" && !strings.EqualFold(ce, "identity") {
		return app.Errorf(app.EBADREQUEST, "compressed request bodies (Content-Encoding: %s) are not accepted", ce)
	}
	limit := s.opt.JSONLimit
	n := req.Header.ContentLength() // -1: chunked
	if up := s.uploadAt(c); up != nil && n != 0 {
		if !up.authorized(c) {
			return app.Errorf(app.EUNAUTHORIZED, "sign in (or send a bearer token) before uploading a file")
		}
		limit = s.opt.BodyLimit
	}
	if n > limit {
		return tooLarge(limit)
	}
	if stream := req.BodyStream(); stream != nil {
		body, err := io.ReadAll(io.LimitReader(stream, int64(limit)+1))
		if err != nil {
			return app.Errorf(app.EBADREQUEST, "reading the request body: %v", err)
		}
		if len(body) > limit {
			return tooLarge(limit)
		}
		req.SetBodyRaw(body)
	}
	c.Locals(localBodyRead, true)
	return c.Next()
}

func tooLarge(limit int) error {
	return app.Errorf(app.ETOOLARGE, "the request body is larger than %d bytes", limit)
}

// closeUnread closes the connection after answering a request whose body
// was not read: what is left of it must not be taken for the next request.
func closeUnread(c *fiber.Ctx) {
	if c.Locals(localBodyRead) == nil && c.Request().Header.ContentLength() != 0 {
		c.Context().SetConnectionClose()
	}
}
