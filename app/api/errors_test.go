package api_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// errorShape checks the contract's error envelope: error.code, .message
// and .fields (an object, empty when no field is named).
func errorShape(r response) string {
	var body struct {
		Error *struct {
			Code    *string            `json:"code"`
			Message *string            `json:"message"`
			Fields  *map[string]string `json:"fields"`
		} `json:"error"`
	}
	switch {
	case json.Unmarshal(r.Body, &body) != nil || body.Error == nil:
		return "no error object"
	case body.Error.Code == nil || *body.Error.Code == "":
		return "no error.code"
	case body.Error.Message == nil:
		return "no error.message"
	case body.Error.Fields == nil:
		return "no error.fields object"
	}
	return ""
}

func TestErrors_ShapeAlwaysHasFields(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		for _, r := range []response{
			h.do("GET", "/api/v1/nowhere", "", nil),
			h.do("GET", "/api/v1/events/abc", "", nil),
			h.do("GET", "/api/v1/me", "not-a-token", nil),
			h.do("POST", "/api/v1/events", h.org, "{"),
			h.do("POST", "/api/v1/events", h.org, map[string]any{"title": 1}),
			h.do("POST", "/api/v1/imports/enterprises", h.admin, "name,credit_code\nx,1\n", "Content-Type", "text/csv"),
		} {
			if r.Status < 400 {
				t.Fatalf("not an error: %d %s", r.Status, r.Body)
			}
			if msg := errorShape(r); msg != "" {
				t.Errorf("%d %s: %s", r.Status, r.Body, msg)
			}
		}
	})
}

func TestErrors_MethodNotAllowed(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		for _, c := range []struct{ method, path, allow string }{
			{"DELETE", "/api/v1/zones", "GET"},
			{"PUT", "/api/v1/events/1", "GET, PATCH"},
			{"POST", "/healthz", "GET"},
			{"GET", "/api/v1/imports/enterprises", "POST"},
		} {
			r := h.do(c.method, c.path, h.admin, nil)
			if r.Status != 405 || r.ErrorCode() != "method_not_allowed" || errorShape(r) != "" {
				t.Errorf("%s %s: %d %s, want 405 method_not_allowed", c.method, c.path, r.Status, r.Body)
				continue
			}
			if got := r.Header.Get("Allow"); got != c.allow {
				t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
			}
		}
		if r := h.do("GET", "/api/v1/calendars/.ics", "", nil); r.Status != 404 {
			t.Errorf("an empty feed token is 404: %d %s", r.Status, r.Body)
		}
		if r := h.do("GET", "/api/v1/nowhere", "", nil); r.Status != 404 || r.Header.Get("Allow") != "" {
			t.Errorf("an unknown path is 404 without Allow: %d %v", r.Status, r.Header)
		}
		if r := h.do("GET", "/api/v1/events/999999", "", nil); r.Status != 404 {
			t.Errorf("a missing event stays 404: %d %s", r.Status, r.Body)
		}
	})
}

func TestOpenAPI_ListsErrorCodes(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		var doc struct {
			Components struct {
				Schemas map[string]json.RawMessage `json:"schemas"`
			} `json:"components"`
		}
		h.must(200, "GET", "/openapi.json", "", nil).Decode(t, &doc)
		errSchema := string(doc.Components.Schemas["Error"])
		for _, code := range []string{"bad_request", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict",
			"payload_too_large", "validation_failed", "too_many_requests", "internal", "unavailable"} {
			if !strings.Contains(errSchema, `"`+code+`"`) {
				t.Errorf("the Error schema does not list %s: %s", code, errSchema)
			}
		}
		if !strings.Contains(errSchema, `"required"`) {
			t.Errorf("the Error schema does not require its fields: %s", errSchema)
		}
	})
}
