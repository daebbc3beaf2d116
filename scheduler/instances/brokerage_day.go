package instances

import (
	"fmt"
	"math/rand/v2"

	"roadshow/scheduler"
)

// DayConfig bounds a generated brokerage day shaped like the real B2B
// events of Bofill et al. (JAIR 74, 2022): every meeting must be held,
// a morning and an afternoon session, many meetings allowed in one
// session only, some participants unavailable in some slots, some
// meeting in every slot. Zero fields take the ranges of DayLarge.
type DayConfig struct {
	MinParticipants, MaxParticipants int
	MinMeetings, MaxMeetings         int
	MinSlots, MaxSlots               int
	MinTables, MaxTables             int
	// Full participants meet in every slot.
	MinFull, MaxFull int
	// SessionShare is the share of meetings allowed in one session only,
	// FixedShare the share fixed to a slot, ForbidShare the share of
	// participants with a few forbidden slots.
	SessionShare, FixedShare, ForbidShare float64
}

// DayLarge is the shape of the larger real events: 70–80 participants,
// 150–300 meetings, 21–22 slots, 12–22 tables.
var DayLarge = DayConfig{
	MinParticipants: 70, MaxParticipants: 80,
	MinMeetings: 150, MaxMeetings: 300,
	MinSlots: 21, MaxSlots: 22,
	MinTables: 12, MaxTables: 22,
	MinFull: 0, MaxFull: 3,
	SessionShare: 0.4, ForbidShare: 0.3,
}

// DaySmall is the shape of the smaller real events: 40–60 participants,
// 8–10 slots, many participants with as many meetings as slots.
var DaySmall = DayConfig{
	MinParticipants: 40, MaxParticipants: 60,
	MinMeetings: 80, MaxMeetings: 200,
	MinSlots: 8, MaxSlots: 10,
	MinTables: 12, MaxTables: 22,
	MinFull: 4, MaxFull: 10,
	SessionShare: 0.3, ForbidShare: 0.3,
}

// DayTiny is small enough for the complete search: 8–14 participants,
// 14–30 meetings, 5–8 slots, 2–4 tables, half the meetings fixed to a slot
// and forbidden slots inside participants' runs, so that idle gaps are
// often unavoidable.
var DayTiny = DayConfig{
	MinParticipants: 8, MaxParticipants: 14,
	MinMeetings: 14, MaxMeetings: 30,
	MinSlots: 5, MaxSlots: 8,
	MinTables: 2, MaxTables: 4,
	MinFull: 0, MaxFull: 1,
	SessionShare: 0.3, FixedShare: 0.5, ForbidShare: 1,
}

func (c DayConfig) withDefaults() DayConfig {
	if c.MaxParticipants == 0 {
		return DayLarge
	}
	return c
}

// BrokerageDay generates a min_breaks event of the shape c from a hidden
// compact timetable: each participant meets in one or two runs of
// consecutive slots (one per session), paired slot by slot with other
// participants active then, so that every event is feasible and has a
// timetable with few idle gaps. Forbidden slots, session restrictions and
// fixed slots are drawn consistent with it.
func BrokerageDay(c DayConfig, seed uint64) scheduler.Problem {
	p, _ := BrokerageDayPlanted(c, seed)
	return p
}

// BrokerageDayPlanted is BrokerageDay that also returns the hidden
// timetable.
func BrokerageDayPlanted(c DayConfig, seed uint64) (scheduler.Problem, []scheduler.Assignment) {
	c = c.withDefaults()
	g := &dayGen{c: c, rng: rand.New(rand.NewPCG(seed, 0xda7))}
	g.frame()
	g.windows()
	g.pairUp()
	return g.write()
}

type dayGen struct {
	c       DayConfig
	rng     *rand.Rand
	n, T, L int
	half    int      // the morning is slots 1..half
	active  [][]bool // participant × slot (0-based)
	forbid  [][]bool // participant × slot: unavailable
	pairs   []plantedMeeting
}

// frame draws the sizes and each participant's number of meetings.
func (g *dayGen) frame() {
	c := g.c
	g.n = between(g.rng, c.MinParticipants, c.MaxParticipants)
	g.T = between(g.rng, c.MinSlots, c.MaxSlots)
	g.L = between(g.rng, c.MinTables, c.MaxTables)
	g.half = (g.T + 1) / 2
	g.active = make([][]bool, g.n)
	g.forbid = make([][]bool, g.n)
	for i := range g.active {
		g.active[i] = make([]bool, g.T)
		g.forbid[i] = make([]bool, g.T)
	}
}

// windows gives each participant its runs: full participants every slot,
// the others one run in one session or a run in each.
func (g *dayGen) windows() {
	c := g.c
	want := between(g.rng, c.MinMeetings, c.MaxMeetings)
	want = min(want, g.T*g.L*9/10)
	full := between(g.rng, c.MinFull, c.MaxFull)
	budget := 2*want - full*g.T
	order := g.rng.Perm(g.n)
	for j, i := range order {
		if j < full {
			for s := range g.active[i] {
				g.active[i][s] = true
			}
			continue
		}
		rest := g.n - j
		k := max(1, min(g.T-1, budget/rest+g.rng.IntN(5)-2))
		if budget <= 0 {
			k = 1
		}
		budget -= k
		g.place(i, k)
		if g.rng.Float64() < g.c.ForbidShare/2 {
			g.punch(i)
		}
	}
}

