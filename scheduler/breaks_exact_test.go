package scheduler

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// tinyProblem draws a min_breaks problem of at most 8 meetings in at most
// 5 slots: random pairs, tables, a session split, forbidden slots, some
// meetings pinned to a session or a slot.
func tinyProblem(rng *rand.Rand) Problem {
	T := 3 + rng.IntN(3)
	p := Problem{Objective: MinBreaks, Slots: T, Tables: 1 + rng.IntN(3)}
	if rng.IntN(2) == 0 {
		h := 1 + rng.IntN(T-1)
		p.Sessions = []Session{{Name: "am", From: 1, To: h}, {Name: "pm", From: h + 1, To: T}}
	}
	n := 3 + rng.IntN(3)
	for i := 0; i < n; i++ {
		q := Participant{ID: fmt.Sprintf("p%d", i)}
		if rng.IntN(4) == 0 {
			q.Unavailable = []int{1 + rng.IntN(T)}
		}
		p.Participants = append(p.Participants, q)
	}
	for k := 0; k < 2+rng.IntN(7); k++ {
		a, b := rng.IntN(n), rng.IntN(n-1)
		if b >= a {
			b++
		}
		m := Meeting{ID: fmt.Sprintf("m%d", k), Participants: []string{p.Participants[a].ID, p.Participants[b].ID}}
		switch r := rng.IntN(10); {
		case r == 0:
			m.FixedSlot = 1 + rng.IntN(T)
		case r < 3 && len(p.Sessions) > 0:
			m.Session = p.Sessions[rng.IntN(2)].Name
		}
		p.Meetings = append(p.Meetings, m)
	}
	return p
}

// bruteBreaks enumerates every slot for every meeting and returns the
// least total of breaks over the valid timetables, or -1 when none is.
func bruteBreaks(m *slotModel) int {
	n := m.numMeetings()
	slot := make([]int, n)
	best := -1
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			busy := make([]uint64, m.nP)
			load := make([]int, m.T)
			for i, s := range slot {
				if load[s]++; load[s] > m.L {
					return
				}
				for _, q := range m.parts(int32(i)) {
					if busy[q]&(1<<uint(s)) != 0 {
						return
					}
					busy[q] |= 1 << uint(s)
				}
			}
			total := 0
			for q := 0; q < m.nReal; q++ {
				total += stretchBreaks(busy[q], m.stretches)
			}
			if best < 0 || total < best {
				best = total
			}
			return
		}
		for f := m.allowed[k]; f != 0; f &= f - 1 {
			slot[k] = bits.TrailingZeros64(f)
			rec(k + 1)
		}
	}
	rec(0)
	return best
}

// TestSolve_ExactAgreesWithBruteForce checks on many tiny random problems
// that Solve proves the least breaks that exhaustive enumeration finds,
// and reports infeasible exactly when no timetable exists.
func TestSolve_ExactAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	feasible := 0
	for c := 0; c < 400; c++ {
		p := tinyProblem(rng)
		m, err := compileModel(p)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteBreaks(m)
		r, err := Solve(p, Options{Seed: uint64(c)})
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(p, r); err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		if want < 0 {
			if r.Status != Infeasible {
				t.Fatalf("case %d: status %s, no timetable exists", c, r.Status)
			}
			continue
		}
		feasible++
		if r.Status != Optimal || r.Breaks.Total != want {
			t.Fatalf("case %d: %s with %d breaks (bound %d), brute force finds %d\n%+v", c, r.Status, r.Breaks.Total, r.BreaksBound, want, p)
		}
	}
	if feasible < 200 {
		t.Fatalf("only %d feasible cases", feasible)
	}
}
