package api

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// v1 is the base path of the versioned API.
const v1 = "/api/v1"

// Auth requirements of a route, for the OpenAPI document.
const (
	authNone     = "none"     // public
	authOptional = "optional" // public, more with a token
	authBearer   = "bearer"   // a bearer token is required
)

// route describes one endpoint for registration and for /openapi.json.
type route struct {
	Method  string
	Path    string // Fiber syntax: /api/v1/events/:id
	Summary string
	Tag     string
	Auth    string
	Body    any      // request body example type; nil for none
	Resp    any      // success response type; nil for none
	Status  int      // success status; 0 = 200
	Query   []string // query parameters
	Raw     string   // content type of a non-JSON response or body
	RawBody []string // content types of a non-JSON request body (uploads)

	// Enums lists the values a query parameter takes, when they are fixed.
	Enums map[string][]string
}

// add registers a handler and records its description.
func (s *Server) add(rt route, h fiber.Handler) {
	if rt.Status == 0 {
		rt.Status = fiber.StatusOK
	}
	if rt.Auth == "" {
		rt.Auth = authBearer
	}
	s.routes = append(s.routes, rt)
	s.App.Add(rt.Method, rt.Path, h)
}

// openAPIPath converts a Fiber path to OpenAPI syntax: :id → {id}, and
// :token.ics → {token}.ics.
func openAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		if strings.HasPrefix(part, ":") {
			name, rest, _ := strings.Cut(part[1:], ".")
			parts[i] = "{" + name + "}"
			if rest != "" {
				parts[i] += "." + rest
			}
		}
	}
	return strings.Join(parts, "/")
}

// pathParams lists the parameter names of a Fiber path.
func pathParams(p string) []string {
	var out []string
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ":") {
			name, _, _ := strings.Cut(part[1:], ".")
			out = append(out, name)
		}
	}
	return out
}
