package scheduler

import (
	"math/bits"
	"math/rand/v2"
	"slices"
)

// lexCost is the objective the exact search minimises for a participant
// with b breaks: breaks first, their square second (which narrows the
// spread), exactly lexicographic while the squares sum below 2^20.
func lexCost(b int) int64 { return int64(b)<<20 + int64(b*b) }

// breakSearch is a depth-first branch and bound that re-places a set of
// meetings taken out of a timetable, everything else staying put, so that
// the breaks (then their squares) of the participants concerned are
// least. It is exact when it finishes within its node budget.
//
// The bound of a participant is its breaks so far less the gaps inside a
// stretch its meetings still to place could close (smallest gaps first,
// only gaps every slot of which one of them may take), and never below
// its own lower bound lb0, the fewest breaks of its meetings alone.
type breakSearch struct {
	st    *slotState
	rng   *rand.Rand
	free  []int32 // the meetings to place
	left  []int32 // per participant: meetings of free not yet placed
	lb0   []int32 // per participant: the static bound (minBreaks)
	bound []int64 // per participant: lexCost of its current bound
	sum   int64   // sum of bound over the participants concerned
	parts []int32 // the real participants concerned
	// best is the least cost found (or the cost to beat), bestSlot the
	// slots of free achieving it (nil when none beat the start).
	best     int64
	bestSlot []int8
	nodes    int
	maxNodes int
	aborted  bool
	scratch  []int
	// stampFree marks (in st.mark) the meetings of free.
	stampFree uint32
	// floor and ceil bound the breaks of a participant concerned with two
	// meetings or more when the problem bounds the spread: the extremes
	// of the others, widened by the spread (-1 and a large ceil when
	// unbounded); each break outside costs spreadPenalty.
	floor, ceil int
}

// spreadPenalty weighs a break outside the spread bound above any
// difference in lexCost.
const spreadPenalty = int64(1) << 40

// pcost is the objective of participant q with b breaks.
func (bs *breakSearch) pcost(q int32, b int) int64 {
	c := lexCost(b)
	if bs.ceil >= 0 && len(bs.st.m.meetingsOf(q)) >= 2 {
		if b > bs.ceil {
			c += int64(b-bs.ceil) * spreadPenalty
		}
		if b < bs.floor {
			c += int64(bs.floor-b) * spreadPenalty
		}
	}
	return c
}

// pbound is the least objective of participant q over breaks of b or
// more (its exact objective once it has nothing left to place).
func (bs *breakSearch) pbound(q int32, b int) int64 {
	c := bs.pcost(q, b)
	if bs.left[q] == 0 {
		return c
	}
	for b2 := b + 1; b2 <= bs.floor; b2++ {
		c = min(c, bs.pcost(q, b2))
	}
	return c
}

// prepare sets the spread limits for re-placing free: the least and most
// breaks of the participants outside it with two meetings or more. It
// must run before cost and solve.
func (bs *breakSearch) prepare(free []int32) {
	st := bs.st
	bs.floor, bs.ceil = -1, -1
	if st.m.spread < 0 {
		return
	}
	st.stamp++
	for _, x := range free {
		for _, q := range st.m.parts(x) {
			st.pmark[q] = st.stamp
		}
	}
	lo, hi := -1, -1
	for q := 0; q < st.m.nReal; q++ {
		if st.pmark[q] == st.stamp || st.count[q] < 2 {
			continue
		}
		b := st.m.breaks(st.busy[q])
		if lo < 0 || b < lo {
			lo = b
		}
		hi = max(hi, b)
	}
	if lo < 0 {
		return
	}
	bs.floor, bs.ceil = hi-st.m.spread, lo+st.m.spread
}

func newBreakSearch(st *slotState, lb0 []int32, rng *rand.Rand) *breakSearch {
	return &breakSearch{
		st: st, rng: rng, lb0: lb0, floor: -1, ceil: -1,
		left:  make([]int32, st.m.nP),
		bound: make([]int64, st.m.nP),
	}
}

