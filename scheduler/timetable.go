package scheduler

import (
	"math/bits"
	"sort"
)

// slotState is a partial timetable over a slotModel: a slot for some
// meetings, kept consistent with per-participant and per-slot occupancy so
// that every query and move is a few array reads.
type slotState struct {
	m     *slotModel
	slot  []int8    // per meeting, -1 when not placed
	at    []int32   // nP×T: the meeting participant p attends in slot s, or -1
	busy  []uint64  // per participant: occupied slots
	count []int32   // per participant: placed meetings
	load  []int32   // per slot: placed meetings
	full  uint64    // slots holding L meetings
	inSl  [][]int32 // per slot: its meetings
	pos   []int32   // per meeting: index in inSl[slot]
	// scratch for chains
	mark   []uint32 // per meeting
	pmark  []uint32 // per participant
	stamp  uint32
	queue  []int32
	swapTo []int8
}

func newSlotState(m *slotModel) *slotState {
	nM := m.numMeetings()
	st := &slotState{
		m:     m,
		slot:  make([]int8, nM),
		at:    make([]int32, m.nP*m.T),
		busy:  make([]uint64, m.nP),
		count: make([]int32, m.nP),
		load:  make([]int32, m.T),
		inSl:  make([][]int32, m.T),
		pos:   make([]int32, nM),
		mark:  make([]uint32, nM),
		pmark: make([]uint32, m.nP),
	}
	for i := range st.slot {
		st.slot[i] = -1
	}
	for i := range st.at {
		st.at[i] = -1
	}
	return st
}

// place puts meeting i in slot s; the caller has checked that it fits.
func (st *slotState) place(i int32, s int) {
	T := st.m.T
	st.slot[i] = int8(s)
	for _, p := range st.m.parts(i) {
		st.at[int(p)*T+s] = i
		st.busy[p] |= 1 << uint(s)
		st.count[p]++
	}
	st.pos[i] = int32(len(st.inSl[s]))
	st.inSl[s] = append(st.inSl[s], i)
	st.load[s]++
	if int(st.load[s]) >= st.m.L {
		st.full |= 1 << uint(s)
	}
}

// unplace takes meeting i out of its slot.
func (st *slotState) unplace(i int32) {
	T := st.m.T
	s := int(st.slot[i])
	st.slot[i] = -1
	for _, p := range st.m.parts(i) {
		st.at[int(p)*T+s] = -1
		st.busy[p] &^= 1 << uint(s)
		st.count[p]--
	}
	list := st.inSl[s]
	last := list[len(list)-1]
	list[st.pos[i]] = last
	st.pos[last] = st.pos[i]
	st.inSl[s] = list[:len(list)-1]
	st.load[s]--
	st.full &^= 1 << uint(s)
}

// freeSlots are the slots where meeting i fits right now.
func (st *slotState) freeSlots(i int32) uint64 {
	f := st.m.allowed[i] &^ st.full
	for _, p := range st.m.parts(i) {
		f &^= st.busy[p]
	}
	return f
}

// runs counts the maximal runs of consecutive slots in x.
func runs(x uint64) int { return bits.OnesCount64(x &^ (x << 1)) }

// bestSlot picks among free the slot that adds the fewest breaks for the
// meeting's real participants, the earliest on ties.
func (st *slotState) bestSlot(i int32, free uint64) int {
	best, bestCost := -1, 1<<30
	for f := free; f != 0; f &= f - 1 {
		s := bits.TrailingZeros64(f)
		cost := 0
		for _, p := range st.m.parts(i) {
			if int(p) < st.m.nReal {
				b := st.busy[p]
				cost += st.m.breaks(b|1<<uint(s)) - st.m.breaks(b)
			}
		}
		if cost < bestCost {
			best, bestCost = s, cost
		}
	}
	return best
}

// chain collects the Kempe component of seeds in slots a and b: meetings
// in a or b linked by a shared participant. It stops and reports false
// when the component exceeds limit meetings. Members are marked with the
// current stamp.
func (st *slotState) chain(seeds []int32, a, b, limit int) ([]int32, bool) {
	st.stamp++
	q := st.queue[:0]
	for _, x := range seeds {
		if st.mark[x] != st.stamp {
			st.mark[x] = st.stamp
			q = append(q, x)
		}
	}
	T := st.m.T
	for h := 0; h < len(q); h++ {
		x := q[h]
		other := a
		if int(st.slot[x]) == a {
			other = b
		}
		for _, p := range st.m.parts(x) {
			y := st.at[int(p)*T+other]
			if y >= 0 && st.mark[y] != st.stamp {
				if len(q) >= limit {
					st.queue = q
					return q, false
				}
				st.mark[y] = st.stamp
				q = append(q, y)
			}
		}
	}
	st.queue = q
	return q, true
}

// swapOK reports whether the component k may trade slots a and b: nothing
// fixed, every meeting allowed in its new slot, both slots within L after
// the swap (plus extraA meetings to be added to a).
func (st *slotState) swapOK(k []int32, a, b, extraA int) bool {
	inA, inB, ok := st.movable(k, a, b)
	return ok && st.loadOK(a, b, inA-inB, extraA)
}

