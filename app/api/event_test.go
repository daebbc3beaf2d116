package api_test

import (
	"testing"
	"time"
)

func TestEventAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		_, tokEnt := h.registerEnterprise(1)
		t.Run("OK", func(t *testing.T) {
			m := h.must(201, "POST", "/api/v1/events", h.org, h.eventBody()).JSON()
			if m["status"] != "draft" || m["timezone"] != "Asia/Shanghai" || m["zone_id"].(float64) != float64(h.zone.ID) {
				t.Fatalf("created: %v", m)
			}
			meeting := m["meeting"].(map[string]any)
			if meeting["slot_minutes"].(float64) != 20 || m["pitch"].(map[string]any)["pitch_minutes"].(float64) != 8 {
				t.Fatalf("defaults: %v", m)
			}
		})
		t.Run("Auth", func(t *testing.T) {
			if r := h.do("POST", "/api/v1/events", "", h.eventBody()); r.Status != 401 {
				t.Fatalf("anonymous: %d", r.Status)
			}
			if r := h.do("POST", "/api/v1/events", tokEnt, h.eventBody()); r.Status != 403 {
				t.Fatalf("enterprise: %d", r.Status)
			}
			b := h.eventBody()
			b["zone_id"] = h.other.ID
			if r := h.do("POST", "/api/v1/events", h.org, b); r.Status != 403 {
				t.Fatalf("organizer of another zone: %d %s", r.Status, r.Body)
			}
		})
		t.Run("Validation", func(t *testing.T) {
			cases := map[string]func(b map[string]any){
				"ends_at":               func(b map[string]any) { b["ends_at"] = b["starts_at"] },
				"kind":                  func(b map[string]any) { b["kind"] = "gala" },
				"timezone":              func(b map[string]any) { b["timezone"] = "Asia/Nowhere" },
				"title":                 func(b map[string]any) { b["title"] = " " },
				"starts_at":             func(b map[string]any) { b["starts_at"] = "2025-05-20 09:00" },
				"meeting.tables":        func(b map[string]any) { b["meeting"] = map[string]any{"tables": -1, "slot_minutes": 20} },
				"capacity":              func(b map[string]any) { b["capacity"] = -3 },
				"registration_deadline": func(b map[string]any) { b["registration_deadline"] = "2099-01-01T00:00:00Z" },
			}
			for field, edit := range cases {
				b := h.eventBody()
				edit(b)
				r := h.do("POST", "/api/v1/events", h.org, b)
				if r.Status != 422 || r.FieldError(field) == "" {
					t.Errorf("%s: %d %s", field, r.Status, r.Body)
				}
			}
		})
		t.Run("Transitions", func(t *testing.T) {
			id := h.createEvent()
			p := path("/api/v1/events/%d", id)
			if r := h.do("PATCH", p, h.org, map[string]any{"status": "closed"}); r.Status != 409 || r.ErrorCode() != "conflict" {
				t.Fatalf("open → closed: %d %s", r.Status, r.Body)
			}
			if r := h.do("PATCH", p, h.org, map[string]any{"status": "partying"}); r.Status != 422 {
				t.Fatalf("unknown status: %d", r.Status)
			}
			if r := h.do("PATCH", p, h.orgX, map[string]any{"title": "x"}); r.Status != 403 {
				t.Fatalf("other organizer: %d", r.Status)
			}
			m := h.must(200, "POST", p+"/cancel", h.org, nil).JSON()
			if m["status"] != "cancelled" {
				t.Fatalf("cancel: %v", m)
			}
			if r := h.do("POST", p+"/cancel", h.org, nil); r.Status != 409 {
				t.Fatalf("cancel twice: %d", r.Status)
			}
			if r := h.do("PATCH", p, h.org, map[string]any{"status": "open"}); r.Status != 409 {
				t.Fatalf("reopen cancelled: %d", r.Status)
			}
		})
		t.Run("DraftsHidden", func(t *testing.T) {
			m := h.must(201, "POST", "/api/v1/events", h.org, h.eventBody()).JSON()
			p := path("/api/v1/events/%d", int64(m["id"].(float64)))
			for _, tok := range []string{"", tokEnt, h.orgX} {
				if r := h.do("GET", p, tok, nil); r.Status != 404 {
					t.Fatalf("draft visible to %q: %d", tok, r.Status)
				}
			}
			h.must(200, "GET", p, h.org, nil)
			list := h.must(200, "GET", "/api/v1/events?status=draft", "", nil).JSON()["items"].([]any)
			if len(list) != 0 {
				t.Fatalf("anonymous list shows drafts: %v", list)
			}
			list = h.must(200, "GET", "/api/v1/events?kind=matchmaking", "", nil).JSON()["items"].([]any)
			if len(list) == 0 {
				t.Fatal("public list empty")
			}
		})
	})
}

func TestSessionAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		id := h.createEvent()
		ev := h.must(200, "GET", path("/api/v1/events/%d", id), "", nil).JSON()
		start, _ := time.Parse(time.RFC3339, ev["starts_at"].(string))
		body := map[string]any{"title": "上午场", "starts_at": start.Format(time.RFC3339),
			"ends_at": start.Add(3 * time.Hour).Format(time.RFC3339), "room": "A", "sectors": []string{"biotech", "3.6"}}
		s := h.must(201, "POST", path("/api/v1/events/%d/sessions", id), h.org, body).JSON()
		sp := path("/api/v1/sessions/%d", int64(s["id"].(float64)))
		bad := map[string]any{"title": "夜场", "starts_at": start.Add(-time.Hour).Format(time.RFC3339), "ends_at": start.Format(time.RFC3339)}
		if r := h.do("POST", path("/api/v1/events/%d/sessions", id), h.org, bad); r.Status != 422 || r.FieldError("starts_at") == "" {
			t.Fatalf("session before the event: %d %s", r.Status, r.Body)
		}
		if r := h.do("PATCH", sp, h.org, map[string]any{"sectors": []string{"9.9"}}); r.Status != 422 || r.FieldError("sectors") == "" {
			t.Fatalf("bad sector: %d %s", r.Status, r.Body)
		}
		if r := h.do("PATCH", sp, h.orgX, map[string]any{"room": "B"}); r.Status != 403 {
			t.Fatalf("other organizer: %d", r.Status)
		}
		h.must(200, "PATCH", sp, h.org, map[string]any{"room": "B"})
		list := h.must(200, "GET", path("/api/v1/events/%d/sessions", id), "", nil).JSON()["items"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["room"] != "B" {
			t.Fatalf("sessions: %v", list)
		}
		moved := map[string]any{"starts_at": start.Add(4 * time.Hour).Format(time.RFC3339)}
		if r := h.do("PATCH", path("/api/v1/events/%d", id), h.org, moved); r.Status != 422 {
			t.Fatalf("moving the event away from its sessions: %d %s", r.Status, r.Body)
		}
		h.must(204, "DELETE", sp, h.org, nil)
	})
}
