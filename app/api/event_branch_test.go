package api_test

import (
	"testing"

	"roadshow/app"
)

// An event of a zone carries only the bank branch that covers the zone,
// unless an admin chose another; otherwise that branch's organizers would
// manage the event and read its applicants.
func TestEventAPI_Branch(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		if h.zone.BranchID == nil || h.other.BranchID == nil || *h.zone.BranchID == *h.other.BranchID {
			t.Fatalf("test zones need distinct covering branches: %v %v", h.zone.BranchID, h.other.BranchID)
		}
		own, foreign := *h.zone.BranchID, *h.other.BranchID
		t.Run("CoveringBranch", func(t *testing.T) {
			b := h.eventBody()
			b["branch_id"] = own
			m := h.must(201, "POST", "/api/v1/events", h.org, b).JSON()
			if m["branch_id"].(float64) != float64(own) {
				t.Fatalf("branch: %v", m["branch_id"])
			}
		})
		t.Run("ErrOtherBranchOnCreate", func(t *testing.T) {
			b := h.eventBody()
			b["branch_id"] = foreign
			r := h.do("POST", "/api/v1/events", h.org, b)
			if r.Status != 422 || r.FieldError("branch_id") == "" {
				t.Fatalf("foreign branch: %d %s", r.Status, r.Body)
			}
		})
		t.Run("ErrOtherBranchOnUpdate", func(t *testing.T) {
			id := h.createEvent()
			r := h.do("PATCH", path("/api/v1/events/%d", id), h.org, map[string]any{"branch_id": foreign})
			if r.Status != 422 || r.FieldError("branch_id") == "" {
				t.Fatalf("foreign branch: %d %s", r.Status, r.Body)
			}
			branchOrg := h.token(app.Token{Role: app.RoleOrganizer, BranchID: &foreign})
			if r := h.do("GET", path("/api/v1/events/%d/registrations", id), branchOrg, nil); r.Status != 403 && r.Status != 404 {
				t.Fatalf("the foreign branch reads the registrations: %d %s", r.Status, r.Body)
			}
		})
		t.Run("AdminChooses", func(t *testing.T) {
			b := h.eventBody()
			b["zone_id"] = h.zone.ID
			b["branch_id"] = foreign
			id := int64(h.must(201, "POST", "/api/v1/events", h.admin, b).JSON()["id"].(float64))
			// The zone's organizer still edits the event the admin set up.
			h.must(200, "PATCH", path("/api/v1/events/%d", id), h.org,
				map[string]any{"title": "改期后的对接会", "zone_id": h.zone.ID, "branch_id": foreign})
		})
	})
}
