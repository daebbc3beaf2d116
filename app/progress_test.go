package app_test

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

var campaign2025 = app.Campaign{ID: 1, Name: "2025", StartsOn: "2025-03-06", ContactsDue: "2025-03-15", EndsOn: "2025-06-30"}

var shanghai = app.ProgressLocation(nil)

// on returns noon Beijing time of a date.
func on(day string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, day, shanghai)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

func zone(id int64, code, province string) *app.Zone {
	b := id * 10
	return &app.Zone{ID: id, Code: code, NameZH: "高新区" + code, Province: province, BranchID: &b}
}

// progressOf computes the progress of zone 1 alone on day.
func progressOf(day string, in app.ProgressInput) app.ZoneProgress {
	in.Campaign, in.Now, in.Zones = campaign2025, on(day), []*app.Zone{zone(1, "32103001", "江苏省")}
	return app.ComputeProgress(in).Zones[0]
}

func TestComputeProgress_EventStates(t *testing.T) {
	tests := []struct {
		name    string
		tallies []app.EventTally
		want    string
	}{
		{"NoEvent", nil, app.EventMissing},
		{"Closed", []app.EventTally{{Status: app.StatusClosed, Count: 1}}, app.EventHeld},
		{"ClosedBeforeItsDate", []app.EventTally{{Status: app.StatusClosed, Count: 1, Upcoming: 1}}, app.EventHeld},
		{"ScheduledEnded", []app.EventTally{{Status: app.StatusScheduled, Count: 2, Ended: 1, Upcoming: 1}}, app.EventHeld},
		{"ScheduledAhead", []app.EventTally{{Status: app.StatusScheduled, Count: 1, Upcoming: 1}}, app.EventPlanned},
		{"OpenAhead", []app.EventTally{{Status: app.StatusOpen, Count: 1, Upcoming: 1}}, app.EventPlanned},
		{"OpenButPassed", []app.EventTally{{Status: app.StatusOpen, Count: 1, Ended: 1}}, app.EventMissing},
		{"ScheduledAfterTheEnd", []app.EventTally{{Status: app.StatusScheduled, Count: 1}}, app.EventMissing},
		{"DraftAhead", []app.EventTally{{Status: app.StatusDraft, Count: 1, Upcoming: 1}}, app.EventMissing},
		{"DraftPassed", []app.EventTally{{Status: app.StatusDraft, Count: 1, Ended: 1}}, app.EventMissing},
		{"Cancelled", []app.EventTally{{Status: app.StatusCancelled, Count: 3, Ended: 3}}, app.EventMissing},
		{"PlannedAndClosed", []app.EventTally{{Status: app.StatusOpen, Count: 1, Upcoming: 1}, {Status: app.StatusClosed, Count: 1}}, app.EventHeld},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in app.ProgressInput
			for _, x := range tt.tallies {
				x.ZoneID, x.Kind = 1, app.KindMatchmaking
				in.Events = append(in.Events, x)
				x.Kind = app.KindRoadshow // another kind must not leak into matchmaking
				x.ZoneID = 2
				in.Events = append(in.Events, x)
			}
			z := progressOf("2025-05-01", in)
			if got := z.Events[app.KindMatchmaking]; got != tt.want {
				t.Fatalf("matchmaking = %s, want %s", got, tt.want)
			}
			if z.Matchmaking != (tt.want == app.EventHeld) {
				t.Fatalf("Matchmaking flag %v with state %s", z.Matchmaking, tt.want)
			}
			if z.Events[app.KindRoadshow] != app.EventMissing || z.Roadshow {
				t.Fatalf("roadshow of zone 1 = %s, want missing", z.Events[app.KindRoadshow])
			}
		})
	}
}

