package api_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"roadshow/app"
)

// An investor's view of enterprises derives nothing from their private
// fields: enterprises identical but for the financing need and the wanted
// instruments get byte-identical scores and reasons, whatever the
// investor's ticket range, instruments or provinces.
func TestRecommendationsAPI_InvestorSeesPublicFieldsOnly(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		inv, tokInv := h.registerInvestor("交通银行")
		needs := []map[string]any{
			{"amount_cny": 23_000_000, "instruments": []string{"loan"}, "purpose": "研发"},
			{"amount_cny": 900_000_000, "instruments": []string{"equity", "bond"}, "purpose": "研发"},
			{"amount_cny": 0, "instruments": []string{}, "purpose": "研发"},
		}
		var ents []int64
		var tokEnt string
		for i, need := range needs {
			b := h.enterpriseBody(uint64(i + 1))
			b["name"] = "苏州隐私测试科技有限公司" + string(rune('A'+i))
			b["need"] = need
			r := h.must(201, "POST", "/api/v1/enterprises", "", b)
			ents = append(ents, int64(r.JSON()["id"].(float64)))
			if i == 0 {
				tokEnt = r.JSON()["token"].(string)
			}
		}
		rnd := rand.New(rand.NewPCG(7, 37))
		instruments := [][]string{{"loan"}, {"equity"}, {"leasing"}, {}, {"loan", "equity"}}
		provinces := [][]string{{"江苏省"}, {"浙江省"}, {}}
		for round := range 40 {
			lo := rnd.Int64N(60) * 1_000_000
			hi := lo + rnd.Int64N(60)*1_000_000
			h.must(200, "PATCH", path("/api/v1/investors/%d", inv), tokInv, map[string]any{
				"ticket_min_cny": lo, "ticket_max_cny": hi,
				"instruments": instruments[rnd.IntN(len(instruments))], "provinces": provinces[rnd.IntN(len(provinces))]})
			var rec app.InvestorRecommendations
			h.must(200, "GET", path("/api/v1/investors/%d/recommendations", inv), tokInv, nil).Decode(t, &rec)
			views := map[int64]string{}
			for _, m := range rec.Enterprises {
				id := m.EnterpriseID
				m.EnterpriseID = 0
				raw, _ := json.Marshal(m)
				views[id] = string(raw)
				if strings.Contains(string(raw), "不在贵方投资区间内") {
					t.Fatalf("round %d: a statement about the need: %s", round, raw)
				}
			}
			if len(views) != len(ents) || views[ents[0]] != views[ents[1]] || views[ents[0]] != views[ents[2]] {
				t.Fatalf("round %d (range %d–%d): views differ:\n%s\n%s\n%s", round, lo, hi, views[ents[0]], views[ents[1]], views[ents[2]])
			}
		}
		// The enterprise itself still sees its need scored.
		r := h.must(200, "GET", path("/api/v1/enterprises/%d/recommendations", ents[0]), tokEnt, nil)
		if !strings.Contains(string(r.Body), "融资需求 ") {
			t.Fatalf("the enterprise's own view lost its need: %s", r.Body)
		}
	})
}
