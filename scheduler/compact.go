package scheduler

import (
	"cmp"
	"math/bits"
	"slices"
)

// compactPasses bounds the rounds of compaction; every move takes a
// meeting to an earlier slot, so the rounds end on their own well before.
const compactPasses = 8

// compact moves the timetable toward the start of the day without adding
// breaks: each group of meetings linked by a shared participant (a
// component) slides as many slots earlier as it can, keeping its shape,
// then single meetings move to the earliest slot where they fit, so that
// the day starts at the first slot and fills the sessions in order. A
// move is kept only when no participant it touches gets more breaks
// (breaks counted within each session) or a longer run than its
// MaxConsecutive allows, and the spread of breaks exceeds
// max_break_spread no further; so a timetable proven least stays so. A
// meeting pinned to a slot, and a component holding one, stays. It
// reports the number of moves.
func (st *slotState) compact() int {
	moved := 0
	for pass := 0; pass < compactPasses; pass++ {
		n := 0
		for _, k := range st.components() {
			if st.slide(k) {
				n++
			}
		}
		n += st.pullEarlier()
		moved += n
		if n == 0 {
			break
		}
	}
	return moved
}

// compactGuard is what a compaction move must not worsen: the slots of
// the real participants it touches and the spread's excess.
type compactGuard struct {
	parts  []int32
	busy   []uint64
	excess int
}

// guard records the state of participants parts (real ones, each once).
func (st *slotState) guard(parts []int32) compactGuard {
	g := compactGuard{parts: parts, busy: make([]uint64, len(parts))}
	for j, p := range parts {
		g.busy[j] = st.busy[p]
	}
	if st.m.spread >= 0 {
		g.excess = st.spreadExcess()
	}
	return g
}

// holds reports whether the timetable still keeps g: no participant with
// more breaks, none with a run over its limit that it did not have, the
// spread no further over its bound.
func (st *slotState) holds(g compactGuard) bool {
	m := st.m
	for j, p := range g.parts {
		was, now := g.busy[j], st.busy[p]
		if m.breaks(now) > m.breaks(was) {
			return false
		}
		if c := int(m.maxRun[p]); c > 0 && longestRun(now) > max(c, longestRun(was)) {
			return false
		}
	}
	return m.spread < 0 || st.spreadExcess() <= g.excess
}

// realParts returns the real participants of the meetings k, each once.
func (st *slotState) realParts(k []int32) []int32 {
	st.stamp++
	var out []int32
	for _, i := range k {
		for _, p := range st.m.parts(i) {
			if int(p) < st.m.nReal && st.pmark[p] != st.stamp {
				st.pmark[p] = st.stamp
				out = append(out, p)
			}
		}
	}
	return out
}

// slide moves component k the most slots earlier that fit and keep the
// guard; it reports whether k moved.
func (st *slotState) slide(k []int32) bool {
	m := st.m
	lo := m.T
	cnt := make([]int32, m.T)
	for _, i := range k {
		if m.fixedSlot[i] >= 0 {
			return false
		}
		s := int(st.slot[i])
		lo = min(lo, s)
		cnt[s]++
	}
	var g compactGuard
	for d := lo; d > 0; d-- {
		if !st.shiftFits(k, cnt, d) {
			continue
		}
		if g.busy == nil {
			g = st.guard(st.realParts(k))
		}
		st.shift(k, d)
		if st.holds(g) {
			return true
		}
		st.shift(k, -d)
	}
	return false
}

// pullEarlier moves each movable meeting, earliest first, to the
// earliest free slot before its own that keeps the guard. It returns the
// number of meetings moved.
func (st *slotState) pullEarlier() int {
	m := st.m
	moved := 0
	for s := 1; s < m.T; s++ {
		for _, i := range append([]int32(nil), st.inSl[s]...) {
			if m.fixedSlot[i] >= 0 {
				continue
			}
			free := st.freeSlots(i) & (1<<uint(s) - 1)
			if free == 0 {
				continue
			}
			g := st.guard(st.realParts([]int32{i}))
			for ; free != 0; free &= free - 1 {
				st.unplace(i)
				st.place(i, bits.TrailingZeros64(free))
				if st.holds(g) {
					moved++
					break
				}
				st.unplace(i)
				st.place(i, s)
			}
		}
	}
	return moved
}

// components groups the placed meetings by shared participants and
// returns the groups ordered by their earliest slot (then first meeting).
func (st *slotState) components() [][]int32 {
	m := st.m
	parent := make([]int32, m.nP)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i := range st.slot {
		if st.slot[i] < 0 {
			continue
		}
		ps := m.parts(int32(i))
		for _, q := range ps[1:] {
			if a, b := find(ps[0]), find(q); a != b {
				parent[b] = a
			}
		}
	}
	byRoot := map[int32]int{}
	var out [][]int32
	for i := range st.slot {
		if st.slot[i] < 0 {
			continue
		}
		r := find(m.parts(int32(i))[0])
		k, ok := byRoot[r]
		if !ok {
			k = len(out)
			byRoot[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], int32(i))
	}
	first := func(k []int32) int {
		s := int(st.slot[k[0]])
		for _, i := range k {
			s = min(s, int(st.slot[i]))
		}
		return s
	}
	slices.SortStableFunc(out, func(a, b []int32) int { return cmp.Compare(first(a), first(b)) })
	return out
}

// shiftFits reports whether component k (cnt meetings per slot) fits d
// slots earlier.
func (st *slotState) shiftFits(k []int32, cnt []int32, d int) bool {
	m := st.m
	for _, i := range k {
		if m.allowed[i]&(1<<uint(int(st.slot[i])-d)) == 0 {
			return false
		}
	}
	for s := 0; s < m.T; s++ {
		in := int32(0)
		if s+d < m.T {
			in = cnt[s+d]
		}
		if st.load[s]-cnt[s]+in > int32(m.L) {
			return false
		}
	}
	return true
}

// shift moves every meeting of component k d slots earlier (later when
// d is negative).
func (st *slotState) shift(k []int32, d int) {
	to := make([]int, len(k))
	for j, i := range k {
		to[j] = int(st.slot[i]) - d
		st.unplace(i)
	}
	for j, i := range k {
		st.place(i, to[j])
	}
}