func TestComputeProgress_Contact(t *testing.T) {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		name              string
		contacts          []app.ContactFact
		submitted, onTime bool
	}{
		{"None", nil, false, false},
		{"Early", []app.ContactFact{{ZoneID: 1, Name: "陈晨", SubmittedAt: utc("2025-03-10T08:00:00Z")}}, true, true},
		{"LastMinuteBeijing", []app.ContactFact{{ZoneID: 1, Name: "陈晨", SubmittedAt: utc("2025-03-15T15:59:00Z")}}, true, true},
		{"JustLateBeijing", []app.ContactFact{{ZoneID: 1, Name: "陈晨", SubmittedAt: utc("2025-03-15T16:01:00Z")}}, true, false},
		{"Late", []app.ContactFact{{ZoneID: 1, Name: "刘洋", SubmittedAt: utc("2025-03-20T03:00:00Z")}}, true, false},
		{"OtherZone", []app.ContactFact{{ZoneID: 2, Name: "王", SubmittedAt: utc("2025-03-10T08:00:00Z")}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := progressOf("2025-04-01", app.ProgressInput{Contacts: tt.contacts})
			if z.ContactSubmitted != tt.submitted || z.ContactOnTime != tt.onTime {
				t.Fatalf("submitted %v on time %v, want %v %v", z.ContactSubmitted, z.ContactOnTime, tt.submitted, tt.onTime)
			}
			if tt.submitted && (z.Contact == nil || z.Contact.Name != tt.contacts[0].Name || z.ContactSubmittedAt == nil) {
				t.Fatalf("contact %+v", z.Contact)
			}
			if !tt.submitted && (z.Contact != nil || z.ContactSubmittedAt != nil) {
				t.Fatalf("contact shown without a receipt: %+v", z.Contact)
			}
		})
	}
}

func TestComputeProgress_Deals(t *testing.T) {
	in := app.ProgressInput{Deals: []app.DealTally{
		{ZoneID: 1, Status: app.DealDisbursed, Instrument: "loan", Count: 2, AmountCNY: 30_000_000},
		{ZoneID: 1, Status: app.DealApproved, Instrument: "loan", Count: 1, AmountCNY: 5_000_000},
		{ZoneID: 1, Status: app.DealApproved, Instrument: "equity", Count: 1, AmountCNY: 20_000_000},
		{ZoneID: 1, Status: app.DealIntent, Instrument: "bond", Count: 4, AmountCNY: 8_000_000},
		{ZoneID: 2, Status: app.DealDisbursed, Instrument: "loan", Count: 9, AmountCNY: 9},
	}}
	z := progressOf("2025-04-01", in)
	if z.DealsCount != 4 || z.DealsAmountCNY != 55_000_000 || z.IntentCount != 4 || z.IntentAmountCNY != 8_000_000 {
		t.Fatalf("deals %d %d intents %d %d", z.DealsCount, z.DealsAmountCNY, z.IntentCount, z.IntentAmountCNY)
	}
	want := []app.InstrumentTotal{{Instrument: "equity", Count: 1, AmountCNY: 20_000_000}, {Instrument: "loan", Count: 3, AmountCNY: 35_000_000}}
	if !reflect.DeepEqual(z.DealsByInstrument, want) {
		t.Fatalf("by instrument %+v, want %+v", z.DealsByInstrument, want)
	}
	if !z.Done(app.ItemDeals) || z.ItemsDone != 1 {
		t.Fatalf("deals done %v, items done %d", z.Done(app.ItemDeals), z.ItemsDone)
	}
	onlyIntent := progressOf("2025-04-01", app.ProgressInput{Deals: in.Deals[3:4]})
	if onlyIntent.Done(app.ItemDeals) || onlyIntent.DealsCount != 0 || onlyIntent.IntentCount != 4 {
		t.Fatalf("an intent is not landed: %+v", onlyIntent)
	}
}

// zoneState describes a zone for the risk table.
type zoneState struct {
	contact        string // "", "on_time" or "late"
	visit, mm, rs  string // held, planned or missing
	deals, intents int
	experiences    int
}

