package scheduler

import (
	"math/bits"
	"math/rand/v2"
	"time"
)

// Budgets of the break search that follows the annealing. Every budget is
// counted in search nodes and rounds, never in time, so that a result
// depends on the seed and the time limit only; the wall clock is a safety
// stop for a machine much slower than the one the budgets were set on.
const (
	// lnsMaxMeetings is the largest timetable (placed meetings) the
	// search works on: small and medium events.
	lnsMaxMeetings = 1500
	// exactAllNodes is the node budget of the complete search over every
	// movable meeting, tried first on events of at most exactAllMeetings.
	exactAllMeetings = 60
	exactAllNodes    = 2_000_000
	// lnsRoundsPerSecond is the neighbourhoods re-solved per second of
	// the time limit; a round costs at most lnsNodes search nodes, about
	// 1.5 ms on average on the benchmark machine, so that the rounds
	// take some 40 % of the limit there and the wall clock stops them
	// only on a much slower or busier machine.
	lnsRoundsPerSecond = 250
	lnsNodes           = 4000
	// lnsStall ends the search after this many rounds without a better
	// timetable.
	lnsStall = 2000
	// Neighbourhoods free between lnsMinFree and lnsMaxFree meetings.
	lnsMinFree = 14
	lnsMaxFree = 40
)

// breakProof is what the break search proved about a timetable.
type breakProof struct {
	// Bound is a lower bound on the breaks of any timetable of the same
	// meetings: the sum of each participant's fewest breaks on its own.
	Bound int
	// Optimal is true when the timetable's breaks are proven least,
	// by the bound or by a complete search.
	Optimal bool
}

// lns improves the breaks of a complete timetable by large-neighbourhood
// search: it takes out the meetings of a few participants, or of a
// window of slots around an idle gap, and re-places them by the exact
// breakSearch, keeping the result when it is no worse. It stops when the
// breaks meet the lower bound, a complete search proves them least, the
// rounds run out or no round improves for lnsStall rounds.
type lns struct {
	st      *slotState
	bs      *breakSearch
	rng     *rand.Rand
	lb0     []int32
	movable []int32
	isMov   []bool
	free    []int32
	stop    time.Time
	seen    []uint32 // per participant: round it joined a cluster
	round   uint32
}

// searchBreaks runs the break search on st for rounds rounds at most,
// and returns the bound and whether the final timetable is proven least.
func (st *slotState) searchBreaks(seed uint64, rounds int, stop time.Time) breakProof {
	m := st.m
	lb0, bound := staticBounds(st)
	proof := breakProof{Bound: bound}
	if st.breakStats().Total <= bound && st.spreadExcess() == 0 {
		proof.Optimal = true
		return proof
	}
	l := &lns{st: st, rng: rand.New(rand.NewPCG(seed, 0x1a5)), lb0: lb0, stop: stop}
	l.bs = newBreakSearch(st, lb0, l.rng)
	l.seen = make([]uint32, m.nP)
	l.isMov = make([]bool, m.numMeetings())
	for i := range st.slot {
		if st.slot[i] >= 0 && m.fixedSlot[i] < 0 && bits.OnesCount64(m.allowed[i]) > 1 {
			l.movable = append(l.movable, int32(i))
			l.isMov[i] = true
		}
	}
	if len(l.movable) <= exactAllMeetings {
		// Without a spread bound the complete search proves the least
		// breaks; with one, only when its answer also keeps the bound.
		l.bs.prepare(l.movable)
		snap := append([]int8(nil), st.slot...)
		_, complete := l.bs.solve(l.movable, l.bs.cost(l.movable)-1, exactAllNodes)
		if complete && st.spreadExcess() == 0 {
			proof.Optimal = true
			return proof
		}
		if st.spreadExcess() > 0 {
			st.restore(snap)
		}
	}
	proof.Optimal = l.run(rounds, bound)
	return proof
}

// spreadExcess is how far the spread of breaks over participants with two
// meetings or more exceeds the problem's bound (0 when none is set).
func (st *slotState) spreadExcess() int {
	if st.m.spread < 0 {
		return 0
	}
	b := st.breakStats()
	return max(0, b.Max-b.Min-st.m.spread)
}

