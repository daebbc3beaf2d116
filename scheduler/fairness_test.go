package scheduler

import (
	"errors"
	"testing"
)

// spreadProblem has one least-breaks timetable, and it is unfair: p1
// meets a, b, c in slots 1, 3 and 5 (a, b, c are away in the other
// slots), so p1 has 2 breaks, while d and e meet twice back to back, with
// none: spread 2. A bound of 1 makes d and e take a gap each instead
// (spread 1, total 4).
func spreadProblem() Problem {
	p := Problem{Objective: MinBreaks, Slots: 5, Tables: 4}
	add := func(id string, un ...int) {
		p.Participants = append(p.Participants, Participant{ID: id, Unavailable: un})
	}
	add("p1")
	add("a", 2, 3, 4, 5)
	add("b", 1, 2, 4, 5)
	add("c", 1, 2, 3, 4)
	add("d")
	add("e")
	meet := func(id, x, y string) {
		p.Meetings = append(p.Meetings, Meeting{ID: id, Participants: []string{x, y}})
	}
	meet("m1", "p1", "a")
	meet("m2", "p1", "b")
	meet("m3", "p1", "c")
	meet("m4", "d", "e")
	meet("m5", "d", "e")
	return p
}

func TestSolve_MaxBreakSpread(t *testing.T) {
	p := spreadProblem()
	r, err := Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Breaks.Max-r.Breaks.Min != 2 {
		t.Fatalf("without a bound: breaks %+v, want spread 2", r.Breaks)
	}
	d := 1
	p.MaxBreakSpread = &d
	r, err = Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(p, r); err != nil {
		t.Fatal(err)
	}
	if r.Breaks.Max-r.Breaks.Min > 1 || r.Breaks.Total != 4 {
		t.Fatalf("with a spread of at most 1: breaks %+v, want total 4 and spread 1", r.Breaks)
	}
	bad := -1
	p.MaxBreakSpread = &bad
	var ie *InputError
	if _, err := Solve(p, Options{}); !errors.As(err, &ie) || ie.ID != "max_break_spread" {
		t.Fatalf("negative spread: %v", err)
	}
}