// punch makes a slot inside one of participant i's runs unavailable to
// it, so that its meetings need an idle gap or another arrangement.
func (g *dayGen) punch(i int) {
	var inner []int
	for s := 1; s+1 < g.T; s++ {
		if g.active[i][s-1] && g.active[i][s] && g.active[i][s+1] && s != g.half-1 && s != g.half {
			inner = append(inner, s)
		}
	}
	if len(inner) == 0 {
		return
	}
	s := inner[g.rng.IntN(len(inner))]
	g.active[i][s], g.forbid[i][s] = false, true
	if g.rng.IntN(2) == 0 {
		return
	}
	// Half of them are also away outside their runs, a slot either side
	// aside: their idle gap is then hard to avoid.
	lo, hi := g.T, -1
	for t, a := range g.active[i] {
		if a {
			lo, hi = min(lo, t), max(hi, t)
		}
	}
	for t := range g.forbid[i] {
		if t < lo-1 || t > hi+1 {
			g.forbid[i][t] = true
		}
	}
}

// place lays k slots for participant i: one run in a session when it fits
// and the draw says so, else a run in each session.
func (g *dayGen) place(i, k int) {
	am, pm := g.half, g.T-g.half
	if k <= pm && g.rng.IntN(2) == 0 {
		lo := g.half
		if g.rng.IntN(2) == 0 {
			lo = 0
		}
		n := am
		if lo > 0 {
			n = pm
		}
		g.run(i, lo, n, k)
		return
	}
	a := max(k-pm, min(am, 1+g.rng.IntN(k)))
	g.run(i, 0, am, a)
	if k-a > 0 {
		g.run(i, g.half, pm, k-a)
	}
}

// run marks k consecutive slots of the session of n slots from lo.
func (g *dayGen) run(i, lo, n, k int) {
	k = min(k, n)
	start := lo + g.rng.IntN(n-k+1)
	for s := start; s < start+k; s++ {
		g.active[i][s] = true
	}
}

// pairUp pairs the participants active in each slot, avoiding repeated
// pairs, at most L pairs; whoever is left is inactive there.
func (g *dayGen) pairUp() {
	met := map[[2]int]bool{}
	for s := 0; s < g.T; s++ {
		var act []int
		for _, i := range g.rng.Perm(g.n) {
			if g.active[i][s] {
				act = append(act, i)
			}
		}
		used := make([]bool, len(act))
		table := 0
		for a := range act {
			if used[a] || table >= g.L {
				continue
			}
			for b := a + 1; b < len(act); b++ {
				key := [2]int{min(act[a], act[b]), max(act[a], act[b])}
				if used[b] || met[key] {
					continue
				}
				used[a], used[b], met[key] = true, true, true
				table++
				g.pairs = append(g.pairs, plantedMeeting{parts: []int{act[a], act[b]}, slot: s + 1, table: table})
				break
			}
		}
		for a, i := range act {
			if !used[a] {
				g.active[i][s] = false
			}
		}
	}
}

// write builds the problem: participants with forbidden slots among
// those they do not meet in, meetings in shuffled order with session
// restrictions and fixed slots.
func (g *dayGen) write() (scheduler.Problem, []scheduler.Assignment) {
	p := scheduler.Problem{
		Objective: scheduler.MinBreaks, Slots: g.T, Tables: g.L,
		Sessions: []scheduler.Session{{Name: "am", From: 1, To: g.half}, {Name: "pm", From: g.half + 1, To: g.T}},
	}
	for i := 0; i < g.n; i++ {
		q := scheduler.Participant{ID: fmt.Sprintf("p%d", i+1)}
		for s, f := range g.forbid[i] {
			if f {
				q.Unavailable = append(q.Unavailable, s+1)
			}
		}
		if g.rng.Float64() < g.c.ForbidShare {
			for k := 0; k < 1+g.rng.IntN(3); k++ {
				if s := g.rng.IntN(g.T); !g.active[i][s] {
					q.Unavailable = appendSlot(q.Unavailable, s+1)
				}
			}
		}
		p.Participants = append(p.Participants, q)
	}
	plan := make([]scheduler.Assignment, 0, len(g.pairs))
	for k, j := range g.rng.Perm(len(g.pairs)) {
		pm := g.pairs[j]
		m := scheduler.Meeting{ID: fmt.Sprintf("m%d", k+1), Participants: []string{fmt.Sprintf("p%d", pm.parts[0]+1), fmt.Sprintf("p%d", pm.parts[1]+1)}}
		switch r := g.rng.Float64(); {
		case r < g.c.FixedShare:
			m.FixedSlot = pm.slot
		case r < g.c.FixedShare+g.c.SessionShare:
			m.Session = "am"
			if pm.slot > g.half {
				m.Session = "pm"
			}
		}
		p.Meetings = append(p.Meetings, m)
		plan = append(plan, scheduler.Assignment{Meeting: m.ID, Slot: pm.slot, Table: pm.table})
	}
	return p, plan
}

// appendSlot adds s to a sorted list of slots once.
func appendSlot(list []int, s int) []int {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
