package scheduler_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/instances"
)

// mustSolve solves p and fails the test unless the result passes Check.
func mustSolve(t testing.TB, p scheduler.Problem, opt scheduler.Options) scheduler.Result {
	t.Helper()
	r, err := scheduler.Solve(p, opt)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if err := scheduler.Check(p, r); err != nil {
		t.Fatalf("Check: %v", err)
	}
	return r
}

func TestSolve_InputErrors(t *testing.T) {
	base := func() scheduler.Problem {
		return scheduler.Problem{
			Objective:    scheduler.MinBreaks,
			Slots:        4,
			Tables:       2,
			Participants: []scheduler.Participant{{ID: "a"}, {ID: "b"}},
			Meetings:     []scheduler.Meeting{{ID: "m1", Participants: []string{"a", "b"}}},
		}
	}
	tests := []struct {
		name   string
		change func(*scheduler.Problem)
		id     string
	}{
		{"UnknownParticipant", func(p *scheduler.Problem) { p.Meetings[0].Participants[1] = "z" }, "m1"},
		{"SlotOutOfRange", func(p *scheduler.Problem) { p.Meetings[0].FixedSlot = 5 }, "m1"},
		{"OnePerson", func(p *scheduler.Problem) { p.Meetings[0].Participants = []string{"a"} }, "m1"},
		{"DuplicateID", func(p *scheduler.Problem) { p.Meetings = append(p.Meetings, p.Meetings[0]) }, "m1"},
		{"UnknownSession", func(p *scheduler.Problem) { p.Meetings[0].Session = "am" }, "m1"},
		{"Unavailable", func(p *scheduler.Problem) { p.Participants[0].Unavailable = []int{0} }, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			tt.change(&p)
			_, err := scheduler.Solve(p, scheduler.Options{})
			var ie *scheduler.InputError
			if !errors.As(err, &ie) || ie.ID != tt.id {
				t.Fatalf("Solve error = %v, want *InputError naming %q", err, tt.id)
			}
		})
	}
}

func TestSolve_Small(t *testing.T) {
	p := scheduler.Problem{
		Objective: scheduler.MaxValue,
		Slots:     3,
		Sessions:  []scheduler.Session{{Name: "am", From: 1, To: 2}, {Name: "pm", From: 3, To: 3}},
		Tables:    2,
		Participants: []scheduler.Participant{
			{ID: "e1", MaxMeetings: 2}, {ID: "e2", Unavailable: []int{1, 2, 3}}, {ID: "e3"},
			{ID: "i1", Host: true, MaxMeetings: 2}, {ID: "i2", Host: true},
		},
		Meetings: []scheduler.Meeting{
			{ID: "a", Participants: []string{"e1", "i1"}, Weight: 10, Required: true},
			{ID: "b", Participants: []string{"e1", "i2"}, Weight: 8, Session: "pm"},
			{ID: "c", Participants: []string{"e1", "i2"}, Weight: 1},
			{ID: "d", Participants: []string{"e2", "i1"}, Weight: 50},
			{ID: "e", Participants: []string{"e3", "i1"}, Weight: 5, FixedSlot: 2, FixedTable: 2},
		},
	}
	r := mustSolve(t, p, scheduler.Options{})
	if r.Value != 23 || r.Status != scheduler.Optimal {
		t.Fatalf("value %d status %s, want 23 optimal (%+v)", r.Value, r.Status, r)
	}
	want := map[string]string{"c": "cap reached for e1", "d": "no common free slot for e2 and i1"}
	if !reflect.DeepEqual(r.Reasons, want) {
		t.Fatalf("reasons %v, want %v", r.Reasons, want)
	}
	// Explain limits the reasons, never the schedule.
	only := mustSolve(t, p, scheduler.Options{Explain: func(id string) bool { return id == "d" }})
	if !reflect.DeepEqual(only.Reasons, map[string]string{"d": want["d"]}) || !reflect.DeepEqual(only.Assignments, r.Assignments) ||
		!reflect.DeepEqual(only.Unscheduled, r.Unscheduled) {
		t.Fatalf("with Explain: reasons %v, unscheduled %v", only.Reasons, only.Unscheduled)
	}
}

