package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/scheduler"
)

// candidateThreshold is the matching score from which a pair is worth a
// meeting without a request.
const candidateThreshold = 40

// Bonus points a pair's value gets on top of its score.
var (
	requestBonus = [4]int64{0, 40, 25, 10} // by priority 1–3, per side that asked
	mutualBonus  = int64(30)               // both sides asked
	acceptBonus  = int64(20)               // the recipient said yes
)

var _ app.ScheduleService = (*Store)(nil)

// Schedule plans an event and, unless o.DryRun, commits the plan.
func (s *Store) Schedule(ctx context.Context, eventID int64, o app.ScheduleOptions) (*app.SchedulePlan, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	ev, err := s.editableEvent(db, p, eventID)
	if err != nil {
		return nil, err
	}
	switch ev.Kind {
	case app.KindMatchmaking:
		return s.scheduleMeetings(ctx, ev, o)
	case app.KindRoadshow:
		return s.scheduleRoadshow(ctx, ev, o)
	}
	return nil, app.Errorf(app.ECONFLICT, "an exchange visit has no schedule to plan")
}

// pairKey names an enterprise–investor pair in the solver.
func pairKey(ent, inv int64) string { return fmt.Sprintf("e%d-i%d", ent, inv) }

// enterpriseKey and investorKey name a registrant in the solver.
func enterpriseKey(id int64) string { return fmt.Sprintf("e%d", id) }
func investorKey(id int64) string   { return fmt.Sprintf("i%d", id) }

// candidate is a pair the scheduler may hold, with its value.
type candidate struct {
	ent, inv  int64
	score     int
	value     int64
	requested string // enterprise, investor or mutual
	pinned    bool
	booked    *meetingRow // a self-service booking, fixed in place
}

// meetingInput is everything the meeting scheduler reads.
type meetingInput struct {
	ev         *app.Event
	grid       *grid
	regs       []registrationRow
	candidates map[string]*candidate
	scores     map[string]int         // every registrant pair's matching score
	existing   []meetingRow           // scheduled meetings of the event
	parties    map[string]solverParty // the solver's participant ids, set by problem
}

// solverParty is a registrant as the solver sees it: an enterprise or an
// investor.
type solverParty struct {
	enterprise, investor int64
}

// partyOf returns the registrant's solver id ("e12", "i3") and party.
func partyOf(r registrationRow) (string, solverParty) {
	if r.EnterpriseID != nil {
		return enterpriseKey(*r.EnterpriseID), solverParty{enterprise: *r.EnterpriseID}
	}
	return investorKey(*r.InvestorID), solverParty{investor: *r.InvestorID}
}

// words names the party in English ("enterprise 12").
func (p solverParty) words() string {
	if p.enterprise != 0 {
		return fmt.Sprintf("enterprise %d", p.enterprise)
	}
	return fmt.Sprintf("investor %d", p.investor)
}

func (s *Store) loadMeetingInput(db *gorm.DB, ev *app.Event) (*meetingInput, error) {
	g, err := s.eventGrid(db, ev)
	if err != nil {
		return nil, err
	}
	in := &meetingInput{ev: ev, grid: g, candidates: map[string]*candidate{}}
	if err := db.Where("event_id = ? AND status = ? AND ((enterprise_id IS NOT NULL AND role IN ?) OR (investor_id IS NOT NULL AND role = ?))",
		ev.ID, app.RegApproved, []string{app.RegMeeter, app.RegPitcher}, app.RegInvestor).Order("id").Find(&in.regs).Error; err != nil {
		return nil, translate(err)
	}
	if err := db.Where("event_id = ? AND status = ?", ev.ID, app.MeetingScheduled).Order("id").Find(&in.existing).Error; err != nil {
		return nil, translate(err)
	}
	if err := s.scoreCandidates(db, in); err != nil {
		return nil, err
	}
	return in, s.addRequestsAndRules(db, in)
}

