package scheduler

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// SelectOptions adjusts a selection. The zero value selects from the
// problem as given.
type SelectOptions struct {
	// Fixed lists indices into Problem.Meetings that must be held, on top of
	// the required and pinned ones (a timetabler passes the meetings it has
	// already placed).
	Fixed []int
	// Excluded lists indices of meetings that must not be held (a timetabler
	// passes the meetings it proved unplaceable). Exclusion wins: an
	// excluded required meeting is reported in Selection.Infeasible.
	Excluded []int
	// Caps, when not nil, replaces every participant's MaxMeetings; it is
	// indexed like Problem.Participants. A negative value means no cap, 0
	// means no meeting at all (unlike MaxMeetings, where 0 means no cap).
	Caps []int
	// Availability drops the meetings that fit no slot (no slot inside the
	// meeting's session, at its fixed slot if pinned, where every
	// participant is available) and caps every participant at its number of
	// available slots. Both are true of every valid timetable, so the bound
	// stays valid for timetables while the selection is more likely to fit.
	Availability bool
	// MaxTotal, when positive, caps the number of meetings held (for
	// instance slots × tables).
	MaxTotal int
	// ServeFirst maximises, after the must-hold meetings, the number of
	// participants with at least one meeting, and only then the value: a
	// participant who could meet someone is not left out for a few points
	// of value elsewhere.
	ServeFirst bool
}

// Selection is the outcome of Select.
type Selection struct {
	// Meetings holds the indices into Problem.Meetings of the meetings to
	// hold, ascending.
	Meetings []int `json:"meetings"`
	// Value is the total weight of the meetings held.
	Value int64 `json:"value"`
	// Served counts the participants with at least one meeting held.
	Served int `json:"served"`
	// UpperBound is at least the value of every selection that respects the
	// caps and options and holds as many must-hold meetings as this one,
	// however many participants it serves (for bipartite problems it is
	// that optimum exactly: the bound UB1; it equals Value unless
	// ServeFirst gave up value to serve more participants).
	UpperBound int64 `json:"upper_bound"`
	// Exact reports that Value is optimal (bipartite problems, solved by
	// min-cost flow). Otherwise a heuristic chose the meetings.
	Exact bool `json:"exact"`
	// Bipartite reports that every meeting has two participants and the
	// participants split into two sides with every meeting across them.
	Bipartite bool `json:"bipartite"`
	// Infeasible lists the must-hold meetings (required, pinned to a slot,
	// every meeting under min_breaks, or in SelectOptions.Fixed) that cannot
	// be held, ascending; InfeasibleIDs names them.
	Infeasible    []int    `json:"infeasible,omitempty"`
	InfeasibleIDs []string `json:"infeasible_ids,omitempty"`
}

// Select chooses which meetings of p to hold so that their total weight is
// maximal, every participant stays within its cap and the must-hold
// meetings are held where the caps allow: the number of must-hold meetings
// held is maximised first, then (with SelectOptions.ServeFirst) the number
// of participants served, then the value. Meetings with a weight below 1
// (after reading 0 as 1) that are not must-hold are never held.
//
// When the meetings form a bipartite graph (enterprises × investors) the
// selection is exact, by min-cost flow. Otherwise it is a greedy heuristic
// seeded by the fractional optimum and improved by swaps, with an upper
// bound from the fractional b-matching relaxation; see selectGeneral.
func Select(p *Problem, opts SelectOptions) (Selection, error) {
	s, err := NewSelector(p)
	if err != nil {
		return Selection{}, err
	}
	return s.Select(opts)
}

// Selector holds a Problem indexed for selection, so that a timetabler can
// select again (with meetings fixed, excluded or caps changed) without
// indexing the problem anew. A Selector is not safe for concurrent use.
type Selector struct {
	p         *Problem
	nPart     int
	caps      []int32 // from MaxMeetings; -1 means no cap
	start     []int32 // meeting m's participants are list[start[m]:start[m+1]]
	list      []int32
	weight    []int64
	must      []bool
	bipartite bool
	side      []int8
	words     int
	avail     []uint64 // participant v's slots: avail[v*words:(v+1)*words]
	sessions  map[string]int
	flow      flowNet
	lastID    [2]string // lookup cache
	lastIdx   [2]int32
}

