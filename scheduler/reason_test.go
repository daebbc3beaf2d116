package scheduler_test

import (
	"reflect"
	"testing"

	"roadshow/scheduler"
)

func TestReason_Text(t *testing.T) {
	for _, tc := range []struct {
		why  scheduler.Reason
		want string
	}{
		{scheduler.Reason{Code: scheduler.ReasonNoCommonSlot, Participants: []string{"e2", "i1"}}, "no common free slot for e2 and i1"},
		{scheduler.Reason{Code: scheduler.ReasonCapReached, Participants: []string{"e1"}}, "cap reached for e1"},
		{scheduler.Reason{Code: scheduler.ReasonSlotsTaken, Participants: []string{"i3"}}, "every available slot of i3 taken"},
		{scheduler.Reason{Code: scheduler.ReasonNoTable}, "table capacity"},
		{scheduler.Reason{Code: scheduler.ReasonLowerValue}, "lower value than the chosen meetings"},
		{scheduler.Reason{Code: scheduler.ReasonNoSlotLeft, Participants: []string{"e1", "i2"}}, "no common free slot left for e1 and i2"},
	} {
		if got := tc.why.Text(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.why.Code, got, tc.want)
		}
	}
}

// TestSolve_ExplanationsMatchReasons checks that every unscheduled
// meeting gets a code whose English is its entry in Reasons.
func TestSolve_ExplanationsMatchReasons(t *testing.T) {
	p := scheduler.Problem{
		Objective: scheduler.MaxValue,
		Slots:     2,
		Tables:    1,
		Participants: []scheduler.Participant{
			{ID: "e1", MaxMeetings: 1}, {ID: "e2", Unavailable: []int{1, 2}}, {ID: "e3"}, {ID: "e4"},
			{ID: "i1", Host: true}, {ID: "i2", Host: true}, {ID: "i3", Host: true, Unavailable: []int{2}},
		},
		Meetings: []scheduler.Meeting{
			{ID: "a", Participants: []string{"e1", "i1"}, Weight: 10},
			{ID: "b", Participants: []string{"e1", "i2"}, Weight: 5},
			{ID: "c", Participants: []string{"e2", "i1"}, Weight: 5},
			{ID: "d", Participants: []string{"e3", "i2"}, Weight: 9},
			{ID: "f", Participants: []string{"e4", "i3"}, Weight: 1},
		},
	}
	r := mustSolve(t, p, scheduler.Options{})
	want := map[string]scheduler.Reason{
		"b": {Code: scheduler.ReasonCapReached, Participants: []string{"e1"}},
		"c": {Code: scheduler.ReasonNoCommonSlot, Participants: []string{"e2", "i1"}},
		"f": {Code: scheduler.ReasonNoTable},
	}
	for id, why := range r.Explanations {
		if r.Reasons[id] != why.Text() {
			t.Errorf("%s: reason %q, code %+v", id, r.Reasons[id], why)
		}
		if w, ok := want[id]; ok && !reflect.DeepEqual(why, w) {
			t.Errorf("%s: %+v, want %+v", id, why, w)
		}
	}
	if len(r.Explanations) != len(want) || len(r.Reasons) != len(r.Unscheduled) {
		t.Fatalf("explanations %v, reasons %v, unscheduled %v", r.Explanations, r.Reasons, r.Unscheduled)
	}
	for id := range want {
		if _, ok := r.Explanations[id]; !ok {
			t.Errorf("%s not explained: %v", id, r.Explanations)
		}
	}
}
