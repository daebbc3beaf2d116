package bench

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"roadshow/scheduler"
)

// Threshold is the matching score from which a pair is a candidate.
const Threshold = 40

// tierSize returns the numbers of enterprises and investors of a tier.
func tierSize(tier string) (enterprises, investors int, err error) {
	switch tier {
	case "S":
		return 200, 30, nil
	case "M":
		return 2000, 300, nil
	case "L":
		return 10000, 1500, nil
	}
	return 0, 0, fmt.Errorf("bench: unknown tier %q (want S, M or L)", tier)
}

// Instance is a generated enterprise × investor event. Participants
// 0..Enterprises-1 are the enterprises, the rest the investors (hosts).
type Instance struct {
	Tier, Regime string
	Seed         int64
	Problem      scheduler.Problem
	Enterprises  int
	Investors    int
	// Per meeting, aligned with Problem.Meetings: requested by either
	// side, by both (mutual), with priority 1 on either side.
	Requested []bool
	Mutual    []bool
	Priority1 []bool
	// ScoreSeconds is the wall time of scoring every pair.
	ScoreSeconds float64
}

// request is one side's wish to meet the other: its priority, 1–3, or 0
// when that side did not ask.
type request struct{ fromEnterprise, fromInvestor int8 }

// Generate builds the event of a tier and regime from seed, over a
// synthetic population (matching/synth) scored by the matcher; see
// GenerateFrom.
func Generate(tier, regime string, seed int64) (*Instance, error) {
	ne, ni, err := tierSize(tier)
	if err != nil {
		return nil, err
	}
	pop, err := newMatcherPopulation(ne, ni, seed)
	if err != nil {
		return nil, err
	}
	in, err := GenerateFrom(pop, regime, seed)
	if err != nil {
		return nil, err
	}
	in.Tier = tier
	return in, nil
}

// GenerateFrom builds an event over pop, deterministic from seed:
// candidates are pairs scoring at least Threshold or requested; each
// enterprise requests 3–10 investors weighted toward good matches, an
// investor returns a request now and then (mutual) and makes a few of its
// own; a pair's weight is its score plus 30/20/10 per request of priority
// 1/2/3 on either side plus 20 when mutual. Caps are 2–6 for enterprises
// and 8–16 for investors, never above the slots a participant attends.
func GenerateFrom(pop Population, regime string, seed int64) (*Instance, error) {
	if !slices.Contains([]string{"R0", "R1", "R2", "R3"}, regime) {
		return nil, fmt.Errorf("bench: unknown regime %q (want R0–R3)", regime)
	}
	ne, ni := pop.Size()
	in := &Instance{Regime: regime, Seed: seed, Enterprises: ne, Investors: ni}
	t0 := time.Now()
	rows, err := pop.Candidates(Threshold)
	if err != nil {
		return nil, fmt.Errorf("bench: score: %w", err)
	}
	in.ScoreSeconds = time.Since(t0).Seconds()
	r := rand.New(rand.NewPCG(uint64(seed), salt("requests", "")))
	reqs := drawRequests(r, pop, rows)
	in.Problem = eventFrame(regime, ni)
	ra := rand.New(rand.NewPCG(uint64(seed), salt("availability", regime)))
	in.Problem.Participants = participants(ra, regime, in.Problem.Slots, ne, ni)
	in.addMeetings(pop, rows, reqs)
	return in, nil
}

// salt hashes names into a stream selector for the seeded generators, so
// that the population does not depend on the regime.
func salt(a, b string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(a + "/" + b))
	return h.Sum64()
}

// eventFrame returns the slots, sessions and tables of a regime.
func eventFrame(regime string, investors int) scheduler.Problem {
	p := scheduler.Problem{Objective: scheduler.MaxValue, Slots: 16, Tables: investors,
		Sessions: []scheduler.Session{{Name: "am", From: 1, To: 8}, {Name: "pm", From: 9, To: 16}}}
	switch regime {
	case "R2":
		p.Tables = max(1, investors/2)
	case "R3":
		p.Slots = 8
		p.Sessions = []scheduler.Session{{Name: "day", From: 1, To: 8}}
	}
	return p
}

// pairKey packs an enterprise and an investor index.
func pairKey(e, i int) uint64 { return uint64(e)<<32 | uint64(i) }

// drawRequests draws the requests of both sides: each enterprise asks
// 3–10 investors, mostly among its candidates weighted toward good
// matches; three requests in ten are returned by the investor (mutual);
// each investor asks 2–8 enterprises of its own the same way.
func drawRequests(r *rand.Rand, pop Population, rows [][]Scored) map[uint64]request {
	ne, ni := pop.Size()
	reqs := make(map[uint64]request, ne*8)
	var cum []float64
	for e, row := range rows {
		cum = cumulative(cum[:0], row)
		for k := 3 + r.IntN(8); k > 0; k-- {
			i := pick(r, row, cum, ni)
			q := reqs[pairKey(e, i)]
			if q.fromEnterprise != 0 {
				continue
			}
			q.fromEnterprise = priority(r)
			if r.IntN(10) < 3 {
				q.fromInvestor = priority(r)
			}
			reqs[pairKey(e, i)] = q
		}
	}
	for i, col := range columns(rows, ni) {
		cum = cumulative(cum[:0], col)
		for k := 2 + r.IntN(7); k > 0; k-- {
			e := pick(r, col, cum, ne)
			q := reqs[pairKey(e, i)]
			if q.fromInvestor == 0 {
				q.fromInvestor = priority(r)
				reqs[pairKey(e, i)] = q
			}
		}
	}
	return reqs
}

// columns transposes candidate rows: per investor, its enterprises.
func columns(rows [][]Scored, ni int) [][]Scored {
	cols := make([][]Scored, ni)
	for e, row := range rows {
		for _, c := range row {
			cols[c.Index] = append(cols[c.Index], Scored{Index: int32(e), Score: c.Score})
		}
	}
	return cols
}

// cumulative returns running sums of the request weights (score-30)² of a
// candidate list.
func cumulative(cum []float64, list []Scored) []float64 {
	total := 0.0
	for _, c := range list {
		d := float64(c.Score - 30)
		total += d * d
		cum = append(cum, total)
	}
	return cum
}

// pick draws the other side of a request: mostly from the candidate list
// weighted toward good matches, one time in eight anyone of the n.
func pick(r *rand.Rand, list []Scored, cum []float64, n int) int {
	if len(list) == 0 || r.IntN(8) == 0 {
		return r.IntN(n)
	}
	x := r.Float64() * cum[len(cum)-1]
	k := sort.SearchFloat64s(cum, x)
	return int(list[min(k, len(list)-1)].Index)
}

// priority draws a request priority: 1 (30 %), 2 (40 %) or 3 (30 %).
func priority(r *rand.Rand) int8 {
	switch x := r.IntN(10); {
	case x < 3:
		return 1
	case x < 7:
		return 2
	}
	return 3
}

// bonus is the weight a request of priority p adds.
func bonus(p int8) int64 {
	if p == 0 {
		return 0
	}
	return int64(40 - 10*p)
}

// mutualBonus is the weight added when both sides asked.
const mutualBonus = 20
