package instances

import (
	"fmt"
	"math/rand/v2"

	"roadshow/scheduler"
)

// BrokerageConfig bounds a generated brokerage event. Zero fields take
// the ranges of SCHEDULING.md: 40–80 participants, 120–300 meetings, 8–22
// slots, 12–27 tables, load up to 98 % of slots × tables.
type BrokerageConfig struct {
	MinParticipants, MaxParticipants int
	MinMeetings, MaxMeetings         int
	MinSlots, MaxSlots               int
	MinTables, MaxTables             int
	// MaxLoad is the largest share of slots × tables used (0.98 if 0).
	MaxLoad float64
	// Core, when positive, is the number of participants who meet in every
	// slot and mostly with each other: a tightly packed core whose
	// meetings, slot by slot, form near-perfect matchings of the core. 0
	// keeps the default: 2–4 participants meeting in every slot, each
	// with someone outside.
	Core int
}

func (c BrokerageConfig) withDefaults() BrokerageConfig {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.MinParticipants, 40)
	def(&c.MaxParticipants, 80)
	def(&c.MinMeetings, 120)
	def(&c.MaxMeetings, 300)
	def(&c.MinSlots, 8)
	def(&c.MaxSlots, 22)
	def(&c.MinTables, 12)
	def(&c.MaxTables, 27)
	if c.MaxLoad == 0 {
		c.MaxLoad = 0.98
	}
	return c
}

// Brokerage generates a schedule-all (min_breaks) trade-fair brokerage
// event: meetings between any participants (pairs, some of three, some
// pairs meeting twice), a few participants meeting in every slot, a
// morning and an afternoon session, forbidden slots, some meetings pinned
// to a session, a slot or a table, some caps. The meetings are drawn from
// a hidden timetable, so every generated event is feasible.
func Brokerage(cfg BrokerageConfig, seed uint64) scheduler.Problem {
	p, _ := BrokeragePlanted(cfg, seed)
	return p
}

// BrokeragePlanted is Brokerage that also returns the hidden timetable
// the meetings were drawn from: a witness that the event is feasible.
func BrokeragePlanted(cfg BrokerageConfig, seed uint64) (scheduler.Problem, []scheduler.Assignment) {
	cfg = cfg.withDefaults()
	rng := rand.New(rand.NewPCG(seed, 0xb0b))
	g := &brGen{rng: rng, core: cfg.Core}
	g.frame(cfg)
	g.plant()
	plan := g.finish()
	return g.p, plan
}

type brGen struct {
	rng      *rand.Rand
	core     int
	p        scheduler.Problem
	n        int
	perSlot  []int
	always   []bool   // participants meeting in every slot
	blocked  [][]bool // participant × slot (1-based)
	planted  []plantedMeeting
	meetings []int // planted meetings per participant
}

type plantedMeeting struct {
	parts       []int
	slot, table int
}

func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

// frame draws sizes until the meeting count fits the load limit.
func (g *brGen) frame(c BrokerageConfig) {
	for {
		g.n = between(g.rng, c.MinParticipants, c.MaxParticipants)
		T, L := between(g.rng, c.MinSlots, c.MaxSlots), between(g.rng, c.MinTables, c.MaxTables)
		load := 0.6 + (c.MaxLoad-0.6)*g.rng.Float64()
		want := int(load * float64(T*L))
		perSlot := (want + T - 1) / T
		if want < c.MinMeetings || want > c.MaxMeetings || 5*perSlot > 2*g.n {
			continue
		}
		g.p = scheduler.Problem{Objective: scheduler.MinBreaks, Slots: T, Tables: L}
		g.perSlot = make([]int, T+1)
		for k := 0; k < want; k++ {
			g.perSlot[1+k%T]++
		}
		return
	}
}

// plant builds the hidden timetable slot by slot.
func (g *brGen) plant() {
	T := g.p.Slots
	g.always = make([]bool, g.n)
	g.blocked = make([][]bool, g.n)
	g.meetings = make([]int, g.n)
	for i := range g.blocked {
		g.blocked[i] = make([]bool, T+1)
	}
	if g.core > 0 {
		for _, i := range g.rng.Perm(g.n)[:min(g.core, g.n)] {
			g.always[i] = true
		}
	} else {
		for k := 0; k < 2+g.rng.IntN(3); k++ {
			g.always[g.rng.IntN(g.n)] = true
		}
	}
	for i := 0; i < g.n; i++ {
		if !g.always[i] && g.rng.IntN(3) == 0 {
			for k := 0; k < 1+g.rng.IntN(3); k++ {
				g.blocked[i][1+g.rng.IntN(T)] = true
			}
		}
	}
	for s := 1; s <= T; s++ {
		g.plantSlot(s)
	}
}

