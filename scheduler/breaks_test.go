package scheduler

import "testing"

// lunchProblem pins p1's meetings to the given slots of a day of 8 slots,
// morning 1–4 and afternoon 5–8.
func lunchProblem(slots ...int) Problem {
	p := Problem{
		Objective: MinBreaks, Slots: 8, Tables: 2,
		Sessions:     []Session{{Name: "am", From: 1, To: 4}, {Name: "pm", From: 5, To: 8}},
		Participants: []Participant{{ID: "p1"}},
	}
	for k, s := range slots {
		id := string(rune('a' + k))
		p.Participants = append(p.Participants, Participant{ID: id})
		p.Meetings = append(p.Meetings, Meeting{ID: "m" + id, Participants: []string{"p1", id}, FixedSlot: s})
	}
	return p
}

func TestBreaks_LunchPauseIsNoGap(t *testing.T) {
	tests := []struct {
		name  string
		slots []int
		want  int
	}{
		{"MorningAndAfternoon", []int{2, 7}, 0},
		{"AcrossLunch", []int{4, 5}, 0},
		{"GapInMorning", []int{1, 3}, 1},
		{"GapInEach", []int{1, 3, 5, 8}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := lunchProblem(tt.slots...)
			r, err := Solve(p, Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := Check(p, r); err != nil {
				t.Fatal(err)
			}
			if r.Breaks.Total != tt.want {
				t.Fatalf("breaks %d, want %d", r.Breaks.Total, tt.want)
			}
			if got := ParticipantBreaks(p, r.Assignments)["p1"]; got != tt.want {
				t.Fatalf("ParticipantBreaks %d, want %d", got, tt.want)
			}
			lb, err := BreaksLowerBound(p, r.Assignments)
			if err != nil || lb != tt.want {
				t.Fatalf("BreaksLowerBound %d (%v), want %d", lb, err, tt.want)
			}
		})
	}
}