// scoreCandidates adds every pair whose matching score reaches the
// threshold.
func (s *Store) scoreCandidates(db *gorm.DB, in *meetingInput) error {
	m, err := s.matcherFor(db, in.ev, 0)
	if err != nil {
		return err
	}
	pop, err := s.loadPopulation(db, in.ev.ID, true, true, false)
	if err != nil {
		return err
	}
	cands, err := m.Candidates(pop.in.Enterprises, pop.in.Investors, 0)
	if err != nil {
		return err
	}
	for _, c := range cands {
		if c.Score >= candidateThreshold {
			in.candidates[pairKey(c.EnterpriseID, c.InvestorID)] = &candidate{ent: c.EnterpriseID, inv: c.InvestorID,
				score: c.Score, value: int64(c.Score)}
		}
	}
	in.scores = make(map[string]int, len(cands))
	for _, c := range cands {
		in.scores[pairKey(c.EnterpriseID, c.InvestorID)] = c.Score
	}
	return nil
}

// addRequestsAndRules values requested pairs (by priority, mutual,
// accepted), drops declined and forbidden pairs and pairs whose meeting a
// person cancelled, requires pinned pairs and fixes self-service bookings
// in place.
func (s *Store) addRequestsAndRules(db *gorm.DB, in *meetingInput) error {
	var reqs []meetingRequestRow
	if err := db.Where("event_id = ? AND status IN ?", in.ev.ID, []string{app.RequestPending, app.RequestAccepted, app.RequestDeclined}).
		Order("id").Find(&reqs).Error; err != nil {
		return translate(err)
	}
	declined := map[string]bool{}
	for _, r := range reqs {
		key := pairKey(r.EnterpriseID, r.InvestorID)
		if r.Status == app.RequestDeclined {
			declined[key] = true
			continue
		}
		c := in.candidate(r.EnterpriseID, r.InvestorID)
		c.value += requestBonus[min(max(r.Priority, 1), 3)]
		if r.Status == app.RequestAccepted {
			c.value += acceptBonus
		}
		switch {
		case c.requested == "":
			c.requested = r.FromSide
		case c.requested != r.FromSide:
			c.requested = "mutual"
			c.value += mutualBonus
		}
	}
	for key := range declined {
		delete(in.candidates, key)
	}
	if err := s.applyPairRules(db, in); err != nil {
		return err
	}
	if err := s.dropCancelledPairs(db, in); err != nil {
		return err
	}
	for i := range in.existing {
		if m := &in.existing[i]; m.Source == app.SourceBooking {
			in.candidate(m.EnterpriseID, m.InvestorID).booked = m
		}
	}
	return nil
}

// candidate returns the pair's candidate, adding it (valued by its score)
// when it was below the threshold.
func (in *meetingInput) candidate(ent, inv int64) *candidate {
	key := pairKey(ent, inv)
	c, ok := in.candidates[key]
	if !ok {
		score := in.scores[key]
		c = &candidate{ent: ent, inv: inv, score: score, value: int64(score)}
		in.candidates[key] = c
	}
	return c
}

func (s *Store) applyPairRules(db *gorm.DB, in *meetingInput) error {
	var rules []pairRuleRow
	if err := db.Where("event_id = ?", in.ev.ID).Find(&rules).Error; err != nil {
		return translate(err)
	}
	for _, r := range rules {
		if r.Rule == app.PairForbid {
			delete(in.candidates, pairKey(r.EnterpriseID, r.InvestorID))
		} else {
			in.candidate(r.EnterpriseID, r.InvestorID).pinned = true
		}
	}
	return nil
}

// problem turns the input into the solver's format: registrants are
// participants (investors host a table), candidates are meetings.
func (in *meetingInput) problem() scheduler.Problem {
	ev := in.ev
	p := scheduler.Problem{Objective: scheduler.MaxValue, Slots: len(in.grid.slots), Tables: ev.Meeting.Tables, ServeFirst: true}
	in.parties = make(map[string]solverParty, len(in.regs))
	for _, r := range in.regs {
		id, who := partyOf(r)
		part := scheduler.Participant{ID: id, Unavailable: in.grid.unavailable(r.Availability.Val), MaxConsecutive: ev.Meeting.MaxConsecutive}
		if who.enterprise != 0 {
			part.MaxMeetings = ev.Meeting.MaxPerEnterprise
		} else {
			part.MaxMeetings, part.Host = ev.Meeting.MaxPerInvestor, true
		}
		in.parties[id] = who
		p.Participants = append(p.Participants, part)
	}
	for _, key := range in.sortedKeys() {
		c := in.candidates[key]
		e, i := enterpriseKey(c.ent), investorKey(c.inv)
		_, eIn := in.parties[e]
		_, iIn := in.parties[i]
		if !eIn || !iIn || c.value <= 0 && !c.pinned && c.booked == nil {
			continue
		}
		m := scheduler.Meeting{ID: key, Participants: []string{e, i}, Weight: max(c.value, 1), Required: c.pinned || c.booked != nil}
		if c.booked != nil {
			m.FixedSlot, m.FixedTable = c.booked.Slot, c.booked.TableNo
		}
		p.Meetings = append(p.Meetings, m)
	}
	return p
}

