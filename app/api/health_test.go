package api_test

import (
	"strings"
	"testing"

	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

func TestHealth(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		h.must(200, "GET", "/healthz", "", nil)
		h.must(200, "GET", "/readyz", "", nil)
		r := h.must(200, "GET", "/metrics", "", nil)
		for _, want := range []string{"roadshow_http_requests_total", `route="/readyz"`, "go_sql_max_open_connections"} {
			if !strings.Contains(string(r.Body), want) {
				t.Fatalf("metrics lack %s", want)
			}
		}
		r = h.must(404, "GET", "/api/v1/nowhere", "", nil)
		if r.ErrorCode() != "not_found" {
			t.Fatalf("unknown route body: %s", r.Body)
		}
		if id := h.do("GET", "/healthz", "", nil, "X-Request-ID", "abc-123").Header.Get("X-Request-ID"); id != "abc-123" {
			t.Fatalf("request id not echoed: %q", id)
		}
	})
}

// TestReadyz_DatabaseDown stops the database under a running server: readyz
// answers 503 and API calls 503, then recover when a new pool is reachable.
func TestReadyz_DatabaseDown(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			s := storetest.MustOpenWith(t, d, storeOptions)
			h := newHarness(t, s)
			h.must(200, "GET", "/readyz", "", nil)
			s.Close()
			r := h.do("GET", "/readyz", "", nil)
			if r.Status != 503 || r.ErrorCode() != "unavailable" {
				t.Fatalf("readyz with the pool closed: %d %s", r.Status, r.Body)
			}
			if r := h.do("GET", "/api/v1/zones", "", nil); r.Status != 503 {
				t.Fatalf("zones with the pool closed: %d %s", r.Status, r.Body)
			}
		})
	}
}

// TestReadyz_DeadPort points a store at a port where nothing listens.
func TestReadyz_DeadPort(t *testing.T) {
	s, err := store.Open("mysql", "root@tcp(127.0.0.1:1)/roadshow?timeout=500ms", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := &harness{t: t, store: s}
	h.srv = newServerFor(s)
	if r := h.do("GET", "/readyz", "", nil); r.Status != 503 {
		t.Fatalf("readyz on a dead port: %d %s", r.Status, r.Body)
	}
	if r := h.do("GET", "/healthz", "", nil); r.Status != 200 {
		t.Fatalf("healthz must not depend on the database: %d", r.Status)
	}
}

func TestOpenAPI_CoversEveryRoute(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		var doc struct {
			OpenAPI string                    `json:"openapi"`
			Paths   map[string]map[string]any `json:"paths"`
		}
		h.must(200, "GET", "/openapi.json", "", nil).Decode(t, &doc)
		if !strings.HasPrefix(doc.OpenAPI, "3.0") {
			t.Fatalf("openapi %q", doc.OpenAPI)
		}
		n := 0
		for _, rt := range h.srv.App.GetRoutes(true) {
			if rt.Method == "HEAD" || rt.Method == "USE" {
				continue
			}
			n++
			p := openAPIPathOf(rt.Path)
			if _, ok := doc.Paths[p][strings.ToLower(rt.Method)]; !ok {
				t.Errorf("%s %s (%s) is not in /openapi.json", rt.Method, rt.Path, p)
			}
		}
		if n < 40 {
			t.Fatalf("only %d routes registered", n)
		}
	})
}

// openAPIPathOf converts :param segments independently of the server code.
func openAPIPathOf(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			name, ext, _ := strings.Cut(s[1:], ".")
			parts[i] = "{" + name + "}"
			if ext != "" {
				parts[i] += "." + ext
			}
		}
	}
	return strings.Join(parts, "/")
}

func TestIdempotencyKey(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		body := h.enterpriseBody(77)
		first := h.do("POST", "/api/v1/enterprises", "", body, "Idempotency-Key", "k-1")
		again := h.do("POST", "/api/v1/enterprises", "", body, "Idempotency-Key", "k-1")
		// The registration's response carries its token: a retry is told it
		// succeeded, never shown the token again.
		if first.Status != 201 || again.Status != 409 {
			t.Fatalf("retry: %d %s / %d %s", first.Status, first.Body, again.Status, again.Body)
		}
		if again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatal("replay not marked")
		}
		other := h.enterpriseBody(78)
		if r := h.do("POST", "/api/v1/enterprises", "", other, "Idempotency-Key", "k-1"); r.Status != 422 {
			t.Fatalf("same key, other body: %d %s", r.Status, r.Body)
		}
		if r := h.do("POST", "/api/v1/enterprises", "", body); r.Status != 409 {
			t.Fatalf("without the key the duplicate is a conflict: %d", r.Status)
		}
	})
}
