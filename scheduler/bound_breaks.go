package scheduler

import (
	"math/bits"
	"slices"
)

// breakBoundNodes caps the interval sets tried per participant and break
// count; past it the bound settles for the count proven so far, which
// stays valid.
const breakBoundNodes = 20000

// BreaksLowerBound returns a lower bound on the total breaks of every
// valid timetable of p that holds exactly the meetings assigned in as
// (assignments of unknown meetings are ignored). Per participant it is
// exact on its own: the fewest breaks (runs of consecutive slots less one
// in each stretch of the day between session boundaries) that k slots can
// have when each of its k meetings needs a distinct slot where all of the
// meeting's participants are available (and its session and fixed slot
// allow). What it ignores is how participants compete for
// slots and tables, so a timetable may need more. It returns an
// *InputError for a malformed problem.
func BreaksLowerBound(p Problem, as []Assignment) (int, error) {
	m, err := compileModel(p)
	if err != nil {
		return 0, err
	}
	in := make([]bool, m.numMeetings())
	for _, a := range as {
		if i, ok := m.meetIdx.find(a.Meeting); ok {
			in[i] = true
		}
	}
	dom := reducedDomains(m, in)
	held := make([][]uint64, m.nReal)
	for i, ok := range in {
		if !ok {
			continue
		}
		for _, q := range m.parts(int32(i)) {
			if int(q) < m.nReal {
				held[q] = append(held[q], dom[i])
			}
		}
	}
	total := 0
	for _, allowed := range held {
		if len(allowed) >= 2 {
			total += minBreaks(allowed, m.stretches)
		}
	}
	return total, nil
}

// minBreaks is the fewest breaks a set of len(allowed) slots can have in
// a day cut into stretches when meeting j takes a distinct slot of
// allowed[j] (or the best bound found within breakBoundNodes sets per
// break count). It starts from the breaks needed by the union of the
// allowed slots, taken longest run first.
func minBreaks(allowed []uint64, stretches []uint64) int {
	var union uint64
	for _, a := range allowed {
		union |= a
	}
	k := len(allowed)
	b := unionBreaks(union, stretches, k)
	if b < 0 {
		return 0 // no set fits: no valid timetable, any bound holds
	}
	e := &runSearch{allowed: allowed, union: union, stretches: stretches}
	for ; b < k; b++ {
		e.nodes = 0
		if e.fits(0, b, k, 0, -1) || e.nodes > breakBoundNodes {
			return b
		}
	}
	return b
}

// unionBreaks is the fewest breaks of a subset of u holding k slots: the
// longest run of u in each stretch is free, every further run costs a
// break (longest first). It is -1 when u has fewer than k slots.
func unionBreaks(u uint64, stretches []uint64, k int) int {
	var extra []int
	for _, w := range stretches {
		lens := runLengths(u & w)
		if len(lens) == 0 {
			continue
		}
		slices.Sort(lens)
		k -= lens[len(lens)-1]
		extra = append(extra, lens[:len(lens)-1]...)
	}
	slices.Sort(extra)
	b := 0
	for j := len(extra) - 1; j >= 0 && k > 0; j-- {
		k -= extra[j]
		b++
	}
	if k > 0 {
		return -1
	}
	return b
}

// runLengths lists the lengths of the maximal runs of x.
func runLengths(x uint64) []int {
	var lens []int
	for x != 0 {
		s := bits.TrailingZeros64(x)
		n := bits.TrailingZeros64(^(x >> uint(s)))
		lens = append(lens, n)
		x &^= fullMask(n) << uint(s)
	}
	return lens
}

// runSearch enumerates sets of separated intervals of union, each inside
// one stretch, holding k slots with a given number of breaks, and tests
// each for a matching of the meetings into it.
type runSearch struct {
	allowed   []uint64
	union     uint64
	stretches []uint64
	nodes     int
}

// fits reports whether intervals starting at slot from or later, of
// total length k and at most b breaks (an interval costs one unless it is
// the first of its stretch; last is the stretch of the previous one),
// complete set into a slot set the meetings match.
func (e *runSearch) fits(from, b, k int, set uint64, last int) bool {
	e.nodes++
	if e.nodes > breakBoundNodes {
		return false
	}
	if k == 0 {
		return matchAll(e.allowed, set)
	}
	for s := from; s < 64 && e.union>>uint(s) != 0; s++ {
		si := e.stretchIdx(s)
		cost := 0
		if si == last {
			cost = 1
		}
		if cost > b || e.union&(1<<uint(s)) == 0 {
			continue
		}
		w := e.stretches[si]
		for n := 1; n <= k && s+n <= 64; n++ {
			iv := fullMask(n) << uint(s)
			if e.union&w&iv != iv {
				break
			}
			next := s + n + 1
			if s+n < 64 && w&(1<<uint(s+n)) == 0 {
				next = s + n // the next stretch may start right away
			}
			if e.fits(next, b-cost, k-n, set|iv, si) {
				return true
			}
		}
	}
	return false
}

func (e *runSearch) stretchIdx(s int) int {
	for j, w := range e.stretches {
		if w&(1<<uint(s)) != 0 {
			return j
		}
	}
	return -1
}

// matchAll reports whether every meeting j can take a distinct slot of
// allowed[j] & set (Kuhn's augmenting paths over slot bits).
func matchAll(allowed []uint64, set uint64) bool {
	var owner [64]int8
	for j := range owner {
		owner[j] = -1
	}
	for j := range allowed {
		var seen uint64
		if !augment(allowed, set, owner[:], j, &seen) {
			return false
		}
	}
	return true
}

func augment(allowed []uint64, set uint64, owner []int8, j int, seen *uint64) bool {
	for f := allowed[j] & set; f != 0; f &= f - 1 {
		s := bits.TrailingZeros64(f)
		if *seen&(1<<uint(s)) != 0 {
			continue
		}
		*seen |= 1 << uint(s)
		if owner[s] < 0 || augment(allowed, set, owner, int(owner[s]), seen) {
			owner[s] = int8(j)
			return true
		}
	}
	return false
}

// reducedDomains returns, for each meeting with held[i], the slots still
// open to it once the meetings with a single possible slot are accounted
// for: their slot is taken from every other held meeting of their
// participants (tables pinned included), and a slot whose single-slot
// meetings fill every table is taken from the rest, repeated while new
// single-slot meetings appear. Every valid timetable of the held meetings
// keeps each in its reduced domain, so bounds over them stay valid.
func reducedDomains(m *slotModel, held []bool) []uint64 {
	dom := make([]uint64, m.numMeetings())
	var queue []int32
	for i := range dom {
		if held[i] {
			dom[i] = m.allowed[i]
			if bits.OnesCount64(dom[i]) == 1 {
				queue = append(queue, int32(i))
			}
		}
	}
	single := make([]int, m.T)
	done := make([]bool, len(dom))
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if done[i] || bits.OnesCount64(dom[i]) != 1 {
			continue
		}
		done[i] = true
		bit := dom[i]
		s := bits.TrailingZeros64(bit)
		take := func(j int32) {
			if j == i || !held[j] || dom[j]&bit == 0 || done[j] {
				return
			}
			dom[j] &^= bit
			if bits.OnesCount64(dom[j]) == 1 {
				queue = append(queue, j)
			}
		}
		for _, q := range m.parts(i) {
			for _, j := range m.meetingsOf(q) {
				take(j)
			}
		}
		if single[s]++; single[s] >= m.L {
			for j := range dom {
				take(int32(j))
			}
		}
	}
	return dom
}
