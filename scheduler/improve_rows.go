package scheduler

import "math/bits"

// rowMove re-deals the meetings of one participant among the slots it
// already occupies: an assignment problem whose cost of putting meeting m
// in slot s is what the move costs m's other participants. The
// participant's own day and every slot's load stay as they are, so the
// move is always within the tables; only the partners' days change. A
// partner busy in s with a meeting outside the row forbids the pairing.
type rowMove struct {
	st    *slotState
	asg   assigner
	cost  []int64
	row   []int32 // the participant's meetings, in slot order
	slots []int   // the participant's occupied slots, ascending
	to    []int8
	from  []int8
	seen  []int32 // participants whose cost the move changes
	owner int32
}

// improveRow re-deals participant p's meetings optimally when that lowers
// the objective, and reports whether it did.
func (rm *rowMove) improveRow(p int32) bool {
	st := rm.st
	if !rm.collect(p) {
		return false
	}
	n := len(rm.row)
	rm.fillCost(n)
	perm := rm.asg.solve(rm.cost, n)
	changed := false
	rm.to = rm.to[:0]
	for j, x := range rm.row {
		s := rm.slots[perm[j]]
		changed = changed || s != int(st.slot[x])
		rm.to = append(rm.to, int8(s))
	}
	if !changed {
		return false
	}
	return rm.apply()
}

// collect gathers p's meetings and slots; it reports false when there is
// nothing to re-deal (fewer than two movable meetings).
func (rm *rowMove) collect(p int32) bool {
	st := rm.st
	T := st.m.T
	rm.row, rm.slots, rm.owner = rm.row[:0], rm.slots[:0], p
	movable := 0
	for f := st.busy[p]; f != 0; f &= f - 1 {
		s := bits.TrailingZeros64(f)
		x := st.at[int(p)*T+s]
		rm.row = append(rm.row, x)
		rm.slots = append(rm.slots, s)
		if st.m.fixedSlot[x] < 0 {
			movable++
		}
	}
	return movable >= 2
}

// fillCost builds the n×n cost matrix of the row.
func (rm *rowMove) fillCost(n int) {
	if cap(rm.cost) < n*n {
		rm.cost = make([]int64, n*n)
	}
	rm.cost = rm.cost[:n*n]
	st := rm.st
	st.stamp++
	for _, x := range rm.row {
		st.mark[x] = st.stamp
	}
	for j, x := range rm.row {
		for k, s := range rm.slots {
			rm.cost[j*n+k] = rm.pairCost(x, s)
		}
	}
}

// pairCost is the change of the objective for x's participants other
// than the row's owner if x alone moved to slot s, or assignInf when s is
// not allowed or a participant is held there by a meeting outside the row.
func (rm *rowMove) pairCost(x int32, s int) int64 {
	st := rm.st
	from := int(st.slot[x])
	if s == from {
		return 0
	}
	if st.m.allowed[x]&(1<<uint(s)) == 0 {
		return assignInf
	}
	T := st.m.T
	var c int64
	for _, q := range st.m.parts(x) {
		if q == rm.owner {
			continue
		}
		if y := st.at[int(q)*T+s]; y >= 0 && st.mark[y] != st.stamp {
			return assignInf
		}
		if int(q) < st.m.nReal {
			old := st.busy[q]
			c += st.m.cost(old&^(1<<uint(from))|1<<uint(s)) - st.m.cost(old)
		}
	}
	return c
}

// apply moves the row to rm.to when the exact change of the objective is
// negative (a partner in two meetings of the row makes the matrix only an
// estimate), and reports whether it did.
func (rm *rowMove) apply() bool {
	st := rm.st
	rm.partners()
	before := rm.partnersCost()
	rm.from = rm.from[:0]
	for _, x := range rm.row {
		rm.from = append(rm.from, st.slot[x])
		st.unplace(x)
	}
	for j, x := range rm.row {
		st.place(x, int(rm.to[j]))
	}
	if rm.partnersCost() < before {
		return true
	}
	for _, x := range rm.row {
		st.unplace(x)
	}
	for j, x := range rm.row {
		st.place(x, int(rm.from[j]))
	}
	return false
}

// partners lists the real participants of the row's meetings other than
// its owner, once each.
func (rm *rowMove) partners() {
	st := rm.st
	st.stamp++
	rm.seen = rm.seen[:0]
	for _, x := range rm.row {
		for _, q := range st.m.parts(x) {
			if q != rm.owner && int(q) < st.m.nReal && st.pmark[q] != st.stamp {
				st.pmark[q] = st.stamp
				rm.seen = append(rm.seen, q)
			}
		}
	}
}

func (rm *rowMove) partnersCost() int64 {
	var c int64
	for _, q := range rm.seen {
		c += rm.st.m.cost(rm.st.busy[q])
	}
	return c
}
