// Package instances generates scheduling problems for tests and
// benchmarks of package scheduler, deterministically from a seed:
// enterprise × investor matchmaking events in the tiers and regimes of
// SCHEDULING.md, general (non-bipartite) schedule-all brokerage events
// with a planted feasible timetable, and an exact solver for tiny
// instances to compare break counts against the optimum.
package instances

import (
	"fmt"
	"math/rand/v2"

	"roadshow/scheduler"
)

// Tier sizes an event: enterprises × investors.
type Tier struct {
	Name        string
	Enterprises int
	Investors   int
}

// The tiers of SCHEDULING.md.
var (
	TierS = Tier{"S", 200, 30}
	TierM = Tier{"M", 2000, 300}
	TierL = Tier{"L", 10000, 1500}
)

// Regime is how constrained an event is.
type Regime int

// Regimes of SCHEDULING.md.
const (
	// R0 has full availability and plentiful tables.
	R0 Regime = iota
	// R1 is standard: half the participants block a stretch, a few random
	// unavailable slots, some morning-only or afternoon-only.
	R1
	// R2 is stressed: everyone blocks a stretch, 30 % random
	// unavailability, tables for half the investors.
	R2
	// R3 is a short event of 8 slots.
	R3
)

// String names the regime ("R0".."R3").
func (r Regime) String() string { return fmt.Sprintf("R%d", int(r)) }

// Matchmaking generates an enterprise × investor max_value event. It is a
// stand-in shaped like the benchmark of SCHEDULING.md: enterprise caps
// 2–6, investor caps 8–16, candidate pairs from a sector-based score
// (score ≥ 40 or requested), weights = score + request and mutual bonuses.
// Investors are hosts.
func Matchmaking(tier Tier, regime Regime, seed uint64) scheduler.Problem {
	g := &mmGen{rng: rand.New(rand.NewPCG(seed, uint64(regime)+1)), tier: tier, regime: regime}
	g.frame()
	g.participants()
	g.meetings()
	return g.p
}

type mmGen struct {
	rng    *rand.Rand
	tier   Tier
	regime Regime
	p      scheduler.Problem
	eSec   []int   // enterprise sector
	iSecs  [][]int // investor sectors
}

const mmSectors = 12

func (g *mmGen) frame() {
	g.p.Objective = scheduler.MaxValue
	g.p.Slots = 16
	if g.regime == R3 {
		g.p.Slots = 8
	}
	half := g.p.Slots / 2
	g.p.Sessions = []scheduler.Session{{Name: "am", From: 1, To: half}, {Name: "pm", From: half + 1, To: g.p.Slots}}
	g.p.Tables = g.tier.Investors
	if g.regime == R2 {
		g.p.Tables = g.tier.Investors / 2
	}
}

func (g *mmGen) participants() {
	for e := 0; e < g.tier.Enterprises; e++ {
		g.eSec = append(g.eSec, g.rng.IntN(mmSectors))
		q := scheduler.Participant{ID: fmt.Sprintf("e%d", e+1), MaxMeetings: 2 + g.rng.IntN(5)}
		q.Unavailable = g.unavailable()
		g.p.Participants = append(g.p.Participants, q)
	}
	for i := 0; i < g.tier.Investors; i++ {
		n := 1 + g.rng.IntN(3)
		var secs []int
		for len(secs) < n {
			secs = append(secs, g.rng.IntN(mmSectors))
		}
		g.iSecs = append(g.iSecs, secs)
		q := scheduler.Participant{ID: fmt.Sprintf("i%d", i+1), MaxMeetings: 8 + g.rng.IntN(9), Host: true}
		q.Unavailable = g.unavailable()
		g.p.Participants = append(g.p.Participants, q)
	}
}

// unavailable draws a participant's blocked slots for the regime.
func (g *mmGen) unavailable() []int {
	T := g.p.Slots
	blocked := make([]bool, T+1)
	switch g.regime {
	case R1:
		if g.rng.IntN(2) == 0 {
			g.stretch(blocked, 2+g.rng.IntN(3))
		}
		if g.rng.IntN(5) == 0 {
			blocked[1+g.rng.IntN(T)] = true
		}
		if g.rng.IntN(10) == 0 {
			g.halfDay(blocked)
		}
	case R2:
		g.stretch(blocked, 2+g.rng.IntN(4))
		for s := 1; s <= T; s++ {
			if g.rng.Float64() < 0.3 {
				blocked[s] = true
			}
		}
	case R3:
		if g.rng.IntN(2) == 0 {
			g.stretch(blocked, 1+g.rng.IntN(2))
		}
	}
	var out []int
	for s := 1; s <= T; s++ {
		if blocked[s] {
			out = append(out, s)
		}
	}
	return out
}

func (g *mmGen) stretch(blocked []bool, n int) {
	T := g.p.Slots
	from := 1 + g.rng.IntN(T-n+1)
	for s := from; s < from+n; s++ {
		blocked[s] = true
	}
}

func (g *mmGen) halfDay(blocked []bool) {
	half := g.p.Slots / 2
	lo, hi := 1, half
	if g.rng.IntN(2) == 0 {
		lo, hi = half+1, g.p.Slots
	}
	for s := lo; s <= hi; s++ {
		blocked[s] = true
	}
}

// meetings draws the candidate pairs, requests and weights.
func (g *mmGen) meetings() {
	nI := g.tier.Investors
	for e := 0; e < g.tier.Enterprises; e++ {
		requests := 3 + g.rng.IntN(8)
		for k := 0; k < 40; k++ {
			i := g.rng.IntN(nI)
			score := g.score(e, i)
			prio := 0
			if requests > 0 && score >= 50 && g.rng.IntN(3) == 0 {
				prio = 1 + g.rng.IntN(3)
				requests--
			}
			if score < 40 && prio == 0 {
				continue
			}
			w := int64(score)
			if prio > 0 {
				w += int64(10 * (4 - prio))
			}
			if g.rng.IntN(8) == 0 {
				w += 15 // the investor asked too: a mutual request
			}
			id := fmt.Sprintf("m%d_%d_%d", e+1, i+1, k)
			g.p.Meetings = append(g.p.Meetings, scheduler.Meeting{
				ID: id, Participants: []string{fmt.Sprintf("e%d", e+1), fmt.Sprintf("i%d", i+1)}, Weight: w,
			})
		}
	}
	g.dedupe()
}

func (g *mmGen) score(e, i int) int {
	s := g.rng.IntN(45)
	for _, sec := range g.iSecs[i] {
		if sec == g.eSec[e] {
			s += 30 + g.rng.IntN(30)
			break
		}
	}
	return s
}

// dedupe keeps the first candidate of each enterprise–investor pair.
func (g *mmGen) dedupe() {
	seen := map[[2]string]bool{}
	out := g.p.Meetings[:0]
	for _, m := range g.p.Meetings {
		k := [2]string{m.Participants[0], m.Participants[1]}
		if !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	g.p.Meetings = out
}
