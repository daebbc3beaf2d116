package scheduler

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomTimetableCase builds a tiny problem for brute force over the
// time-indexed model: up to 7 meetings, 1–3 slots, 1–3 tables.
func randomTimetableCase(r *rand.Rand, general bool) Problem {
	p := Problem{Objective: MaxValue, Slots: 1 + r.IntN(3), Tables: 1 + r.IntN(3)}
	if p.Slots >= 2 && r.IntN(3) == 0 {
		p.Sessions = []Session{{Name: "am", From: 1, To: 1}, {Name: "pm", From: 2, To: p.Slots}}
	}
	nA, nB := 1+r.IntN(3), 1+r.IntN(3)
	for v := range nA + nB {
		q := Participant{ID: fmt.Sprintf("p%d", v), MaxMeetings: r.IntN(4)}
		for t := 1; t <= p.Slots; t++ {
			if r.IntN(4) == 0 {
				q.Unavailable = append(q.Unavailable, t)
			}
		}
		p.Participants = append(p.Participants, q)
	}
	for m := range 1 + r.IntN(7) {
		ids := []string{fmt.Sprintf("p%d", r.IntN(nA)), fmt.Sprintf("p%d", nA+r.IntN(nB))}
		if general {
			ids = randomGroup(r, nA+nB)
		}
		mt := Meeting{ID: fmt.Sprintf("m%d", m), Participants: ids, Weight: int64(r.IntN(30) - 3), Required: r.IntN(8) == 0}
		if p.Sessions != nil && r.IntN(4) == 0 {
			mt.Session = p.Sessions[r.IntN(2)].Name
		}
		if r.IntN(8) == 0 {
			mt.FixedSlot = 1 + r.IntN(p.Slots)
		}
		p.Meetings = append(p.Meetings, mt)
	}
	return p
}

// bruteTimetable returns the best value of any valid timetable of p,
// trying every slot (or none) for every meeting.
func bruteTimetable(t *testing.T, p *Problem) int64 {
	t.Helper()
	s, err := NewSelector(p)
	if err != nil {
		t.Fatal(err)
	}
	nm := len(p.Meetings)
	slot := make([]int, nm)
	best := int64(0)
	var rec func(m int)
	rec = func(m int) {
		if m == nm {
			if v, ok := timetableValue(s, slot); ok {
				best = max(best, v)
			}
			return
		}
		allowed := s.slotsOf(m)
		for x := 0; x <= p.Slots; x++ {
			if x == 0 || allowed&(1<<(x-1)) != 0 {
				slot[m] = x
				rec(m + 1)
			}
		}
	}
	rec(0)
	return best
}

// timetableValue checks one assignment (slot 0: not held) against
// clashes, tables and caps, and returns its value.
func timetableValue(s *Selector, slot []int) (int64, bool) {
	load := make([]int, s.nPart)
	busy := make(map[[2]int]bool)
	perSlot := make([]int, s.p.Slots+1)
	var value int64
	for m, x := range slot {
		if x == 0 {
			continue
		}
		perSlot[x]++
		if perSlot[x] > s.p.Tables {
			return 0, false
		}
		for _, v := range s.list[s.start[m]:s.start[m+1]] {
			load[v]++
			if busy[[2]int{int(v), x}] || (s.caps[v] >= 0 && load[v] > int(s.caps[v])) {
				return 0, false
			}
			busy[[2]int{int(v), x}] = true
		}
		value += s.weight[m]
	}
	return value, true
}

func TestTightBound_AtLeastBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var sumOpt, sumAvail, sumLR, sumUB1 int64
	for c := range 1500 {
		p := randomTimetableCase(r, c%3 == 2)
		opt := bruteTimetable(t, &p)
		b, err := TightBound(&p, BoundOptions{Iterations: 40})
		if err != nil {
			t.Fatal(err)
		}
		if b.Value < opt || b.Availability < opt || (b.Iterations > 0 && b.Lagrangian < opt) {
			t.Fatalf("case %d: bound %+v below the optimum %d\n%+v", c, b, opt, p)
		}
		if b.Value > b.Availability {
			t.Fatalf("case %d: value %d above the availability bound %d", c, b.Value, b.Availability)
		}
		sel, err := Select(&p, SelectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if c%3 != 2 {
			sumOpt, sumAvail, sumLR, sumUB1 = sumOpt+opt, sumAvail+b.Availability, sumLR+b.Value, sumUB1+sel.UpperBound
		}
	}
	t.Logf("bipartite cases: optimum %d, tight bound %d, availability bound %d, UB1 %d", sumOpt, sumLR, sumAvail, sumUB1)
	if sumLR >= sumAvail {
		t.Errorf("the Lagrangian bound never tightened the availability bound (%d vs %d)", sumLR, sumAvail)
	}
}
