package api_test

import (
	"bytes"
	"strings"
	"testing"
)

// storedIdempotencyBodies returns every stored idempotent response.
func (h *harness) storedIdempotencyBodies() [][]byte {
	h.t.Helper()
	rows, err := h.store.DB().Query("SELECT body FROM idempotency_keys WHERE body IS NOT NULL")
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestIdempotency_NoSecretReplayed: a response that carries a secret (a
// registration's or a new token's) is neither stored nor replayed, to the
// same caller or another one; the retry is told the first request
// succeeded.
func TestIdempotency_NoSecretReplayed(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		body := h.enterpriseBody(81)
		first := h.do("POST", "/api/v1/enterprises", "", body, "Idempotency-Key", "reg-1")
		secret, _ := first.JSON()["token"].(string)
		if first.Status != 201 || secret == "" {
			t.Fatalf("registration: %d %s", first.Status, first.Body)
		}
		again := h.do("POST", "/api/v1/enterprises", "", body, "Idempotency-Key", "reg-1")
		if again.Status != 409 || bytes.Contains(again.Body, []byte(secret)) || errorShape(again) != "" {
			t.Fatalf("another anonymous client replaying reg-1: %d %s", again.Status, again.Body)
		}
		tok := h.do("POST", "/api/v1/tokens", h.admin, map[string]any{"role": "admin", "label": "ops"}, "Idempotency-Key", "tok-1")
		tokSecret, _ := tok.JSON()["token"].(string)
		if tok.Status != 201 || tokSecret == "" {
			t.Fatalf("token: %d %s", tok.Status, tok.Body)
		}
		retry := h.do("POST", "/api/v1/tokens", h.admin, map[string]any{"role": "admin", "label": "ops"}, "Idempotency-Key", "tok-1")
		if retry.Status != 409 || bytes.Contains(retry.Body, []byte(tokSecret)) {
			t.Fatalf("replayed token creation: %d %s", retry.Status, retry.Body)
		}
		for _, b := range h.storedIdempotencyBodies() {
			if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte(tokSecret)) {
				t.Fatalf("a stored response holds a secret: %s", b)
			}
		}
	})
}

// TestIdempotency_ScopeAndHash: keys belong to their caller; the request
// hash covers the method, the path, the query string and the body.
func TestIdempotency_ScopeAndHash(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ev := h.eventBody()
		a := h.do("POST", "/api/v1/events", h.org, ev, "Idempotency-Key", "ev-1")
		if a.Status != 201 {
			t.Fatalf("event: %d %s", a.Status, a.Body)
		}
		if r := h.do("POST", "/api/v1/events", h.org, ev, "Idempotency-Key", "ev-1"); r.Status != 201 ||
			r.Header.Get("Idempotent-Replayed") != "true" || string(r.Body) != string(a.Body) {
			t.Fatalf("the same caller's retry is a replay: %d %s", r.Status, r.Body)
		}
		b := h.do("POST", "/api/v1/events", h.orgX, ev, "Idempotency-Key", "ev-1")
		if b.Header.Get("Idempotent-Replayed") != "" || string(b.Body) == string(a.Body) {
			t.Fatalf("another organizer got the first one's response: %d %s", b.Status, b.Body)
		}
		csv := "name,credit_code\nx,91320500000000001W\n"
		imp := func(query string) response {
			return h.do("POST", "/api/v1/imports/enterprises"+query, h.admin, csv, "Content-Type", "text/csv", "Idempotency-Key", "imp-1")
		}
		if r := imp("?dry_run=true"); r.Status != 422 {
			t.Fatalf("import: %d %.200s", r.Status, r.Body)
		}
		if r := imp("?dry_run=false&keep_valid=true"); r.Status != 422 || r.Header.Get("Idempotent-Replayed") != "" ||
			!strings.Contains(r.FieldError("Idempotency-Key"), "different request") {
			t.Fatalf("the same key with another query string: %d %.300s", r.Status, r.Body)
		}
	})
}
