package scheduler

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"time"
)

// DefaultTimeLimit is the safety cap on the search phases when
// Options.TimeLimit is zero.
const DefaultTimeLimit = 10 * time.Second

// recoverIters is the move budget of the ejection search that tries to
// place chosen meetings left out by greedy placement.
const recoverIters = 2000

// Options tunes Solve and Repair. The zero value is ready to use.
type Options struct {
	// Seed drives every random choice: the same problem and seed give the
	// same result.
	Seed uint64
	// TimeLimit caps the wall time of the search phases (DefaultTimeLimit
	// when zero). The phases run iteration budgets scaled to the instance,
	// so the result depends on the limit only when it is hit.
	TimeLimit time.Duration
	// SkipImprove leaves the placement as timetabling made it, to measure
	// what the improvement phase brings.
	SkipImprove bool
	// Explain, when not nil, limits Result.Reasons and Explanations to the
	// unscheduled meetings whose id it accepts (say, the requested ones):
	// on an event with millions of candidate pairs a reason for each would
	// take more memory than the schedule itself. Nil explains every one.
	Explain func(meetingID string) bool
}

func (o Options) limit() time.Duration {
	if o.TimeLimit > 0 {
		return o.TimeLimit
	}
	return DefaultTimeLimit
}

// solver carries one Solve or Repair through its phases.
type solver struct {
	p      *Problem
	m      *slotModel
	st     *slotState
	opt    Options
	rng    *rand.Rand
	chosen []bool // meetings some selection held
	// prev is where each meeting sat in the timetable being repaired
	// (nil when solving afresh).
	prev  *prevPlace
	upper int64
	proof breakProof
	stats SolveStats
	start time.Time
}

func newSolver(p *Problem, m *slotModel, opt Options) *solver {
	return &solver{
		p: p, m: m, st: newSlotState(m), opt: opt,
		rng:    rand.New(rand.NewPCG(opt.Seed, 0x7ab1e)),
		chosen: make([]bool, m.numMeetings()),
		start:  time.Now(),
	}
}

// Solve schedules p: for max_value it selects the meetings to hold (an
// exact b-matching on bipartite problems, whose value is the bound UB1),
// for min_breaks it takes them all; then it gives each a slot and a table,
// re-fills the capacity of meetings that fit no slot with the next best
// candidates, and improves breaks within a deterministic budget. It returns
// an *InputError for a malformed problem.
func Solve(p Problem, opt Options) (Result, error) {
	m, err := compileModel(p)
	if err != nil {
		return Result{}, err
	}
	sv := newSolver(&p, m, opt)
	if p.Objective == MaxValue {
		err = sv.selectAndPlace()
	} else {
		sv.placeEverything()
	}
	if err != nil {
		return Result{}, err
	}
	sv.improve()
	sv.st.compact()
	sv.rest()
	return sv.result(), nil
}

// rest gives the participants with a MaxConsecutive their rests on the
// final timetable, compacts it again if that moved meetings, and keeps
// the break proof true of the result: a timetable proven least stays so
// only while its breaks did not grow and the spread keeps its bound;
// otherwise it is optimal only when its breaks meet the lower bound.
func (sv *solver) rest() {
	st := sv.st
	before := append([]int8(nil), st.slot...)
	breaks := st.breakStats().Total
	sv.enforceRest()
	if slices.Equal(before, st.slot) {
		return
	}
	st.compact()
	after, fair := st.breakStats().Total, st.spreadExcess() == 0
	if after > breaks || !fair {
		sv.proof.Optimal = fair && after <= sv.proof.Bound
	}
}

// selectAndPlace runs the selection, places what it chose, forces the
// required meetings in, and re-fills the capacity of dropped meetings.
func (sv *solver) selectAndPlace() error {
	t0 := time.Now()
	sel, err := NewSelector(sv.p)
	if err != nil {
		return fmt.Errorf("scheduler: select: %w", err)
	}
	s, err := sel.Select(SelectOptions{Availability: true, MaxTotal: sv.m.T * sv.m.L, ServeFirst: sv.p.ServeFirst})
	if err != nil {
		return fmt.Errorf("scheduler: select: %w", err)
	}
	sv.stats.SelectSeconds = time.Since(t0).Seconds()
	t1 := time.Now()
	sv.upper = s.UpperBound
	list := sv.capFilter(toInt32(s.Meetings))
	sv.stats.Selected = len(list)
	for _, i := range list {
		sv.chosen[i] = true
	}
	left := sv.st.placeAll(list, sv.m.numMeetings())
	sv.forceRequired(left)
	sv.recover(sv.unplacedOf(list))
	sv.stats.Dropped = len(sv.unplacedOf(list))
	sv.stats.Added = sv.refillWith(refillChain)
	if sv.p.ServeFirst {
		sv.stats.Added += sv.serveLeftOut(refillChain)
	}
	sv.stats.TimetableSeconds = time.Since(t1).Seconds()
	return nil
}

