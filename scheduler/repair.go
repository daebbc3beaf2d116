package scheduler

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// repairChain bounds the Kempe component Repair moves to fit one meeting,
// so that a repair disturbs few of the meetings already announced.
const repairChain = 8

// Repair re-optimises a previous result after the problem changed: a
// participant or meeting removed (a cancellation), participants or
// meetings added (a new registration), or availability changed. p is the
// new problem; prev the result for the old one. Every meeting of prev that
// still exists and still fits stays in its slot and at its table; only
// meetings that now conflict are moved, each with at most a short Kempe
// swap of others, and the freed capacity is then re-filled (max_value:
// best candidates first; min_breaks: every meeting). The status and the
// upper bound are those of p. It returns an *InputError for a malformed p.
func Repair(p Problem, prev Result, opt Options) (Result, error) {
	m, err := compileModel(p)
	if err != nil {
		return Result{}, err
	}
	sv := newSolver(&p, m, opt)
	t0 := time.Now()
	displaced := sv.keep(prev)
	if err := sv.repairBound(); err != nil {
		return Result{}, err
	}
	sv.stats.SelectSeconds = time.Since(t0).Seconds()
	t1 := time.Now()
	sv.stats.Dropped = len(displaced)
	before := sv.placedCount()
	sv.reinsert(displaced)
	if p.Objective == MinBreaks {
		sv.reinsert(sv.unplacedAll())
	}
	sv.forceRequired(sv.unplacedAll())
	if p.Objective == MaxValue {
		sv.refillWith(repairChain)
		if p.ServeFirst {
			sv.serveLeftOut(repairChain)
		}
	}
	sv.enforceRest()
	sv.stats.Added = sv.placedCount() - before
	sv.stats.TimetableSeconds = time.Since(t1).Seconds()
	sv.stats.PlacedBreaks = sv.st.breakStats().Total
	sv.boundBreaks(sv.st)
	return sv.result(), nil
}

// keep places every meeting of prev that still exists and still fits
// where it was, remembers its table, and returns the meetings of prev that
// no longer fit there (in problem order).
func (sv *solver) keep(prev Result) []int32 {
	m, st := sv.m, sv.st
	sv.prev = &prevPlace{slot: make([]int8, m.numMeetings()), table: make([]int16, m.numMeetings())}
	prevSlot := sv.prev.slot
	for i := range prevSlot {
		prevSlot[i] = -1
	}
	for _, a := range prev.Assignments {
		if i, ok := m.meetIdx.find(a.Meeting); ok && a.Slot >= 1 && a.Slot <= m.T {
			prevSlot[i] = int8(a.Slot - 1)
			sv.prev.table[i] = int16(a.Table)
		}
	}
	var displaced []int32
	for i, s := range prevSlot {
		if s < 0 {
			continue
		}
		i32 := int32(i)
		sv.chosen[i] = true
		if m.allowed[i]&(1<<uint(s)) != 0 && st.freeSlots(i32)&(1<<uint(s)) != 0 && sv.capRoom(i32, st.count) {
			st.place(i32, int(s))
		} else {
			displaced = append(displaced, i32)
		}
	}
	return displaced
}

// repairBound sets the upper bound for the changed problem: the
// availability-aware selection bound for max_value, the total weight for
// min_breaks.
func (sv *solver) repairBound() error {
	if sv.p.Objective == MinBreaks {
		for _, w := range sv.m.weight {
			sv.upper += w
		}
		return nil
	}
	s, err := Select(sv.p, SelectOptions{Availability: true, MaxTotal: sv.m.T * sv.m.L})
	if err != nil {
		return fmt.Errorf("scheduler: repair: select: %w", err)
	}
	sv.upper = s.UpperBound
	for _, i := range s.Meetings {
		sv.chosen[i] = true
	}
	return nil
}

// reinsert places the given meetings, hardest first, where they fit
// under the caps, moving at most a short Kempe component each.
func (sv *solver) reinsert(list []int32) {
	order := append([]int32(nil), list...)
	sv.st.difficultyOrder(order)
	for _, i := range order {
		if sv.st.slot[i] < 0 && sv.m.allowed[i] != 0 && sv.capRoom(i, sv.st.count) {
			sv.st.insert(i, repairChain)
		}
	}
}

func (sv *solver) unplacedAll() []int32 {
	var out []int32
	for i := range sv.st.slot {
		if sv.st.slot[i] < 0 {
			out = append(out, int32(i))
		}
	}
	return out
}

func (sv *solver) placedCount() int {
	n := 0
	for _, s := range sv.st.slot {
		if s >= 0 {
			n++
		}
	}
	return n
}

// refillWith offers free capacity to unplaced candidates whose
// participants all have room, best weight first (index on ties), each
// moving at most chain other meetings.
func (sv *solver) refillWith(chain int) int {
	m := sv.m
	var cands []int32
	for i := 0; i < m.numMeetings(); i++ {
		if sv.st.slot[i] < 0 && m.allowed[i] != 0 && sv.capRoom(int32(i), sv.st.count) {
			cands = append(cands, int32(i))
		}
	}
	slices.SortStableFunc(cands, func(a, b int32) int { return cmp.Compare(m.weight[b], m.weight[a]) })
	added := 0
	for _, i := range cands {
		if sv.capRoom(i, sv.st.count) && sv.st.insert(i, chain) {
			added++
		}
	}
	return added
}

// Moved counts the meetings placed in both prev and next whose slot or
// table differs: how much a repair disturbed what was announced.
func Moved(prev, next Result) int {
	type place struct{ slot, table int }
	before := make(map[string]place, len(prev.Assignments))
	for _, a := range prev.Assignments {
		before[a.Meeting] = place{a.Slot, a.Table}
	}
	n := 0
	for _, a := range next.Assignments {
		if b, ok := before[a.Meeting]; ok && b != (place{a.Slot, a.Table}) {
			n++
		}
	}
	return n
}