// movable counts the meetings of k in a and in b and reports whether each
// may move to the other slot (not pinned, allowed there).
func (st *slotState) movable(k []int32, a, b int) (inA, inB int, ok bool) {
	for _, x := range k {
		to := a
		if int(st.slot[x]) == a {
			to = b
			inA++
		} else {
			inB++
		}
		if st.m.fixedSlot[x] >= 0 || st.m.allowed[x]&(1<<uint(to)) == 0 {
			return inA, inB, false
		}
	}
	return inA, inB, true
}

// loadOK reports whether moving net meetings from a to b (and adding
// extraA to a) keeps both slots within L.
func (st *slotState) loadOK(a, b, net, extraA int) bool {
	L := int32(st.m.L)
	return st.load[a]-int32(net)+int32(extraA) <= L && st.load[b]+int32(net) <= L
}

// swap moves every meeting of k from a to b and from b to a.
func (st *slotState) swap(k []int32, a, b int) {
	to := st.swapTo[:0]
	for _, x := range k {
		if int(st.slot[x]) == a {
			to = append(to, int8(b))
		} else {
			to = append(to, int8(a))
		}
		st.unplace(x)
	}
	for j, x := range k {
		st.place(x, int(to[j]))
	}
	st.swapTo = to
}

// conflictsAt lists the placed meetings sharing a participant with meeting
// i in slot s.
func (st *slotState) conflictsAt(i int32, s int, out []int32) []int32 {
	out = out[:0]
	T := st.m.T
	for _, p := range st.m.parts(i) {
		if y := st.at[int(p)*T+s]; y >= 0 && !containsMeeting(out, y) {
			out = append(out, y)
		}
	}
	return out
}

func containsMeeting(list []int32, x int32) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// insert places meeting i: in a free slot when there is one, else by
// swapping one Kempe component out of the way. It moves at most maxChain
// other meetings and reports whether i was placed.
func (st *slotState) insert(i int32, maxChain int) bool {
	if f := st.freeSlots(i); f != 0 {
		st.place(i, st.bestSlot(i, f))
		return true
	}
	if maxChain <= 0 {
		return false
	}
	a, b, ok := st.bestKempe(i, maxChain)
	if !ok {
		return false
	}
	seeds := st.conflictsAt(i, a, nil)
	k, _ := st.chain(seeds, a, b, maxChain)
	st.swap(k, a, b)
	st.place(i, a)
	return true
}

// bestKempe finds the slot pair (a, b) whose a/b component, once swapped,
// frees slot a for meeting i while moving the fewest meetings.
func (st *slotState) bestKempe(i int32, maxChain int) (int, int, bool) {
	bestA, bestB, bestN := -1, -1, maxChain+1
	var seeds []int32
	T := st.m.T
	for fa := st.m.allowed[i]; fa != 0; fa &= fa - 1 {
		a := bits.TrailingZeros64(fa)
		seeds = st.conflictsAt(i, a, seeds)
		if len(seeds) == 0 {
			continue // a is only full: no participant conflict to chain from
		}
		for b := 0; b < T; b++ {
			if b == a {
				continue
			}
			k, ok := st.chain(seeds, a, b, bestN-1)
			if !ok || !st.partsClear(i, b) || !st.swapOK(k, a, b, 1) {
				continue
			}
			bestA, bestB, bestN = a, b, len(k)
			if bestN == len(seeds) {
				return bestA, bestB, true
			}
		}
	}
	return bestA, bestB, bestA >= 0
}

// partsClear reports whether none of meeting i's participants has a
// meeting in slot b inside the component just marked by chain.
func (st *slotState) partsClear(i int32, b int) bool {
	T := st.m.T
	for _, p := range st.m.parts(i) {
		if y := st.at[int(p)*T+b]; y >= 0 && st.mark[y] == st.stamp {
			return false
		}
	}
	return true
}

// difficultyOrder sorts meetings for greedy placement: fixed slots first,
// then required ones, then fewest allowed slots, then busiest
// participants, then index.
func (st *slotState) difficultyOrder(list []int32) {
	m := st.m
	deg := func(i int32) int {
		d := 0
		for _, p := range m.parts(i) {
			if n := int(m.pOff[p+1] - m.pOff[p]); n > d {
				d = n
			}
		}
		return d
	}
	key := make(map[int32][4]int, len(list))
	for _, i := range list {
		fixed, req := 1, 1
		if m.fixedSlot[i] >= 0 {
			fixed = 0
		}
		if m.required[i] {
			req = 0
		}
		key[i] = [4]int{fixed, req, bits.OnesCount64(m.allowed[i]), -deg(i)}
	}
	sort.SliceStable(list, func(x, y int) bool {
		kx, ky := key[list[x]], key[list[y]]
		if kx != ky {
			for j := range kx {
				if kx[j] != ky[j] {
					return kx[j] < ky[j]
				}
			}
		}
		return list[x] < list[y]
	})
}

// placeAll inserts the meetings of list in difficulty order and returns
// those that could not be placed.
func (st *slotState) placeAll(list []int32, maxChain int) []int32 {
	order := append([]int32(nil), list...)
	st.difficultyOrder(order)
	var left []int32
	for _, i := range order {
		if st.slot[i] >= 0 {
			continue
		}
		if !st.insert(i, maxChain) {
			left = append(left, i)
		}
	}
	return left
}
