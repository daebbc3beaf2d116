package bench

import (
	"math/rand/v2"
)

// Scored is one candidate pair: an investor index and its matching score
// (0–100) for the enterprise whose row holds it.
type Scored struct {
	Investor int32
	Score    int16
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

// latentPopulation is a self-contained stand-in for the matcher: each
// enterprise has a sector, a stage, a region and a ticket size; each
// investor a set of sectors, a set of stages, a set of regions (or
// nationwide) and a ticket range. The score adds points per criterion met
// plus a small pair-specific term, which gives a realistic spread: about
// a third of all pairs reach 40.
type latentPopulation struct {
	ents []latentEnterprise
	invs []latentInvestor
	salt uint64
}

type latentEnterprise struct {
	sector, stage, region, ticket uint8
}

type latentInvestor struct {
	sectors, stages uint16 // bit sets
	regions         uint64 // bit set; 0 means nationwide
	ticketLo        uint8
	ticketHi        uint8
}

// newLatentPopulation draws ne enterprises and ni investors from r.
func newLatentPopulation(r *rand.Rand, ne, ni int) *latentPopulation {
	p := &latentPopulation{salt: r.Uint64()}
	for range ne {
		p.ents = append(p.ents, latentEnterprise{
			sector: uint8(skewed(r, 9)), stage: uint8(r.IntN(4)),
			region: uint8(skewed(r, 31)), ticket: uint8(r.IntN(8)),
		})
	}
	for range ni {
		inv := latentInvestor{sectors: randomSet(r, 9, 1+r.IntN(3)), stages: randomSet(r, 4, 1+r.IntN(3))}
		if r.IntN(10) < 6 {
			for range 1 + r.IntN(3) {
				inv.regions |= 1 << skewed(r, 31)
			}
		}
		inv.ticketLo = uint8(r.IntN(6))
		inv.ticketHi = inv.ticketLo + uint8(1+r.IntN(4))
		if r.IntN(14) == 0 {
			inv.sectors = 1<<9 - 1
		}
		p.invs = append(p.invs, inv)
	}
	return p
}

// skewed draws 0..n-1 with smaller values more likely (a few dominant
// sectors and provinces).
func skewed(r *rand.Rand, n int) int {
	return min(r.IntN(n), r.IntN(n))
}

// randomSet returns a bit set of k distinct values below n.
func randomSet(r *rand.Rand, n, k int) uint16 {
	var s uint16
	for _, v := range r.Perm(n)[:min(k, n)] {
		s |= 1 << v
	}
	return s
}

func (p *latentPopulation) Size() (int, int) { return len(p.ents), len(p.invs) }

func (p *latentPopulation) Candidates(threshold int) ([][]Scored, error) {
	rows := make([][]Scored, len(p.ents))
	for e := range p.ents {
		var row []Scored
		for i := range p.invs {
			if s := p.Score(e, i); s >= threshold {
				row = append(row, Scored{Investor: int32(i), Score: int16(s)})
			}
		}
		rows[e] = row
	}
	return rows, nil
}

func (p *latentPopulation) Score(e, i int) int {
	en, inv := &p.ents[e], &p.invs[i]
	s := 0
	if inv.sectors&(1<<en.sector) != 0 {
		s += 42
	}
	if inv.stages&(1<<en.stage) != 0 {
		s += 18
	}
	if inv.regions == 0 || inv.regions&(1<<en.region) != 0 {
		s += 12
	}
	if en.ticket >= inv.ticketLo && en.ticket <= inv.ticketHi {
		s += 10
	}
	return s + int(mix(p.salt, uint64(e)<<32|uint64(i))%10)
}

// mix is a stateless 64-bit hash (SplitMix64 finaliser) of a and b.
func mix(a, b uint64) uint64 {
	z := a ^ (b + 0x9e3779b97f4a7c15)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
