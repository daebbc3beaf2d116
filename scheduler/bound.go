package scheduler

// DefaultTightIterations is the number of subgradient iterations
// TightBound runs when BoundOptions.Iterations is 0.
const DefaultTightIterations = 60

// BoundOptions tunes TightBound.
type BoundOptions struct {
	// Iterations caps the subgradient iterations of the Lagrangian bound;
	// 0 means DefaultTightIterations and a negative value skips it.
	Iterations int
	// Target is the value of a known valid schedule, if any; it steers the
	// subgradient step (Polyak) and never affects validity. When it reaches
	// the availability bound, that bound is tight and the Lagrangian is
	// skipped.
	Target int64
}

// Bound is an upper bound on the value of every valid timetable of a
// problem: meetings placed in slots where all their participants are
// available, within sessions and fixed slots, nobody twice in a slot, at
// most Tables meetings per slot, caps respected. Required meetings are
// relaxed (a valid schedule may hold them or not), so the bound holds for
// every valid schedule.
type Bound struct {
	// Value is the best (smallest) bound found.
	Value int64 `json:"value"`
	// Availability is the availability-aware b-matching bound: meetings
	// that fit no slot dropped, each participant capped at its available
	// slots, the number of meetings capped at Σ over slots of the most
	// meetings that slot can hold.
	Availability int64 `json:"availability"`
	// Lagrangian is the best Lagrangian bound (0 when not computed): see
	// lagrangian.
	Lagrangian int64 `json:"lagrangian"`
	// Iterations is the number of subgradient iterations run.
	Iterations int `json:"iterations"`
}

// TightBound returns upper bounds on the value of any valid timetable of
// p that, unlike Select's UB1, account for slots, availability and
// tables. On bipartite problems of up to 64 slots it also runs a
// Lagrangian relaxation of the time-indexed model, deterministic for a
// given iteration budget.
func TightBound(p *Problem, opts BoundOptions) (Bound, error) {
	s, err := NewSelector(p)
	if err != nil {
		return Bound{}, err
	}
	in, err := s.prepare(SelectOptions{Availability: true, MaxTotal: s.slotCapacity()})
	if err != nil {
		return Bound{}, err
	}
	for i, m := range in.act {
		in.must[i] = false
		in.eff[i] = s.weight[m]
	}
	var b Bound
	if !s.bipartite {
		b.Availability = s.generalBound(in, nil)
		b.Value = b.Availability
		return b, nil
	}
	chosen := s.selectBipartite(in, defaultPrune())
	for _, i := range chosen {
		b.Availability += in.eff[i]
	}
	b.Value = b.Availability
	iters := opts.Iterations
	if iters == 0 {
		iters = DefaultTightIterations
	}
	if iters > 0 && len(in.act) > 0 && s.p.Slots <= 64 && opts.Target < b.Availability {
		lr := newLagrangian(s, in, opts.Target, b.Availability)
		b.Lagrangian, b.Iterations = lr.run(iters)
		b.Value = min(b.Value, b.Lagrangian)
	}
	return b, nil
}

// slotCapacity returns Σ over slots of the most meetings the slot can
// hold: Tables, and no more than half the participants available then (for
// bipartite problems, no more than either side's available participants).
func (s *Selector) slotCapacity() int {
	total := 0
	for t := 1; t <= s.p.Slots; t++ {
		var count [2]int
		for v := range s.nPart {
			if s.avail[v*s.words+(t-1)/64]&(1<<((t-1)%64)) == 0 {
				continue
			}
			side := 0
			if s.bipartite {
				side = int(s.side[v])
			}
			count[side]++
		}
		most := (count[0] + count[1]) / 2
		if s.bipartite {
			most = min(count[0], count[1])
		}
		total += min(most, s.p.Tables)
	}
	return max(total, 1)
}

// slotsOf returns the slot set (bit t-1 for slot t) where meeting m may be
// held, for problems of at most 64 slots.
func (s *Selector) slotsOf(m int) uint64 {
	mt := &s.p.Meetings[m]
	set := ^uint64(0)
	if s.p.Slots < 64 {
		set = 1<<s.p.Slots - 1
	}
	if mt.Session != "" {
		ss := s.p.Sessions[s.sessions[mt.Session]]
		set &= (1<<(ss.To-ss.From+1) - 1) << (ss.From - 1)
	}
	if mt.FixedSlot > 0 {
		set &= 1 << (mt.FixedSlot - 1)
	}
	for _, v := range s.list[s.start[m]:s.start[m+1]] {
		set &= s.avail[int(v)*s.words]
	}
	return set
}
