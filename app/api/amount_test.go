package api_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
)

// Every amount a caller sends is bounded: 0 ≤ amount ≤ 10^12 yuan.
func TestAmountsBounded(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		const huge = int64(9_000_000_000_000_000_000)
		over := app.MaxAmountCNY + 1
		inv, tokInv := h.registerInvestor("交通银行")
		t.Run("ErrEnterpriseNeed", func(t *testing.T) {
			b := h.enterpriseBody(1)
			b["need"].(map[string]any)["amount_cny"] = huge
			if r := h.do("POST", "/api/v1/enterprises", "", b); r.Status != 422 || r.FieldError("need.amount_cny") == "" {
				t.Fatalf("need 9e18: %d %s", r.Status, r.Body)
			}
			b["need"].(map[string]any)["amount_cny"] = app.MaxAmountCNY
			h.must(201, "POST", "/api/v1/enterprises", "", b)
		})
		t.Run("ErrTicket", func(t *testing.T) {
			p := path("/api/v1/investors/%d", inv)
			if r := h.do("PATCH", p, tokInv, map[string]any{"ticket_max_cny": over}); r.Status != 422 || r.FieldError("ticket_max_cny") == "" {
				t.Fatalf("ticket max: %d %s", r.Status, r.Body)
			}
			if r := h.do("PATCH", p, tokInv, map[string]any{"ticket_min_cny": over, "ticket_max_cny": huge}); r.Status != 422 ||
				r.FieldError("ticket_min_cny") == "" {
				t.Fatalf("ticket min: %d %s", r.Status, r.Body)
			}
		})
		t.Run("ErrProduct", func(t *testing.T) {
			b := productBody(inv)
			b["amount_max_cny"] = huge
			if r := h.do("POST", "/api/v1/products", tokInv, b); r.Status != 422 || r.FieldError("amount_max_cny") == "" {
				t.Fatalf("product: %d %s", r.Status, r.Body)
			}
		})
		t.Run("ErrDeal", func(t *testing.T) {
			ent, _ := h.registerEnterprise(2)
			body := map[string]any{"enterprise_id": ent, "investor_id": inv, "instrument": "loan", "amount_cny": huge, "date": "2025-05-08"}
			if r := h.do("POST", "/api/v1/deals", tokInv, body); r.Status != 422 || r.FieldError("amount_cny") == "" {
				t.Fatalf("deal: %d %s", r.Status, r.Body)
			}
			body["amount_cny"] = 1_000_000
			id := int64(h.must(201, "POST", "/api/v1/deals", h.admin, body).JSON()["id"].(float64))
			if r := h.do("PATCH", path("/api/v1/deals/%d", id), h.admin, map[string]any{"amount_cny": huge}); r.Status != 422 ||
				r.FieldError("amount_cny") == "" {
				t.Fatalf("deal update: %d %s", r.Status, r.Body)
			}
		})
	})
}

// Rows stored before the bound (or written around the API) cannot break
// the campaign's sums: progress, its workbook and the deals workbook
// still answer.
func TestProgressAPI_LegacyHugeAmounts(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		h.at("2025-05-01")
		inv, _ := h.registerInvestor("交通银行")
		for n := uint64(1); n <= 2; n++ {
			h.deal(h.zoneEnterprise(n, h.zone.ID), inv, 1_000_000, "2025-05-08", app.DealDisbursed)
		}
		const huge = int64(9_000_000_000_000_000_000)
		if _, err := h.store.DB().Exec("UPDATE deals SET amount_cny = ?", huge); err != nil {
			t.Fatal(err)
		}
		h.at("2025-06-10")
		var p progressJSON
		h.must(200, "GET", "/api/v1/campaign/progress", h.admin, nil).Decode(t, &p)
		if p.National.DealsCount != 2 || p.National.DealsAmountCNY <= 0 {
			t.Fatalf("national: %+v", p.National)
		}
		h.must(200, "GET", "/api/v1/campaign/progress.xlsx", h.admin, nil)
		f, err := excelize.OpenReader(bytes.NewReader(h.must(200, "GET", "/api/v1/deals.xlsx", h.admin, nil).Body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
		for _, row := range rows {
			if len(row) > 9 && strings.HasPrefix(row[4], "落地合计") && strings.HasPrefix(row[9], "-") {
				t.Fatalf("landed total wrapped around: %v", row)
			}
		}
	})
}
