package api_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// hostileIDs replace every path parameter.
var hostileIDs = []string{"-1", "0", "99999999999999999999", "abc", "%00", "1.5", "%2e%2e", strings.Repeat("9", 400)}

// hostileValues are put in every field of a JSON body and every query
// parameter.
var hostileValues = []any{
	-1, 0, 1e300, json.Number("99999999999999999999999"), -9223372036854775808, "", "\x00\x01\u202e", strings.Repeat("长", 5000),
	true, []any{}, map[string]any{}, []any{nil, 1, "x"}, nil, "2025-13-45T99:99:99Z", "0001-01-01T00:00:00Z",
}

// hostileBodies are sent whole.
var hostileBodies = []string{
	"{", "[]", `"x"`, "null", "1e999", `{"id":"x"}`, `{"a":1}{"b":2}`, "\xff\xfe\x00",
	strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
	`{"x":` + strings.Repeat(`{"x":`, 5000) + "1" + strings.Repeat("}", 5001),
	`{"name":"` + strings.Repeat("x", 2<<20) + `"}`,
}

type openAPIOp struct {
	Parameters []struct {
		Name string `json:"name"`
		In   string `json:"in"`
	} `json:"parameters"`
	RequestBody *struct {
		Content map[string]struct {
			Schema map[string]any `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
}

// TestHostileTraffic walks every route of /openapi.json with malformed ids,
// queries, bodies and tokens: no answer is a 5xx, every error has the
// contract's shape, /metrics still scrapes and the heap stays bounded.
func TestHostileTraffic(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		var doc struct {
			Paths      map[string]map[string]openAPIOp `json:"paths"`
			Components struct {
				Schemas map[string]map[string]any `json:"schemas"`
			} `json:"components"`
		}
		h.must(200, "GET", "/openapi.json", "", nil).Decode(t, &doc)
		_, ent := h.registerEnterprise(5)
		tokens := []string{"", h.admin, h.org, ent, "rs_forged", "\x00", strings.Repeat("t", 2000)}
		before := heapInUse()
		sent := 0
		for _, p := range sortedKeys(doc.Paths) {
			for _, method := range sortedKeys(doc.Paths[p]) {
				op := doc.Paths[p][method]
				for _, req := range hostileRequests(p, strings.ToUpper(method), op, doc.Components.Schemas, tokens) {
					r := h.do(req.method, req.path, req.token, req.body, req.headers...)
					sent++
					if r.Status >= 500 {
						t.Errorf("%s %.120s (token %.10q, body %.80s): %d %.300s", req.method, req.path, req.token, req.body, r.Status, r.Body)
					} else if r.Status >= 400 && errorShape(r) != "" {
						t.Errorf("%s %.120s: %d without the error shape (%s): %.300s", req.method, req.path, r.Status, errorShape(r), r.Body)
					}
				}
			}
		}
		for _, labels := range h.scrape()["roadshow_http_requests_total"] {
			if !strings.Contains("GET POST PUT PATCH DELETE", labels["method"]) {
				t.Errorf("metrics carry method %q", labels["method"])
			}
		}
		grown := heapInUse() - before
		if grown > 128<<20 {
			t.Errorf("the heap grew by %d MiB over %d requests", grown>>20, sent)
		}
		t.Logf("%d hostile requests; heap in use grew by %d KiB", sent, grown>>10)
	})
}

// hostileRequest is one request of the walk.
type hostileRequest struct {
	method, path, token string
	body                any
	headers             []string
}

func hostileRequests(p, method string, op openAPIOp, schemas map[string]map[string]any, tokens []string) []hostileRequest {
	var out []hostileRequest
	withIDs := func(id string) string {
		parts := strings.Split(p, "/")
		for i, s := range parts {
			if strings.HasPrefix(s, "{") {
				_, ext, _ := strings.Cut(s, "}")
				parts[i] = id + ext
			}
		}
		return strings.Join(parts, "/")
	}
	hasBody := op.RequestBody != nil
	body := func(b any) any {
		if !hasBody && method == "GET" {
			return nil
		}
		return b
	}
	for _, id := range hostileIDs {
		out = append(out, hostileRequest{method: method, path: withIDs(id), token: tokens[1], body: body("{}")})
	}
	for _, tok := range tokens {
		out = append(out, hostileRequest{method: method, path: withIDs("1"), token: tok, body: body("{}")})
	}
	for i, v := range hostileValues {
		q := url.Values{}
		for _, prm := range op.Parameters {
			if prm.In == "query" {
				q.Set(prm.Name, truncate(fmt.Sprint(v), 60)) // the request line must fit the server's header buffer
			}
		}
		path := withIDs("1")
		if len(q) > 0 {
			path += "?" + q.Encode()
		}
		tok := tokens[1+i%3]
		out = append(out, hostileRequest{method: method, path: path, token: tok, body: body(schemaBody(op, schemas, v))})
	}
	if hasBody || method != "GET" {
		for i, b := range hostileBodies {
			out = append(out, hostileRequest{method: method, path: withIDs("1"), token: tokens[i%4], body: b})
		}
		out = append(out, hostileRequest{method: method, path: withIDs("1"), token: tokens[1], body: "{}",
			headers: []string{"Idempotency-Key", strings.Repeat("k", 300)}})
	}
	return out
}

// schemaBody fills every property of the operation's JSON body with v.
func schemaBody(op openAPIOp, schemas map[string]map[string]any, v any) any {
	if op.RequestBody == nil {
		return "{}"
	}
	schema := op.RequestBody.Content["application/json"].Schema
	if ref, ok := schema["$ref"].(string); ok {
		schema = schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
	}
	props, _ := schema["properties"].(map[string]any)
	if len(props) == 0 {
		return "{}"
	}
	body := map[string]any{}
	for name := range props {
		body[name] = v
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return "{}"
	}
	return string(raw)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}
