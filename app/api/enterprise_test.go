package api_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func TestEnterpriseAPI_Create(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		t.Run("OK", func(t *testing.T) {
			id, tok := h.registerEnterprise(1)
			if id == 0 || len(tok) < 40 {
				t.Fatalf("id %d token %q", id, tok)
			}
			r := h.must(200, "GET", path("/api/v1/enterprises/%d", id), tok, nil)
			if r.JSON()["contact"] == nil || r.JSON()["need"] == nil {
				t.Fatalf("own profile lacks private fields: %s", r.Body)
			}
		})
		invalid := []struct {
			name, field string
			value       any
		}{
			{"ErrCreditCode", "credit_code", "91350100M000100Y44"},
			{"ErrCreditCodeLength", "credit_code", "9135"},
			{"ErrSector", "sector", "mining"},
			{"ErrSubsector", "subsector", "4.1"},
			{"ErrStage", "stage", "teenage"},
			{"ErrLabels", "labels", []string{"famous"}},
			{"ErrPoints", "innovation_points", 1200},
			{"ErrZone", "zone_id", 99999},
			{"ErrName", "name", ""},
		}
		for i, tt := range invalid {
			t.Run(tt.name, func(t *testing.T) {
				b := h.enterpriseBody(uint64(100 + i))
				b[tt.field] = tt.value
				r := h.do("POST", "/api/v1/enterprises", "", b)
				if r.Status != 422 || r.ErrorCode() != "validation_failed" || r.FieldError(tt.field) == "" {
					t.Fatalf("status %d, body %s; want 422 naming %s", r.Status, r.Body, tt.field)
				}
			})
		}
		nested := map[string]func(b map[string]any){
			"need.amount_cny":  func(b map[string]any) { b["need"].(map[string]any)["amount_cny"] = -5 },
			"need.instruments": func(b map[string]any) { b["need"].(map[string]any)["instruments"] = []string{"gold"} },
			"contact.email":    func(b map[string]any) { b["contact"].(map[string]any)["email"] = "not-an-email" },
			"contact.phone":    func(b map[string]any) { b["contact"].(map[string]any)["phone"] = "12345" },
		}
		for field, edit := range nested {
			t.Run("Err_"+field, func(t *testing.T) {
				b := h.enterpriseBody(200)
				edit(b)
				r := h.do("POST", "/api/v1/enterprises", "", b)
				if r.Status != 422 || r.FieldError(field) == "" {
					t.Fatalf("status %d, body %s; want 422 naming %s", r.Status, r.Body, field)
				}
			})
		}
		t.Run("ErrDuplicate", func(t *testing.T) {
			r := h.do("POST", "/api/v1/enterprises", "", h.enterpriseBody(1))
			if r.Status != 409 || r.FieldError("credit_code") == "" {
				t.Fatalf("duplicate: %d %s", r.Status, r.Body)
			}
		})
	})
}

func TestEnterpriseAPI_BadBodies(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		cases := []struct {
			name   string
			body   string
			status int
			code   string
			field  string
		}{
			{"Malformed", `{"name": `, 400, "bad_request", ""},
			{"NotAnObject", `[1,2]`, 400, "bad_request", ""},
			{"WrongType", `{"name": 5}`, 422, "validation_failed", "name"},
			{"WrongNestedType", `{"need": {"amount_cny": "many"}}`, 422, "validation_failed", "need.amount_cny"},
			{"UnknownField", `{"nmae": "x"}`, 422, "validation_failed", "nmae"},
			{"Empty", ``, 400, "bad_request", ""},
			{"Trailing", `{} {}`, 400, "bad_request", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := h.do("POST", "/api/v1/enterprises", "", c.body, "Content-Type", "application/json")
				if r.Status != c.status || r.ErrorCode() != c.code || (c.field != "" && r.FieldError(c.field) == "") {
					t.Fatalf("status %d body %s; want %d %s %s", r.Status, r.Body, c.status, c.code, c.field)
				}
			})
		}
		t.Run("TooLarge", func(t *testing.T) {
			big := fmt.Sprintf(`{"name": "%0200000d"}`, 1)
			r := h.do("POST", "/api/v1/enterprises", "", big)
			if r.Status != 413 || r.ErrorCode() != "payload_too_large" {
				t.Fatalf("status %d body %.200s", r.Status, r.Body)
			}
		})
		t.Run("BeyondServerLimit", func(t *testing.T) {
			// Announce a body beyond the server's limit and read the answer
			// after sending only its start (the server streams bodies and
			// looks at no more than their first 8 KiB before deciding): the
			// server refuses on the header alone.
			conn, err := net.Dial("tcp", strings.TrimPrefix(h.listen(), "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "POST /api/v1/enterprises HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", 2<<20)
			_, _ = conn.Write(make([]byte, 16<<10))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 413 {
				t.Fatalf("status %d", resp.StatusCode)
			}
		})
	})
}

func TestEnterpriseAPI_ConcurrentDuplicate(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		const n = 12
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.do("POST", "/api/v1/enterprises", "", h.enterpriseBody(7)).Status
			}()
		}
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		if count[201] != 1 || count[409] != n-1 {
			t.Fatalf("statuses %v: want one 201 and %d 409", count, n-1)
		}
	})
}

