package bench

import (
	"fmt"

	"roadshow/matching"
	"roadshow/matching/synth"
)

// Scored is one candidate pair: the other side's index and the pair's
// matching score (0–100).
type Scored struct {
	Index int32
	Score int16
}

// Population is what the generator needs from a matcher: the candidate
// pairs of every enterprise (investors scoring at least a threshold, in
// investor order) and the score of any single pair, used for requests
// that fall below the threshold.
type Population interface {
	// Size returns the numbers of enterprises and investors.
	Size() (enterprises, investors int)
	// Candidates returns, per enterprise, the investors scoring at least
	// threshold, ascending.
	Candidates(threshold int) ([][]Scored, error)
	// Score returns the matching score of enterprise e and investor i.
	Score(e, i int) int
}

// matcherPopulation is a synthetic population (matching/synth) scored by
// the matcher (matching) with default weights and no organizer rules.
type matcherPopulation struct {
	m    *matching.Matcher
	ents []matching.Enterprise
	invs []matching.Investor
}

// newMatcherPopulation generates ne enterprises and ni investors from seed.
func newMatcherPopulation(ne, ni int, seed int64) (*matcherPopulation, error) {
	m, err := matching.NewMatcher(matching.Options{})
	if err != nil {
		return nil, fmt.Errorf("bench: matcher: %w", err)
	}
	pop := synth.Generate(synth.Options{Enterprises: ne, Investors: ni, Seed: seed})
	return &matcherPopulation{m: m, ents: pop.Enterprises, invs: pop.Investors}, nil
}

func (p *matcherPopulation) Size() (int, int) { return len(p.ents), len(p.invs) }

func (p *matcherPopulation) Candidates(threshold int) ([][]Scored, error) {
	cands, err := p.m.Candidates(p.ents, p.invs, threshold)
	if err != nil {
		return nil, fmt.Errorf("bench: candidates: %w", err)
	}
	ei := indexByID(len(p.ents), func(k int) int64 { return p.ents[k].ID })
	ii := indexByID(len(p.invs), func(k int) int64 { return p.invs[k].ID })
	counts := make([]int32, len(p.ents))
	for _, c := range cands {
		counts[ei[c.EnterpriseID]]++
	}
	backing := make([]Scored, 0, len(cands))
	rows := make([][]Scored, len(p.ents))
	for e, n := range counts {
		rows[e] = backing[len(backing) : len(backing) : len(backing)+int(n)]
		backing = backing[:len(backing)+int(n)]
	}
	for _, c := range cands {
		e := ei[c.EnterpriseID]
		rows[e] = append(rows[e], Scored{Index: int32(ii[c.InvestorID]), Score: int16(c.Score)})
	}
	return rows, nil
}

func (p *matcherPopulation) Score(e, i int) int {
	return p.m.ScoreInvestor(p.ents[e], p.invs[i]).Score
}

// indexByID maps ids to positions.
func indexByID(n int, id func(k int) int64) map[int64]int {
	out := make(map[int64]int, n)
	for k := range n {
		out[id(k)] = k
	}
	return out
}
