package api_test

import (
	"testing"
	"time"
)

func TestRegistrationAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		id := h.createEvent()
		entA, tokA := h.registerEnterprise(1)
		_, tokB := h.registerEnterprise(2)
		invID, tokInv := h.registerInvestor("测试银行")
		regs := path("/api/v1/events/%d/registrations", id)

		ra := h.must(201, "POST", regs, tokA, map[string]any{"role": "meeter"}).JSON()
		if ra["enterprise_id"].(float64) != float64(entA) || ra["status"] != "submitted" {
			t.Fatalf("registration: %v", ra)
		}
		h.must(201, "POST", regs, tokB, map[string]any{"role": "pitcher", "note": "8+7"})
		h.must(201, "POST", regs, tokInv, map[string]any{"role": "investor"})
		raPath := path("/api/v1/registrations/%d", int64(ra["id"].(float64)))

		t.Run("Validation", func(t *testing.T) {
			if r := h.do("POST", regs, tokInv, map[string]any{"role": "pitcher"}); r.Status != 422 && r.Status != 409 {
				t.Fatalf("investor as pitcher: %d %s", r.Status, r.Body)
			}
			ev := h.must(200, "GET", path("/api/v1/events/%d", id), "", nil).JSON()
			end, _ := time.Parse(time.RFC3339, ev["ends_at"].(string))
			outside := []map[string]any{{"from": end.Format(time.RFC3339), "to": end.Add(time.Hour).Format(time.RFC3339)}}
			if r := h.do("PATCH", raPath, tokA, map[string]any{"availability": outside}); r.Status != 422 || r.FieldError("availability[0]") == "" {
				t.Fatalf("availability outside the event: %d %s", r.Status, r.Body)
			}
		})
		t.Run("Duplicate", func(t *testing.T) {
			if r := h.do("POST", regs, tokA, map[string]any{"role": "meeter"}); r.Status != 409 {
				t.Fatalf("second registration: %d %s", r.Status, r.Body)
			}
		})
		t.Run("Scope", func(t *testing.T) {
			if r := h.do("POST", regs, tokB, map[string]any{"role": "meeter", "enterprise_id": entA}); r.Status != 403 {
				t.Fatalf("registering another enterprise: %d", r.Status)
			}
			own := h.must(200, "GET", regs, tokB, nil).JSON()["items"].([]any)
			if len(own) != 1 {
				t.Fatalf("enterprise sees %d registrations, want its own 1", len(own))
			}
			all := h.must(200, "GET", regs, h.org, nil).JSON()["items"].([]any)
			if len(all) != 3 {
				t.Fatalf("organizer sees %d registrations", len(all))
			}
			if r := h.do("GET", regs, h.orgX, nil); r.Status != 403 {
				t.Fatalf("other organizer lists: %d", r.Status)
			}
			if r := h.do("GET", raPath, tokB, nil); r.Status != 404 {
				t.Fatalf("another enterprise reads a registration: %d", r.Status)
			}
			if r := h.do("PATCH", raPath, tokA, map[string]any{"status": "approved"}); r.Status != 403 {
				t.Fatalf("self-approval: %d %s", r.Status, r.Body)
			}
			list := h.must(200, "GET", path("/api/v1/events/%d/registrations?investor_id=%d", id, invID), h.org, nil).JSON()["items"].([]any)
			if len(list) != 1 {
				t.Fatalf("investor filter: %d", len(list))
			}
		})
		t.Run("Lifecycle", func(t *testing.T) {
			m := h.must(200, "PATCH", raPath, h.org, map[string]any{"status": "approved"}).JSON()
			if m["status"] != "approved" {
				t.Fatalf("approve: %v", m)
			}
			ev := h.must(200, "GET", path("/api/v1/events/%d", id), "", nil).JSON()
			if ev["approved_count"].(float64) != 1 {
				t.Fatalf("approved_count %v", ev["approved_count"])
			}
			h.must(200, "PATCH", raPath, tokA, map[string]any{"status": "withdrawn"})
			if r := h.do("PATCH", raPath, h.org, map[string]any{"status": "approved"}); r.Status != 409 {
				t.Fatalf("approving a withdrawn registration: %d", r.Status)
			}
			ev = h.must(200, "GET", path("/api/v1/events/%d", id), "", nil).JSON()
			if ev["approved_count"].(float64) != 0 {
				t.Fatalf("approved_count after withdrawal %v", ev["approved_count"])
			}
		})
		t.Run("ClosedRegistration", func(t *testing.T) {
			_, tokC := h.registerEnterprise(3)
			h.must(200, "PATCH", path("/api/v1/events/%d", id), h.org, map[string]any{"status": "draft"})
			if r := h.do("POST", regs, tokC, map[string]any{"role": "meeter"}); r.Status != 404 && r.Status != 409 {
				t.Fatalf("registering for a draft: %d", r.Status)
			}
		})
	})
}
