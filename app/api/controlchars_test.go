package api_test

import "testing"

// TestControlCharacters: a name with an escape sequence, a contact name
// with a line break are refused with 422 naming the field; an event
// description keeps its line breaks.
func TestControlCharacters(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		body := h.enterpriseBody(1)
		body["name"] = "苏州示例\x1b[2J科技有限公司"
		body["contact"].(map[string]any)["name"] = "王\n敏"
		r := h.must(422, "POST", "/api/v1/enterprises", "", body)
		if r.ErrorCode() != "validation_failed" || r.FieldError("name") == "" || r.FieldError("contact.name") == "" {
			t.Fatalf("control characters in names: %s", r.Body)
		}
		ev := h.eventBody()
		ev["description"] = "上午：路演\r\n下午：对接\t（分组）"
		h.must(201, "POST", "/api/v1/events", h.org, ev)
		ev["description"] = "说明\x00"
		if r := h.must(422, "POST", "/api/v1/events", h.org, ev); r.FieldError("description") == "" {
			t.Fatalf("NUL in a description: %s", r.Body)
		}
	})
}