// ErrWeight reports a meeting weight too large for exact arithmetic.
var ErrWeight = errors.New("weight out of range")

// maxWeight bounds meeting weights so that sums never overflow.
const maxWeight = 1 << 32

// NewSelector indexes p. It returns an error naming the offending id for
// a meeting with an unknown participant, a meeting with fewer than two
// distinct participants, an unknown session, a slot out of range or a
// weight beyond ±2³².
func NewSelector(p *Problem) (*Selector, error) {
	s := &Selector{p: p, nPart: len(p.Participants), words: (p.Slots + 63) / 64}
	index := make(map[string]int32, len(p.Participants))
	for i, q := range p.Participants {
		if _, dup := index[q.ID]; dup {
			return nil, fmt.Errorf("scheduler: participant %q: duplicate id", q.ID)
		}
		index[q.ID] = int32(i)
	}
	if err := s.indexParticipants(); err != nil {
		return nil, err
	}
	if err := s.indexSessions(); err != nil {
		return nil, err
	}
	if err := s.indexMeetings(index); err != nil {
		return nil, err
	}
	s.bipartite, s.side = twoColour(s)
	return s, nil
}

func (s *Selector) indexParticipants() error {
	s.caps = make([]int32, s.nPart)
	s.avail = make([]uint64, s.nPart*s.words)
	for v, q := range s.p.Participants {
		s.caps[v] = int32(q.MaxMeetings)
		if q.MaxMeetings <= 0 {
			s.caps[v] = -1
		}
		set := s.avail[v*s.words : (v+1)*s.words]
		fillSlots(set, 1, s.p.Slots)
		for _, t := range q.Unavailable {
			if t < 1 || t > s.p.Slots {
				return fmt.Errorf("scheduler: participant %q: unavailable slot %d out of range 1..%d", q.ID, t, s.p.Slots)
			}
			set[(t-1)/64] &^= 1 << ((t - 1) % 64)
		}
	}
	return nil
}

func (s *Selector) indexSessions() error {
	s.sessions = make(map[string]int, len(s.p.Sessions))
	for i, ss := range s.p.Sessions {
		if ss.From < 1 || ss.To > s.p.Slots || ss.From > ss.To {
			return fmt.Errorf("scheduler: session %q: slots %d..%d out of range 1..%d", ss.Name, ss.From, ss.To, s.p.Slots)
		}
		s.sessions[ss.Name] = i
	}
	return nil
}

func (s *Selector) indexMeetings(index map[string]int32) error {
	ms := s.p.Meetings
	s.start = make([]int32, len(ms)+1)
	s.list = make([]int32, 0, 2*len(ms))
	s.weight = make([]int64, len(ms))
	s.must = make([]bool, len(ms))
	for m := range ms {
		if err := s.indexMeeting(m, index); err != nil {
			return err
		}
		s.start[m+1] = int32(len(s.list))
	}
	return nil
}

func (s *Selector) indexMeeting(m int, index map[string]int32) error {
	mt := &s.p.Meetings[m]
	first := len(s.list)
	for k, id := range mt.Participants {
		v, ok := s.lookup(k, id, index)
		if !ok {
			return fmt.Errorf("scheduler: meeting %q: unknown participant %q", mt.ID, id)
		}
		if slices.Contains(s.list[first:], v) {
			return fmt.Errorf("scheduler: meeting %q: participant %q listed twice", mt.ID, id)
		}
		s.list = append(s.list, v)
	}
	if len(s.list)-first < 2 {
		return fmt.Errorf("scheduler: meeting %q: fewer than two participants", mt.ID)
	}
	if _, ok := s.sessions[mt.Session]; mt.Session != "" && !ok {
		return fmt.Errorf("scheduler: meeting %q: unknown session %q", mt.ID, mt.Session)
	}
	if mt.FixedSlot < 0 || mt.FixedSlot > s.p.Slots {
		return fmt.Errorf("scheduler: meeting %q: fixed slot %d out of range 1..%d", mt.ID, mt.FixedSlot, s.p.Slots)
	}
	w := mt.Weight
	if w == 0 {
		w = 1
	}
	if w > maxWeight || w < -maxWeight {
		return fmt.Errorf("scheduler: meeting %q: %w: %d", mt.ID, ErrWeight, w)
	}
	s.weight[m] = w
	s.must[m] = mt.Required || mt.FixedSlot > 0 || s.p.Objective == MinBreaks
	return nil
}

