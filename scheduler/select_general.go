package scheduler

import (
	"cmp"
	"slices"
)

// selectGeneral chooses meetings when the problem is not bipartite (odd
// cycles of two-person meetings, or meetings of three or more people). It
// is a heuristic:
//
//  1. Order: when every meeting has two participants (and there are at
//     most largeGeneral of them), solve the fractional b-matching
//     relaxation exactly (a b-matching on the bipartite double cover,
//     whose optimum is half-integral); meetings at 1 come first, then
//     those at ½, then the rest. Within a class, heavier first.
//  2. Greedy: take each meeting in that order if every participant has
//     room.
//  3. Improve: for each meeting left out, heaviest first, make room by
//     dropping the lightest held meeting of each full participant when
//     that gains weight; refill greedily; repeat while a pass gains.
//
// Must-hold meetings carry the selection bonus, so they win every
// comparison. It returns positions in in.act.
//
// It also returns the fractional solution when it computed one.
func (s *Selector) selectGeneral(in *selInstance) ([]int32, []int8) {
	order, x := s.generalOrder(in)
	st := newGreedyState(s, in)
	for _, i := range order {
		st.tryAdd(i)
	}
	for pass := 0; pass < 8; pass++ {
		if !st.improve(order) {
			break
		}
	}
	var chosen []int32
	for i, h := range st.held {
		if h {
			chosen = append(chosen, int32(i))
		}
	}
	return chosen, x
}