// solve takes the meetings of free out and searches for slots for all of
// them with a cost at most limit, within maxNodes nodes. When it finds
// one it leaves the best found in place and reports true; otherwise the
// meetings go back where they were. complete reports whether the search
// ran to its end (so that no cheaper placement exists).
func (bs *breakSearch) solve(free []int32, limit int64, maxNodes int) (found, complete bool) {
	st := bs.st
	bs.free = append(bs.free[:0], free...)
	st.stamp++
	bs.stampFree = st.stamp
	for _, x := range free {
		st.mark[x] = st.stamp
	}
	old := make([]int8, len(free))
	for j, x := range free {
		old[j] = st.slot[x]
		st.unplace(x)
	}
	bs.collect()
	bs.best, bs.bestSlot = limit+1, bs.bestSlot[:0]
	bs.nodes, bs.maxNodes, bs.aborted = 0, maxNodes, false
	bs.dfs(len(free))
	to := old
	if len(bs.bestSlot) > 0 {
		to, found = bs.bestSlot, true
	}
	for j, x := range free {
		if st.slot[x] >= 0 {
			st.unplace(x)
		}
		st.place(x, int(to[j]))
	}
	for _, q := range bs.parts {
		bs.left[q] = 0
	}
	return found, !bs.aborted
}

// cost is the objective over the real participants of the meetings in
// list as they are placed now.
func (bs *breakSearch) cost(list []int32) int64 {
	st := bs.st
	st.stamp++
	var c int64
	for _, x := range list {
		for _, q := range st.m.parts(x) {
			if int(q) < st.m.nReal && st.pmark[q] != st.stamp {
				st.pmark[q] = st.stamp
				c += bs.pcost(q, st.m.breaks(st.busy[q]))
			}
		}
	}
	return c
}

// collect lists the real participants of the free meetings, counts what
// each has left to place and sets their bounds.
func (bs *breakSearch) collect() {
	st := bs.st
	bs.parts = bs.parts[:0]
	for _, x := range bs.free {
		for _, q := range st.m.parts(x) {
			if int(q) >= st.m.nReal {
				continue
			}
			if bs.left[q] == 0 {
				bs.parts = append(bs.parts, q)
			}
			bs.left[q]++
		}
	}
	bs.sum = 0
	for _, q := range bs.parts {
		bs.bound[q] = bs.pbound(q, bs.participantBound(q))
		bs.sum += bs.bound[q]
	}
}

// participantBound is the fewest breaks participant q can end with given
// its placed meetings and the free ones it has left.
func (bs *breakSearch) participantBound(q int32) int {
	st := bs.st
	x := st.busy[q]
	b := st.m.breaks(x)
	r := int(bs.left[q])
	if r > 0 && b > 0 {
		var reach uint64 // slots q's meetings still to place may take
		for _, y := range st.m.meetingsOf(q) {
			if st.slot[y] < 0 && bs.isFree(y) {
				reach |= st.m.allowed[y]
			}
		}
		b -= bs.closable(x, reach, r)
	}
	if lb := int(bs.lb0[q]); b < lb {
		b = lb
	}
	return b
}

// isFree reports whether y is one of the meetings being placed. Meetings
// outside the timetable that are not free stay out (max_value leaves
// some), so only free ones count.
func (bs *breakSearch) isFree(y int32) bool {
	return bs.st.mark[y] == bs.stampFree
}

// closable counts the gaps inside a stretch of x, each entirely within
// reach, that r more meetings can fill, smallest first.
func (bs *breakSearch) closable(x, reach uint64, r int) int {
	gaps := bs.scratch[:0]
	for _, w := range bs.st.m.stretches {
		y := x & w
		if bits.OnesCount64(y) < 2 {
			continue
		}
		lo, hi := bits.TrailingZeros64(y), 63-bits.LeadingZeros64(y)
		holes := rangeMask(lo, hi) &^ y
		for holes != 0 {
			s := bits.TrailingZeros64(holes)
			n := bits.TrailingZeros64(^(holes >> uint(s)))
			g := fullMask(n) << uint(s)
			holes &^= g
			if reach&g == g && n <= r {
				gaps = append(gaps, n)
			}
		}
	}
	bs.scratch = gaps
	slices.Sort(gaps)
	c := 0
	for _, n := range gaps {
		if n > r {
			break
		}
		r -= n
		c++
	}
	return c
}