func TestEnterpriseAPI_Scope(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		a, tokA := h.registerEnterprise(1)
		b, tokB := h.registerEnterprise(2)
		_, tokInv := h.registerInvestor("某某银行")
		t.Run("Unauthenticated", func(t *testing.T) {
			for _, p := range []string{"/api/v1/enterprises", path("/api/v1/enterprises/%d", a)} {
				if r := h.do("GET", p, "", nil); r.Status != 401 || r.ErrorCode() != "unauthorized" {
					t.Fatalf("GET %s: %d %s", p, r.Status, r.Body)
				}
			}
			if r := h.do("GET", "/api/v1/enterprises", "nonsense", nil); r.Status != 401 {
				t.Fatalf("bad token: %d", r.Status)
			}
		})
		t.Run("OtherPartySeesPublicOnly", func(t *testing.T) {
			for _, tok := range []string{tokB, tokInv, h.orgX} {
				m := h.must(200, "GET", path("/api/v1/enterprises/%d", a), tok, nil).JSON()
				if m["contact"] != nil || m["need"] != nil || m["name"] == nil {
					t.Fatalf("private fields leaked: %v", m)
				}
			}
		})
		t.Run("ZoneOrganizerSeesPrivate", func(t *testing.T) {
			m := h.must(200, "GET", path("/api/v1/enterprises/%d", a), h.org, nil).JSON()
			if m["contact"] == nil {
				t.Fatalf("organizer of the zone should see the contact: %v", m)
			}
		})
		t.Run("Forbidden", func(t *testing.T) {
			for _, tok := range []string{tokB, tokInv, h.orgX} {
				r := h.do("PATCH", path("/api/v1/enterprises/%d", a), tok, map[string]any{"name": "改名"})
				if r.Status != 403 {
					t.Fatalf("PATCH by another party: %d %s", r.Status, r.Body)
				}
				if r := h.do("DELETE", path("/api/v1/enterprises/%d", a), tok, nil); r.Status != 403 {
					t.Fatalf("DELETE by another party: %d", r.Status)
				}
			}
			if r := h.do("POST", "/api/v1/enterprises", tokA, h.enterpriseBody(50)); r.Status != 403 {
				t.Fatalf("an enterprise registering another: %d", r.Status)
			}
		})
		t.Run("UpdateOwn", func(t *testing.T) {
			m := h.must(200, "PATCH", path("/api/v1/enterprises/%d", b), tokB, map[string]any{"stage": "mature", "innovation_points": 800}).JSON()
			if m["stage"] != "mature" || m["innovation_points"].(float64) != 800 {
				t.Fatalf("update: %v", m)
			}
			r := h.do("PATCH", path("/api/v1/enterprises/%d", b), tokB, map[string]any{"credit_code": "123"})
			if r.Status != 422 || r.FieldError("credit_code") == "" {
				t.Fatalf("bad update: %d %s", r.Status, r.Body)
			}
		})
		t.Run("DeleteOwn", func(t *testing.T) {
			h.must(204, "DELETE", path("/api/v1/enterprises/%d", b), tokB, nil)
			h.must(404, "GET", path("/api/v1/enterprises/%d", b), h.admin, nil)
			if r := h.do("GET", "/api/v1/me", tokB, nil); r.Status != 401 {
				t.Fatalf("token of a deleted enterprise still works: %d", r.Status)
			}
		})
	})
}

func TestEnterpriseAPI_Pagination(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		for i := uint64(1); i <= 7; i++ {
			h.registerEnterprise(i)
		}
		seen := map[float64]bool{}
		cursor := ""
		pages := 0
		for {
			r := h.must(200, "GET", "/api/v1/enterprises?limit=3&cursor="+cursor, h.admin, nil)
			var page struct {
				Items []struct {
					ID float64 `json:"id"`
				} `json:"items"`
				NextCursor string `json:"next_cursor"`
			}
			r.Decode(t, &page)
			pages++
			for _, it := range page.Items {
				if seen[it.ID] {
					t.Fatalf("id %v twice", it.ID)
				}
				seen[it.ID] = true
			}
			if page.NextCursor == "" {
				break
			}
			cursor = page.NextCursor
		}
		if len(seen) != 7 || pages != 3 {
			t.Fatalf("saw %d items in %d pages", len(seen), pages)
		}
		for _, q := range []string{"limit=0x", "limit=501", "cursor=garbage", "sector=mining", "zone_id=-1"} {
			if r := h.do("GET", "/api/v1/enterprises?"+q, h.admin, nil); r.Status != 422 {
				t.Fatalf("?%s: %d %s", q, r.Status, r.Body)
			}
		}
		r := h.must(200, "GET", "/api/v1/enterprises?sector=new_generation_it&stage=growth&label=tech_sme&zone_id="+fmt.Sprint(h.zone.ID), h.admin, nil)
		if n := len(r.JSON()["items"].([]any)); n != 7 {
			t.Fatalf("filtered list has %d items", n)
		}
		r = h.must(200, "GET", "/api/v1/enterprises?stage=seed", h.admin, nil)
		if n := len(r.JSON()["items"].([]any)); n != 0 {
			t.Fatalf("stage=seed returned %d", n)
		}
	})
}
