package api_test

import (
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

func TestCampaignAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		camp := h.must(200, "GET", "/api/v1/campaign", "", nil).JSON()
		if camp["contacts_due"] != "2025-03-15" || camp["ends_on"] != "2025-06-30" {
			t.Fatalf("seeded campaign: %v", camp)
		}
		_, tokEnt := h.registerEnterprise(1)
		body := map[string]any{"name": "陈晨", "title": "处长", "phone": "0512-68751234", "email": "chen@example.cn"}
		cp := path("/api/v1/zones/%d/contact", h.zone.ID)
		for tok, want := range map[string]int{"": 401, tokEnt: 403, h.orgX: 403} {
			if r := h.do("PUT", cp, tok, body); r.Status != want {
				t.Errorf("PUT contact as %q: %d, want %d", tok, r.Status, want)
			}
		}
		bad := map[string]any{"name": "陈晨", "phone": "12", "email": "chen"}
		if r := h.do("PUT", cp, h.org, bad); r.Status != 422 || r.FieldError("phone") == "" || r.FieldError("email") == "" {
			t.Fatalf("bad contact: %d %s", r.Status, r.Body)
		}
		m := h.must(200, "PUT", cp, h.org, body).JSON()
		if m["on_time"] != false || m["name"] != "陈晨" {
			t.Fatalf("contact submitted today is late for the 2025 campaign: %v", m)
		}
		body["name"] = "李强"
		h.must(200, "PUT", cp, h.org, body)
		got := h.must(200, "GET", cp, h.admin, nil).JSON()
		if got["name"] != "李强" {
			t.Fatalf("replaced contact: %v", got)
		}
		if r := h.do("GET", cp, h.orgX, nil); r.Status != 403 {
			t.Fatalf("other organizer reads contact: %d", r.Status)
		}
		branch := h.token(app.Token{Role: app.RoleOrganizer, BranchID: h.zone.BranchID})
		h.must(200, "PUT", path("/api/v1/branches/%d/contact", *h.zone.BranchID), branch, body)
		h.must(200, "GET", cp, branch, nil) // a branch covers its zones
		next := map[string]any{"name": "2026 五个一", "starts_on": "2026-03-01", "contacts_due": "2026-03-15", "ends_on": "2026-06-30"}
		if r := h.do("POST", "/api/v1/campaigns", h.org, next); r.Status != 403 {
			t.Fatalf("organizer creates a campaign: %d", r.Status)
		}
		next["ends_on"] = "2026-01-01"
		if r := h.do("POST", "/api/v1/campaigns", h.admin, next); r.Status != 422 || r.FieldError("ends_on") == "" {
			t.Fatalf("campaign ending early: %d %s", r.Status, r.Body)
		}
		next["ends_on"] = "2026-06-30"
		h.must(201, "POST", "/api/v1/campaigns", h.admin, next)
		if n := len(h.must(200, "GET", "/api/v1/campaigns", "", nil).JSON()["items"].([]any)); n != 2 {
			t.Fatalf("campaigns: %d", n)
		}
	})
}

func TestDealAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ent, tokEnt := h.registerEnterprise(1)
		_, tokOther := h.registerEnterprise(2)
		inv, tokInv := h.registerInvestor("甲银行")
		body := map[string]any{"enterprise_id": ent, "investor_id": inv, "instrument": "loan", "amount_cny": 5_000_000, "date": "2025-05-20"}
		d := h.must(201, "POST", "/api/v1/deals", tokInv, body).JSON()
		if d["status"] != "intent" || d["campaign_id"] == nil {
			t.Fatalf("deal: %v", d)
		}
		dp := path("/api/v1/deals/%d", int64(d["id"].(float64)))
		for field, v := range map[string]any{"amount_cny": 0, "date": "2025-13-01", "instrument": "barter"} {
			b := map[string]any{}
			for k, x := range body {
				b[k] = x
			}
			b[field] = v
			if r := h.do("POST", "/api/v1/deals", h.org, b); r.Status != 422 || r.FieldError(field) == "" {
				t.Errorf("%s: %d %s", field, r.Status, r.Body)
			}
		}
		if r := h.do("POST", "/api/v1/deals", tokOther, body); r.Status != 403 {
			t.Fatalf("unrelated enterprise records a deal: %d", r.Status)
		}
		if r := h.do("GET", dp, tokOther, nil); r.Status != 404 {
			t.Fatalf("unrelated enterprise reads a deal: %d", r.Status)
		}
		h.must(200, "GET", dp, h.org, nil)
		h.must(200, "PATCH", dp, tokEnt, map[string]any{"status": "approved"})
		h.must(200, "PATCH", dp, h.org, map[string]any{"status": "disbursed"})
		if r := h.do("PATCH", dp, tokInv, map[string]any{"status": "intent"}); r.Status != 409 {
			t.Fatalf("deal moving backwards: %d %s", r.Status, r.Body)
		}
		if n := len(h.must(200, "GET", "/api/v1/deals", tokOther, nil).JSON()["items"].([]any)); n != 0 {
			t.Fatalf("unrelated enterprise lists %d deals", n)
		}
		if n := len(h.must(200, "GET", "/api/v1/deals?status=disbursed", h.org, nil).JSON()["items"].([]any)); n != 1 {
			t.Fatalf("organizer lists %d deals", n)
		}
	})
}

func TestExperienceAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		body := map[string]any{"title": "两周放款机制", "body": "## 做法\n园区推荐、银行快审", "tags": []string{"银企对接"}}
		_, tokEnt := h.registerEnterprise(1)
		if r := h.do("POST", "/api/v1/experiences", tokEnt, body); r.Status != 403 {
			t.Fatalf("enterprise writes an experience: %d", r.Status)
		}
		x := h.must(201, "POST", "/api/v1/experiences", h.org, body).JSON()
		if x["zone_id"].(float64) != float64(h.zone.ID) {
			t.Fatalf("zone defaults to the organizer's: %v", x)
		}
		xp := path("/api/v1/experiences/%d", int64(x["id"].(float64)))
		if r := h.do("PATCH", xp, h.orgX, map[string]any{"title": "x"}); r.Status != 403 {
			t.Fatalf("other organizer edits: %d", r.Status)
		}
		if r := h.do("PATCH", xp, h.org, map[string]any{"event_ids": []int64{99999}}); r.Status != 422 {
			t.Fatalf("unknown event link: %d", r.Status)
		}
		if n := len(h.must(200, "GET", "/api/v1/experiences?q=快审", "", nil).JSON()["items"].([]any)); n != 1 {
			t.Fatalf("search found %d", n)
		}
		if n := len(h.must(200, "GET", "/api/v1/experiences?tag=路演", "", nil).JSON()["items"].([]any)); n != 0 {
			t.Fatalf("tag filter found %d", n)
		}
	})
}

func TestTokenAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		_, tokEnt := h.registerEnterprise(1)
		me := h.must(200, "GET", "/api/v1/me", h.org, nil).JSON()
		if me["role"] != "organizer" || me["zone_id"].(float64) != float64(h.zone.ID) {
			t.Fatalf("me: %v", me)
		}
		body := map[string]any{"role": "organizer", "zone_id": h.other.ID, "label": "西安同事"}
		if r := h.do("POST", "/api/v1/tokens", h.org, body); r.Status != 403 {
			t.Fatalf("organizer mints a token for another zone: %d", r.Status)
		}
		if r := h.do("POST", "/api/v1/tokens", h.admin, map[string]any{"role": "organizer"}); r.Status != 422 {
			t.Fatalf("organizer token without scope: %d", r.Status)
		}
		created := h.must(201, "POST", "/api/v1/tokens", h.admin, body).JSON()
		secret := created["token"].(string)
		h.must(200, "GET", "/api/v1/me", secret, nil)
		list := h.must(200, "GET", "/api/v1/tokens", h.admin, nil)
		if len(list.Body) == 0 || strings.Contains(string(list.Body), secret) {
			t.Fatal("token list must not reveal secrets")
		}
		if r := h.do("DELETE", path("/api/v1/tokens/%d", int64(created["id"].(float64))), tokEnt, nil); r.Status != 404 {
			t.Fatalf("enterprise revokes an organizer token: %d", r.Status)
		}
		h.must(204, "DELETE", path("/api/v1/tokens/%d", int64(created["id"].(float64))), h.admin, nil)
		if r := h.do("GET", "/api/v1/me", secret, nil); r.Status != 401 {
			t.Fatalf("revoked token: %d", r.Status)
		}
		exp := time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)
		old := h.must(201, "POST", "/api/v1/tokens", h.admin, map[string]any{"role": "admin", "expires_at": exp}).JSON()["token"].(string)
		if r := h.do("GET", "/api/v1/me", old, nil); r.Status != 401 {
			t.Fatalf("expired token: %d", r.Status)
		}
	})
}

func TestZoneAndBranchAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		zones := h.must(200, "GET", "/api/v1/zones?province=江苏省&limit=500", "", nil).JSON()["items"].([]any)
		if len(zones) != 18 {
			t.Fatalf("江苏省 has %d zones, want 18", len(zones))
		}
		h.must(200, "GET", path("/api/v1/zones/%d", h.zone.ID), "", nil)
		h.must(404, "GET", "/api/v1/zones/999999", "", nil)
		h.must(404, "GET", "/api/v1/zones/abc", "", nil)
		body := map[string]any{"name": "交通银行雄安分行", "province": "河北省", "city": "雄安新区"}
		if r := h.do("POST", "/api/v1/branches", h.org, body); r.Status != 403 {
			t.Fatalf("organizer adds a branch: %d", r.Status)
		}
		h.must(201, "POST", "/api/v1/branches", h.admin, body)
		if r := h.do("POST", "/api/v1/branches", h.admin, body); r.Status != 409 {
			t.Fatalf("duplicate branch: %d", r.Status)
		}
		body["province"] = "Hebei"
		body["name"] = "x"
		if r := h.do("POST", "/api/v1/branches", h.admin, body); r.Status != 422 || r.FieldError("province") == "" {
			t.Fatalf("bad province: %d %s", r.Status, r.Body)
		}
		v := h.must(200, "GET", "/api/v1/vocabulary", "", nil).JSON()
		if len(v["sectors"].([]any)) != 9 || len(v["instruments"].([]any)) != 8 {
			t.Fatalf("vocabulary: %v", v)
		}
	})
}