func TestSolve_InfeasibleNamesRequired(t *testing.T) {
	p := scheduler.Problem{
		Objective:    scheduler.MinBreaks,
		Slots:        2,
		Tables:       1,
		Participants: []scheduler.Participant{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Meetings: []scheduler.Meeting{
			{ID: "ab", Participants: []string{"a", "b"}},
			{ID: "bc", Participants: []string{"b", "c"}},
			{ID: "ca", Participants: []string{"c", "a"}},
		},
	}
	r := mustSolve(t, p, scheduler.Options{})
	if r.Status != scheduler.Infeasible || len(r.Unscheduled) != 1 {
		t.Fatalf("status %s unscheduled %v, want infeasible with one meeting", r.Status, r.Unscheduled)
	}
}

// randomProblem draws a small general problem: pairs and triples among n
// participants, random unavailability, caps, sessions and pins.
func randomProblem(rng *rand.Rand, obj scheduler.Objective) scheduler.Problem {
	T := 3 + rng.IntN(8)
	p := scheduler.Problem{Objective: obj, Slots: T, Tables: 1 + rng.IntN(6)}
	p.Sessions = []scheduler.Session{{Name: "am", From: 1, To: T / 2}, {Name: "pm", From: T/2 + 1, To: T}}
	n := 4 + rng.IntN(12)
	for i := 0; i < n; i++ {
		q := scheduler.Participant{ID: fmt.Sprintf("p%d", i), Host: rng.IntN(3) == 0}
		for s := 1; s <= T; s++ {
			if rng.IntN(5) == 0 {
				q.Unavailable = append(q.Unavailable, s)
			}
		}
		if rng.IntN(3) == 0 {
			q.MaxMeetings = 1 + rng.IntN(T)
		}
		p.Participants = append(p.Participants, q)
	}
	for k := 0; k < 5+rng.IntN(4*n); k++ {
		p.Meetings = append(p.Meetings, randomMeeting(rng, k, n, T, p.Tables))
	}
	return p
}

func randomMeeting(rng *rand.Rand, k, n, T, L int) scheduler.Meeting {
	m := scheduler.Meeting{ID: fmt.Sprintf("m%d", k), Weight: int64(1 + rng.IntN(20)), Required: rng.IntN(10) == 0}
	size := 2
	if rng.IntN(6) == 0 {
		size = 3
	}
	for _, i := range rng.Perm(n)[:size] {
		m.Participants = append(m.Participants, fmt.Sprintf("p%d", i))
	}
	switch rng.IntN(12) {
	case 0:
		m.Session = "am"
	case 1:
		m.Session = "pm"
	case 2:
		m.FixedSlot = 1 + rng.IntN(T)
	case 3:
		m.FixedTable = 1 + rng.IntN(L)
	}
	return m
}

// TestSolve_Property solves random problems of both objectives: every
// result must pass the checker (no double booking, availability, tables,
// caps, pins, required placed or reported infeasible, value and breaks).
func TestSolve_Property(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1))
	n := 300
	if testing.Short() {
		n = 60
	}
	for k := 0; k < n; k++ {
		obj := scheduler.MaxValue
		if k%2 == 1 {
			obj = scheduler.MinBreaks
		}
		p := randomProblem(rng, obj)
		r := mustSolve(t, p, scheduler.Options{Seed: uint64(k)})
		if r.Status == scheduler.Infeasible && !anyRequiredUnscheduled(p, r) {
			t.Fatalf("case %d: infeasible without a required meeting left out", k)
		}
		if lb, err := scheduler.BreaksLowerBound(p, r.Assignments); err != nil || lb > r.Breaks.Total {
			t.Fatalf("case %d: break bound %d (%v) above the timetable's %d breaks", k, lb, err, r.Breaks.Total)
		}
	}
}

func anyRequiredUnscheduled(p scheduler.Problem, r scheduler.Result) bool {
	out := map[string]bool{}
	for _, id := range r.Unscheduled {
		out[id] = true
	}
	for _, m := range p.Meetings {
		if out[m.ID] && (m.Required || p.Objective == scheduler.MinBreaks) {
			return true
		}
	}
	return false
}

// TestSolve_R0FullyPlaced checks König's guarantee: with full
// availability, caps within the slots and plentiful tables, every meeting
// the selection chooses gets a slot, so the value equals UB1, or with
// ServeFirst that of the serve-first selection (the most participants
// served, then the best value), and nobody with a candidate is left out.
func TestSolve_R0FullyPlaced(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		p := instances.Matchmaking(instances.TierS, instances.R0, seed)
		r := mustSolve(t, p, scheduler.Options{Seed: seed})
		if r.Value != r.UpperBound || r.Stats.Dropped != 0 {
			t.Fatalf("seed %d: value %d, bound %d, dropped %d", seed, r.Value, r.UpperBound, r.Stats.Dropped)
		}
		p.ServeFirst = true
		r = mustSolve(t, p, scheduler.Options{Seed: seed})
		sel, err := scheduler.Select(&p, scheduler.SelectOptions{Availability: true, MaxTotal: p.Slots * p.Tables, ServeFirst: true})
		if err != nil {
			t.Fatal(err)
		}
		if r.Value != sel.Value || r.UpperBound != sel.UpperBound || r.Stats.Dropped != 0 || len(r.Unserved) != 0 {
			t.Fatalf("seed %d: value %d (selection %d), bound %d (%d), dropped %d, unserved %v",
				seed, r.Value, sel.Value, r.UpperBound, sel.UpperBound, r.Stats.Dropped, r.Unserved)
		}
	}
}

