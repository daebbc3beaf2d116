package app

import (
	"testing"
	"time"
)

// The callers the access rules are tried with. Zone 1 belongs to branch
// 10; enterprise 100 is in zone 1; the event is zone 1's, branch 10's.
var (
	admin          = &Principal{Role: RoleAdmin}
	zoneOrg        = &Principal{Role: RoleOrganizer, ZoneID: 1}
	branchOrg      = &Principal{Role: RoleOrganizer, BranchID: 10}
	otherZoneOrg   = &Principal{Role: RoleOrganizer, ZoneID: 2}
	otherBranchOrg = &Principal{Role: RoleOrganizer, BranchID: 20}
	ent            = &Principal{Role: RoleEnterprise, EnterpriseID: 100}
	otherEnt       = &Principal{Role: RoleEnterprise, EnterpriseID: 101}
	inv            = &Principal{Role: RoleInvestor, InvestorID: 200}
	otherInv       = &Principal{Role: RoleInvestor, InvestorID: 201}
	anonymous      *Principal
)

type caller struct {
	name string
	p    *Principal
}

var callers = []caller{{"Admin", admin}, {"ZoneOrganizer", zoneOrg}, {"BranchOrganizer", branchOrg},
	{"OtherZoneOrganizer", otherZoneOrg}, {"OtherBranchOrganizer", otherBranchOrg}, {"Enterprise", ent},
	{"OtherEnterprise", otherEnt}, {"Investor", inv}, {"OtherInvestor", otherInv}, {"Anonymous", anonymous}}

func eventWith(status string) *Event {
	zone, branch := int64(1), int64(10)
	return &Event{ID: 7, ZoneID: &zone, BranchID: &branch, Status: status}
}

// checkCodes runs rule for every caller and compares the error code with
// want (by caller name; "" = allowed).
func checkCodes(t *testing.T, want map[string]string, rule func(p *Principal) error) {
	t.Helper()
	for _, c := range callers {
		w, ok := want[c.name]
		if !ok {
			t.Fatalf("no expectation for %s", c.name)
		}
		if got := ErrorCode(rule(c.p)); got != w {
			t.Errorf("%s: code %q, want %q", c.name, got, w)
		}
	}
}

// checkBools runs rule for every caller; want lists who gets true.
func checkBools(t *testing.T, want []string, rule func(p *Principal) bool) {
	t.Helper()
	yes := map[string]bool{}
	for _, n := range want {
		yes[n] = true
	}
	for _, c := range callers {
		if got := rule(c.p); got != yes[c.name] {
			t.Errorf("%s: %v, want %v", c.name, got, yes[c.name])
		}
	}
}

var managers = []string{"Admin", "ZoneOrganizer", "BranchOrganizer"}

func TestSeesEvent(t *testing.T) {
	everyone := []string{"Admin", "ZoneOrganizer", "BranchOrganizer", "OtherZoneOrganizer", "OtherBranchOrganizer",
		"Enterprise", "OtherEnterprise", "Investor", "OtherInvestor", "Anonymous"}
	for _, tc := range []struct {
		status string
		want   []string
	}{
		{StatusDraft, managers},
		{StatusOpen, everyone},
		{StatusScheduled, everyone},
		{StatusClosed, everyone},
		{StatusCancelled, everyone},
	} {
		t.Run(tc.status, func(t *testing.T) {
			checkBools(t, tc.want, func(p *Principal) bool { return SeesEvent(p, eventWith(tc.status)) })
		})
	}
}

func TestSeesPair(t *testing.T) {
	ev := eventWith(StatusScheduled)
	checkBools(t, append([]string{"Enterprise", "Investor"}, managers...),
		func(p *Principal) bool { return SeesPair(p, ev, 100, 200) })
	t.Run("OtherEvent", func(t *testing.T) {
		zone := int64(3)
		other := &Event{ID: 8, ZoneID: &zone, Status: StatusScheduled}
		checkBools(t, []string{"Admin", "Enterprise", "Investor"}, func(p *Principal) bool { return SeesPair(p, other, 100, 200) })
	})
}

