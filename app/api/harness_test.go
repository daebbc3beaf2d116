package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/api"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/app/wire"
)

// harness is a server over a real store, with tokens for each role.
type harness struct {
	t     *testing.T
	srv   *api.Server
	store *store.Store
	admin string
	zone  *app.Zone // 苏州高新区
	other *app.Zone // a zone of another province
	org   string    // organizer of zone
	orgX  string    // organizer of other
}

const adminSecret = "test-admin-token-0123456789abcdef"

// storeOptions open the harness's stores: adminSecret is the bootstrap
// admin token.
var storeOptions = store.Options{AdminToken: adminSecret}

// each runs fn against a fresh server on every available database.
func each(t *testing.T, fn func(t *testing.T, h *harness)) {
	storetest.EachWith(t, storeOptions, func(t *testing.T, s *store.Store) {
		fn(t, newHarness(t, s))
	})
}

func newHarness(t *testing.T, s *store.Store) *harness {
	t.Helper()
	h := &harness{t: t, srv: newServerFor(s), store: s, admin: adminSecret}
	h.zone = h.findZone("苏州高新技术产业开发区")
	h.other = h.findZone("西安高新技术产业开发区")
	h.org = h.token(app.Token{Role: app.RoleOrganizer, ZoneID: &h.zone.ID})
	h.orgX = h.token(app.Token{Role: app.RoleOrganizer, ZoneID: &h.other.ID})
	return h
}

func newServerFor(s *store.Store) *api.Server {
	var log *slog.Logger
	if os.Getenv("ROADSHOW_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return api.New(services(s), api.Options{JSONLimit: 64 << 10, BodyLimit: 1 << 20, DB: s.DB(), Logger: log})
}

func services(s *store.Store) api.Services {
	return wire.Services(s)
}

func (h *harness) findZone(name string) *app.Zone {
	list, err := h.store.FindZones(context.Background(), app.ZoneFilter{Q: name, Page: app.Page{Limit: 1}})
	if err != nil || len(list.Items) != 1 {
		h.t.Fatalf("zone %s: %v", name, err)
	}
	return list.Items[0]
}

func (h *harness) token(t app.Token) string {
	h.t.Helper()
	secret, err := h.store.CreateToken(app.NewContextWithPrincipal(context.Background(), app.SystemPrincipal), &t)
	if err != nil {
		h.t.Fatalf("token: %v", err)
	}
	return secret
}

// response is a decoded reply.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a map.
func (r response) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// Decode decodes the body into v.
func (r response) Decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// ErrorCode returns error.code of an error body.
func (r response) ErrorCode() string {
	e, _ := r.JSON()["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

// FieldError returns error.fields[name] of an error body.
func (r response) FieldError(name string) string {
	e, _ := r.JSON()["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	msg, _ := f[name].(string)
	return msg
}

// do sends a request; body may be nil, a string (sent raw) or a value sent
// as JSON.
func (h *harness) do(method, path, token string, body any, headers ...string) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := h.srv.App.Test(req, int((30 * time.Second).Milliseconds()))
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// must sends a request and fails the test unless the status matches.
func (h *harness) must(status int, method, path, token string, body any) response {
	h.t.Helper()
	r := h.do(method, path, token, body)
	if r.Status != status {
		h.t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.Status, status, r.Body)
	}
	return r
}

// enterpriseBody is a valid registration body for enterprise number n.
func (h *harness) enterpriseBody(n uint64) map[string]any {
	return map[string]any{
		"name": "苏州测试科技有限公司" + string(rune('A'+n%26)), "credit_code": app.ExampleCreditCode(n), "zone_id": h.zone.ID,
		"sector": "new_generation_it", "subsector": "1.5", "stage": "growth", "labels": []string{"high_tech_enterprise", "tech_sme"},
		"innovation_points": 720,
		"need":              map[string]any{"amount_cny": 30_000_000, "instruments": []string{"loan", "equity"}, "purpose": "研发"},
		"contact":           map[string]any{"name": "王敏", "email": "wangmin@example.cn", "phone": "13800138000"},
	}
}

// registerEnterprise self-registers enterprise n and returns its id and token.
func (h *harness) registerEnterprise(n uint64) (int64, string) {
	h.t.Helper()
	r := h.must(201, "POST", "/api/v1/enterprises", "", h.enterpriseBody(n))
	var out struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	r.Decode(h.t, &out)
	return out.ID, out.Token
}

func investorBody(name string) map[string]any {
	return map[string]any{
		"name": name, "kind": "bank", "sectors": []string{}, "stages": []string{"growth", "mature"},
		"ticket_min_cny": 1_000_000, "ticket_max_cny": 50_000_000, "instruments": []string{"loan"}, "provinces": []string{"江苏省"},
		"contacts": []map[string]any{{"name": "李强", "email": "liqiang@bank.example.cn", "phone": "13900000001", "timezone": "Asia/Shanghai"}},
	}
}

// registerInvestor self-registers an investor and returns its id and token.
func (h *harness) registerInvestor(name string) (int64, string) {
	h.t.Helper()
	r := h.must(201, "POST", "/api/v1/investors", "", investorBody(name))
	var out struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	r.Decode(h.t, &out)
	return out.ID, out.Token
}

// eventBody is a matchmaking event next month in the harness zone.
func (h *harness) eventBody() map[string]any {
	start := time.Now().AddDate(0, 1, 0).Truncate(24 * time.Hour).Add(time.Hour)
	return map[string]any{"kind": "matchmaking", "title": "银企对接会", "venue": "科技城",
		"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(8 * time.Hour).Format(time.RFC3339)}
}

// createEvent creates and opens an event as the zone organizer.
func (h *harness) createEvent() int64 {
	h.t.Helper()
	r := h.must(201, "POST", "/api/v1/events", h.org, h.eventBody())
	id := int64(r.JSON()["id"].(float64))
	h.must(200, "PATCH", path("/api/v1/events/%d", id), h.org, map[string]any{"status": "open"})
	return id
}

// listen serves the harness on a real loopback port until the test ends and
// returns its base URL.
func (h *harness) listen() string {
	h.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatal(err)
	}
	go func() { _ = h.srv.App.Listener(ln) }()
	h.t.Cleanup(func() { _ = h.srv.App.Shutdown() })
	return "http://" + ln.Addr().String()
}
