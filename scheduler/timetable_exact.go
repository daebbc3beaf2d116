package scheduler

import (
	"math/bits"
	"math/rand/v2"
)

// Budgets of the complete search that places required meetings the
// ejection search left out: the most meetings re-placed at once, the
// search nodes per attempt (fewer for large cores, so that an attempt
// scans about exactWork meetings), and the restarts they are spread over.
const (
	exactMaxMeetings = 400
	exactNodes       = 200_000
	exactWork        = 10_000_000
	exactRuns        = 50
)

// makeRoom frees a table for meeting i in a full slot where all of i's
// participants are free: it finds, breadth first, a path of full slots
// s = c0, c1, …, ck where a meeting of each c(j) can move to c(j+1) (its
// participants free there, the slot allowed) and ck has a free table, and
// makes those moves from the end. It returns s, or -1 when no path exists.
func (st *slotState) makeRoom(i int32) int {
	want := st.m.allowed[i] & st.full
	for _, p := range st.m.parts(i) {
		want &^= st.busy[p]
	}
	if want == 0 {
		return -1
	}
	var prev [64]int8
	var via [64]int32
	seen := want
	queue := make([]int, 0, st.m.T)
	for f := want; f != 0; f &= f - 1 {
		s := bits.TrailingZeros64(f)
		prev[s] = -1
		queue = append(queue, s)
	}
	for h := 0; h < len(queue); h++ {
		c := queue[h]
		for _, w := range st.inSl[c] {
			to := st.reachable(w) &^ seen
			for ; to != 0; to &= to - 1 {
				d := bits.TrailingZeros64(to)
				seen |= 1 << uint(d)
				prev[d], via[d] = int8(c), w
				if st.full&(1<<uint(d)) == 0 {
					return st.shiftAlong(d, prev[:], via[:])
				}
				queue = append(queue, d)
			}
		}
	}
	return -1
}

// reachable are the slots, full or not, where meeting w could go if it
// left its own: allowed and all its participants free there.
func (st *slotState) reachable(w int32) uint64 {
	if st.m.fixedSlot[w] >= 0 {
		return 0
	}
	f := st.m.allowed[w]
	for _, p := range st.m.parts(w) {
		f &^= st.busy[p]
	}
	return f
}

// shiftAlong moves, from the path's end d back to its start, each via
// meeting one slot along, and returns the start slot, now with a table
// free.
func (st *slotState) shiftAlong(d int, prev []int8, via []int32) int {
	for prev[d] >= 0 {
		w := via[d]
		c := int(prev[d])
		st.unplace(w)
		st.place(w, d)
		d = c
	}
	return d
}

// exactPlace re-places, by a complete search, the unplaced meetings want
// together with the placed meetings of their participants (and, when that
// fails and stays small, of those meetings' participants), everything
// else staying where it is. It returns the meetings of want still out:
// none when the search found room for all, want unchanged otherwise.
func (st *slotState) exactPlace(want []int32) []int32 {
	core := st.neighbourhood(want, 1)
	if st.completeSearch(core) {
		return nil
	}
	if wider := st.neighbourhood(want, 2); len(wider) > len(core) && st.completeSearch(wider) {
		return nil
	}
	return want
}

// neighbourhood is want plus the placed meetings within hops shared
// participants of it, or want alone when that exceeds exactMaxMeetings.
func (st *slotState) neighbourhood(want []int32, hops int) []int32 {
	st.stamp++
	out := append([]int32(nil), want...)
	for _, i := range want {
		st.mark[i] = st.stamp
	}
	from := 0
	for h := 0; h < hops; h++ {
		to := len(out)
		for _, i := range out[from:to] {
			for _, p := range st.m.parts(i) {
				for _, j := range st.m.meetingsOf(p) {
					if st.slot[j] >= 0 && st.mark[j] != st.stamp {
						st.mark[j] = st.stamp
						out = append(out, j)
					}
				}
			}
		}
		from = to
		if len(out) > exactMaxMeetings {
			return out[:len(want)]
		}
	}
	return out
}

// completeSearch takes the meetings of core out and looks for slots for
// all of them by depth-first search, most constrained meeting first,
// pruned when a participant has fewer slots left than meetings. The nodes
// are spread over restarts, each after the first trying slots in a random
// order (backtracking on tight colourings is heavy-tailed: a fresh order
// often succeeds at once where one run would thrash). On failure it puts
// the meetings back as they were.
func (st *slotState) completeSearch(core []int32) bool {
	snap := make([]int8, len(core))
	for k, i := range core {
		snap[k] = st.slot[i]
		if st.slot[i] >= 0 {
			st.unplace(i)
		}
	}
	cs := &coreSearch{st: st, left: append([]int32(nil), core...),
		need: make([]int32, st.m.nP), room: make([]uint64, st.m.nP),
		rng: rand.New(rand.NewPCG(uint64(len(core)), 0xc0de))}
	nodes := min(exactNodes, exactWork/max(len(core), 1))
	for run := 0; run < exactRuns; run++ {
		cs.budget = nodes / exactRuns
		if cs.search() {
			return true
		}
		cs.shuffle = true
	}
	for k, i := range core { // search left them all out
		if snap[k] >= 0 {
			st.place(i, int(snap[k]))
		}
	}
	return false
}

