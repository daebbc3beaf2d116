package matching

import (
	"math/rand/v2"
	"testing"
)

// randomCodes draws up to n codes from names, sometimes an unknown one.
func randomCodes(r *rand.Rand, names []name, n int) []string {
	var out []string
	for range r.IntN(n + 1) {
		if r.IntN(20) == 0 {
			out = append(out, "unknown_code")
			continue
		}
		out = append(out, names[r.IntN(len(names))].code)
	}
	return out
}

func randomSectors(r *rand.Rand) []string {
	var out []string
	for range r.IntN(4) {
		if r.IntN(2) == 0 {
			out = append(out, subsectorNames[r.IntN(len(subsectorNames))].code)
		} else {
			out = append(out, sectorNames[r.IntN(len(sectorNames))].code)
		}
	}
	return out
}

func randomProvinces(r *rand.Rand, n int) []string {
	var out []string
	for range r.IntN(n + 1) {
		out = append(out, provinceNames[r.IntN(len(provinceNames))].zh)
	}
	return out
}

// randomAmount favours round amounts and the edges: 0, exact bounds.
func randomAmount(r *rand.Rand) int64 {
	switch r.IntN(6) {
	case 0:
		return 0
	case 1:
		return int64(r.IntN(20)) * 1_000_000
	}
	return r.Int64N(200_000_000)
}

func randomEnterprise(r *rand.Rand, id int64) Enterprise {
	e := Enterprise{
		ID: id, Stage: stageNames[r.IntN(len(stageNames))].code,
		Labels: randomCodes(r, labelNames[:], 4), InnovationPoints: r.IntN(1100) - 50,
		NeedAmount: randomAmount(r), Instruments: randomCodes(r, instrumentNames[:], 3),
	}
	sub := subsectorNames[r.IntN(len(subsectorNames))]
	e.Sector, e.Subsector = sectorNames[sub.sector].code, sub.code
	switch r.IntN(5) {
	case 0:
		e.Subsector = ""
	case 1:
		e.Sector = sectorNames[r.IntN(len(sectorNames))].code // subsector may now be of another sector
	}
	if p := randomProvinces(r, 1); len(p) > 0 {
		e.Province = p[0]
	}
	return e
}

func randomInvestor(r *rand.Rand, id int64) Investor {
	lo := randomAmount(r)
	return Investor{
		ID: id, Sectors: randomSectors(r), Stages: randomCodes(r, stageNames[:], 2),
		TicketMin: lo, TicketMax: lo + randomAmount(r), Instruments: randomCodes(r, instrumentNames[:], 2),
		Provinces: randomProvinces(r, 2),
	}
}

func randomProduct(r *rand.Rand, id int64) Product {
	lo := randomAmount(r)
	return Product{
		ID: id, Instrument: instrumentNames[r.IntN(len(instrumentNames))].code,
		AmountMin: lo, AmountMax: lo + randomAmount(r), Sectors: randomSectors(r),
		Stages: randomCodes(r, stageNames[:], 2), MinInnovationPoints: r.IntN(900),
		RequiredLabels: randomCodes(r, labelNames[:], 1), Provinces: randomProvinces(r, 2),
	}
}

// TestRandomPairs_PathsAgree checks, over random entities with edge
// values and unknown codes, that the row scorer equals the pair scorer,
// that explanations add up to the score within 0..100, and that the fast
// eligibility test equals the rules.
func TestRandomPairs_PathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 1))
	weights := []Weights{DefaultWeights(), {Sector: 100}, {Amount: 37, Stage: 13, Region: 25, Labels: 25}}
	for _, w := range weights {
		tb := newTable(w)
		pv := &provinces{}
		x := newRankTexts(pv)
		var invs, prods []offer
		for j := range 60 {
			inv, p := randomInvestor(r, int64(j)), randomProduct(r, int64(j))
			invs = append(invs, compileInvestor(&inv, &tb, pv))
			prods = append(prods, compileProduct(&p, &tb, pv))
		}
		cols := newColumns(invs)
		row := make([]int16, len(invs))
		for i := range 300 {
			raw := randomEnterprise(r, int64(i))
			e := compileEnterprise(&raw, &tb, pv)
			tb.scoreRow(&e, cols, row)
			for j := range invs {
				s := tb.score(&e, &invs[j])
				if int(row[j]) != s {
					t.Fatalf("row score %d, pair score %d for %+v / %+v", row[j], s, raw, invs[j])
				}
				checkExplained(t, x.reasons(&tb, &e, &invs[j], partyInvestor, nil), s)
			}
			for q := range prods {
				rules, ok := x.rules(&e, &prods[q], nil)
				if ok != eligible(&e, &prods[q]) || len(rules) != numRules {
					t.Fatalf("eligible %v, rules %+v", eligible(&e, &prods[q]), rules)
				}
				checkExplained(t, x.reasons(&tb, &e, &prods[q], partyProduct, nil), tb.score(&e, &prods[q]))
			}
		}
	}
}

func checkExplained(t *testing.T, reasons []Reason, score int) {
	t.Helper()
	sum := 0
	for _, rs := range reasons {
		sum += rs.Points
		if rs.TextZH == "" || rs.TextEN == "" || rs.Points < 0 {
			t.Fatalf("bad reason %+v", rs)
		}
	}
	if sum != score || score < 0 || score > 100 {
		t.Fatalf("reasons sum to %d, score %d", sum, score)
	}
}