// lookup returns the index of participant id, remembering the last id
// seen at position k of a meeting: meetings listed by enterprise repeat
// the same first participant, and a string compare is cheaper than a map
// lookup.
func (s *Selector) lookup(k int, id string, index map[string]int32) (int32, bool) {
	if k < len(s.lastID) && s.lastID[k] == id && id != "" {
		return s.lastIdx[k], true
	}
	v, ok := index[id]
	if ok && k < len(s.lastID) {
		s.lastID[k], s.lastIdx[k] = id, v
	}
	return v, ok
}

// twoColour reports whether every meeting has two participants and the
// participants can be split into two sides with every meeting across them;
// if so it returns each participant's side. It runs a union–find that
// keeps each participant's parity relative to its root.
func twoColour(s *Selector) (bool, []int8) {
	if !s.allPairs() {
		return false, nil
	}
	parent := make([]int32, s.nPart)
	parity := make([]int8, s.nPart)
	for v := range parent {
		parent[v] = int32(v)
	}
	find := func(v int32) (int32, int8) {
		var p int8
		for parent[v] != v {
			if gp := parent[parent[v]]; gp != parent[v] {
				parity[v] ^= parity[parent[v]]
				parent[v] = gp
			}
			p ^= parity[v]
			v = parent[v]
		}
		return v, p
	}
	for m := range s.weight {
		ru, pu := find(s.list[2*m])
		rv, pv := find(s.list[2*m+1])
		if ru == rv {
			if pu == pv {
				return false, nil
			}
			continue
		}
		parent[rv], parity[rv] = ru, pu^pv^1
	}
	side := make([]int8, s.nPart)
	for v := range side {
		_, side[v] = find(int32(v))
	}
	return true, side
}

// fillSlots sets the bits of slots from..to (1-based, inclusive).
func fillSlots(set []uint64, from, to int) {
	for t := from; t <= to; t++ {
		set[(t-1)/64] |= 1 << ((t - 1) % 64)
	}
}

// fits reports whether meeting m has a slot, inside its session and at its
// fixed slot if pinned, where every participant is available.
func (s *Selector) fits(m int, scratch []uint64) bool {
	mt := &s.p.Meetings[m]
	for w := range scratch {
		scratch[w] = ^uint64(0)
	}
	if mt.Session != "" {
		ss := s.p.Sessions[s.sessions[mt.Session]]
		clear(scratch)
		fillSlots(scratch, ss.From, ss.To)
	}
	if mt.FixedSlot > 0 {
		t := mt.FixedSlot
		keep := scratch[(t-1)/64] & (1 << ((t - 1) % 64))
		clear(scratch)
		scratch[(t-1)/64] = keep
	}
	any := uint64(0)
	for w := range scratch {
		x := scratch[w]
		for _, v := range s.list[s.start[m]:s.start[m+1]] {
			x &= s.avail[int(v)*s.words+w]
		}
		any |= x
	}
	return any != 0
}

// availableSlots returns the number of slots participant v can attend.
func (s *Selector) availableSlots(v int) int {
	n := 0
	for _, x := range s.avail[v*s.words : (v+1)*s.words] {
		n += bits.OnesCount64(x)
	}
	return n
}

// Pair names two participants; the order does not matter.
type Pair [2]string

// WithoutForbidden returns the meetings of ms in which no forbidden pair of
// participants takes part together, in their original order. Forbidden
// pairs (conflicts of interest, competitors) are kept out of the candidate
// list this way rather than given to Select.
func WithoutForbidden(ms []Meeting, forbidden []Pair) []Meeting {
	banned := make(map[Pair]bool, 2*len(forbidden))
	for _, f := range forbidden {
		banned[f] = true
		banned[Pair{f[1], f[0]}] = true
	}
	out := make([]Meeting, 0, len(ms))
	for _, m := range ms {
		if !hasPair(m.Participants, banned) {
			out = append(out, m)
		}
	}
	return out
}

func hasPair(ids []string, banned map[Pair]bool) bool {
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if banned[Pair{a, b}] {
				return true
			}
		}
	}
	return false
}