// placeEverything is min_breaks: every meeting is required.
func (sv *solver) placeEverything() {
	t1 := time.Now()
	all := make([]int32, sv.m.numMeetings())
	for i := range all {
		all[i] = int32(i)
		sv.upper += sv.m.weight[i]
	}
	list := sv.capFilter(all)
	sv.stats.Selected = len(list)
	left := sv.st.placeAll(list, sv.m.numMeetings())
	sv.forceRequired(left)
	if len(sv.unplacedOf(list)) > 0 {
		sv.st.replan(list, 20000+200*sv.m.numMeetings(), sv.rng)
	}
	sv.stats.Dropped = len(sv.unplacedOf(list))
	sv.stats.TimetableSeconds = time.Since(t1).Seconds()
}

func toInt32(xs []int) []int32 {
	out := make([]int32, len(xs))
	for j, x := range xs {
		out[j] = int32(x)
	}
	return out
}

// capFilter keeps, in placement order (fixed, required, hardest first),
// the meetings that fit their participants' caps and some slot.
func (sv *solver) capFilter(list []int32) []int32 {
	order := append([]int32(nil), list...)
	sv.st.difficultyOrder(order)
	used := make([]int32, sv.m.nP)
	out := order[:0]
	for _, i := range order {
		if sv.m.allowed[i] == 0 || !sv.capRoom(i, used) {
			continue
		}
		for _, q := range sv.m.parts(i) {
			used[q]++
		}
		out = append(out, i)
	}
	return out
}

// capRoom reports whether each real participant of i has a meeting left
// under its cap and its available slots, given used meetings each.
func (sv *solver) capRoom(i int32, used []int32) bool {
	for _, q := range sv.m.parts(i) {
		if int(q) < sv.m.nReal && int(used[q]) >= sv.m.effCap(q) {
			return false
		}
	}
	return true
}

// forceRequired places required meetings left out: first by shifting
// meetings along a path of full slots to free a table where a meeting's
// participants are all free, then by the ejection search, which lets
// optional meetings give way, and last by a complete search over the
// meetings of the participants concerned.
func (sv *solver) forceRequired(left []int32) {
	var want []int32
	for _, i := range left {
		if sv.m.required[i] && sv.st.slot[i] < 0 {
			if s := sv.st.makeRoom(i); s >= 0 {
				sv.st.place(i, s)
				continue
			}
			want = append(want, i)
		}
	}
	if len(want) == 0 {
		return
	}
	m := sv.m
	prio := func(i int32) int64 {
		if m.required[i] {
			return 1 << 40
		}
		return m.weight[i]
	}
	iters := 20000 + 200*m.numMeetings()
	if out := sv.st.ejectPlace(want, prio, iters, sv.rng); len(out) > 0 {
		sv.st.exactPlace(out)
	}
}

// recover runs the ejection search on chosen meetings left out, weighing
// each meeting by its value, so that a heavier meeting may take the place
// of lighter ones.
func (sv *solver) recover(left []int32) {
	if len(left) == 0 {
		return
	}
	m := sv.m
	prio := func(i int32) int64 {
		if m.required[i] {
			return 1 << 40
		}
		return m.weight[i]
	}
	sv.st.ejectPlace(left, prio, recoverIters, sv.rng)
}

func (sv *solver) unplacedOf(list []int32) []int32 {
	var out []int32
	for _, i := range list {
		if sv.st.slot[i] < 0 {
			out = append(out, i)
		}
	}
	return out
}

// improve anneals the breaks unless the options skip it. It works on a
// compact model of the placed meetings and copies their slots back.
func (sv *solver) improve() {
	sv.stats.PlacedBreaks = sv.st.breakStats().Total
	if sv.opt.SkipImprove {
		return
	}
	t := time.Now()
	var placed []int32
	for i, s := range sv.st.slot {
		if s >= 0 {
			placed = append(placed, int32(i))
		}
	}
	sub := newSlotState(sv.m.restrict(placed))
	for j, i := range placed {
		sub.place(int32(j), int(sv.st.slot[i]))
	}
	sub.improve(sv.opt.Seed, sv.opt.limit())
	sv.searchBreaks(sub)
	snap := append([]int8(nil), sv.st.slot...)
	for j, i := range placed {
		snap[i] = sub.slot[j]
	}
	sv.st.restore(snap)
	sv.stats.ImproveSeconds = time.Since(t).Seconds()
}

// breakStats computes BreakStats over the real participants.
func (st *slotState) breakStats() BreakStats {
	var b BreakStats
	first := true
	for p := 0; p < st.m.nReal; p++ {
		x := st.busy[p]
		if bits.OnesCount64(x) < 2 {
			continue
		}
		n := st.m.breaks(x)
		b.Total += n
		if first || n > b.Max {
			b.Max = n
		}
		if first || n < b.Min {
			b.Min = n
		}
		first = false
	}
	return b
}
