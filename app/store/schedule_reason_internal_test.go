package store

import (
	"strings"
	"testing"

	"roadshow/app"
	"roadshow/scheduler"
)

// TestUnscheduledReason checks the words of every solver reason code: the
// English is the solver's with its ids as the API names parties
// ("enterprise 12"), the Chinese comes from the code.
func TestUnscheduledReason(t *testing.T) {
	in := &meetingInput{parties: map[string]solverParty{"e12": {enterprise: 12}, "i3": {investor: 3}}}
	zh := map[scheduler.ReasonCode]string{
		scheduler.ReasonNoCommonSlot: "双方没有共同的空闲时段",
		scheduler.ReasonCapReached:   "一方的会谈数已达上限",
		scheduler.ReasonSlotsTaken:   "一方的可用时段已排满",
		scheduler.ReasonNoTable:      "桌位不足",
		scheduler.ReasonLowerValue:   "价值低于已安排的会谈",
		scheduler.ReasonNoSlotLeft:   "双方没有共同的空闲时段",
	}
	named := strings.NewReplacer("e12", "enterprise 12", "i3", "investor 3")
	for _, code := range scheduler.ReasonCodes {
		why := scheduler.Reason{Code: code}
		switch code {
		case scheduler.ReasonNoCommonSlot, scheduler.ReasonNoSlotLeft:
			why.Participants = []string{"e12", "i3"}
		case scheduler.ReasonCapReached, scheduler.ReasonSlotsTaken:
			why.Participants = []string{"i3"}
		}
		en, gotZH, err := in.unscheduledReason(why)
		wantEN := named.Replace(why.Text())
		if code == scheduler.ReasonLowerValue {
			wantEN = "lower value than the meetings chosen"
		}
		if err != nil || en != wantEN || gotZH != zh[code] {
			t.Errorf("%s: %q, %q, %v; want %q, %q", code, en, gotZH, err, wantEN, zh[code])
		}
	}
	if en, zh, err := in.unscheduledReason(scheduler.Reason{}); err != nil || en != "lower value than the meetings chosen" || zh != "价值低于已安排的会谈" {
		t.Errorf("no reason: %q, %q, %v", en, zh, err)
	}
}

func TestUnscheduledReason_Unknown(t *testing.T) {
	in := &meetingInput{parties: map[string]solverParty{"e12": {enterprise: 12}}}
	for _, why := range []scheduler.Reason{
		{Code: scheduler.ReasonCapReached, Participants: []string{"i9"}},
		{Code: "reworded", Participants: []string{"e12"}},
	} {
		if en, zh, err := in.unscheduledReason(why); err == nil {
			t.Errorf("%+v: %q, %q without error", why, en, zh)
		}
	}
	if _, err := unscheduledCode("reworded"); err == nil {
		t.Error("unknown code without error")
	}
	if en, _ := app.UnscheduledReason(app.UnscheduledCapReached, "investor 3"); en != "cap reached for investor 3" {
		t.Errorf("app words %q", en)
	}
}

// TestPlan_UnknownIDs checks that a solver id the problem did not hold is
// an error, never a guess.
func TestPlan_UnknownIDs(t *testing.T) {
	for name, res := range map[string]scheduler.Result{
		"assigned":    {Assignments: []scheduler.Assignment{{Meeting: "e1-i9", Slot: 1, Table: 1}}},
		"unscheduled": {Unscheduled: []string{"e1-i9"}},
		"unserved":    {Unserved: []scheduler.Unserved{{Participant: "i9", Reason: scheduler.UnservedNoTable}}},
	} {
		in := &meetingInput{ev: &app.Event{}, grid: &grid{}, candidates: map[string]*candidate{}, parties: map[string]solverParty{}}
		if _, err := in.plan(scheduler.Problem{}, res); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
