package api

import (
	"errors"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// statusOf maps app error codes to HTTP statuses.
var statusOf = map[string]int{
	app.EBADREQUEST:   fiber.StatusBadRequest,
	app.EUNAUTHORIZED: fiber.StatusUnauthorized,
	app.EFORBIDDEN:    fiber.StatusForbidden,
	app.ENOTFOUND:     fiber.StatusNotFound,
	app.EMETHOD:       fiber.StatusMethodNotAllowed,
	app.ECONFLICT:     fiber.StatusConflict,
	app.ETOOLARGE:     fiber.StatusRequestEntityTooLarge,
	app.EINVALID:      fiber.StatusUnprocessableEntity,
	app.ETOOMANY:      fiber.StatusTooManyRequests,
	app.EINTERNAL:     fiber.StatusInternalServerError,
	app.EUNAVAILABLE:  fiber.StatusServiceUnavailable,
}

// StatusOf returns the HTTP status of an app error code, 500 for an
// internal or unknown code. The web console answers with the same statuses.
func StatusOf(code string) int {
	if st, ok := statusOf[code]; ok {
		return st
	}
	return fiber.StatusInternalServerError
}

// codeOfStatus maps Fiber's own errors (unknown route, oversize body…) to
// app codes.
var codeOfStatus = map[int]string{
	fiber.StatusBadRequest:            app.EBADREQUEST,
	fiber.StatusUnauthorized:          app.EUNAUTHORIZED,
	fiber.StatusForbidden:             app.EFORBIDDEN,
	fiber.StatusNotFound:              app.ENOTFOUND,
	fiber.StatusMethodNotAllowed:      app.EMETHOD,
	fiber.StatusConflict:              app.ECONFLICT,
	fiber.StatusRequestEntityTooLarge: app.ETOOLARGE,
	fiber.StatusUnprocessableEntity:   app.EINVALID,
	fiber.StatusTooManyRequests:       app.ETOOMANY,
	fiber.StatusServiceUnavailable:    app.EUNAVAILABLE,
}

// errorBody is the contract's error envelope.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"` // never null: {} when no field is named
}

// newErrorDetail returns the envelope's content; fields is never nil.
func newErrorDetail(code, message string, fields map[string]string) errorDetail {
	if fields == nil {
		fields = map[string]string{}
	}
	return errorDetail{Code: code, Message: message, Fields: fields}
}

// ErrorCodes lists every error code the API answers with and its status,
// for the OpenAPI document.
func ErrorCodes() map[string]int { return maps.Clone(statusOf) }

// handleError is Fiber's single error handler: it writes the contract's
// error body and logs internal errors with the request id.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		err = s.routingError(c, fe)
	}
	body := errorBody{Error: newErrorDetail(app.ErrorCode(err), app.ErrorMessage(err), app.ErrorFields(err))}
	if body.Error.Code == app.EINTERNAL && deadlinePassed(c, err) {
		body.Error = newErrorDetail(app.EUNAVAILABLE, "the database did not answer in time", nil)
	}
	status := StatusOf(body.Error.Code)
	if status >= 500 && body.Error.Code != app.EUNAVAILABLE {
		s.log.Error("request failed", slog.String("request_id", requestIDOf(c)), slog.String("error", err.Error()))
		body.Error = newErrorDetail(app.EINTERNAL, "internal error", nil)
	}
	return c.Status(status).JSON(body)
}

// routingError turns Fiber's own errors into app errors. A path that no
// route serves is 404, a path served only with other methods 405 with an
// Allow header naming them.
func (s *Server) routingError(c *fiber.Ctx, fe *fiber.Error) error {
	if fe.Code == fiber.StatusNotFound || fe.Code == fiber.StatusMethodNotAllowed {
		allowed := s.allowedMethods(c.Path())
		if len(allowed) == 0 || slices.Contains(allowed, c.Method()) {
			return app.Errorf(app.ENOTFOUND, "no route %s", c.Path())
		}
		c.Set(fiber.HeaderAllow, strings.Join(allowed, ", "))
		return app.Errorf(app.EMETHOD, "%s is not allowed here; use %s", c.Method(), strings.Join(allowed, " or "))
	}
	code := codeOfStatus[fe.Code]
	if code == "" {
		code = app.EBADREQUEST
	}
	return &app.Error{Code: code, Message: fe.Message}
}

// allowedMethods lists, sorted, the methods of the API routes whose
// pattern matches path.
func (s *Server) allowedMethods(path string) []string {
	var out []string
	for _, rt := range s.routes {
		if matchPath(rt.Path, path) && !slices.Contains(out, rt.Method) {
			out = append(out, rt.Method)
		}
	}
	slices.Sort(out)
	return out
}

// matchPath reports whether a request path matches a Fiber route pattern
// of literal segments and parameters (:id, :token.ics).
func matchPath(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i, p := range ps {
		name, ok := strings.CutPrefix(p, ":")
		if !ok {
			if p != xs[i] {
				return false
			}
			continue
		}
		_, ext, _ := strings.Cut(name, ".")
		if xs[i] == "" || ext != "" && (len(xs[i]) <= len(ext)+1 || !strings.HasSuffix(xs[i], "."+ext)) {
			return false
		}
	}
	return true
}
