package scheduler

import (
	"slices"
	"testing"
)

func pair(id, a, b string, w int64) Meeting {
	return Meeting{ID: id, Participants: []string{a, b}, Weight: w}
}

// served returns the participants with a meeting in r.
func served(p Problem, r Result) map[string]bool {
	byID := map[string]Meeting{}
	for _, m := range p.Meetings {
		byID[m.ID] = m
	}
	out := map[string]bool{}
	for _, a := range r.Assignments {
		for _, q := range byID[a.Meeting].Participants {
			out[q] = true
		}
	}
	return out
}

func TestSolve_ServesEveryoneBeforeValue(t *testing.T) {
	p := Problem{Objective: MaxValue, Slots: 2, Tables: 5, ServeFirst: true,
		Participants: []Participant{{ID: "i1", MaxMeetings: 2}, {ID: "i2", MaxMeetings: 1},
			{ID: "e1", MaxMeetings: 2}, {ID: "e2", MaxMeetings: 2}, {ID: "e3", MaxMeetings: 2}},
		Meetings: []Meeting{pair("m1", "e1", "i1", 100), pair("m2", "e2", "i1", 90),
			pair("m3", "e3", "i1", 10), pair("m4", "e1", "i2", 50)}}
	r, err := Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(p, r); err != nil {
		t.Fatal(err)
	}
	got := served(p, r)
	for _, q := range p.Participants {
		if !got[q.ID] {
			t.Errorf("%s has no meeting: %+v", q.ID, r.Assignments)
		}
	}
	if r.Value != 150 || r.UpperBound != 240 || len(r.Unserved) != 0 {
		t.Fatalf("value %d bound %d unserved %v, want 150, 240, none", r.Value, r.UpperBound, r.Unserved)
	}
}

func TestSolve_UnservedReasons(t *testing.T) {
	p := Problem{Objective: MaxValue, Slots: 2, Tables: 5,
		Participants: []Participant{{ID: "e1", Unavailable: []int{1}}, {ID: "i1", Unavailable: []int{2}},
			{ID: "e2"}, {ID: "e3"}, {ID: "i2", MaxMeetings: 1}, {ID: "lonely"}},
		Meetings: []Meeting{pair("m1", "e1", "i1", 10), pair("m2", "e2", "i2", 20), pair("m3", "e3", "i2", 10)}}
	r, err := Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []Unserved{{"e1", UnservedNoCommonSlot}, {"i1", UnservedNoCommonSlot}, {"e3", UnservedPartnersFull}}
	if !slices.Equal(r.Unserved, want) {
		t.Fatalf("unserved %v, want %v", r.Unserved, want)
	}
}

func TestSolve_UnservedNoTable(t *testing.T) {
	// One table, one slot: two disjoint pairs compete for it.
	p := Problem{Objective: MaxValue, Slots: 1, Tables: 1,
		Participants: []Participant{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Meetings:     []Meeting{pair("m1", "a", "b", 20), pair("m2", "c", "d", 10)}}
	r, err := Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []Unserved{{"c", UnservedNoTable}, {"d", UnservedNoTable}}
	if !slices.Equal(r.Unserved, want) {
		t.Fatalf("unserved %v, want %v", r.Unserved, want)
	}
}