// staticBounds returns each participant's fewest breaks for the placed
// meetings on its own (minBreaks) and their sum.
func staticBounds(st *slotState) ([]int32, int) {
	m := st.m
	lb0 := make([]int32, m.nP)
	total := 0
	held := make([]bool, m.numMeetings())
	for i, s := range st.slot {
		held[i] = s >= 0
	}
	dom := reducedDomains(m, held)
	var allowed []uint64
	for q := 0; q < m.nReal; q++ {
		allowed = allowed[:0]
		for _, i := range m.meetingsOf(int32(q)) {
			if st.slot[i] >= 0 {
				allowed = append(allowed, dom[i])
			}
		}
		if len(allowed) >= 2 {
			lb0[q] = int32(minBreaks(allowed, m.stretches))
			total += int(lb0[q])
		}
	}
	return lb0, total
}

// run makes the rounds and reports whether the breaks met the bound
// (within the spread bound, if any). A round keeps the re-placed meetings
// when they cost no more and the spread exceeds its bound no further.
func (l *lns) run(rounds, bound int) bool {
	st := l.st
	excess := st.spreadExcess()
	stall := 0
	var snap []int8
	for r := 0; r < rounds && stall < lnsStall; r++ {
		if r&15 == 0 && !l.stop.IsZero() && time.Now().After(l.stop) {
			break
		}
		free := l.neighbourhood(excess > 0)
		if len(free) < 2 {
			stall++
			continue
		}
		l.bs.prepare(free)
		before := l.bs.cost(free)
		snap = snap[:0]
		for _, x := range free {
			snap = append(snap, st.slot[x])
		}
		found, _ := l.bs.solve(free, before, lnsNodes)
		if !found {
			stall++
			continue
		}
		after := l.bs.cost(free)
		e := st.spreadExcess()
		if e > excess {
			l.undo(free, snap)
			stall++
			continue
		}
		if after < before || e < excess {
			stall = 0
		} else {
			stall++
		}
		excess = e
		if st.breakStats().Total <= bound && excess == 0 {
			return true
		}
	}
	return false
}

// undo puts the meetings of free back in the slots of snap.
func (l *lns) undo(free []int32, snap []int8) {
	for _, x := range free {
		l.st.unplace(x)
	}
	for j, x := range free {
		l.st.place(x, int(snap[j]))
	}
}

// neighbourhood draws the meetings to re-place around a participant with
// more breaks than its own bound: its meetings and some of its partners',
// the same after every meeting in a window of slots around one of its
// gaps, or the meetings of it, its partners, their partners… within one
// stretch of the day.
func (l *lns) neighbourhood(unfair bool) []int32 {
	st := l.st
	q := l.pickParticipant(unfair)
	if q < 0 {
		return nil
	}
	want := lnsMinFree + l.rng.IntN(lnsMaxFree-lnsMinFree+1)
	st.stamp++
	l.free = l.free[:0]
	switch l.rng.IntN(3) {
	case 0:
		l.addWindow(q, want)
	case 1:
		l.addCluster(q, want)
		return l.free
	}
	l.addParticipant(q, want+len(l.free))
	for tries := 0; len(l.free) < want && tries < 8; tries++ {
		p := l.randomPartner(q)
		if p < 0 {
			break
		}
		l.addParticipant(p, want)
	}
	return l.free
}

// pickParticipant draws a real participant with breaks above its own
// bound, or, when the spread exceeds its bound (unfair), one at either end
// of the spread; -1 when there is none.
func (l *lns) pickParticipant(unfair bool) int32 {
	st := l.st
	var b BreakStats
	if unfair {
		b = st.breakStats()
	}
	n, pick := 0, int32(-1)
	for q := 0; q < st.m.nReal; q++ {
		k := st.m.breaks(st.busy[q])
		var want bool
		if unfair {
			want = st.count[q] >= 2 && (k < b.Max-st.m.spread || k > b.Min+st.m.spread)
		} else {
			want = k > int(l.lb0[q])
		}
		if want {
			n++
			if l.rng.IntN(n) == 0 {
				pick = int32(q)
			}
		}
	}
	return pick
}

// add puts movable meeting x into the neighbourhood once.
func (l *lns) add(x int32) {
	if l.isMov[x] && l.st.mark[x] != l.st.stamp {
		l.st.mark[x] = l.st.stamp
		l.free = append(l.free, x)
	}
}

