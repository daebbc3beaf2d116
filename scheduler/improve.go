package scheduler

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"time"
)

// Weights of the improvement objective: total breaks first; the sum of
// squared breaks per participant as the tie-breaker that evens them out
// (and so narrows the spread).
const (
	breakWeight = 64
	chainLimit  = 48 // largest Kempe component the improvement moves
	// When tables are scarce, the annealing re-deals a random
	// participant's row (rowMove) every rowPeriod moves, but at most
	// maxRowsPerOwner times per participant on average: rows cost O(k³),
	// and small events get many moves each.
	rowPeriod       = 16
	maxRowsPerOwner = 200
	// singleSample bounds the meetings of a full slot weighed as the one
	// that balances a Kempe move by moving alone the other way.
	singleSample = 48
	// The annealing makes budgetIters moves in all, but at least
	// minPerMeet and at most maxPerMeet per movable meeting: small events
	// get a long search, large ones a linear one.
	budgetIters = 1_500_000
	minPerMeet  = 250
	maxPerMeet  = 6_000
)

// annealIters is the deterministic move budget for n movable meetings.
func annealIters(n int) int {
	per := budgetIters / n
	return n * min(max(per, minPerMeet), maxPerMeet)
}

// improver is a simulated annealing over Kempe-chain moves: a placed
// meeting and the meetings linked to it in its slot and a target slot
// trade places. Now and then a participant's meetings are re-dealt
// optimally among the slots it occupies (rowMove), which moves many
// meetings at once without changing any slot's load, the move that works
// when tables are scarce and every slot is full. The set of placed
// meetings never changes, so no value is lost.
type improver struct {
	st        *slotState
	rng       *rand.Rand
	movable   []int32
	touched   []int32
	deadline  time.Time
	rows      *rowMove
	rowOwners []int32
}

// swapBits exchanges slots a and b in x.
func swapBits(x uint64, a, b int) uint64 {
	ba, bb := x>>uint(a)&1, x>>uint(b)&1
	if ba == bb {
		return x
	}
	return x ^ (1<<uint(a) | 1<<uint(b))
}

// improve anneals st for a deterministic number of iterations scaled to
// the number of placed meetings; limit is only a safety cap on wall time.
func (st *slotState) improve(seed uint64, limit time.Duration) {
	im := &improver{st: st, rng: rand.New(rand.NewPCG(seed, 0x5eed)), rows: &rowMove{st: st}}
	for i := range st.slot {
		if st.slot[i] >= 0 && st.m.fixedSlot[i] < 0 && bits.OnesCount64(st.m.allowed[i]) > 1 {
			im.movable = append(im.movable, int32(i))
		}
	}
	for p := 0; p < st.m.nReal; p++ {
		if st.count[p] >= 2 {
			im.rowOwners = append(im.rowOwners, int32(p))
		}
	}
	if len(im.movable) == 0 || st.m.T < 2 {
		return
	}
	if limit > 0 {
		im.deadline = time.Now().Add(limit)
	}
	im.anneal(annealIters(len(im.movable)))
	im.descend()
	im.polish()
}

// polish alternates passes of row re-deals over every participant and
// Kempe descent until neither improves.
func (im *improver) polish() {
	for round := 0; round < 50 && !im.expired(); round++ {
		rows := false
		for _, p := range im.rowOwners {
			rows = im.rows.improveRow(p) || rows
		}
		if kempe := im.descend(); !rows && !kempe {
			return
		}
	}
}

// anneal runs the annealing from temperature t0 down to t1 geometrically.
func (im *improver) anneal(iters int) {
	const t0, t1 = 40.0, 2.0
	cool := math.Pow(t1/t0, 1/float64(iters))
	temp := t0
	period := 0 // no re-deals while annealing unless tables are scarce
	if im.st.scarceTables() && len(im.rowOwners) > 0 {
		period = max(rowPeriod, iters/(maxRowsPerOwner*len(im.rowOwners)))
	}
	for it := 0; it < iters; it++ {
		if it&4095 == 0 && im.expired() {
			return
		}
		if period > 0 && it%period == 0 {
			im.rows.improveRow(im.rowOwners[im.rng.IntN(len(im.rowOwners))])
		}
		x := im.movable[im.rng.IntN(len(im.movable))]
		b := im.randomTarget(x)
		if b >= 0 {
			im.try(x, b, temp)
		}
		temp *= cool
	}
}

// scarceTables reports whether at least half the slots are full, when
// Kempe moves mostly unbalance slots and row re-deals pay off.
func (st *slotState) scarceTables() bool {
	return 2*bits.OnesCount64(st.full) >= st.m.T
}

func (im *improver) expired() bool {
	return !im.deadline.IsZero() && time.Now().After(im.deadline)
}

