package scheduler

import (
	"fmt"
	"strings"
	"testing"
)

// TestSolve_MaxConsecutive: an investor who rests after two meetings in
// a row still gets its six meetings in eight slots, and the checker
// accepts the result.
func TestSolve_MaxConsecutive(t *testing.T) {
	for _, obj := range []Objective{MaxValue, MinBreaks} {
		p := Problem{Objective: obj, Slots: 8, Tables: 1, Participants: []Participant{{ID: "i1", Host: true, MaxConsecutive: 2}}}
		for e := range 6 {
			id := fmt.Sprintf("e%d", e)
			p.Participants = append(p.Participants, Participant{ID: id})
			p.Meetings = append(p.Meetings, pair("m"+id, id, "i1", int64(10+e)))
		}
		for seed := uint64(1); seed <= 4; seed++ {
			r, err := Solve(p, Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			if err := Check(p, r); err != nil {
				t.Fatalf("%s seed %d: %v", obj, seed, err)
			}
			if len(r.Assignments) != 6 {
				t.Fatalf("%s seed %d: %d meetings placed, want 6: %v", obj, seed, len(r.Assignments), r.Assignments)
			}
		}
	}
}

func TestCheck_MaxConsecutive(t *testing.T) {
	p := Problem{Objective: MinBreaks, Slots: 4, Tables: 1,
		Participants: []Participant{{ID: "a", MaxConsecutive: 2}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Meetings:     []Meeting{pair("m1", "a", "b", 1), pair("m2", "a", "c", 1), pair("m3", "a", "d", 1)}}
	r := Result{Status: Optimal, Value: 3, UpperBound: 3, Unscheduled: []string{}, Breaks: BreakStats{Total: 0, Max: 0, Min: 0},
		Assignments: []Assignment{{"m1", 1, 1}, {"m2", 2, 1}, {"m3", 3, 1}}}
	err := Check(p, r)
	if err == nil || !strings.Contains(err.Error(), "a has 3 meetings in a row, at most 2") {
		t.Fatalf("check: %v", err)
	}
	p.Participants[0].MaxConsecutive = -1
	if err := Validate(p); err == nil {
		t.Fatal("a negative max_consecutive should be refused")
	}
}

// TestSolve_RestKeepsProofHonest: the break search proves no break for
// three meetings of an investor in four slots, but a rest after two
// meetings costs one; min_breaks then reports the break against its
// bound and claims optimal only when the breaks meet the bound.
func TestSolve_RestKeepsProofHonest(t *testing.T) {
	p := Problem{Objective: MinBreaks, Slots: 4, Tables: 1,
		Participants: []Participant{{ID: "a", MaxConsecutive: 2}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Meetings:     []Meeting{pair("m1", "a", "b", 1), pair("m2", "a", "c", 1), pair("m3", "a", "d", 1)}}
	for seed := uint64(1); seed <= 4; seed++ {
		r, err := Solve(p, Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(p, r); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if r.Breaks.Total != 1 || (r.Status == Optimal && r.Breaks.Total > r.BreaksBound) {
			t.Fatalf("seed %d: %s with %d breaks against a bound of %d", seed, r.Status, r.Breaks.Total, r.BreaksBound)
		}
	}
}