func TestEventPartyScope(t *testing.T) {
	ev := eventWith(StatusScheduled)
	want := map[string]PartyScope{"Admin": {All: true}, "ZoneOrganizer": {All: true}, "BranchOrganizer": {All: true},
		"Enterprise": {EnterpriseID: 100}, "OtherEnterprise": {EnterpriseID: 101},
		"Investor": {InvestorID: 200}, "OtherInvestor": {InvestorID: 201}}
	for _, c := range callers {
		sc, err := EventPartyScope(c.p, ev)
		w, ok := want[c.name]
		switch {
		case !ok && ErrorCode(err) != EFORBIDDEN:
			t.Errorf("%s: %v, want EFORBIDDEN", c.name, err)
		case ok && (err != nil || sc != w):
			t.Errorf("%s: %+v, %v; want %+v", c.name, sc, err, w)
		}
	}
}

func TestScopeMatchFilter(t *testing.T) {
	ev := eventWith(StatusScheduled)
	for _, tc := range []struct {
		name     string
		p        *Principal
		f, want  MatchFilter
		wantCode string
	}{
		{"OrganizerAll", zoneOrg, MatchFilter{}, MatchFilter{}, ""},
		{"OrganizerAnyEnterprise", branchOrg, MatchFilter{EnterpriseID: 101}, MatchFilter{EnterpriseID: 101}, ""},
		{"EnterpriseOwn", ent, MatchFilter{}, MatchFilter{EnterpriseID: 100}, ""},
		{"EnterpriseOwnNamed", ent, MatchFilter{EnterpriseID: 100}, MatchFilter{EnterpriseID: 100}, ""},
		{"EnterpriseOther", ent, MatchFilter{EnterpriseID: 101}, MatchFilter{}, EFORBIDDEN},
		{"EnterpriseAsksInvestor", ent, MatchFilter{InvestorID: 200}, MatchFilter{}, EFORBIDDEN},
		{"InvestorOwn", inv, MatchFilter{}, MatchFilter{InvestorID: 200}, ""},
		{"InvestorOther", inv, MatchFilter{InvestorID: 201}, MatchFilter{}, EFORBIDDEN},
		{"InvestorAsksEnterprise", inv, MatchFilter{EnterpriseID: 100}, MatchFilter{}, EFORBIDDEN},
		{"OtherOrganizer", otherZoneOrg, MatchFilter{}, MatchFilter{}, EFORBIDDEN},
		{"Anonymous", anonymous, MatchFilter{}, MatchFilter{}, EFORBIDDEN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			err := ScopeMatchFilter(tc.p, ev, &f)
			if ErrorCode(err) != tc.wantCode {
				t.Fatalf("code %q, want %q", ErrorCode(err), tc.wantCode)
			}
			if err == nil && f != tc.want {
				t.Fatalf("filter %+v, want %+v", f, tc.want)
			}
		})
	}
}

func TestMayAnswerRequest(t *testing.T) {
	ev := eventWith(StatusScheduled)
	fromEnt := &MeetingRequest{ID: 5, From: SideEnterprise, EnterpriseID: 100, InvestorID: 200, Status: RequestPending}
	fromInv := &MeetingRequest{ID: 6, From: SideInvestor, EnterpriseID: 100, InvestorID: 200, Status: RequestPending}
	answered := &MeetingRequest{ID: 7, From: SideEnterprise, EnterpriseID: 100, InvestorID: 200, Status: RequestAccepted}
	forbid := func(allowed ...string) map[string]string {
		m := map[string]string{}
		for _, c := range callers {
			m[c.name] = EFORBIDDEN
		}
		for _, n := range append(allowed, managers...) {
			m[n] = ""
		}
		return m
	}
	all := func(code string) map[string]string {
		m := map[string]string{}
		for _, c := range callers {
			m[c.name] = code
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		r      *MeetingRequest
		status string
		want   map[string]string
	}{
		{"AcceptFromEnterprise", fromEnt, RequestAccepted, forbid("Investor")},
		{"DeclineFromEnterprise", fromEnt, RequestDeclined, forbid("Investor")},
		{"WithdrawFromEnterprise", fromEnt, RequestWithdrawn, forbid("Enterprise")},
		{"AcceptFromInvestor", fromInv, RequestAccepted, forbid("Enterprise")},
		{"WithdrawFromInvestor", fromInv, RequestWithdrawn, forbid("Investor")},
		{"NotPending", answered, RequestWithdrawn, all(ECONFLICT)},
		{"BadStatus", fromEnt, RequestPending, all(EINVALID)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCodes(t, tc.want, func(p *Principal) error { return MayAnswerRequest(p, ev, tc.r, tc.status) })
		})
	}
}

