package api_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// matchFixture is an open event with approved enterprises and investors.
type matchFixture struct {
	event      int64
	ents       []int64
	entTokens  []string
	invs       []int64
	invTokens  []string
	productIDs []int64
}

func (h *harness) join(event int64, token, role string) {
	h.t.Helper()
	r := h.must(201, "POST", path("/api/v1/events/%d/registrations", event), token, map[string]any{"role": role}).JSON()
	h.must(200, "PATCH", path("/api/v1/registrations/%d", int64(r["id"].(float64))), h.org, map[string]any{"status": "approved"})
}

func newMatchFixture(h *harness, nEnt, nInv int) *matchFixture {
	f := &matchFixture{event: h.createEvent()}
	for i := range nEnt {
		id, tok := h.registerEnterprise(uint64(i + 1))
		h.join(f.event, tok, "meeter")
		f.ents, f.entTokens = append(f.ents, id), append(f.entTokens, tok)
	}
	for i := range nInv {
		id, tok := h.registerInvestor(fmt.Sprintf("测试投资机构%02d", i))
		h.join(f.event, tok, "investor")
		f.invs, f.invTokens = append(f.invs, id), append(f.invTokens, tok)
	}
	p := productBody(f.invs[0])
	p["min_innovation_points"] = 900 // closed to the fixture's enterprises (720 points)
	f.productIDs = append(f.productIDs, int64(h.must(201, "POST", "/api/v1/products", f.invTokens[0], p).JSON()["id"].(float64)))
	p = productBody(f.invs[0])
	p["name"], p["min_innovation_points"] = "科技贷", 0
	f.productIDs = append(f.productIDs, int64(h.must(201, "POST", "/api/v1/products", f.invTokens[0], p).JSON()["id"].(float64)))
	return f
}

type matchJSON struct {
	EnterpriseID int64 `json:"enterprise_id"`
	InvestorID   int64 `json:"investor_id"`
	Score        int   `json:"score"`
	Pinned       bool  `json:"pinned"`
	Reasons      []struct {
		Code   string `json:"code"`
		Points int    `json:"points"`
		TextZH string `json:"text_zh"`
		TextEN string `json:"text_en"`
	} `json:"reasons"`
}

func checkSums(t *testing.T, ms []matchJSON) {
	t.Helper()
	for _, m := range ms {
		sum := 0
		for _, r := range m.Reasons {
			sum += r.Points
			if r.TextZH == "" || r.TextEN == "" {
				t.Fatalf("reason without text: %+v", r)
			}
		}
		if sum != m.Score || m.Score < 0 || m.Score > 100 {
			t.Fatalf("reasons sum %d, score %d", sum, m.Score)
		}
	}
}

func TestMatchAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 3, 3)
		matches := path("/api/v1/events/%d/matches", f.event)
		var all struct{ Items []matchJSON }
		h.must(200, "GET", matches, h.org, nil).Decode(t, &all)
		if len(all.Items) != 9 {
			t.Fatalf("organizer sees %d matches, want 3×3", len(all.Items))
		}
		checkSums(t, all.Items)
		t.Run("EnterpriseSeesOwn", func(t *testing.T) {
			var own struct{ Items []matchJSON }
			h.must(200, "GET", matches, f.entTokens[0], nil).Decode(t, &own)
			for _, m := range own.Items {
				if m.EnterpriseID != f.ents[0] {
					t.Fatalf("enterprise sees another's match: %+v", m)
				}
			}
			if r := h.do("GET", matches+fmt.Sprintf("?enterprise_id=%d", f.ents[1]), f.entTokens[0], nil); r.Status != 403 {
				t.Fatalf("another enterprise's matches: %d", r.Status)
			}
			if r := h.do("GET", matches, h.orgX, nil); r.Status != 403 {
				t.Fatalf("organizer of another zone: %d", r.Status)
			}
		})
		t.Run("InvestorSeesNoNeed", func(t *testing.T) {
			r := h.must(200, "GET", matches, f.invTokens[1], nil)
			if strings.Contains(string(r.Body), "万") || strings.Contains(string(r.Body), "3,000") {
				t.Fatalf("an investor's view reveals the enterprise's financing need: %s", r.Body)
			}
			var own struct{ Items []matchJSON }
			r.Decode(t, &own)
			if len(own.Items) != 3 || own.Items[0].InvestorID != f.invs[1] {
				t.Fatalf("investor's matches: %+v", own.Items)
			}
		})
		t.Run("Recommendations", func(t *testing.T) {
			var rec struct {
				Investors []matchJSON
				Products  []struct {
					ProductID   int64 `json:"product_id"`
					Eligibility []struct{ Pass bool }
				}
				Ineligible []struct {
					ProductID   int64 `json:"product_id"`
					Eligibility []struct {
						Rule   string
						Pass   bool
						TextZH string `json:"text_zh"`
					}
				} `json:"ineligible_products"`
			}
			p := path("/api/v1/enterprises/%d/recommendations", f.ents[0])
			h.must(200, "GET", p, f.entTokens[0], nil).Decode(t, &rec)
			checkSums(t, rec.Investors)
			if len(rec.Products) != 1 || rec.Products[0].ProductID != f.productIDs[1] {
				t.Fatalf("eligible products: %+v", rec.Products)
			}
			if len(rec.Ineligible) != 1 || rec.Ineligible[0].ProductID != f.productIDs[0] {
				t.Fatalf("closed products: %+v", rec.Ineligible)
			}
			failing := ""
			for _, r := range rec.Ineligible[0].Eligibility {
				if !r.Pass {
					failing = r.Rule + ": " + r.TextZH
				}
			}
			if !strings.Contains(failing, "innovation_points") || !strings.Contains(failing, "900") {
				t.Fatalf("the closed product should say innovation points fall short of 900: %q", failing)
			}
			if r := h.do("GET", p, f.entTokens[1], nil); r.Status != 403 {
				t.Fatalf("another enterprise's recommendations: %d", r.Status)
			}
			h.must(200, "GET", p+fmt.Sprintf("?event_id=%d", f.event), h.org, nil)
			ip := path("/api/v1/investors/%d/recommendations", f.invs[0])
			h.must(200, "GET", ip, f.invTokens[0], nil)
			if r := h.do("GET", ip, f.entTokens[0], nil); r.Status != 403 {
				t.Fatalf("enterprise reads investor recommendations: %d", r.Status)
			}
			if r := h.do("GET", ip+"?limit=1000", f.invTokens[0], nil); r.Status != 422 {
				t.Fatalf("limit 1000: %d", r.Status)
			}
		})
		t.Run("PinnedAndForbidden", func(t *testing.T) {
			rules := path("/api/v1/events/%d/pair-rules", f.event)
			h.must(201, "POST", rules, h.org, map[string]any{"enterprise_id": f.ents[2], "investor_id": f.invs[2], "rule": "forbid"})
			h.must(201, "POST", rules, h.org, map[string]any{"enterprise_id": f.ents[1], "investor_id": f.invs[2], "rule": "pin"})
			if r := h.do("POST", rules, f.entTokens[0], map[string]any{"enterprise_id": f.ents[0], "investor_id": f.invs[0], "rule": "pin"}); r.Status != 403 {
				t.Fatalf("enterprise pins: %d", r.Status)
			}
			var got struct{ Items []matchJSON }
			h.must(200, "GET", matches+"?limit=1", h.org, nil).Decode(t, &got)
			pinned := false
			for _, m := range got.Items {
				if m.EnterpriseID == f.ents[2] && m.InvestorID == f.invs[2] {
					t.Fatalf("forbidden pair listed: %+v", m)
				}
				pinned = pinned || (m.EnterpriseID == f.ents[1] && m.InvestorID == f.invs[2] && m.Pinned)
			}
			if !pinned {
				t.Fatalf("pinned pair missing from a top-1 list: %+v", got.Items)
			}
		})
	})
}

func TestMeetingRequestAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 2, 3)
		reqs := path("/api/v1/events/%d/meeting-requests", f.event)
		r1 := h.must(201, "POST", reqs, f.entTokens[0], map[string]any{"investor_id": f.invs[0], "priority": 1, "note": "想谈设备租赁"}).JSON()
		if r1["from"] != "enterprise" || r1["status"] != "pending" || r1["enterprise_id"].(float64) != float64(f.ents[0]) {
			t.Fatalf("request: %v", r1)
		}
		rp := path("/api/v1/meeting-requests/%d", int64(r1["id"].(float64)))
		t.Run("Duplicate", func(t *testing.T) {
			if r := h.do("POST", reqs, f.entTokens[0], map[string]any{"investor_id": f.invs[0]}); r.Status != 409 {
				t.Fatalf("same pair twice: %d %s", r.Status, r.Body)
			}
			h.must(201, "POST", reqs, f.invTokens[0], map[string]any{"enterprise_id": f.ents[0]}) // the other direction: mutual
		})
		t.Run("Validation", func(t *testing.T) {
			if r := h.do("POST", reqs, f.entTokens[1], map[string]any{"investor_id": f.invs[0], "priority": 5}); r.Status != 422 || r.FieldError("priority") == "" {
				t.Fatalf("priority 5: %d %s", r.Status, r.Body)
			}
			outsider, _ := h.registerInvestor("未报名机构")
			if r := h.do("POST", reqs, f.entTokens[1], map[string]any{"investor_id": outsider}); r.Status != 409 {
				t.Fatalf("request to a non-registrant: %d %s", r.Status, r.Body)
			}
			if r := h.do("POST", reqs, f.entTokens[1], map[string]any{"investor_id": f.invs[1], "enterprise_id": f.ents[0]}); r.Status != 403 {
				t.Fatalf("requesting for another enterprise: %d", r.Status)
			}
		})
		t.Run("Answers", func(t *testing.T) {
			if r := h.do("POST", rp+"/accept", f.entTokens[0], nil); r.Status != 403 {
				t.Fatalf("sender accepts its own request: %d", r.Status)
			}
			if r := h.do("POST", rp+"/withdraw", f.invTokens[0], nil); r.Status != 403 {
				t.Fatalf("recipient withdraws: %d", r.Status)
			}
			if r := h.do("POST", rp+"/accept", f.invTokens[1], nil); r.Status != 404 {
				t.Fatalf("unrelated investor accepts: %d", r.Status)
			}
			if m := h.must(200, "POST", rp+"/accept", f.invTokens[0], nil).JSON(); m["status"] != "accepted" {
				t.Fatalf("accept: %v", m)
			}
			if r := h.do("POST", rp+"/decline", f.invTokens[0], nil); r.Status != 409 {
				t.Fatalf("answering twice: %d", r.Status)
			}
		})
		t.Run("Scope", func(t *testing.T) {
			if n := len(h.must(200, "GET", reqs, f.entTokens[1], nil).JSON()["items"].([]any)); n != 0 {
				t.Fatalf("enterprise B sees %d requests of others", n)
			}
			if n := len(h.must(200, "GET", reqs, h.org, nil).JSON()["items"].([]any)); n != 2 {
				t.Fatalf("organizer sees %d requests", n)
			}
			if r := h.do("GET", rp, f.entTokens[1], nil); r.Status != 404 {
				t.Fatalf("enterprise B reads A's request: %d", r.Status)
			}
		})
		t.Run("Forbidden", func(t *testing.T) {
			h.must(201, "POST", path("/api/v1/events/%d/pair-rules", f.event), h.org,
				map[string]any{"enterprise_id": f.ents[1], "investor_id": f.invs[2], "rule": "forbid"})
			if r := h.do("POST", reqs, f.entTokens[1], map[string]any{"investor_id": f.invs[2]}); r.Status != 409 {
				t.Fatalf("forbidden pair: %d %s", r.Status, r.Body)
			}
		})
	})
}

// TestMeetingRequestAPI_Cap sends concurrent requests from one enterprise
// with a cap of two: exactly two succeed, the rest get 429.
func TestMeetingRequestAPI_Cap(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newMatchFixture(h, 1, 6)
		h.must(200, "PATCH", path("/api/v1/events/%d", f.event), h.org,
			map[string]any{"settings": map[string]any{"requests": map[string]any{"max_open_per_enterprise": 2}}})
		reqs := path("/api/v1/events/%d/meeting-requests", f.event)
		statuses := make([]int, len(f.invs))
		var wg sync.WaitGroup
		for i, inv := range f.invs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.do("POST", reqs, f.entTokens[0], map[string]any{"investor_id": inv}).Status
			}()
		}
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		if count[201] != 2 || count[429] != len(f.invs)-2 {
			t.Fatalf("statuses %v, want two 201 and the rest 429", count)
		}
		r := h.do("POST", reqs, f.entTokens[0], map[string]any{"investor_id": f.invs[0]})
		if r.ErrorCode() != "too_many_requests" && r.Status != 409 {
			t.Fatalf("over the cap: %d %s", r.Status, r.Body)
		}
		bad := map[string]any{"settings": map[string]any{"matching": map[string]any{"weights": map[string]any{"sector": 50}}}}
		if r := h.do("PATCH", path("/api/v1/events/%d", f.event), h.org, bad); r.Status != 422 || r.FieldError("settings.matching.weights") == "" {
			t.Fatalf("weights not summing to 100: %d %s", r.Status, r.Body)
		}
	})
}