func (in *meetingInput) sortedKeys() []string {
	keys := make([]string, 0, len(in.candidates))
	for k := range in.candidates {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		ca, cb := in.candidates[keys[a]], in.candidates[keys[b]]
		if ca.ent != cb.ent {
			return ca.ent < cb.ent
		}
		return ca.inv < cb.inv
	})
	return keys
}

// previous is the current schedule in the solver's format, for Repair.
func (in *meetingInput) previous() scheduler.Result {
	var r scheduler.Result
	for _, m := range in.existing {
		r.Assignments = append(r.Assignments, scheduler.Assignment{Meeting: pairKey(m.EnterpriseID, m.InvestorID), Slot: m.Slot, Table: m.TableNo})
	}
	return r
}

// solverBudget is the solver's time limit within the request's database
// deadline: at most half the time left, so that writing the plan still
// fits after the search.
func solverBudget(ctx context.Context, limit time.Duration) time.Duration {
	deadline, ok := ctx.Deadline()
	if !ok {
		return limit
	}
	return max(min(limit, time.Until(deadline)/2), time.Millisecond)
}

// scheduleMeetings plans a matchmaking event: a fresh solve, or a repair
// that keeps the current schedule in place where it still fits.
func (s *Store) scheduleMeetings(ctx context.Context, ev *app.Event, o app.ScheduleOptions) (*app.SchedulePlan, error) {
	in, err := s.loadMeetingInput(s.conn(ctx), ev)
	if err != nil {
		return nil, err
	}
	prob := in.problem()
	opt := scheduler.Options{Seed: o.Seed, TimeLimit: solverBudget(ctx, ev.Settings.Schedule.TimeLimit(o.TimeLimit)), Explain: func(id string) bool {
		c := in.candidates[id]
		return c.requested != "" || c.pinned || c.booked != nil
	}}
	var res scheduler.Result
	if len(in.existing) > 0 {
		res, err = scheduler.Repair(prob, in.previous(), opt)
	} else {
		res, err = scheduler.Solve(prob, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("store: schedule event %d: %w", ev.ID, err)
	}
	plan, err := in.plan(prob, res)
	if err != nil {
		return nil, fmt.Errorf("store: schedule event %d: %w", ev.ID, err)
	}
	if o.DryRun {
		return plan, nil
	}
	if err := s.commitMeetings(ctx, in, plan); err != nil {
		return plan, err
	}
	_, err = s.drainCalendarBacklog(ctx, ev.ID)
	return plan, err
}

// plan reports a solver result in the API's terms; a meeting or
// participant id the problem did not hold is an error.
func (in *meetingInput) plan(prob scheduler.Problem, res scheduler.Result) (*app.SchedulePlan, error) {
	plan := &app.SchedulePlan{EventID: in.ev.ID, Kind: in.ev.Kind, Status: string(res.Status), Value: res.Value,
		UpperBound: res.UpperBound, Seconds: res.Seconds, Candidates: len(prob.Meetings), Slots: in.grid.slots,
		Tables: in.ev.Meeting.Tables, Meetings: []app.PlannedMeeting{}, Unscheduled: []app.UnscheduledRequest{}}
	if res.UpperBound > 0 {
		plan.Ratio = float64(res.Value) / float64(res.UpperBound)
	}
	for _, a := range res.Assignments {
		c, ok := in.candidates[a.Meeting]
		if !ok {
			return nil, fmt.Errorf("solver assigned unknown meeting %q", a.Meeting)
		}
		sl := in.grid.slot(a.Slot)
		plan.Meetings = append(plan.Meetings, app.PlannedMeeting{EnterpriseID: c.ent, InvestorID: c.inv, Slot: a.Slot,
			StartsAt: sl.StartsAt, EndsAt: sl.EndsAt, Table: a.Table, Score: c.score, Value: c.value,
			Requested: c.requested, Pinned: c.pinned, Booked: c.booked != nil})
	}
	sort.Slice(plan.Meetings, func(i, j int) bool {
		a, b := plan.Meetings[i], plan.Meetings[j]
		return a.Slot < b.Slot || a.Slot == b.Slot && a.Table < b.Table
	})
	for _, id := range res.Unscheduled {
		c, ok := in.candidates[id]
		if !ok {
			return nil, fmt.Errorf("solver left out unknown meeting %q", id)
		}
		if c.requested == "" && !c.pinned && c.booked == nil {
			continue
		}
		u := app.UnscheduledRequest{EnterpriseID: c.ent, InvestorID: c.inv, Requested: c.requested, Pinned: c.pinned}
		var err error
		if u.Reason, u.ReasonZH, err = in.unscheduledReason(res.Explanations[id]); err != nil {
			return nil, fmt.Errorf("meeting %q: %w", id, err)
		}
		plan.Unscheduled = append(plan.Unscheduled, u)
	}
	var err error
	if plan.Unserved, err = in.unserved(prob, res); err != nil {
		return nil, err
	}
	plan.Breaks = breakFigures(prob, res)
	return plan, nil
}

// unserved lists the approved registrants the plan gives no meeting, in
// registration order, with the solver's reason, or no_candidate when no
// pair of theirs reached the solver.
func (in *meetingInput) unserved(prob scheduler.Problem, res scheduler.Result) ([]app.UnservedParticipant, error) {
	reason := make(map[string]string, len(res.Unserved))
	for _, u := range res.Unserved {
		if _, ok := in.parties[u.Participant]; !ok {
			return nil, fmt.Errorf("solver reports unknown participant %q unserved", u.Participant)
		}
		reason[u.Participant] = unservedCode(u.Reason)
	}
	inProblem := map[string]bool{}
	for _, m := range prob.Meetings {
		for _, q := range m.Participants {
			inProblem[q] = true
		}
	}
	out := []app.UnservedParticipant{}
	for _, r := range in.regs {
		id, who := partyOf(r)
		u := app.UnservedParticipant{EnterpriseID: who.enterprise, InvestorID: who.investor}
		code, ok := reason[id]
		switch {
		case !inProblem[id]:
			code = app.UnservedNoCandidate
		case !ok:
			continue
		}
		u.Code = code
		u.Reason, u.ReasonZH = app.UnservedReason(code)
		out = append(out, u)
	}
	return out, nil
}

// unservedCode maps the solver's reason codes to the API's.
func unservedCode(r string) string {
	switch r {
	case scheduler.UnservedNoCommonSlot:
		return app.UnservedNoCommonSlot
	case scheduler.UnservedPartnersFull:
		return app.UnservedPartnersFull
	case scheduler.UnservedSlotsTaken:
		return app.UnservedSlotsTaken
	case scheduler.UnservedNoTable:
		return app.UnservedNoTable
	}
	return r
}

// unscheduledReason turns the solver's reason for leaving a meeting out
// into English and Chinese words, naming its parties as the API does
// ("enterprise 12"). A meeting without a reason was not worth its place.
func (in *meetingInput) unscheduledReason(why scheduler.Reason) (en, zh string, err error) {
	if why.Code == "" {
		en, zh = app.UnscheduledReason(app.UnscheduledLowerValue)
		return en, zh, nil
	}
	code, err := unscheduledCode(why.Code)
	if err != nil {
		return "", "", err
	}
	names := make([]string, len(why.Participants))
	for i, id := range why.Participants {
		who, ok := in.parties[id]
		if !ok {
			return "", "", fmt.Errorf("reason %s names unknown participant %q", why.Code, id)
		}
		names[i] = who.words()
	}
	en, zh = app.UnscheduledReason(code, names...)
	return en, zh, nil
}

// unscheduledCode maps the solver's reason codes to the API's.
func unscheduledCode(c scheduler.ReasonCode) (string, error) {
	switch c {
	case scheduler.ReasonNoCommonSlot:
		return app.UnscheduledNoCommonSlot, nil
	case scheduler.ReasonCapReached:
		return app.UnscheduledCapReached, nil
	case scheduler.ReasonSlotsTaken:
		return app.UnscheduledSlotsTaken, nil
	case scheduler.ReasonNoTable:
		return app.UnscheduledNoTable, nil
	case scheduler.ReasonLowerValue:
		return app.UnscheduledLowerValue, nil
	case scheduler.ReasonNoSlotLeft:
		return app.UnscheduledNoSlotLeft, nil
	}
	return "", fmt.Errorf("unknown reason code %q", c)
}

func breakFigures(prob scheduler.Problem, res scheduler.Result) *app.BreakFigures {
	per := scheduler.ParticipantBreaks(prob, res.Assignments)
	b := &app.BreakFigures{Total: res.Breaks.Total, Max: res.Breaks.Max, Min: res.Breaks.Min}
	if len(per) > 0 {
		b.Mean = float64(b.Total) / float64(len(per))
	}
	return b
}

// commitMeetings writes a plan in one transaction: meetings no longer
// planned are cancelled, moved ones get their new slot and table (sequence
// + 1), new ones are created with a fresh UID; an open event becomes
// scheduled. Moved meetings first release their slots so that swaps do not
// trip the unique indexes. The calendar mails are left to the calendar
// backlog, which the caller drains in bounded transactions.
func (s *Store) commitMeetings(ctx context.Context, in *meetingInput, plan *app.SchedulePlan) error {
	return s.tx(deferCalendar(ctx), func(tx *gorm.DB) error {
		if err := s.checkGridUnchanged(tx, in); err != nil {
			return err
		}
		var current []meetingRow
		if err := tx.Where("event_id = ? AND status = ?", in.ev.ID, app.MeetingScheduled).Order("id").Find(&current).Error; err != nil {
			return translate(err)
		}
		if !sameMeetings(current, in.existing) {
			return app.Errorf(app.ECONFLICT, "the event's meetings changed while the schedule was planned; plan again")
		}
		changes, counts, err := s.applyPlan(tx, in, plan, current)
		if err != nil {
			return err
		}
		if err := s.markScheduled(tx, in.ev); err != nil {
			return err
		}
		plan.Committed, plan.Changes = true, counts
		return s.afterMeetings(tx, in.ev, changes)
	})
}

// checkGridUnchanged locks the event (see lockEvent) and refuses a commit
// when its slot grid changed while the schedule was planned.
func (s *Store) checkGridUnchanged(tx *gorm.DB, in *meetingInput) error {
	ev, err := s.lockEvent(tx, in.ev.ID)
	if err != nil {
		return err
	}
	g, err := s.eventGrid(tx, ev)
	if err != nil {
		return err
	}
	same := len(g.slots) == len(in.grid.slots) && ev.Meeting.Tables == in.ev.Meeting.Tables
	for i := 0; same && i < len(g.slots); i++ {
		same = g.slots[i].StartsAt.Equal(in.grid.slots[i].StartsAt) && g.slots[i].EndsAt.Equal(in.grid.slots[i].EndsAt)
	}
	if !same {
		return app.Errorf(app.ECONFLICT, "the event's times or tables changed while the schedule was planned; plan again")
	}
	return nil
}

func sameMeetings(a, b []meetingRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Slot != b[i].Slot || a[i].TableNo != b[i].TableNo {
			return false
		}
	}
	return true
}