func (s zoneState) input() app.ProgressInput {
	var in app.ProgressInput
	switch s.contact {
	case "on_time":
		in.Contacts = []app.ContactFact{{ZoneID: 1, Name: "甲", SubmittedAt: on("2025-03-12")}}
	case "late":
		in.Contacts = []app.ContactFact{{ZoneID: 1, Name: "甲", SubmittedAt: on("2025-03-20")}}
	}
	for kind, state := range map[string]string{app.KindExchangeVisit: s.visit, app.KindMatchmaking: s.mm, app.KindRoadshow: s.rs} {
		switch state {
		case app.EventHeld:
			in.Events = append(in.Events, app.EventTally{ZoneID: 1, Kind: kind, Status: app.StatusClosed, Count: 1})
		case app.EventPlanned:
			in.Events = append(in.Events, app.EventTally{ZoneID: 1, Kind: kind, Status: app.StatusScheduled, Count: 1, Upcoming: 1})
		}
	}
	if s.deals > 0 {
		in.Deals = append(in.Deals, app.DealTally{ZoneID: 1, Status: app.DealApproved, Instrument: "loan", Count: s.deals, AmountCNY: 1_000_000})
	}
	if s.intents > 0 {
		in.Deals = append(in.Deals, app.DealTally{ZoneID: 1, Status: app.DealIntent, Instrument: "loan", Count: s.intents, AmountCNY: 1_000_000})
	}
	if s.experiences > 0 {
		in.Experiences = []app.ExperienceTally{{ZoneID: 1, Count: s.experiences}}
	}
	return in
}

const (
	held    = app.EventHeld
	planned = app.EventPlanned
	missing = app.EventMissing
)