// TestSolve_Brokerage solves planted (hence feasible) schedule-all events
// and requires every meeting placed.
func TestSolve_Brokerage(t *testing.T) {
	n := 8
	if testing.Short() {
		n = 3
	}
	for seed := uint64(1); seed <= uint64(n); seed++ {
		p := instances.Brokerage(instances.BrokerageConfig{}, seed)
		r := mustSolve(t, p, scheduler.Options{Seed: seed})
		if r.Status == scheduler.Infeasible || len(r.Unscheduled) > 0 {
			t.Fatalf("seed %d: status %s, unscheduled %v", seed, r.Status, r.Reasons)
		}
	}
}

// TestSolve_Deterministic solves the same problem twice with one seed and
// requires identical answers (timings aside).
func TestSolve_Deterministic(t *testing.T) {
	p := instances.Matchmaking(instances.TierS, instances.R2, 3)
	a := mustSolve(t, p, scheduler.Options{Seed: 9})
	b := mustSolve(t, p, scheduler.Options{Seed: 9})
	if !reflect.DeepEqual(a.Assignments, b.Assignments) || !reflect.DeepEqual(a.Reasons, b.Reasons) {
		t.Fatal("same seed, different assignments")
	}
}

// TestSolve_ImproveKeepsValue compares a solve with and without the
// improvement phase: same meetings held, no more breaks.
func TestSolve_ImproveKeepsValue(t *testing.T) {
	for _, reg := range []instances.Regime{instances.R0, instances.R1, instances.R2} {
		p := instances.Matchmaking(instances.TierS, reg, 7)
		plain := mustSolve(t, p, scheduler.Options{Seed: 1, SkipImprove: true})
		better := mustSolve(t, p, scheduler.Options{Seed: 1})
		if plain.Value != better.Value || better.Breaks.Total > plain.Breaks.Total {
			t.Fatalf("%v: value %d→%d breaks %d→%d", reg, plain.Value, better.Value, plain.Breaks.Total, better.Breaks.Total)
		}
	}
}

func TestSolve_HostKeepsTable(t *testing.T) {
	p := instances.Matchmaking(instances.TierS, instances.R0, 2)
	r := mustSolve(t, p, scheduler.Options{Seed: 1})
	host := map[string]string{}
	for _, m := range p.Meetings {
		host[m.ID] = m.Participants[1]
	}
	tables := map[string]map[int]bool{}
	for _, a := range r.Assignments {
		h := host[a.Meeting]
		if tables[h] == nil {
			tables[h] = map[int]bool{}
		}
		tables[h][a.Table] = true
	}
	for h, ts := range tables {
		if len(ts) != 1 {
			t.Fatalf("host %s uses tables %v with plentiful tables", h, ts)
		}
	}
	if !strings.HasPrefix(p.Meetings[0].Participants[1], "i") {
		t.Fatal("generator changed: investors are not second")
	}
}

// TestSolve_SameUnderGOMAXPROCS solves under GOMAXPROCS 1 and 2: the
// solver uses no goroutines, so the answers must be identical.
func TestSolve_SameUnderGOMAXPROCS(t *testing.T) {
	p := instances.Brokerage(instances.BrokerageConfig{}, 11)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	a := mustSolve(t, p, scheduler.Options{Seed: 5})
	runtime.GOMAXPROCS(2)
	b := mustSolve(t, p, scheduler.Options{Seed: 5})
	if !reflect.DeepEqual(a.Assignments, b.Assignments) {
		t.Fatal("assignments differ between GOMAXPROCS 1 and 2")
	}
}

// TestSolve_BrokerageCore solves planted schedule-all events with a
// tightly packed core (participants meeting in every slot, mostly with
// each other: edge colourings with no slot to spare) and requires every
// meeting placed. Placement alone is tested, so the improvement is
// skipped.
func TestSolve_BrokerageCore(t *testing.T) {
	n := 60
	if testing.Short() {
		n = 10
	}
	for _, core := range []int{4, 6, 8} {
		for seed := uint64(1); seed <= uint64(n); seed++ {
			p := instances.Brokerage(instances.BrokerageConfig{Core: core}, seed)
			r := mustSolve(t, p, scheduler.Options{Seed: seed, SkipImprove: true})
			if r.Status == scheduler.Infeasible || len(r.Unscheduled) > 0 {
				t.Fatalf("core %d seed %d: status %s, unscheduled %v", core, seed, r.Status, r.Reasons)
			}
		}
	}
}
