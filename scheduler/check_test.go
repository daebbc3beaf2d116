package scheduler

import (
	"errors"
	"strings"
	"testing"
)

// checkProblem is a small event: four participants, three slots in two
// sessions, two tables.
func checkProblem() Problem {
	return Problem{
		Objective: MaxValue,
		Slots:     3,
		Sessions:  []Session{{Name: "am", From: 1, To: 2}, {Name: "pm", From: 3, To: 3}},
		Tables:    2,
		Participants: []Participant{
			{ID: "a", MaxMeetings: 2}, {ID: "b", Unavailable: []int{3}}, {ID: "c"}, {ID: "d"},
		},
		Meetings: []Meeting{
			{ID: "ab", Participants: []string{"a", "b"}, Weight: 5, Required: true},
			{ID: "ac", Participants: []string{"a", "c"}, Weight: 3, Session: "pm"},
			{ID: "cd", Participants: []string{"c", "d"}, FixedSlot: 1, FixedTable: 2},
			{ID: "bd", Participants: []string{"b", "d"}, Weight: 2},
		},
	}
}

// checkResult is a valid answer to checkProblem.
func checkResult() Result {
	return Result{
		Status: Feasible,
		Assignments: []Assignment{
			{Meeting: "ab", Slot: 1, Table: 1}, {Meeting: "cd", Slot: 1, Table: 2},
			{Meeting: "bd", Slot: 2, Table: 1}, {Meeting: "ac", Slot: 3, Table: 1},
		},
		Unscheduled: []string{},
		Value:       11,
		UpperBound:  11,
		// a (slots 1, 3) and c (1, 3) meet once in each session: no gap.
		Breaks: BreakStats{Total: 0, Max: 0, Min: 0},
	}
}

func TestCheck_Valid(t *testing.T) {
	if err := Check(checkProblem(), checkResult()); err != nil {
		t.Fatal(err)
	}
}

func TestCheck_Violations(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Result)
		want   string
	}{
		{"Clash", func(r *Result) { r.Assignments[2].Slot = 1; r.Assignments[2].Table = 1 }, "b in meetings"},
		{"TableTwice", func(r *Result) { r.Assignments[3].Slot = 1; r.Assignments[3].Table = 2 }, "at table 2 in slot 1"},
		{"SlotRange", func(r *Result) { r.Assignments[2].Slot = 4 }, "outside 1..3"},
		{"TableRange", func(r *Result) { r.Assignments[2].Table = 3 }, "table 3 outside"},
		{"Unavailable", func(r *Result) { r.Assignments[2].Slot = 3; r.Assignments[2].Table = 2 }, "b is unavailable"},
		{"Session", func(r *Result) { r.Assignments[3].Slot = 2; r.Assignments[3].Table = 2 }, "of session pm"},
		{"FixedSlot", func(r *Result) { r.Assignments[1].Slot = 2; r.Assignments[1].Table = 2 }, "fixed to slot 1"},
		{"FixedTable", func(r *Result) { r.Assignments[1].Table = 1; r.Assignments[0].Table = 2 }, "fixed to table 2"},
		{"Value", func(r *Result) { r.Value = 12; r.UpperBound = 12 }, "assignments sum to 11"},
		{"Breaks", func(r *Result) { r.Breaks.Total = 1 }, "breaks"},
		{"OptimalBelowBound", func(r *Result) { r.Status = Optimal; r.UpperBound = 20 }, "status optimal"},
		{"RequiredMissing", func(r *Result) {
			r.Assignments = r.Assignments[1:]
			r.Unscheduled = []string{"ab"}
			r.Value = 6
			r.Breaks = BreakStats{}
		}, "required meeting ab"},
		{"BothLists", func(r *Result) { r.Unscheduled = []string{"ac"} }, "both assigned and unscheduled"},
		{"Neither", func(r *Result) {
			r.Assignments = r.Assignments[:3]
			r.Value = 8
			r.Breaks = BreakStats{}
		}, "neither assigned nor unscheduled"},
		{"Unknown", func(r *Result) { r.Assignments[0].Meeting = "zz" }, "unknown meeting"},
		{"Twice", func(r *Result) { r.Assignments = append(r.Assignments, r.Assignments[0]) }, "assigned twice"},
		{"Status", func(r *Result) { r.Status = "good" }, "unknown status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := checkResult()
			tt.change(&r)
			err := Check(checkProblem(), r)
			var ce *CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("Check = %v, want a *CheckError", err)
			}
			if !strings.Contains(strings.Join(ce.Violations, "\n"), tt.want) {
				t.Fatalf("violations %q lack %q", ce.Violations, tt.want)
			}
		})
	}
}

