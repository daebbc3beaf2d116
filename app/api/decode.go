package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// decode reads a JSON body into v strictly: within the JSON size limit, no
// unknown fields, no trailing data. Type errors name the field (422);
// malformed JSON is a 400. The body is read as JSON whatever the
// Content-Type (curl -d sends a form type), except multipart forms.
func (s *Server) decode(c *fiber.Ctx, v any) error {
	body := c.Body()
	if strings.HasPrefix(c.Get(fiber.HeaderContentType), "multipart/") {
		return app.Errorf(app.EBADREQUEST, "send JSON (Content-Type: application/json), not a multipart form")
	}
	if len(body) > s.opt.JSONLimit {
		return app.Errorf(app.ETOOLARGE, "JSON body larger than %d bytes", s.opt.JSONLimit)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return app.Errorf(app.EBADREQUEST, "a JSON request body is required")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(body, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return app.Errorf(app.EBADREQUEST, "unexpected data after the JSON object")
	}
	return nil
}

// decodeError turns encoding/json errors into app errors naming the field.
func decodeError(body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var perr *time.ParseError
	switch {
	case errors.As(err, &syn):
		return app.Errorf(app.EBADREQUEST, "malformed JSON at byte %d: %v", syn.Offset, syn)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return app.Errorf(app.EBADREQUEST, "malformed JSON: unexpected end of input")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return app.Errorf(app.EBADREQUEST, "the body must be a JSON %s", typ.Type.Kind())
		}
		return app.FieldError(field, "must be "+kindName(typ.Type.String()))
	case errors.As(err, &perr):
		return app.FieldError(fieldHolding(body, perr.Value), "must be an RFC 3339 time with offset, such as 2025-05-20T09:00:00+08:00")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return app.FieldError(name, "unknown field")
	}
	return app.Errorf(app.EBADREQUEST, "invalid JSON: %v", err)
}

func kindName(t string) string {
	switch {
	case strings.Contains(t, "int"):
		return "an integer"
	case strings.Contains(t, "float"):
		return "a number"
	case t == "string" || t == "*string":
		return "a string"
	case t == "bool" || t == "*bool":
		return "true or false"
	case strings.HasPrefix(t, "[]") || strings.HasPrefix(t, "*[]"):
		return "an array"
	case strings.Contains(t, "Time"):
		return "an RFC 3339 time"
	}
	return "an object"
}

// fieldHolding finds the dotted path of the JSON string value v in body,
// to name the field of a time that failed to parse.
func fieldHolding(body []byte, v string) string {
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return "body"
	}
	if p := findValue(doc, v, ""); p != "" {
		return p
	}
	return "body"
}

func findValue(doc any, v, prefix string) string {
	switch d := doc.(type) {
	case string:
		if d == v {
			return prefix
		}
	case map[string]any:
		for k, x := range d {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			if p := findValue(x, v, name); p != "" {
				return p
			}
		}
	case []any:
		for i, x := range d {
			if p := findValue(x, v, prefix+"["+strconv.Itoa(i)+"]"); p != "" {
				return p
			}
		}
	}
	return ""
}

// paramID reads a positive integer path parameter.
func paramID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.Errorf(app.ENOTFOUND, "%s must be a positive integer", name)
	}
	return id, nil
}

// queryInt reads an optional integer query parameter.
func queryInt(c *fiber.Ctx, name string) (int64, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, app.FieldError(name, "must be a non-negative integer")
	}
	return n, nil
}

// queryTime reads an optional RFC 3339 query parameter.
func queryTime(c *fiber.Ctx, name string) (*time.Time, error) {
	v := c.Query(name)
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, app.FieldError(name, "must be an RFC 3339 time")
	}
	return &t, nil
}

// queryEnum reads an optional query parameter restricted to allowed values.
func queryEnum(c *fiber.Ctx, name string, allowed []string) (string, error) {
	v := c.Query(name)
	if v == "" {
		return "", nil
	}
	for _, a := range allowed {
		if v == a {
			return strings.Clone(v), nil
		}
	}
	return "", app.FieldError(name, "must be one of: "+strings.Join(allowed, ", "))
}

// queryPage reads limit and cursor.
func queryPage(c *fiber.Ctx) (app.Page, error) {
	limit, err := queryInt(c, "limit")
	if err != nil {
		return app.Page{}, err
	}
	return app.NewPage(int(limit), c.Query("cursor"))
}

// queryInts reads several integer parameters into the given pointers,
// stopping at the first bad one.
func queryInts(c *fiber.Ctx, dst map[string]*int64) error {
	for name, p := range dst {
		v, err := queryInt(c, name)
		if err != nil {
			return err
		}
		*p = v
	}
	return nil
}

// queryText returns a copy of a query parameter (Fiber reuses its buffers).
func queryText(c *fiber.Ctx, name string) string { return strings.Clone(c.Query(name)) }