func TestComputeProgress_Risks(t *testing.T) {
	allHeld := zoneState{contact: "on_time", visit: held, mm: held, rs: held, deals: 1, experiences: 1}
	tests := []struct {
		name, day string
		state     zoneState
		want      []string
	}{
		{"EarlyNothingDue", "2025-03-10", zoneState{visit: missing, mm: missing, rs: missing}, nil},
		{"ContactDueToday", "2025-03-15", zoneState{visit: missing, mm: missing, rs: missing}, nil},
		{"ContactOverdue", "2025-03-16", zoneState{visit: missing, mm: missing, rs: missing}, []string{"contact_overdue:contact"}},
		{"LateContactIsNoRisk", "2025-03-16", zoneState{contact: "late", visit: missing, mm: missing, rs: missing}, nil},
		{"ThirtyOneDaysLeft", "2025-05-30", zoneState{contact: "on_time", visit: missing, mm: missing, rs: missing}, nil},
		{"ThirtyDaysLeftNoMatchmaking", "2025-05-31", zoneState{contact: "on_time", visit: held, mm: missing, rs: planned, deals: 1},
			[]string{"not_scheduled:matchmaking"}},
		{"ThirtyDaysLeftNothing", "2025-05-31", zoneState{contact: "on_time", visit: missing, mm: missing, rs: missing, intents: 2},
			[]string{"not_scheduled:exchange_visit", "not_scheduled:matchmaking", "not_scheduled:roadshow", "not_landed:deals"}},
		{"PlannedIsEnough", "2025-06-20", zoneState{contact: "on_time", visit: planned, mm: planned, rs: planned, deals: 1, experiences: 1}, nil},
		{"FifteenDaysNoExperience", "2025-06-15", zoneState{contact: "on_time", visit: held, mm: held, rs: held, deals: 1}, nil},
		{"FourteenDaysNoExperience", "2025-06-16", zoneState{contact: "on_time", visit: held, mm: held, rs: held, deals: 1},
			[]string{"not_written:experience"}},
		{"LastDay", "2025-06-30", zoneState{contact: "late", visit: held, mm: planned, rs: held, experiences: 1},
			[]string{"not_landed:deals"}},
		{"AfterTheEndComplete", "2025-07-01", allHeld, nil},
		{"AfterTheEndIncomplete", "2025-07-01", zoneState{contact: "late", visit: held, mm: planned, rs: held, intents: 1},
			[]string{"missed:matchmaking", "missed:deals", "missed:experience"}},
		{"AfterTheEndNothing", "2026-01-01", zoneState{visit: missing, mm: missing, rs: missing},
			[]string{"contact_overdue:contact", "missed:exchange_visit", "missed:matchmaking", "missed:roadshow", "missed:deals", "missed:experience"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := progressOf(tt.day, tt.state.input())
			var got []string
			for _, r := range z.Risks {
				got = append(got, r.Code+":"+r.Item)
				if r.TextZH == "" || r.TextEN == "" || !strings.ContainsAny(r.TextZH, "天束期") {
					t.Errorf("risk %s without a proper text: %+v", r.Code, r)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("risks %v, want %v", got, tt.want)
			}
			if z.AtRisk != (len(tt.want) > 0) {
				t.Fatalf("at_risk %v with risks %v", z.AtRisk, got)
			}
		})
	}
}

func TestComputeProgress_RiskTexts(t *testing.T) {
	z := progressOf("2025-06-10", zoneState{contact: "on_time", visit: held, mm: missing, rs: held, deals: 1, experiences: 1}.input())
	if len(z.Risks) != 1 {
		t.Fatalf("risks %+v", z.Risks)
	}
	r := z.Risks[0]
	if !strings.Contains(r.TextZH, "20 天") || !strings.Contains(r.TextZH, "银企对接会") || !strings.Contains(r.TextEN, "20 days left") ||
		!strings.Contains(r.TextEN, "matchmaking") {
		t.Fatalf("texts %q / %q", r.TextZH, r.TextEN)
	}
}

func TestComputeProgress_Complete(t *testing.T) {
	tests := []struct {
		name  string
		state zoneState
		done  int
	}{
		{"All", zoneState{visit: held, mm: held, rs: held, deals: 2, experiences: 1}, 5},
		{"NoContactStillComplete", zoneState{visit: held, mm: held, rs: held, deals: 1, experiences: 3}, 5},
		{"PlannedIsNotHeld", zoneState{visit: held, mm: planned, rs: held, deals: 1, experiences: 1}, 4},
		{"IntentIsNotLanded", zoneState{visit: held, mm: held, rs: held, intents: 1, experiences: 1}, 4},
		{"NoExperience", zoneState{visit: held, mm: held, rs: held, deals: 1}, 4},
		{"Nothing", zoneState{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := progressOf("2025-04-01", tt.state.input())
			if z.ItemsDone != tt.done || z.Complete != (tt.done == 5) {
				t.Fatalf("items done %d complete %v, want %d", z.ItemsDone, z.Complete, tt.done)
			}
		})
	}
}

func TestComputeProgress_Totals(t *testing.T) {
	zones := []*app.Zone{zone(3, "42103001", "湖北省"), zone(1, "32103001", "江苏省"), zone(2, "32103002", "江苏省"),
		zone(4, "", "江苏省"), zone(5, "61103001", "陕西省")}
	in := app.ProgressInput{Campaign: campaign2025, Now: on("2025-06-20"), Zones: zones,
		Contacts: []app.ContactFact{{ZoneID: 1, SubmittedAt: on("2025-03-01")}, {ZoneID: 3, SubmittedAt: on("2025-03-20")}},
		Events: []app.EventTally{
			{ZoneID: 1, Kind: app.KindExchangeVisit, Status: app.StatusClosed, Count: 1},
			{ZoneID: 1, Kind: app.KindMatchmaking, Status: app.StatusClosed, Count: 2},
			{ZoneID: 1, Kind: app.KindRoadshow, Status: app.StatusScheduled, Count: 1, Ended: 1},
			{ZoneID: 3, Kind: app.KindExchangeVisit, Status: app.StatusClosed, Count: 1},
			{ZoneID: 99, Kind: app.KindExchangeVisit, Status: app.StatusClosed, Count: 1}, // not selected
		},
		Deals: []app.DealTally{
			{ZoneID: 1, Status: app.DealDisbursed, Instrument: "loan", Count: 2, AmountCNY: 20_000_000},
			{ZoneID: 2, Status: app.DealApproved, Instrument: "leasing", Count: 1, AmountCNY: 3_000_000},
			{ZoneID: 3, Status: app.DealIntent, Instrument: "loan", Count: 1, AmountCNY: 5_000_000},
			{ZoneID: 99, Status: app.DealApproved, Instrument: "loan", Count: 7, AmountCNY: 7},
		},
		Experiences: []app.ExperienceTally{{ZoneID: 1, Count: 1}, {ZoneID: 1, Count: 1}},
	}
	p := app.ComputeProgress(in)
	var ids []int64
	for _, z := range p.Zones {
		ids = append(ids, z.ZoneID)
	}
	if !reflect.DeepEqual(ids, []int64{1, 2, 3, 5, 4}) {
		t.Fatalf("zone order %v, want by code, codeless last", ids)
	}
	if p.AsOf != "2025-06-20" || p.DaysLeft != 10 {
		t.Fatalf("as of %s, %d days left", p.AsOf, p.DaysLeft)
	}
	var provs []string
	for _, pr := range p.Provinces {
		provs = append(provs, pr.Province)
	}
	if !reflect.DeepEqual(provs, []string{"江苏省", "湖北省", "陕西省"}) {
		t.Fatalf("provinces %v", provs)
	}
	js := p.Provinces[0]
	if js.Zones != 3 || js.ContactSubmitted != 1 || js.ContactOnTime != 1 || js.ExchangeVisit != 1 || js.Roadshow != 1 ||
		js.ZonesWithDeals != 2 || js.DealsCount != 3 || js.DealsAmountCNY != 23_000_000 || js.Complete != 1 ||
		js.ExperiencesCount != 2 || js.ZonesWithExperiences != 1 {
		t.Fatalf("江苏省 %+v", js)
	}
	n := p.National
	if n.Zones != 5 || n.ContactSubmitted != 2 || n.ContactOnTime != 1 || n.ExchangeVisit != 2 || n.DealsCount != 3 ||
		n.IntentCount != 1 || n.IntentAmountCNY != 5_000_000 || n.Complete != 1 || n.AtRisk != 4 {
		t.Fatalf("national %+v", n)
	}
	wantInstr := []app.InstrumentTotal{{Instrument: "loan", Count: 2, AmountCNY: 20_000_000}, {Instrument: "leasing", Count: 1, AmountCNY: 3_000_000}}
	if !reflect.DeepEqual(n.DealsByInstrument, wantInstr) {
		t.Fatalf("national by instrument %+v", n.DealsByInstrument)
	}
	checkTotalsAddUp(t, p)
}

// checkTotalsAddUp verifies that provinces sum to the national totals and
// zones to their province.
func checkTotalsAddUp(t *testing.T, p *app.Progress) {
	t.Helper()
	var sum app.ProgressTotals
	for _, pr := range p.Provinces {
		var zs app.ProgressTotals
		for _, z := range p.Zones {
			if z.Province == pr.Province {
				zs.Zones++
				zs.DealsCount += z.DealsCount
				zs.DealsAmountCNY += z.DealsAmountCNY
				zs.Complete += map[bool]int{true: 1}[z.Complete]
			}
		}
		if zs.Zones != pr.Zones || zs.DealsCount != pr.DealsCount || zs.DealsAmountCNY != pr.DealsAmountCNY || zs.Complete != pr.Complete {
			t.Fatalf("%s: zones sum to %+v, province says %+v", pr.Province, zs, pr.ProgressTotals)
		}
		sum.Zones += pr.Zones
		sum.DealsCount += pr.DealsCount
		sum.AtRisk += pr.AtRisk
	}
	if sum.Zones != p.National.Zones || sum.DealsCount != p.National.DealsCount || sum.AtRisk != p.National.AtRisk {
		t.Fatalf("provinces sum to %+v, national %+v", sum, p.National)
	}
}

func TestProgress_HideContacts(t *testing.T) {
	zones := []*app.Zone{zone(1, "32103001", "江苏省"), zone(2, "32103002", "江苏省")}
	in := app.ProgressInput{Campaign: campaign2025, Now: on("2025-04-01"), Zones: zones,
		Contacts: []app.ContactFact{{ZoneID: 1, Name: "甲", SubmittedAt: on("2025-03-01")}, {ZoneID: 2, Name: "乙", SubmittedAt: on("2025-03-01")}}}
	tests := []struct {
		name   string
		viewer *app.Principal
		want   []string
	}{
		{"Admin", &app.Principal{Role: app.RoleAdmin}, []string{"甲", "乙"}},
		{"ZoneOrganizer", &app.Principal{Role: app.RoleOrganizer, ZoneID: 2}, []string{"", "乙"}},
		{"BranchOrganizer", &app.Principal{Role: app.RoleOrganizer, BranchID: 10}, []string{"甲", ""}},
		{"OtherOrganizer", &app.Principal{Role: app.RoleOrganizer, ZoneID: 7}, []string{"", ""}},
		{"Anonymous", nil, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := app.ComputeProgress(in)
			p.HideContacts(tt.viewer)
			var got []string
			for _, z := range p.Zones {
				name := ""
				if z.Contact != nil {
					name = z.Contact.Name
				}
				got = append(got, name)
				if !z.ContactSubmitted {
					t.Fatalf("the flag must stay for everyone")
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("contacts %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMissingItems(t *testing.T) {
	tests := []struct {
		name  string
		day   string
		state zoneState
		want  []string
	}{
		{"Everything", "2025-04-01", zoneState{}, []string{"contact", "exchange_visit", "matchmaking", "roadshow", "deals", "experience"}},
		{"Nothing", "2025-04-01", zoneState{contact: "late", visit: held, mm: held, rs: held, deals: 1, experiences: 1}, nil},
		{"PlannedStillMissing", "2025-04-01", zoneState{contact: "on_time", visit: held, mm: planned, rs: held, deals: 1, experiences: 1},
			[]string{"matchmaking"}},
		{"IntentStillMissing", "2025-04-01", zoneState{contact: "on_time", visit: held, mm: held, rs: held, intents: 3, experiences: 1},
			[]string{"deals"}},
		{"Wuhan", "2025-07-10", zoneState{contact: "late", visit: held, mm: planned, rs: held, intents: 1},
			[]string{"matchmaking", "deals", "experience"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.state.input()
			in.Campaign, in.Now = campaign2025, on(tt.day)
			in.Zones = []*app.Zone{zone(1, "32103001", "江苏省")}
			got := app.MissingItems(app.ComputeProgress(in))
			if len(tt.want) == 0 {
				if len(got) != 0 {
					t.Fatalf("missing %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].ZoneID != 1 || !reflect.DeepEqual(got[0].Items, tt.want) {
				t.Fatalf("missing %+v, want %v", got, tt.want)
			}
		})
	}
}

func TestMissingItems_ManyZones(t *testing.T) {
	zones := []*app.Zone{zone(2, "32103002", "江苏省"), zone(1, "32103001", "江苏省"), zone(3, "42103001", "湖北省")}
	in := app.ProgressInput{Campaign: campaign2025, Now: on("2025-06-01"), Zones: zones,
		Contacts:    []app.ContactFact{{ZoneID: 2, Name: "乙", SubmittedAt: on("2025-03-01")}},
		Events:      []app.EventTally{{ZoneID: 1, Kind: app.KindRoadshow, Status: app.StatusClosed, Count: 1}},
		Deals:       []app.DealTally{{ZoneID: 3, Status: app.DealApproved, Instrument: "loan", Count: 1, AmountCNY: 1}},
		Experiences: []app.ExperienceTally{{ZoneID: 3, Count: 1}},
	}
	got := app.MissingItems(app.ComputeProgress(in))
	byZone := map[int64][]string{}
	var order []int64
	for _, m := range got {
		byZone[m.ZoneID] = m.Items
		order = append(order, m.ZoneID)
		if !m.AtRisk {
			t.Errorf("zone %d misses items 30 days before the end but is not at risk", m.ZoneID)
		}
	}
	if !sort.SliceIsSorted(order, func(i, j int) bool { return order[i] < order[j] }) {
		t.Fatalf("order %v", order)
	}
	want := map[int64][]string{
		1: {"contact", "exchange_visit", "matchmaking", "deals", "experience"},
		2: {"exchange_visit", "matchmaking", "roadshow", "deals", "experience"},
		3: {"contact", "exchange_visit", "matchmaking", "roadshow"},
	}
	if !reflect.DeepEqual(byZone, want) {
		t.Fatalf("missing %v, want %v", byZone, want)
	}
	if got[1].ContactName != "乙" {
		t.Fatalf("contact name of zone 2: %q", got[1].ContactName)
	}
}

func TestCampaignEnd(t *testing.T) {
	end := app.CampaignEnd(&campaign2025, nil)
	if want := time.Date(2025, 6, 30, 16, 0, 0, 0, time.UTC); !end.Equal(want) {
		t.Fatalf("end %v, want %v", end, want)
	}
}