// coreSearch is the state of completeSearch: the meetings still to
// place and the nodes left.
type coreSearch struct {
	st     *slotState
	left   []int32
	budget int
	// shuffle rotates the slot order at random (every run but the first)
	shuffle bool
	rng     *rand.Rand
	// per participant: meetings left and the slots where they fit
	need  []int32
	room  []uint64
	parts []int32
}

// search places every meeting of left or reports false (leaving left and
// the timetable as it found them).
func (cs *coreSearch) search() bool {
	if len(cs.left) == 0 {
		return true
	}
	cs.budget--
	if cs.budget < 0 {
		return false
	}
	k, free := cs.pick()
	if free == 0 || !cs.roomForAll() {
		return false
	}
	st := cs.st
	i := cs.left[k]
	last := len(cs.left) - 1
	cs.left[k], cs.left[last] = cs.left[last], cs.left[k]
	cs.left = cs.left[:last]
	for free != 0 {
		s := cs.nextSlot(free)
		free &^= 1 << uint(s)
		st.place(i, s)
		if cs.search() {
			return true
		}
		st.unplace(i)
	}
	cs.left = cs.left[:last+1]
	cs.left[k], cs.left[last] = cs.left[last], cs.left[k]
	return false
}

// nextSlot is the lowest slot of free, or a random one after the first
// run.
func (cs *coreSearch) nextSlot(free uint64) int {
	if cs.shuffle {
		for k := cs.rng.IntN(bits.OnesCount64(free)); k > 0; k-- {
			free &= free - 1
		}
	}
	return bits.TrailingZeros64(free)
}

// roomForAll reports whether each participant of the meetings left has
// at least as many slots where one of them fits as it has meetings left.
func (cs *coreSearch) roomForAll() bool {
	st := cs.st
	st.stamp++
	cs.parts = cs.parts[:0]
	for _, i := range cs.left {
		f := st.freeSlots(i)
		for _, p := range st.m.parts(i) {
			if st.pmark[p] != st.stamp {
				st.pmark[p] = st.stamp
				cs.need[p], cs.room[p] = 0, 0
				cs.parts = append(cs.parts, p)
			}
			cs.need[p]++
			cs.room[p] |= f
		}
	}
	for _, p := range cs.parts {
		if int(cs.need[p]) > bits.OnesCount64(cs.room[p]) {
			return false
		}
	}
	return true
}

// pick returns the index in left of the meeting with the fewest free
// slots (most participants' meetings on ties) and those slots.
func (cs *coreSearch) pick() (int, uint64) {
	st := cs.st
	best, bestN, bestDeg := -1, 65, -1
	var bestFree uint64
	for k, i := range cs.left {
		f := st.freeSlots(i)
		n := bits.OnesCount64(f)
		deg := 0
		for _, p := range st.m.parts(i) {
			deg += len(st.m.meetingsOf(p))
		}
		if n < bestN || n == bestN && deg > bestDeg {
			best, bestN, bestDeg, bestFree = k, n, deg, f
			if n == 0 {
				break
			}
		}
	}
	return best, bestFree
}

// replan places list afresh around its tight core when required meetings
// are still out: every meeting of list not pinned to a slot is taken out;
// the meetings of tight participants (at most one available slot to spare
// over their meetings in list) are placed first by complete search, then
// the others in difficulty order with Kempe swaps, then the ejection
// search takes what is left. The new timetable is kept when it leaves
// fewer required meetings out; it returns whether it was.
func (st *slotState) replan(list []int32, ejectIters int, rng *rand.Rand) bool {
	before := st.requiredOut(list)
	snap := append([]int8(nil), st.slot...)
	var tight, rest []int32
	slack := st.slack(list)
	for _, i := range list {
		if st.m.fixedSlot[i] >= 0 && st.slot[i] >= 0 {
			continue
		}
		if st.slot[i] >= 0 {
			st.unplace(i)
		}
		if st.hasTight(i, slack) {
			tight = append(tight, i)
		} else {
			rest = append(rest, i)
		}
	}
	if !st.completeSearch(tight) {
		rest = append(tight, rest...)
	}
	left := st.placeAll(rest, len(st.slot))
	if len(left) > 0 {
		prio := func(i int32) int64 {
			if st.m.required[i] {
				return 1 << 40
			}
			return st.m.weight[i]
		}
		st.ejectPlace(left, prio, ejectIters, rng)
	}
	if st.requiredOut(list) < before {
		return true
	}
	st.restore(snap)
	return false
}

// requiredOut counts the required meetings of list not placed.
func (st *slotState) requiredOut(list []int32) int {
	n := 0
	for _, i := range list {
		if st.m.required[i] && st.slot[i] < 0 {
			n++
		}
	}
	return n
}

// slack is, per participant, its available slots less its meetings in
// list.
func (st *slotState) slack(list []int32) []int32 {
	out := make([]int32, st.m.nP)
	for p := range out {
		out[p] = int32(bits.OnesCount64(st.m.avail[p]))
	}
	for _, i := range list {
		for _, p := range st.m.parts(i) {
			out[p]--
		}
	}
	return out
}

// hasTight reports whether a real participant of i has at most one slot
// to spare.
func (st *slotState) hasTight(i int32, slack []int32) bool {
	for _, p := range st.m.parts(i) {
		if int(p) < st.m.nReal && slack[p] <= 1 {
			return true
		}
	}
	return false
}