func TestMayApply(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	entID, invID := int64(100), int64(200)
	asEnt, asInv := &Registration{EnterpriseID: &entID}, &Registration{InvestorID: &invID}
	codes := func(managersCode, partyCode string, party string) map[string]string {
		m := map[string]string{}
		for _, c := range callers {
			m[c.name] = EFORBIDDEN
		}
		for _, n := range managers {
			m[n] = managersCode
		}
		m[party] = partyCode
		return m
	}
	for _, tc := range []struct {
		name     string
		status   string
		deadline *time.Time
		x        *Registration
		want     map[string]string
	}{
		{"OpenEnterprise", StatusOpen, nil, asEnt, codes("", "", "Enterprise")},
		{"OpenInvestor", StatusOpen, nil, asInv, codes("", "", "Investor")},
		{"BeforeDeadline", StatusOpen, &future, asEnt, codes("", "", "Enterprise")},
		{"AfterDeadline", StatusOpen, &past, asEnt, codes("", ECONFLICT, "Enterprise")},
		{"AtDeadline", StatusOpen, &now, asInv, codes("", ECONFLICT, "Investor")},
		{"Draft", StatusDraft, nil, asEnt, codes("", ECONFLICT, "Enterprise")},
		{"Scheduled", StatusScheduled, nil, asEnt, codes("", ECONFLICT, "Enterprise")},
		{"Closed", StatusClosed, nil, asEnt, codes(ECONFLICT, ECONFLICT, "Enterprise")},
		{"Cancelled", StatusCancelled, nil, asInv, codes(ECONFLICT, ECONFLICT, "Investor")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev := eventWith(tc.status)
			ev.RegistrationDeadline = tc.deadline
			checkCodes(t, tc.want, func(p *Principal) error { return MayApply(p, ev, tc.x, now) })
		})
	}
}

func TestMayRegister(t *testing.T) {
	staff := map[string]string{"Admin": "", "ZoneOrganizer": "", "BranchOrganizer": "", "OtherZoneOrganizer": "",
		"OtherBranchOrganizer": "", "Enterprise": EFORBIDDEN, "OtherEnterprise": EFORBIDDEN, "Investor": EFORBIDDEN,
		"OtherInvestor": EFORBIDDEN}
	t.Run("Open", func(t *testing.T) {
		staff["Anonymous"] = ""
		checkCodes(t, staff, func(p *Principal) error { return MayRegister(p, true) })
	})
	t.Run("Closed", func(t *testing.T) {
		staff["Anonymous"] = EUNAUTHORIZED
		checkCodes(t, staff, func(p *Principal) error { return MayRegister(p, false) })
	})
}

// allowOnly expects "" for the callers named, EUNAUTHORIZED for the
// anonymous one and EFORBIDDEN for the others.
func allowOnly(names ...string) map[string]string {
	m := map[string]string{}
	for _, c := range callers {
		m[c.name] = EFORBIDDEN
	}
	m["Anonymous"] = EUNAUTHORIZED
	for _, n := range names {
		m[n] = ""
	}
	return m
}

func TestMayEditInvestor(t *testing.T) {
	checkCodes(t, allowOnly("Admin", "Investor"), func(p *Principal) error { return MayEditInvestor(p, 200) })
}

func TestMayEditEnterprise(t *testing.T) {
	checkCodes(t, allowOnly("Admin", "Enterprise", "ZoneOrganizer", "BranchOrganizer"),
		func(p *Principal) error { return MayEditEnterprise(p, 100, 1, 10) })
	t.Run("ZoneWithoutBranch", func(t *testing.T) {
		checkCodes(t, allowOnly("Admin", "Enterprise", "ZoneOrganizer"),
			func(p *Principal) error { return MayEditEnterprise(p, 100, 1, 0) })
	})
}

func TestSeesEnterprise(t *testing.T) {
	checkBools(t, []string{"Admin", "Enterprise", "ZoneOrganizer", "BranchOrganizer"},
		func(p *Principal) bool { return SeesEnterprise(p, 100, 1, 10, false) })
	t.Run("RegisteredWithOrganizer", func(t *testing.T) {
		checkBools(t, []string{"Admin", "Enterprise", "ZoneOrganizer", "BranchOrganizer", "OtherZoneOrganizer", "OtherBranchOrganizer"},
			func(p *Principal) bool { return SeesEnterprise(p, 100, 1, 10, true) })
	})
}

