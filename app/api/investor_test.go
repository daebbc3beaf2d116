package api_test

import "testing"

func TestInvestorAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		id, tok := h.registerInvestor("交通银行测试分行")
		_, tokEnt := h.registerEnterprise(1)
		p := path("/api/v1/investors/%d", id)
		t.Run("Validation", func(t *testing.T) {
			cases := map[string]func(b map[string]any){
				"kind":                 func(b map[string]any) { b["kind"] = "angel" },
				"ticket_max_cny":       func(b map[string]any) { b["ticket_max_cny"] = 10 },
				"ticket_min_cny":       func(b map[string]any) { b["ticket_min_cny"] = -1 },
				"provinces":            func(b map[string]any) { b["provinces"] = []string{"Jiangsu"} },
				"sectors":              func(b map[string]any) { b["sectors"] = []string{"oil"} },
				"contacts":             func(b map[string]any) { b["contacts"] = []any{} },
				"contacts[0].email":    func(b map[string]any) { b["contacts"].([]map[string]any)[0]["email"] = "x" },
				"contacts[0].timezone": func(b map[string]any) { b["contacts"].([]map[string]any)[0]["timezone"] = "Beijing" },
			}
			for field, edit := range cases {
				b := investorBody("某投资机构")
				edit(b)
				if r := h.do("POST", "/api/v1/investors", "", b); r.Status != 422 || r.FieldError(field) == "" {
					t.Errorf("%s: %d %s", field, r.Status, r.Body)
				}
			}
			if r := h.do("POST", "/api/v1/investors", "", investorBody("交通银行测试分行")); r.Status != 409 {
				t.Errorf("duplicate name: %d", r.Status)
			}
		})
		t.Run("Scope", func(t *testing.T) {
			if m := h.must(200, "GET", p, tokEnt, nil).JSON(); m["contacts"] != nil {
				t.Fatalf("contacts leaked to an enterprise: %v", m)
			}
			if m := h.must(200, "GET", p, tok, nil).JSON(); m["contacts"] == nil {
				t.Fatalf("own contacts missing: %v", m)
			}
			if r := h.do("PATCH", p, tokEnt, map[string]any{"name": "x"}); r.Status != 403 {
				t.Fatalf("enterprise edits investor: %d", r.Status)
			}
			if r := h.do("PATCH", p, h.org, map[string]any{"name": "x"}); r.Status != 403 {
				t.Fatalf("organizer edits investor: %d", r.Status)
			}
			h.must(200, "PATCH", p, tok, map[string]any{"ticket_max_cny": 80_000_000})
			list := h.must(200, "GET", "/api/v1/investors?kind=bank&province=江苏省&instrument=loan", tokEnt, nil).JSON()["items"].([]any)
			if len(list) != 1 {
				t.Fatalf("filtered investors: %d", len(list))
			}
		})
	})
}

func productBody(investorID int64) map[string]any {
	return map[string]any{"investor_id": investorID, "name": "交银火炬贷", "instrument": "loan", "amount_min_cny": 1_000_000,
		"amount_max_cny": 30_000_000, "sectors": []string{}, "stages": []string{"growth"}, "min_innovation_points": 600,
		"required_labels": []string{"high_tech_enterprise"}, "provinces": []string{"江苏省"}, "term_months": 36}
}

func TestProductAPI(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		invA, tokA := h.registerInvestor("甲银行")
		invB, tokB := h.registerInvestor("乙银行")
		_, tokEnt := h.registerEnterprise(1)
		prod := h.must(201, "POST", "/api/v1/products", tokA, productBody(invA)).JSON()
		p := path("/api/v1/products/%d", int64(prod["id"].(float64)))
		if r := h.do("POST", "/api/v1/products", tokB, productBody(invA)); r.Status != 403 {
			t.Fatalf("investor adds a product for another: %d", r.Status)
		}
		if r := h.do("POST", "/api/v1/products", tokEnt, productBody(invA)); r.Status != 403 {
			t.Fatalf("enterprise adds a product: %d", r.Status)
		}
		if r := h.do("POST", "/api/v1/products", tokA, productBody(invA)); r.Status != 409 {
			t.Fatalf("same name twice: %d", r.Status)
		}
		b := productBody(invB)
		b["amount_min_cny"] = 50_000_000
		if r := h.do("POST", "/api/v1/products", tokB, b); r.Status != 422 || r.FieldError("amount_max_cny") == "" {
			t.Fatalf("min > max: %d %s", r.Status, r.Body)
		}
		b = productBody(invB)
		b["required_labels"] = []string{"rich"}
		if r := h.do("POST", "/api/v1/products", tokB, b); r.Status != 422 || r.FieldError("required_labels") == "" {
			t.Fatalf("unknown label: %d %s", r.Status, r.Body)
		}
		h.must(200, "GET", p, tokEnt, nil)
		if r := h.do("GET", p, "", nil); r.Status != 401 {
			t.Fatalf("anonymous product read: %d", r.Status)
		}
		if r := h.do("PATCH", p, tokB, map[string]any{"term_months": 12}); r.Status != 403 {
			t.Fatalf("other investor edits: %d", r.Status)
		}
		if m := h.must(200, "PATCH", p, tokA, map[string]any{"term_months": 12}).JSON(); m["term_months"].(float64) != 12 {
			t.Fatalf("patch: %v", m)
		}
		if n := len(h.must(200, "GET", "/api/v1/products?instrument=loan&stage=growth", tokEnt, nil).JSON()["items"].([]any)); n != 1 {
			t.Fatalf("filtered products: %d", n)
		}
		h.must(204, "DELETE", p, tokA, nil)
		h.must(404, "GET", p, tokA, nil)
	})
}