func (s *Store) applyPlan(tx *gorm.DB, in *meetingInput, plan *app.SchedulePlan, current []meetingRow) ([]app.MeetingChange, *app.ScheduleChanges, error) {
	loc := in.ev.Location()
	planned := map[string]*app.PlannedMeeting{}
	for i := range plan.Meetings {
		pm := &plan.Meetings[i]
		planned[pairKey(pm.EnterpriseID, pm.InvestorID)] = pm
	}
	counts := &app.ScheduleChanges{}
	var changes []app.MeetingChange
	var moved []*meetingRow
	for i := range current {
		r := &current[i]
		pm, ok := planned[pairKey(r.EnterpriseID, r.InvestorID)]
		switch {
		case !ok:
			before := *r.domain(loc)
			r.Status, r.ActiveSlot, r.Sequence, r.UpdatedAt = app.MeetingCancelled, nil, r.Sequence+1, s.now()
			changes = append(changes, app.MeetingChange{Kind: app.ChangeCancelled, Meeting: *r.domain(loc), Before: &before})
			counts.Cancelled++
		case pm.Slot != r.Slot || pm.Table != r.TableNo || !r.at(in.grid.slot(pm.Slot)):
			moved = append(moved, r)
		default:
			counts.Kept++
		}
		if ok {
			pm.MeetingID = r.ID
			delete(planned, pairKey(r.EnterpriseID, r.InvestorID))
		}
	}
	if err := s.releaseSlots(tx, moved); err != nil {
		return nil, nil, err
	}
	for i := range current {
		if r := &current[i]; r.Status == app.MeetingCancelled {
			if err := tx.Save(r).Error; err != nil {
				return nil, nil, translate(err)
			}
		}
	}
	for _, r := range moved {
		before := *r.domain(loc)
		pm := findPlanned(plan, r.ID)
		r.place(in.grid.slot(pm.Slot), pm.Table)
		r.Sequence, r.UpdatedAt = r.Sequence+1, s.now()
		if err := tx.Save(r).Error; err != nil {
			return nil, nil, translate(err)
		}
		changes = append(changes, app.MeetingChange{Kind: app.ChangeUpdated, Meeting: *r.domain(loc), Before: &before})
		counts.Moved++
	}
	created, err := s.createPlanned(tx, in, plan, planned)
	counts.Created = len(created)
	return append(changes, created...), counts, err
}