// generalOrder returns the positions of in.act in greedy order, and the
// fractional solution it used (nil when none).
func (s *Selector) generalOrder(in *selInstance) ([]int32, []int8) {
	class := make([]int8, len(in.act))
	var x []int8
	if s.allPairs() && len(in.act) <= largeGeneral {
		x = s.doubleCover(in, in.eff)
		for i, xi := range x {
			class[i] = int8(2 - xi)
		}
	}
	order := make([]int32, len(in.act))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(class[a], class[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(in.eff[b], in.eff[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return order, x
}

// largeGeneral is the number of admitted meetings above which non-bipartite
// problems skip the fractional relaxation (solved without pruning) and
// use the per-participant share bound.
const largeGeneral = 200000

// allPairs reports whether every meeting has exactly two participants.
func (s *Selector) allPairs() bool {
	return len(s.list) == 2*len(s.weight)
}

// doubleCover solves the fractional b-matching relaxation of the admitted
// two-person meetings with weights w (only positive ones count): each
// participant v becomes v′ and v″, each meeting uv the arcs u′→v″ and
// v′→u″. It returns, per position in in.act, twice the fractional value
// (0, 1 or 2).
func (s *Selector) doubleCover(in *selInstance, w []int64) []int8 {
	n := s.nPart
	g := &s.flow
	g.reset(nodeFirst + 2*n)
	total := int32(flowInf)
	if in.maxTotal > 0 {
		total = int32(min(2*in.maxTotal, flowInf))
	}
	g.addEdge(nodeSupply, nodeSource, total, 0)
	for v := range n {
		c := in.caps[v]
		if c < 0 {
			c = flowInf
		}
		g.addEdge(nodeSource, nodeFirst+v, c, 0)
		g.addEdge(nodeFirst+n+v, nodeSink, c, 0)
	}
	base := len(g.eu)
	for i, m := range in.act {
		a, b := int(s.list[s.start[m]]), int(s.list[s.start[m]+1])
		cost := -max(w[i], 0)
		g.addEdge(nodeFirst+a, nodeFirst+n+b, 1, cost)
		g.addEdge(nodeFirst+b, nodeFirst+n+a, 1, cost)
	}
	g.build()
	g.maxGain(nodeSupply, nodeSink)
	x := make([]int8, len(in.act))
	for i := range in.act {
		x[i] = int8(g.flow(base+2*i) + g.flow(base+2*i+1))
	}
	return x
}

// generalBound returns an upper bound on the value of any selection of the
// admitted meetings under the caps: half the double-cover optimum (the
// fractional b-matching bound) when all meetings are pairs and there are
// at most largeGeneral; otherwise the sum over participants of their
// cap-many best shares ⌈w/size⌉. A fractional solution x computed with
// the plain weights (no must-hold meeting) is reused; nil computes it.
func (s *Selector) generalBound(in *selInstance, x []int8) int64 {
	plain := make([]int64, len(in.act))
	for i, m := range in.act {
		plain[i] = max(s.weight[m], 0)
	}
	if s.allPairs() && len(in.act) <= largeGeneral {
		if x == nil || slices.Contains(in.must, true) {
			x = s.doubleCover(in, plain)
		}
		var twice int64
		for i, xi := range x {
			twice += int64(xi) * plain[i]
		}
		return twice / 2
	}
	return s.shareBound(in, plain)
}

// shareBound sums, per participant, its cap-many largest shares
// ⌈w/size⌉ of the meetings it is in. Any selection's value splits into
// such shares, so the sum bounds it.
func (s *Selector) shareBound(in *selInstance, plain []int64) int64 {
	start, adj := s.positions(in)
	var total int64
	var shares []int64
	for v := range s.nPart {
		shares = shares[:0]
		for _, i := range adj[start[v]:start[v+1]] {
			m := in.act[i]
			size := int64(s.start[m+1] - s.start[m])
			shares = append(shares, (plain[i]+size-1)/size)
		}
		slices.SortFunc(shares, func(a, b int64) int { return cmp.Compare(b, a) })
		if c := int(in.caps[v]); c >= 0 && c < len(shares) {
			shares = shares[:c]
		}
		for _, x := range shares {
			total += x
		}
	}
	return total
}

// greedyState is a selection under construction for selectGeneral.
type greedyState struct {
	s      *Selector
	in     *selInstance
	held   []bool
	rem    []int32   // room left per participant; negative: no cap
	heldBy [][]int32 // held meetings per participant
	total  int
}

func newGreedyState(s *Selector, in *selInstance) *greedyState {
	return &greedyState{s: s, in: in, held: make([]bool, len(in.act)),
		rem: slices.Clone(in.caps), heldBy: make([][]int32, s.nPart)}
}

// members returns the participants of the meeting at position i.
func (st *greedyState) members(i int32) []int32 {
	m := st.in.act[i]
	return st.s.list[st.s.start[m]:st.s.start[m+1]]
}

// full reports whether the total cap is reached.
func (st *greedyState) full() bool {
	return st.in.maxTotal > 0 && st.total >= st.in.maxTotal
}

// tryAdd holds meeting i if everyone has room.
func (st *greedyState) tryAdd(i int32) {
	if st.held[i] || st.full() {
		return
	}
	for _, v := range st.members(i) {
		if st.rem[v] == 0 {
			return
		}
	}
	st.set(i, true)
}

// set holds or releases meeting i.
func (st *greedyState) set(i int32, hold bool) {
	st.held[i] = hold
	d := int32(1)
	if hold {
		d = -1
	}
	st.total -= int(d)
	for _, v := range st.members(i) {
		if st.rem[v] >= 0 {
			st.rem[v] += d
		}
		if hold {
			st.heldBy[v] = append(st.heldBy[v], i)
		} else {
			k := slices.Index(st.heldBy[v], i)
			st.heldBy[v] = slices.Delete(st.heldBy[v], k, k+1)
		}
	}
}

// improve tries every meeting left out, in order, against the lightest
// meetings in its way, then refills greedily. It reports whether anything
// improved.
func (st *greedyState) improve(order []int32) bool {
	improved := false
	for _, i := range order {
		if st.held[i] {
			continue
		}
		drops, ok := st.room(i)
		if !ok {
			continue
		}
		gain := st.in.eff[i] + st.in.serve*int64(st.servedChange(i, drops))
		for _, d := range drops {
			gain -= st.in.eff[d]
		}
		if gain <= 0 {
			continue
		}
		for _, d := range drops {
			st.set(d, false)
		}
		st.set(i, true)
		improved = true
	}
	if improved {
		for _, i := range order {
			st.tryAdd(i)
		}
	}
	return improved
}

// servedChange is the change in the number of participants served when
// meeting i is held and the meetings drops released.
func (st *greedyState) servedChange(i int32, drops []int32) int {
	if st.in.serve == 0 {
		return 0
	}
	n := 0
	for _, v := range st.members(i) {
		n += b2i(len(st.heldBy[v]) == 0)
	}
	for _, d := range drops {
		for _, v := range st.members(d) {
			if slices.Contains(st.members(i), v) {
				continue
			}
			left := 0
			for _, h := range st.heldBy[v] {
				left += b2i(!slices.Contains(drops, h))
			}
			// count v once, at its first dropped meeting
			if left == 0 && st.firstDrop(drops, d, v) {
				n--
			}
		}
	}
	return n
}

// firstDrop reports whether d is the first meeting of drops that v is in.
func (st *greedyState) firstDrop(drops []int32, d, v int32) bool {
	for _, x := range drops {
		if slices.Contains(st.members(x), v) {
			return x == d
		}
	}
	return false
}

// room returns the held meetings to release so that meeting i fits: for
// each full participant, its lightest held meeting.
func (st *greedyState) room(i int32) ([]int32, bool) {
	var drops []int32
	for _, v := range st.members(i) {
		if st.rem[v] != 0 || st.freedBy(drops, v) {
			continue
		}
		d := st.lightest(v)
		if d < 0 {
			return nil, false
		}
		drops = append(drops, d)
	}
	if len(drops) == 0 && st.full() {
		return nil, false
	}
	return drops, true
}

// freedBy reports whether one of drops includes participant v.
func (st *greedyState) freedBy(drops []int32, v int32) bool {
	for _, d := range drops {
		if slices.Contains(st.members(d), v) {
			return true
		}
	}
	return false
}

// lightest returns participant v's lightest held meeting, or -1.
func (st *greedyState) lightest(v int32) int32 {
	best := int32(-1)
	for _, i := range st.heldBy[v] {
		if best < 0 || st.in.eff[i] < st.in.eff[best] || (st.in.eff[i] == st.in.eff[best] && i > best) {
			best = i
		}
	}
	return best
}
