package scheduler

import (
	"cmp"
	"slices"
)

// compact moves the timetable toward the start of the day: each group of
// meetings linked by a shared participant (a component) slides as many
// slots earlier as it can, keeping its shape, so that breaks do not
// change while the day starts at the first slot and fills the sessions in
// order. A component with a meeting pinned to a slot stays. It reports
// the number of components moved.
func (st *slotState) compact() int {
	moved := 0
	for pass := 0; pass < 4; pass++ {
		n := 0
		for _, k := range st.components() {
			if d := st.earliestShift(k); d > 0 {
				st.shift(k, d)
				n++
			}
		}
		moved += n
		if n == 0 {
			break
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

// earliestShift returns the largest d such that every meeting of
// component k may move d slots earlier: none pinned, each allowed there,
// and no slot over L tables once k has moved. 0 when it cannot move.
func (st *slotState) earliestShift(k []int32) int {
	m := st.m
	lo := m.T
	cnt := make([]int32, m.T)
	for _, i := range k {
		if m.fixedSlot[i] >= 0 {
			return 0
		}
		s := int(st.slot[i])
		lo = min(lo, s)
		cnt[s]++
	}
	for d := lo; d > 0; d-- {
		if st.shiftFits(k, cnt, d) {
			return d
		}
	}
	return 0
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

// shift moves every meeting of component k d slots earlier.
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