// releaseSlots frees the slots of the meetings about to move, before any
// of them takes its new place.
func (s *Store) releaseSlots(tx *gorm.DB, rows []*meetingRow) error {
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if len(ids) == 0 {
		return nil
	}
	return translate(tx.Model(&meetingRow{}).Where("id IN ?", ids).Update("active_slot", nil).Error)
}

func findPlanned(plan *app.SchedulePlan, meetingID int64) *app.PlannedMeeting {
	for i := range plan.Meetings {
		if plan.Meetings[i].MeetingID == meetingID {
			return &plan.Meetings[i]
		}
	}
	return nil
}

// createPlanned inserts the planned meetings that do not exist yet, in
// plan order, with multi-row inserts (insertMeetings).
func (s *Store) createPlanned(tx *gorm.DB, in *meetingInput, plan *app.SchedulePlan, fresh map[string]*app.PlannedMeeting) ([]app.MeetingChange, error) {
	loc := in.ev.Location()
	var rows []meetingRow
	var planned []*app.PlannedMeeting
	for i := range plan.Meetings {
		pm := &plan.Meetings[i]
		if fresh[pairKey(pm.EnterpriseID, pm.InvestorID)] == nil {
			continue
		}
		r := meetingRow{EventID: in.ev.ID, EnterpriseID: pm.EnterpriseID, InvestorID: pm.InvestorID, Status: app.MeetingScheduled,
			UID: s.newUID(), Source: app.SourceSchedule, Outcome: app.OutcomeNone, CreatedAt: s.now(), UpdatedAt: s.now()}
		r.place(in.grid.slot(pm.Slot), pm.Table)
		rows, planned = append(rows, r), append(planned, pm)
	}
	if err := insertMeetings(tx, rows); err != nil {
		return nil, err
	}
	changes := make([]app.MeetingChange, 0, len(rows))
	for i := range rows {
		planned[i].MeetingID = rows[i].ID
		changes = append(changes, app.MeetingChange{Kind: app.ChangeCreated, Meeting: *rows[i].domain(loc)})
	}
	return changes, nil
}

// markScheduled moves an open event to scheduled.
func (s *Store) markScheduled(tx *gorm.DB, ev *app.Event) error {
	if ev.Status != app.StatusOpen {
		return nil
	}
	err := tx.Model(&eventRow{}).Where("id = ? AND status = ?", ev.ID, app.StatusOpen).
		Updates(map[string]any{"status": app.StatusScheduled, "updated_at": s.now()}).Error
	if err != nil {
		return translate(err)
	}
	from := ev.Status
	ev.Status = app.StatusScheduled
	return s.afterEventStatus(tx, ev, from)
}
