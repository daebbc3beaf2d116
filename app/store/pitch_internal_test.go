package store

import (
	"reflect"
	"testing"

	"roadshow/app"
	"roadshow/scheduler"
)

// TestRoadshowPlan_IDs checks that the planner's ids map back to the rows
// they were made from, and that an id the input did not hold is an error.
func TestRoadshowPlan_IDs(t *testing.T) {
	ri := &roadshowInput{sessionOf: map[string]int64{}, pitcherOf: map[string]int64{}, investorOf: map[string]int64{}}
	sid, eid, iid := plannerID(ri.sessionOf, 7), plannerID(ri.pitcherOf, 12), plannerID(ri.investorOf, 3)
	ri.in.Pitchers = []scheduler.Pitcher{{EnterpriseID: eid}, {EnterpriseID: plannerID(ri.pitcherOf, 13)}}
	good := scheduler.RoadshowPlan{Sessions: []scheduler.SessionPlan{{SessionID: sid, Investors: []string{iid},
		Pitches: []scheduler.Pitch{{EnterpriseID: eid, Order: 1}}}}, Unplaced: []string{"13"}}
	plan, err := ri.plan(&app.Event{}, good)
	if err != nil || len(plan.Pitches) != 1 || plan.Pitches[0].SessionID != 7 || plan.Pitches[0].EnterpriseID != 12 ||
		!reflect.DeepEqual(plan.Sessions[0].InvestorIDs, []int64{3}) || !reflect.DeepEqual(plan.Unplaced, []int64{13}) {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	for name, bad := range map[string]scheduler.RoadshowPlan{
		"session":  {Sessions: []scheduler.SessionPlan{{SessionID: "x7"}}},
		"investor": {Sessions: []scheduler.SessionPlan{{SessionID: sid, Investors: []string{"4"}}}},
		"pitcher":  {Sessions: []scheduler.SessionPlan{{SessionID: sid, Pitches: []scheduler.Pitch{{EnterpriseID: "12x"}}}}},
		"unplaced": {Unplaced: []string{"14"}},
	} {
		if _, err := ri.plan(&app.Event{}, bad); err == nil {
			t.Errorf("%s: unknown id without error", name)
		}
	}
}