// addParticipant adds p's meetings while the neighbourhood is below max.
func (l *lns) addParticipant(p int32, max int) {
	for _, x := range l.st.m.meetingsOf(p) {
		if len(l.free) >= max {
			return
		}
		if l.st.slot[x] >= 0 {
			l.add(x)
		}
	}
}

// addWindow adds the meetings in a window of slots around one of q's
// gaps, as many slots as keep the neighbourhood near want.
func (l *lns) addWindow(q int32, want int) {
	st := l.st
	x := st.busy[q]
	var holes uint64
	for _, w := range st.m.stretches {
		if y := x & w; bits.OnesCount64(y) >= 2 {
			lo, hi := bits.TrailingZeros64(y), 63-bits.LeadingZeros64(y)
			holes |= rangeMask(lo, hi) &^ y
		}
	}
	if holes == 0 {
		return
	}
	k := l.rng.IntN(bits.OnesCount64(holes))
	for ; k > 0; k-- {
		holes &= holes - 1
	}
	c := bits.TrailingZeros64(holes)
	w := st.m.stretchOf(c)
	lo, hi := c, c
	for len(l.free) < want {
		grew := false
		if lo > 0 && w&(1<<uint(lo-1)) != 0 && l.rng.IntN(2) == 0 {
			lo--
			grew = true
		} else if hi < st.m.T-1 && w&(1<<uint(hi+1)) != 0 {
			hi++
			grew = true
		} else if lo > 0 && w&(1<<uint(lo-1)) != 0 {
			lo--
			grew = true
		}
		for s := lo; s <= hi; s++ {
			for _, y := range st.inSl[s] {
				l.add(y)
			}
		}
		if !grew {
			return
		}
	}
}

// randomPartner draws a real participant sharing a meeting with q.
func (l *lns) randomPartner(q int32) int32 {
	ms := l.st.m.meetingsOf(q)
	if len(ms) == 0 {
		return -1
	}
	x := ms[l.rng.IntN(len(ms))]
	for _, p := range l.st.m.parts(x) {
		if p != q && int(p) < l.st.m.nReal {
			return p
		}
	}
	return -1
}

// searchBreaks runs the break search on the improved timetable sub of a
// small or medium event (on a larger one it only computes the bound), for
// as many rounds as the time limit allows at lnsRoundsPerSecond, the
// limit itself stopping it on a slow machine.
func (sv *solver) searchBreaks(sub *slotState) {
	n := 0
	for _, s := range sub.slot {
		if s >= 0 {
			n++
		}
	}
	if n > lnsMaxMeetings {
		sv.boundBreaks(sub)
		return
	}
	limit := sv.opt.limit()
	rounds := int(limit.Seconds() * lnsRoundsPerSecond)
	sv.proof = sub.searchBreaks(sv.opt.Seed, rounds, sv.start.Add(limit))
}

// boundBreaks sets the proof of a min_breaks timetable st that no search
// follows: its bound, and optimal when the breaks meet it.
func (sv *solver) boundBreaks(st *slotState) {
	if sv.p.Objective == MinBreaks {
		_, bound := staticBounds(st)
		sv.proof = breakProof{Bound: bound, Optimal: st.breakStats().Total <= bound && st.spreadExcess() == 0}
	}
}

// addCluster adds, in one stretch of the day where q has a gap, q's
// meetings there, then its partners' meetings there, then theirs
// partners', breadth first, while the neighbourhood is below want.
func (l *lns) addCluster(q int32, want int) {
	st := l.st
	var w uint64
	for _, s := range st.m.stretches {
		if y := st.busy[q] & s; y != 0 && runs(y) > 1 {
			w = s
			break
		}
	}
	if w == 0 {
		return
	}
	l.round++
	queue := []int32{q}
	l.seen[q] = l.round
	for h := 0; h < len(queue) && len(l.free) < want; h++ {
		p := queue[h]
		for _, x := range st.m.meetingsOf(p) {
			if len(l.free) >= want {
				break
			}
			if s := st.slot[x]; s < 0 || w&(1<<uint(s)) == 0 {
				continue
			}
			l.add(x)
			for _, o := range st.m.parts(x) {
				if int(o) < st.m.nReal && l.seen[o] != l.round {
					l.seen[o] = l.round
					queue = append(queue, o)
				}
			}
		}
	}
}