func TestSeesInvestor(t *testing.T) {
	checkBools(t, []string{"Admin", "Investor"}, func(p *Principal) bool { return SeesInvestor(p, 200, false) })
	t.Run("RegisteredWithOrganizer", func(t *testing.T) {
		checkBools(t, []string{"Admin", "Investor", "ZoneOrganizer", "BranchOrganizer", "OtherZoneOrganizer", "OtherBranchOrganizer"},
			func(p *Principal) bool { return SeesInvestor(p, 200, true) })
	})
}

func TestMayRecordDeal(t *testing.T) {
	d := &Deal{EnterpriseID: 100, InvestorID: 200}
	forbidden := func(names ...string) map[string]string {
		m := allowOnly(names...)
		m["Anonymous"] = EFORBIDDEN
		return m
	}
	t.Run("Zone", func(t *testing.T) {
		checkCodes(t, forbidden("Admin", "Enterprise", "Investor", "ZoneOrganizer", "BranchOrganizer"),
			func(p *Principal) error { return MayRecordDeal(p, d, 1, 10, nil) })
	})
	t.Run("OtherZone", func(t *testing.T) {
		checkCodes(t, forbidden("Admin", "Enterprise", "Investor", "OtherZoneOrganizer"),
			func(p *Principal) error { return MayRecordDeal(p, d, 2, 30, nil) })
	})
	t.Run("OtherZoneAtTheirEvent", func(t *testing.T) {
		checkCodes(t, forbidden("Admin", "Enterprise", "Investor", "OtherZoneOrganizer", "ZoneOrganizer", "BranchOrganizer"),
			func(p *Principal) error { return MayRecordDeal(p, d, 2, 30, eventWith(StatusClosed)) })
	})
}

func TestMayActForOrg(t *testing.T) {
	staffOnly := func(names ...string) map[string]string {
		m := allowOnly(names...)
		for _, n := range []string{"Enterprise", "OtherEnterprise", "Investor", "OtherInvestor"} {
			m[n] = EFORBIDDEN
		}
		return m
	}
	t.Run("Zone", func(t *testing.T) {
		checkCodes(t, staffOnly("Admin", "ZoneOrganizer", "BranchOrganizer"), func(p *Principal) error { return MayActForZone(p, 1, 10) })
	})
	t.Run("OtherZone", func(t *testing.T) {
		checkCodes(t, staffOnly("Admin", "OtherZoneOrganizer"), func(p *Principal) error { return MayActForZone(p, 2, 30) })
	})
	t.Run("Branch", func(t *testing.T) {
		checkCodes(t, staffOnly("Admin", "BranchOrganizer"), func(p *Principal) error { return MayActForBranch(p, 10) })
	})
	t.Run("OtherBranch", func(t *testing.T) {
		checkCodes(t, staffOnly("Admin", "OtherBranchOrganizer"), func(p *Principal) error { return MayActForBranch(p, 20) })
	})
}

func TestSeesNotification(t *testing.T) {
	checkBools(t, managers, func(p *Principal) bool { return SeesNotification(p, eventWith(StatusScheduled)) })
	t.Run("NoEvent", func(t *testing.T) {
		checkBools(t, []string{"Admin"}, func(p *Principal) bool { return SeesNotification(p, nil) })
	})
}

func TestSeesToken(t *testing.T) {
	id := func(v int64) *int64 { return &v }
	for _, tc := range []struct {
		name string
		tok  *Token
		want []string
	}{
		{"Admin", &Token{Role: RoleAdmin}, []string{"Admin"}},
		{"ZoneOrganizer", &Token{Role: RoleOrganizer, ZoneID: id(1)}, []string{"Admin", "ZoneOrganizer"}},
		{"BranchOrganizer", &Token{Role: RoleOrganizer, BranchID: id(10)}, []string{"Admin", "BranchOrganizer"}},
		{"Enterprise", &Token{Role: RoleEnterprise, EnterpriseID: id(100)}, []string{"Admin", "Enterprise"}},
		{"Investor", &Token{Role: RoleInvestor, InvestorID: id(200)}, []string{"Admin", "Investor"}},
		{"OtherInvestor", &Token{Role: RoleInvestor, InvestorID: id(201)}, []string{"Admin", "OtherInvestor"}},
		{"ZoneAndBranch", &Token{Role: RoleOrganizer, ZoneID: id(1), BranchID: id(10)}, []string{"Admin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkBools(t, tc.want, func(p *Principal) bool { return SeesToken(p, tc.tok) })
		})
	}
}