// plantSlot draws slot s's meetings among the participants free in it.
func (g *brGen) plantSlot(s int) {
	var free []int
	for _, i := range g.rng.Perm(g.n) {
		if !g.blocked[i][s] {
			free = append(free, i)
		}
	}
	if g.core > 0 {
		free = g.coreFirst(free)
	} else {
		free = g.alwaysFirst(free)
	}
	for table := 1; table <= g.perSlot[s] && len(free) >= 2; table++ {
		size := 2
		if len(free) >= 3 && g.rng.IntN(20) == 0 && !(g.core > 0 && g.always[free[0]]) {
			size = 3
		}
		parts := append([]int(nil), free[:size]...)
		free = free[size:]
		g.planted = append(g.planted, plantedMeeting{parts: parts, slot: s, table: table})
		for _, i := range parts {
			g.meetings[i]++
		}
	}
}

// alwaysFirst orders the free participants so that each one meeting in
// every slot comes first, followed by a partner drawn from the others.
func (g *brGen) alwaysFirst(free []int) []int {
	var always, others []int
	for _, i := range free {
		if g.always[i] {
			always = append(always, i)
		} else {
			others = append(others, i)
		}
	}
	out := make([]int, 0, len(free))
	for _, a := range always {
		out = append(out, a)
		if len(others) > 0 {
			out = append(out, others[0])
			others = others[1:]
		}
	}
	return append(out, others...)
}

// coreFirst orders the free participants for a tightly packed core: the
// core participants first, in pairs of two core members, except that one
// in eight takes a partner from outside (as does an odd one out); then
// the others.
func (g *brGen) coreFirst(free []int) []int {
	var core, others []int
	for _, i := range free {
		if g.always[i] {
			core = append(core, i)
		} else {
			others = append(others, i)
		}
	}
	out := make([]int, 0, len(free))
	for len(core) > 0 {
		a := core[0]
		core = core[1:]
		out = append(out, a)
		if len(core) > 0 && (g.rng.IntN(8) != 0 || len(others) == 0) {
			out = append(out, core[0])
			core = core[1:]
		} else if len(others) > 0 {
			out = append(out, others[0])
			others = others[1:]
		}
	}
	return append(out, others...)
}

// finish writes participants and meetings in shuffled order, with
// sessions, pins and caps consistent with the hidden timetable.
func (g *brGen) finish() []scheduler.Assignment {
	T := g.p.Slots
	half := T / 2
	g.p.Sessions = []scheduler.Session{{Name: "am", From: 1, To: half}, {Name: "pm", From: half + 1, To: T}}
	for i := 0; i < g.n; i++ {
		q := scheduler.Participant{ID: fmt.Sprintf("p%d", i+1)}
		for s := 1; s <= T; s++ {
			if g.blocked[i][s] {
				q.Unavailable = append(q.Unavailable, s)
			}
		}
		if g.rng.IntN(4) == 0 {
			q.MaxMeetings = g.meetings[i] + g.rng.IntN(2)
		}
		g.p.Participants = append(g.p.Participants, q)
	}
	plan := make([]scheduler.Assignment, 0, len(g.planted))
	for k, j := range g.rng.Perm(len(g.planted)) {
		pm := g.planted[j]
		m := g.meeting(k, pm, half)
		g.p.Meetings = append(g.p.Meetings, m)
		plan = append(plan, scheduler.Assignment{Meeting: m.ID, Slot: pm.slot, Table: pm.table})
	}
	return plan
}

func (g *brGen) meeting(k int, pm plantedMeeting, half int) scheduler.Meeting {
	m := scheduler.Meeting{ID: fmt.Sprintf("m%d", k+1), Weight: 1}
	for _, i := range pm.parts {
		m.Participants = append(m.Participants, fmt.Sprintf("p%d", i+1))
	}
	switch r := g.rng.IntN(40); {
	case r < 6:
		m.Session = "am"
		if pm.slot > half {
			m.Session = "pm"
		}
	case r < 8:
		m.FixedSlot = pm.slot
	case r < 9:
		m.FixedSlot, m.FixedTable = pm.slot, pm.table
	}
	return m
}
