package scheduler

import "math/bits"

// longestRun returns the length of the longest run of consecutive slots
// in x.
func longestRun(x uint64) int {
	n := 0
	for ; x != 0; n++ {
		x &= x << 1
	}
	return n
}

// restOK reports whether meeting i may sit in slot s without giving any
// of its participants more meetings in a row than its MaxConsecutive.
func (st *slotState) restOK(i int32, s int) bool {
	for _, p := range st.m.parts(i) {
		if c := st.m.maxRun[p]; c > 0 && longestRun(st.busy[p]|1<<uint(s)) > int(c) {
			return false
		}
	}
	return true
}

// enforceRest gives every participant with a MaxConsecutive its rests:
// while someone has too many meetings in a row, one meeting of the run
// is taken out (a movable one whose other participants keep another
// meeting where there is one), and the meetings taken out are then put
// back in free slots that keep everyone within their limits, the fewest
// added breaks first. It returns the meetings that found no place.
func (sv *solver) enforceRest() []int32 {
	m, st := sv.m, sv.st
	var out []int32
	for p := int32(0); int(p) < m.nReal; p++ {
		c := int(m.maxRun[p])
		for c > 0 && longestRun(st.busy[p]) > c {
			i := sv.restBreaker(p, c)
			if i < 0 {
				break
			}
			st.unplace(i)
			out = append(out, i)
		}
	}
	var left []int32
	for _, i := range out {
		free := st.freeSlots(i)
		for f := free; f != 0; f &= f - 1 {
			if s := bits.TrailingZeros64(f); !st.restOK(i, s) {
				free &^= 1 << uint(s)
			}
		}
		if free == 0 {
			left = append(left, i)
			continue
		}
		st.place(i, st.bestSlot(i, free))
	}
	return left
}

// restBreaker picks the meeting of p to take out of p's first run longer
// than c: among the run's meetings from its (c+1)-th on back to its
// second, those not pinned to a slot, preferring one whose other
// participants keep another meeting. -1 when every one is pinned.
func (sv *solver) restBreaker(p int32, c int) int32 {
	m, st := sv.m, sv.st
	x := st.busy[p]
	start := -1
	for s := 0; s < m.T; s++ {
		if x&(1<<uint(s)) == 0 {
			start = -1
			continue
		}
		if start < 0 {
			start = s
		}
		if s-start+1 > c {
			return sv.pickInRun(p, start, s)
		}
	}
	return -1
}

// pickInRun returns a movable meeting of p in slots start+1..last,
// latest first, preferring an optional one whose other participants keep
// another meeting, then any optional one.
func (sv *solver) pickInRun(p int32, start, last int) int32 {
	m, st := sv.m, sv.st
	best, rank := int32(-1), 3
	for s := last; s > start; s-- {
		i := st.at[int(p)*m.T+s]
		if i < 0 || m.fixedSlot[i] >= 0 {
			continue
		}
		r := 2
		switch {
		case !m.required[i] && sv.othersKeep(i, p):
			r = 0
		case !m.required[i]:
			r = 1
		}
		if r < rank {
			best, rank = i, r
		}
	}
	return best
}