// descend makes improving moves only until none is left, trying every
// movable meeting and target slot in order; it reports whether any move
// improved.
func (im *improver) descend() bool {
	improved := false
	for pass := 0; pass < 20; pass++ {
		better := false
		for _, x := range im.movable {
			for f := im.st.m.allowed[x]; f != 0; f &= f - 1 {
				b := bits.TrailingZeros64(f)
				if b != int(im.st.slot[x]) && im.try(x, b, 0) {
					better = true
				}
			}
		}
		improved = improved || better
		if !better || im.expired() {
			return improved
		}
	}
	return improved
}

// randomTarget draws a slot other than x's own among x's allowed slots.
func (im *improver) randomTarget(x int32) int {
	f := im.st.m.allowed[x] &^ (1 << uint(im.st.slot[x]))
	n := bits.OnesCount64(f)
	if n == 0 {
		return -1
	}
	for k := im.rng.IntN(n); k > 0; k-- {
		f &= f - 1
	}
	return bits.TrailingZeros64(f)
}

// try evaluates the Kempe move of x to slot b and applies it when it
// improves, or, at temperature temp > 0, with the Metropolis probability.
// At temp 0 only strict improvements are taken. When the move would
// overflow a slot, a second component moving the other way is sought to
// balance it.
func (im *improver) try(x int32, b int, temp float64) bool {
	st := im.st
	a := int(st.slot[x])
	k, ok := st.chain([]int32{x}, a, b, chainLimit)
	if !ok {
		return false
	}
	inA, inB, ok := st.movable(k, a, b)
	if !ok {
		return false
	}
	move := append(im.touched[:0], k...)
	if !st.loadOK(a, b, inA-inB, 0) {
		if move, ok = im.balance(move, a, b, inA-inB); !ok {
			return false
		}
	}
	im.touched = move
	d := im.delta(move, a, b)
	switch {
	case d < 0:
	case temp <= 0 || d > 0 && im.rng.Float64() >= math.Exp(-float64(d)/temp):
		return false
	}
	st.swap(move, a, b)
	return d < 0
}

// balance looks, among a few meetings of the slot that would overflow,
// for a component moving net meetings back, disjoint from move, and
// returns move extended by it.
func (im *improver) balance(move []int32, a, b, net int) ([]int32, bool) {
	st := im.st
	from := b // net > 0: b overflows, so something must go from b to a
	if net < 0 {
		from = a
	}
	list := st.inSl[from]
	n := len(move)
	if net == 1 || net == -1 {
		if y := im.bestSingle(list, from, a+b-from); y >= 0 {
			return append(move[:n], y), true
		}
	}
	for try := 0; try < 4 && len(list) > 0; try++ {
		y := list[im.rng.IntN(len(list))]
		if containsMeeting(move[:n], y) {
			continue
		}
		k, ok := st.chain([]int32{y}, a, b, chainLimit)
		if !ok {
			continue
		}
		inA, inB, ok := st.movable(k, a, b)
		if ok && inA-inB == -net && st.disjoint(k, move[:n]) {
			return append(move[:n], k...), true
		}
	}
	return move, false
}

// bestSingle returns the meeting of list (in slot from) that can move
// alone to slot to, all its participants free there, at the least cost, or
// -1. Such a meeting shares no participant with a component of from and to
// that does not contain it.
func (im *improver) bestSingle(list []int32, from, to int) int32 {
	st := im.st
	best, bestD := int32(-1), int64(0)
	n, off := len(list), 0
	if n > singleSample {
		n, off = singleSample, im.rng.IntN(len(list))
	}
	for k := 0; k < n; k++ {
		y := list[(off+k)%len(list)]
		if st.m.fixedSlot[y] >= 0 || st.m.allowed[y]&(1<<uint(to)) == 0 {
			continue
		}
		var d int64
		free := true
		for _, p := range st.m.parts(y) {
			if st.busy[p]&(1<<uint(to)) != 0 {
				free = false
				break
			}
			if int(p) < st.m.nReal {
				old := st.busy[p]
				d += st.m.cost(old&^(1<<uint(from))|1<<uint(to)) - st.m.cost(old)
			}
		}
		if free && (best < 0 || d < bestD) {
			best, bestD = y, d
		}
	}
	return best
}

// disjoint reports whether no meeting of k is in move.
func (st *slotState) disjoint(k, move []int32) bool {
	for _, x := range move {
		if st.mark[x] == st.stamp {
			return false
		}
	}
	return true
}

// delta is the objective change if component k trades slots a and b: each
// real participant of k swaps those two slots in its day.
func (im *improver) delta(k []int32, a, b int) int64 {
	st := im.st
	st.stamp++
	var d int64
	for _, x := range k {
		for _, p := range st.m.parts(x) {
			if int(p) >= st.m.nReal || st.pmark[p] == st.stamp {
				continue
			}
			st.pmark[p] = st.stamp
			old := st.busy[p]
			d += st.m.cost(swapBits(old, a, b)) - st.m.cost(old)
		}
	}
	return d
}
