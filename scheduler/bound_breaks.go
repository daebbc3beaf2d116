package scheduler

import (
	"math/bits"
	"slices"
)

// breakBoundNodes caps the interval sets tried per participant and run
// count; past it the bound settles for the run count proven so far, which
// stays valid.
const breakBoundNodes = 20000

// BreaksLowerBound returns a lower bound on the total breaks of every
// valid timetable of p that holds exactly the meetings assigned in as
// (assignments of unknown meetings are ignored). Per participant it is
// exact on its own: the fewest runs of consecutive slots that k slots can
// form when each of its k meetings needs a distinct slot where all of the
// meeting's participants are available (and its session and fixed slot
// allow), less one. What it ignores is how participants compete for
// slots and tables, so a timetable may need more. It returns an
// *InputError for a malformed problem.
func BreaksLowerBound(p Problem, as []Assignment) (int, error) {
	m, err := compileModel(p)
	if err != nil {
		return 0, err
	}
	held := make([][]uint64, m.nReal)
	for _, a := range as {
		i, ok := m.meetIdx.find(a.Meeting)
		if !ok {
			continue
		}
		for _, q := range m.parts(i) {
			if int(q) < m.nReal {
				held[q] = append(held[q], m.allowed[i])
			}
		}
	}
	total := 0
	for _, allowed := range held {
		if len(allowed) >= 2 {
			total += minRuns(allowed) - 1
		}
	}
	return total, nil
}

// minRuns is the fewest maximal runs a set of len(allowed) slots can form
// when meeting j takes a distinct slot of allowed[j] (or the best bound
// found within breakBoundNodes sets per run count). It starts from the
// runs needed by the union of the allowed slots taken longest run first.
func minRuns(allowed []uint64) int {
	var union uint64
	for _, a := range allowed {
		union |= a
	}
	k := len(allowed)
	r := unionRuns(union, k)
	if r == 0 {
		return 1 // no set fits: no valid timetable, any bound holds
	}
	e := &runSearch{allowed: allowed, union: union}
	for ; r < k; r++ {
		e.nodes = 0
		if e.fits(0, r, k, 0) || e.nodes > breakBoundNodes {
			return r
		}
	}
	return r
}

// unionRuns is the fewest runs of u that hold k slots (longest first), or
// 0 when u has fewer than k slots.
func unionRuns(u uint64, k int) int {
	var lens []int
	for x := u; x != 0; {
		s := bits.TrailingZeros64(x)
		n := bits.TrailingZeros64(^(x >> uint(s)))
		lens = append(lens, n)
		x &^= fullMask(n) << uint(s)
	}
	slices.Sort(lens)
	r := 0
	for j := len(lens) - 1; j >= 0 && k > 0; j-- {
		k -= lens[j]
		r++
	}
	if k > 0 {
		return 0
	}
	return r
}

// runSearch enumerates sets of r separated intervals of union holding k
// slots and tests each for a matching of the meetings into it.
type runSearch struct {
	allowed []uint64
	union   uint64
	nodes   int
}

// fits reports whether r more intervals, starting at slot from or later,
// of total length k, complete set into a slot set the meetings match.
func (e *runSearch) fits(from, r, k int, set uint64) bool {
	e.nodes++
	if e.nodes > breakBoundNodes {
		return false
	}
	if r == 0 {
		return k == 0 && matchAll(e.allowed, set)
	}
	for s := from; s < 64 && e.union>>uint(s) != 0; s++ {
		for n := 1; n <= k-(r-1); n++ {
			if s+n > 64 {
				break
			}
			iv := fullMask(n) << uint(s)
			if e.union&iv != iv {
				break
			}
			if e.fits(s+n+1, r-1, k-n, set|iv) {
				return true
			}
		}
	}
	return false
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
