package instances

import (
	"math/bits"
	"sort"

	"roadshow/scheduler"
)

// TinyConfig bounds tiny brokerage events that ExactBreaks solves in
// milliseconds: 5–8 participants, 8–14 meetings, 4–6 slots, 2–4 tables.
var TinyConfig = BrokerageConfig{
	MinParticipants: 5, MaxParticipants: 8,
	MinMeetings: 8, MaxMeetings: 14,
	MinSlots: 4, MaxSlots: 6,
	MinTables: 2, MaxTables: 4,
}

// ExactBreaks returns the least total of breaks over every timetable that
// places all meetings of p (availability, sessions, pinned slots and
// tables, tables per slot and caps respected), by branch and bound. ok is
// false when no such timetable exists or when the search exceeds maxNodes
// nodes. It is independent of package scheduler's solver, for checking it.
func ExactBreaks(p scheduler.Problem, maxNodes int) (best int, ok bool) {
	b, err := newBnB(p)
	if err != nil {
		return 0, false
	}
	b.best, b.maxNodes = -1, maxNodes
	b.search(0)
	if b.best < 0 || b.nodes > maxNodes {
		return 0, false
	}
	return b.best, true
}

type bnbMeeting struct {
	parts   []int
	allowed uint64
	table   int
}

type bnb struct {
	T, L     int
	meetings []bnbMeeting
	busy     []uint64
	left     []int // meetings still to place per participant
	load     []int
	tableAt  map[[2]int]bool
	cut      uint64 // bit s: a session boundary lies before slot s (0-based)
	best     int
	nodes    int
	maxNodes int
}

func newBnB(p scheduler.Problem) (*bnb, error) {
	if err := scheduler.Validate(p); err != nil {
		return nil, err
	}
	b := &bnb{T: p.Slots, L: p.Tables, load: make([]int, p.Slots), tableAt: map[[2]int]bool{}}
	idx := map[string]int{}
	avail := make([]uint64, len(p.Participants))
	all := uint64(1)<<uint(p.Slots) - 1
	for i, q := range p.Participants {
		idx[q.ID] = i
		avail[i] = all
		for _, s := range q.Unavailable {
			avail[i] &^= 1 << uint(s-1)
		}
	}
	sessions := map[string]uint64{}
	for _, s := range p.Sessions {
		sessions[s.Name] = all >> uint(p.Slots-s.To) &^ (1<<uint(s.From-1) - 1)
		b.cut |= 1 << uint(s.From-1)
		b.cut |= 1 << uint(s.To)
	}
	b.busy = make([]uint64, len(p.Participants))
	b.left = make([]int, len(p.Participants))
	for _, m := range p.Meetings {
		bm := bnbMeeting{allowed: all, table: m.FixedTable}
		if m.Session != "" {
			bm.allowed &= sessions[m.Session]
		}
		if m.FixedSlot > 0 {
			bm.allowed &= 1 << uint(m.FixedSlot-1)
		}
		for _, id := range m.Participants {
			bm.parts = append(bm.parts, idx[id])
			bm.allowed &= avail[idx[id]]
			b.left[idx[id]]++
		}
		b.meetings = append(b.meetings, bm)
	}
	for i, q := range p.Participants {
		if q.MaxMeetings > 0 && b.left[i] > q.MaxMeetings {
			b.meetings = nil // over a cap: no timetable holds every meeting
			b.meetings = append(b.meetings, bnbMeeting{parts: []int{i}, allowed: 0})
		}
	}
	sort.SliceStable(b.meetings, func(x, y int) bool {
		return bits.OnesCount64(b.meetings[x].allowed) < bits.OnesCount64(b.meetings[y].allowed)
	})
	return b, nil
}

func (b *bnb) search(k int) {
	b.nodes++
	if b.nodes > b.maxNodes {
		return
	}
	lb := b.lowerBound()
	if b.best >= 0 && lb >= b.best {
		return
	}
	if k == len(b.meetings) {
		b.best = lb // every participant complete: the bound is exact
		return
	}
	m := b.meetings[k]
	free := m.allowed
	for _, q := range m.parts {
		free &^= b.busy[q]
	}
	for ; free != 0; free &= free - 1 {
		s := bits.TrailingZeros64(free)
		if b.load[s] >= b.L || m.table > 0 && b.tableAt[[2]int{s, m.table}] {
			continue
		}
		b.set(m, s, true)
		b.search(k + 1)
		b.set(m, s, false)
	}
}

func (b *bnb) set(m bnbMeeting, s int, on bool) {
	d := 1
	if !on {
		d = -1
	}
	for _, q := range m.parts {
		b.busy[q] ^= 1 << uint(s)
		b.left[q] -= d
	}
	b.load[s] += d
	if m.table > 0 {
		b.tableAt[[2]int{s, m.table}] = on
	}
}

// lowerBound sums, over participants, the breaks they must still have:
// breaks of their placed meetings (runs less one within each stretch
// between session boundaries), less the gaps inside a stretch their
// remaining meetings could close (shortest gaps first).
func (b *bnb) lowerBound() int {
	total := 0
	for q, x := range b.busy {
		if x == 0 {
			continue
		}
		var gaps []int
		hi := 63 - bits.LeadingZeros64(x)
		for s, g := bits.TrailingZeros64(x), 0; s <= hi; s++ {
			if b.cut>>uint(s)&1 != 0 {
				g = -1 << 20 // a gap across a boundary is no break
			}
			if x>>uint(s)&1 == 0 {
				g++
			} else if g > 0 {
				gaps = append(gaps, g)
				g = 0
			} else {
				g = 0
			}
		}
		sort.Ints(gaps)
		r := b.left[q]
		breaks := len(gaps)
		for _, g := range gaps {
			if g > r {
				break
			}
			r -= g
			breaks--
		}
		total += breaks
	}
	return total
}