// domain is the set of slots where free meeting x fits now.
func (bs *breakSearch) domain(x int32) uint64 {
	return bs.st.freeSlots(x)
}

// dfs places the n free meetings still out, most constrained first,
// cheapest slot first.
func (bs *breakSearch) dfs(n int) {
	bs.nodes++
	if bs.nodes > bs.maxNodes {
		bs.aborted = true
		return
	}
	if bs.sum >= bs.best {
		return
	}
	if n == 0 {
		bs.best = bs.sum // every participant complete: the bound is exact
		bs.bestSlot = bs.bestSlot[:0]
		for _, x := range bs.free {
			bs.bestSlot = append(bs.bestSlot, bs.st.slot[x])
		}
		return
	}
	x, dom := bs.pick()
	if dom == 0 {
		return
	}
	var order [64]int8
	var costs [64]int64
	k := 0
	for f := dom; f != 0; f &= f - 1 {
		s := bits.TrailingZeros64(f)
		order[k], costs[k] = int8(s), bs.tryCost(x, s)
		k++
	}
	bs.sortSlots(order[:k], costs[:k])
	for j := 0; j < k && !bs.aborted; j++ {
		if bs.sum+costs[j] >= bs.best {
			break
		}
		bs.set(x, int(order[j]))
		bs.dfs(n - 1)
		bs.unset(x)
	}
}

// pick returns the unplaced free meeting with the fewest slots left and
// its domain; ties go to the earliest in free.
func (bs *breakSearch) pick() (int32, uint64) {
	best, bestN, bestDom := int32(-1), 65, uint64(0)
	for _, x := range bs.free {
		if bs.st.slot[x] >= 0 {
			continue
		}
		d := bs.domain(x)
		if n := bits.OnesCount64(d); n < bestN {
			best, bestN, bestDom = x, n, d
			if n <= 1 {
				break
			}
		}
	}
	return best, bestDom
}

// tryCost is the change of the bound sum if x took slot s.
func (bs *breakSearch) tryCost(x int32, s int) int64 {
	bs.set(x, s)
	var d int64
	for _, q := range bs.st.m.parts(x) {
		if int(q) < bs.st.m.nReal {
			d += bs.bound[q]
		}
	}
	bs.unset(x)
	for _, q := range bs.st.m.parts(x) {
		if int(q) < bs.st.m.nReal {
			d -= bs.bound[q]
		}
	}
	return d
}

// sortSlots orders the slots by cost, shuffling ties.
func (bs *breakSearch) sortSlots(order []int8, costs []int64) {
	for i := len(order) - 1; i > 0; i-- {
		j := bs.rng.IntN(i + 1)
		order[i], order[j] = order[j], order[i]
		costs[i], costs[j] = costs[j], costs[i]
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && costs[j] < costs[j-1]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
			costs[j], costs[j-1] = costs[j-1], costs[j]
		}
	}
}

// set places free meeting x in slot s and updates its participants'
// bounds; unset undoes it.
func (bs *breakSearch) set(x int32, s int) {
	bs.st.place(x, s)
	bs.update(x, -1)
}

func (bs *breakSearch) unset(x int32) {
	bs.st.unplace(x)
	bs.update(x, +1)
}

func (bs *breakSearch) update(x int32, d int32) {
	st := bs.st
	for _, q := range st.m.parts(x) {
		if int(q) >= st.m.nReal {
			continue
		}
		bs.left[q] += d
		c := bs.pbound(q, bs.participantBound(q))
		bs.sum += c - bs.bound[q]
		bs.bound[q] = c
	}
}
