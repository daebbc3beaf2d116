package instances_test

import (
	"reflect"
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/instances"
)

// TestBrokerage_PlantedIsValid checks that each generated event is within
// the configured ranges and that its hidden timetable passes the checker.
func TestBrokerage_PlantedIsValid(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		p, plan := instances.BrokeragePlanted(instances.BrokerageConfig{}, seed)
		n, m := len(p.Participants), len(p.Meetings)
		if n < 40 || n > 80 || m < 120 || m > 300 || p.Slots < 8 || p.Slots > 22 || p.Tables < 12 || p.Tables > 27 {
			t.Fatalf("seed %d: %d participants, %d meetings, %d slots, %d tables", seed, n, m, p.Slots, p.Tables)
		}
		if float64(m) > 0.98*float64(p.Slots*p.Tables) {
			t.Fatalf("seed %d: load %d of %d", seed, m, p.Slots*p.Tables)
		}
		r := scheduler.Result{Status: scheduler.Optimal, Assignments: plan, Unscheduled: []string{},
			Value: int64(m), UpperBound: int64(m), Breaks: scheduler.Breaks(p, plan)}
		if err := scheduler.Check(p, r); err != nil {
			t.Fatalf("seed %d: planted timetable: %v", seed, err)
		}
	}
}

// TestBrokerage_Core checks the tightly packed variant: the planted
// timetable is valid, at least Core participants meet in every slot, and
// most of their meetings (more than half) are with one another.
func TestBrokerage_Core(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		cfg := instances.BrokerageConfig{Core: 6}
		p, plan := instances.BrokeragePlanted(cfg, seed)
		r := scheduler.Result{Status: scheduler.Optimal, Assignments: plan, Unscheduled: []string{},
			Value: int64(len(p.Meetings)), UpperBound: int64(len(p.Meetings)), Breaks: scheduler.Breaks(p, plan)}
		if err := scheduler.Check(p, r); err != nil {
			t.Fatalf("seed %d: planted timetable: %v", seed, err)
		}
		count := map[string]int{}
		for _, m := range p.Meetings {
			for _, q := range m.Participants {
				count[q]++
			}
		}
		full := map[string]bool{}
		for q, n := range count {
			if n == p.Slots {
				full[q] = true
			}
		}
		inner, all := 0, 0
		for _, m := range p.Meetings {
			if len(m.Participants) == 2 && (full[m.Participants[0]] || full[m.Participants[1]]) {
				all++
				if full[m.Participants[0]] && full[m.Participants[1]] {
					inner++
				}
			}
		}
		if len(full) < cfg.Core || 2*inner <= all {
			t.Fatalf("seed %d: %d participants in every slot, %d of their %d meetings among them", seed, len(full), inner, all)
		}
	}
}

func TestGenerators_Deterministic(t *testing.T) {
	a := instances.Matchmaking(instances.TierS, instances.R1, 3)
	b := instances.Matchmaking(instances.TierS, instances.R1, 3)
	c := instances.Matchmaking(instances.TierS, instances.R1, 4)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, c) {
		t.Fatal("Matchmaking is not a function of its seed")
	}
	if !reflect.DeepEqual(instances.Brokerage(instances.BrokerageConfig{}, 5), instances.Brokerage(instances.BrokerageConfig{}, 5)) {
		t.Fatal("Brokerage is not a function of its seed")
	}
}

func TestExactBreaks_Known(t *testing.T) {
	// A triangle in three slots with one table: one meeting per slot, and
	// the participant absent from the middle meeting has slots 1 and 3.
	p := scheduler.Problem{
		Objective: scheduler.MinBreaks, Slots: 3, Tables: 1,
		Participants: []scheduler.Participant{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Meetings: []scheduler.Meeting{
			{ID: "ab", Participants: []string{"a", "b"}},
			{ID: "ac", Participants: []string{"a", "c"}},
			{ID: "bc", Participants: []string{"b", "c"}},
		},
	}
	if best, ok := instances.ExactBreaks(p, 1000); !ok || best != 1 {
		t.Fatalf("ExactBreaks = %d, %v; want 1", best, ok)
	}
	p.Participants[0].MaxMeetings = 1
	if _, ok := instances.ExactBreaks(p, 1000); ok {
		t.Fatal("ExactBreaks found a timetable over a cap")
	}
}

// TestSolve_AgainstExact compares the solver's breaks with the exact
// optimum on tiny brokerage events: never below it (that would be a bug
// in one of them), and equal on nearly all.
func TestSolve_AgainstExact(t *testing.T) {
	const cases = 40
	equal := 0
	for seed := uint64(1); seed <= cases; seed++ {
		p := instances.Brokerage(instances.TinyConfig, seed)
		best, ok := instances.ExactBreaks(p, 2_000_000)
		if !ok {
			t.Fatalf("seed %d: exact search failed on a feasible event", seed)
		}
		r, err := scheduler.Solve(p, scheduler.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if err := scheduler.Check(p, r); err != nil {
			t.Fatal(err)
		}
		switch {
		case r.Breaks.Total < best:
			t.Fatalf("seed %d: solver %d breaks below the optimum %d", seed, r.Breaks.Total, best)
		case r.Breaks.Total == best:
			equal++
		}
	}
	if equal < cases*9/10 {
		t.Fatalf("optimal on %d of %d tiny events", equal, cases)
	}
	t.Logf("optimal on %d of %d tiny events", equal, cases)
}

// TestBreaksLowerBound_AgainstExact checks the break bound on tiny events:
// never above the exact optimum, and equal to it on some.
func TestBreaksLowerBound_AgainstExact(t *testing.T) {
	const cases = 40
	tight := 0
	for seed := uint64(1); seed <= cases; seed++ {
		p, plan := instances.BrokeragePlanted(instances.TinyConfig, seed)
		best, ok := instances.ExactBreaks(p, 2_000_000)
		if !ok {
			t.Fatalf("seed %d: exact search failed on a feasible event", seed)
		}
		lb, err := scheduler.BreaksLowerBound(p, plan)
		if err != nil {
			t.Fatal(err)
		}
		if lb > best {
			t.Fatalf("seed %d: bound %d above the optimum %d", seed, lb, best)
		}
		if lb == best {
			tight++
		}
	}
	if tight == 0 {
		t.Fatal("the bound is never tight")
	}
	t.Logf("bound equals the optimum on %d of %d tiny events", tight, cases)
}