func TestCheck_Caps(t *testing.T) {
	p := checkProblem()
	p.Participants[0].MaxMeetings = 1
	err := Check(p, checkResult())
	if err == nil || !strings.Contains(err.Error(), "a has 2 meetings, cap 1") {
		t.Fatalf("Check = %v, want cap violation", err)
	}
}

func TestCheck_SlotOverTables(t *testing.T) {
	p := checkProblem()
	p.Tables = 1
	p.Meetings[2].FixedTable = 0
	err := Check(p, checkResult())
	if err == nil || !strings.Contains(err.Error(), "more than 1 tables") {
		t.Fatalf("Check = %v, want table overflow", err)
	}
}

func TestCheck_InfeasibleNamesRequired(t *testing.T) {
	r := checkResult()
	r.Assignments = r.Assignments[1:]
	r.Unscheduled = []string{"ab"}
	r.Value, r.Status = 6, Infeasible
	r.Breaks = BreakStats{Total: 0, Max: 0, Min: 0}
	if err := Check(checkProblem(), r); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Problem)
		id     string
	}{
		{"Objective", func(p *Problem) { p.Objective = "" }, "objective"},
		{"Slots", func(p *Problem) { p.Slots = 0 }, "slots"},
		{"TooManySlots", func(p *Problem) { p.Slots = MaxSlots + 1 }, "slots"},
		{"Tables", func(p *Problem) { p.Tables = 0 }, "tables"},
		{"SessionRange", func(p *Problem) { p.Sessions[1].To = 4 }, "pm"},
		{"DuplicateSession", func(p *Problem) { p.Sessions[1].Name = "am" }, "am"},
		{"UnknownParticipant", func(p *Problem) { p.Meetings[1].Participants[1] = "zz" }, "ac"},
		{"OnePerson", func(p *Problem) { p.Meetings[2].Participants = []string{"c"} }, "cd"},
		{"SamePersonTwice", func(p *Problem) { p.Meetings[2].Participants = []string{"c", "c"} }, "cd"},
		{"DuplicateMeeting", func(p *Problem) { p.Meetings[3].ID = "ab" }, "ab"},
		{"DuplicateParticipant", func(p *Problem) { p.Participants[3].ID = "c" }, "c"},
		{"UnavailableRange", func(p *Problem) { p.Participants[1].Unavailable = []int{9} }, "b"},
		{"FixedSlotRange", func(p *Problem) { p.Meetings[2].FixedSlot = 4 }, "cd"},
		{"FixedTableRange", func(p *Problem) { p.Meetings[2].FixedTable = 3 }, "cd"},
		{"UnknownSession", func(p *Problem) { p.Meetings[1].Session = "eve" }, "ac"},
		{"NegativeWeight", func(p *Problem) { p.Meetings[1].Weight = -1 }, "ac"},
		{"HugeWeight", func(p *Problem) { p.Meetings[1].Weight = MaxWeight + 1 }, "ac"},
		{"NegativeCap", func(p *Problem) { p.Participants[0].MaxMeetings = -1 }, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := checkProblem()
			tt.change(&p)
			var ie *InputError
			if err := Validate(p); !errors.As(err, &ie) || ie.ID != tt.id {
				t.Fatalf("Validate = %v, want *InputError naming %q", err, tt.id)
			}
		})
	}
}

func TestBreaks(t *testing.T) {
	p := checkProblem()
	p.Sessions = nil // one stretch: a's slots 1 and 3 leave a gap
	as := []Assignment{{Meeting: "ab", Slot: 1}, {Meeting: "ac", Slot: 3}, {Meeting: "bd", Slot: 2}}
	got := ParticipantBreaks(p, as)
	want := map[string]int{"a": 1, "b": 0}
	if len(got) != len(want) || got["a"] != 1 || got["b"] != 0 {
		t.Fatalf("ParticipantBreaks = %v, want %v", got, want)
	}
	if b := Breaks(p, as); b != (BreakStats{Total: 1, Max: 1, Min: 0}) {
		t.Fatalf("Breaks = %+v", b)
	}
}
