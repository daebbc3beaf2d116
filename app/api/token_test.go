package api_test

import (
	"testing"
)

// TestTokenRevoke_Cascade: revoking a token revokes the tokens it minted,
// transitively; an organizer revokes only its own token and the tokens it
// minted, never a sibling organizer's.
func TestTokenRevoke_Cascade(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		mint := func(by string) (int64, string) {
			var out struct {
				ID    int64  `json:"id"`
				Token string `json:"token"`
			}
			h.must(201, "POST", "/api/v1/tokens", by, map[string]any{"role": "organizer", "zone_id": h.zone.ID, "label": "分处"}).Decode(t, &out)
			return out.ID, out.Token
		}
		childID, child := mint(h.org)
		grandID, grand := mint(child)
		siblingID, sibling := mint(h.admin)
		if r := h.do("DELETE", path("/api/v1/tokens/%d", childID), sibling, nil); r.Status != 403 || r.ErrorCode() != "forbidden" {
			t.Fatalf("a sibling organizer revokes another's token: %d %s", r.Status, r.Body)
		}
		if r := h.do("DELETE", path("/api/v1/tokens/%d", siblingID), child, nil); r.Status != 403 {
			t.Fatalf("a token revokes a sibling: %d %s", r.Status, r.Body)
		}
		var list struct {
			Items []struct {
				ID       int64  `json:"id"`
				MintedBy *int64 `json:"minted_by"`
			} `json:"items"`
		}
		h.must(200, "GET", "/api/v1/tokens?limit=500", h.admin, nil).Decode(t, &list)
		for _, it := range list.Items {
			if it.ID == grandID && (it.MintedBy == nil || *it.MintedBy != childID) {
				t.Fatalf("token %d minted by %v, want %d", it.ID, it.MintedBy, childID)
			}
		}
		h.must(204, "DELETE", path("/api/v1/tokens/%d", childID), h.org, nil)
		for name, tok := range map[string]string{"the revoked token": child, "the token it minted": grand} {
			if r := h.do("GET", "/api/v1/me", tok, nil); r.Status != 401 {
				t.Fatalf("%s still works: %d %s", name, r.Status, r.Body)
			}
		}
		h.must(200, "GET", "/api/v1/me", h.org, nil)
		h.must(200, "GET", "/api/v1/me", sibling, nil)
	})
}
