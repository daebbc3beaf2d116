package web

import (
	"slices"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (w *Console) registerScheduleRoutes(r fiber.Router) {
	r.Get("/console/events/:id/schedule", w.signedIn(w.handleSchedule))
	r.Post("/console/events/:id/schedule", w.signedInForm(w.handleSchedulePlan))
	r.Get("/console/meetings/:id", w.signedIn(w.handleMeeting))
	r.Post("/console/meetings/:id/outcome", w.signedInForm(w.handleOutcome))
	r.Post("/console/meetings/:id/cancel", w.signedInForm(w.handleMeetingCancel))
	r.Post("/console/meetings/:id/move", w.signedInForm(w.handleMeetingMove))
}

// schedulePage shows an event's schedule: the figures of a dry run or a
// commit, the grid of slots × tables (the plan's, or the meetings held),
// the requests the plan could not hold and why, and a roadshow's pitches.
type schedulePage struct {
	Event     *app.Event
	Plan      *app.SchedulePlan
	Grid      *grid
	Meetings  []meetingRow // the committed meetings, cancelled ones too unless filtered
	Status    string       // the list's status filter ("" for all)
	Statuses  []string     // the filters offered
	Pitches   []pitchRow
	Unplaced  []string
	Unsched   []unscheduledRow
	Unserved  []unservedRow
	EntNames  map[int64]string
	InvNames  map[int64]string
	Committed bool // the page shows a commit's result
}

// grid is a table of slots (rows) × tables (columns).
type grid struct {
	Tables []int
	Rows   []gridRow
}

// gridRow is one slot of the grid.
type gridRow struct {
	Start time.Time
	End   time.Time
	Cells []gridCell
}

// gridCell is one table in one slot; empty when no meeting is there.
type gridCell struct {
	MeetingID  int64
	Enterprise string
	Investor   string
	Requested  string
	Pinned     bool
	Filled     bool
	Cancelled  bool
}

// unservedRow is a participant the plan gives no meeting, with its name
// and side (enterprise or investor).
type unservedRow struct {
	Name string
	Side string
	Code string
}

// unscheduledRow is a request the plan left out, with both names.
type unscheduledRow struct {
	Request    app.UnscheduledRequest
	Enterprise string
	Investor   string
}

func (w *Console) handleSchedule(c *fiber.Ctx) error {
	ev, err := w.managedEvent(c)
	if err != nil {
		return err
	}
	data, err := w.scheduleData(c, ev, nil)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "schedule", w.newView(c, "schedule.title", data))
}

// handleSchedulePlan runs a dry run or commits, and shows the result.
func (w *Console) handleSchedulePlan(c *fiber.Ctx) error {
	ev, err := w.managedEvent(c)
	if err != nil {
		return err
	}
	commit := formValue(c, "action") == "commit"
	plan, err := w.svc.Schedules.Schedule(ctx(c), ev.ID, app.ScheduleOptions{DryRun: !commit, TimeLimit: w.opt.ScheduleTimeLimit})
	if err != nil {
		return w.afterAction(c, err, "", "/console/events/"+idString(ev.ID)+"/schedule", nil)
	}
	if commit {
		if ev, err = w.svc.Events.FindEventByID(ctx(c), ev.ID); err != nil {
			return err
		}
	}
	data, err := w.scheduleData(c, ev, plan)
	if err != nil {
		return err
	}
	data.Committed = commit
	return w.render(c, fiber.StatusOK, "schedule", w.newView(c, "schedule.title", data))
}

func (w *Console) scheduleData(c *fiber.Ctx, ev *app.Event, plan *app.SchedulePlan) (*schedulePage, error) {
	names := w.names(c)
	data := &schedulePage{Event: ev, Plan: plan, EntNames: map[int64]string{}, InvNames: map[int64]string{}}
	ag, err := w.svc.Schedules.Agenda(ctx(c), ev.ID)
	if err != nil {
		return nil, err
	}
	if err := w.meetingList(c, ev, names, data); err != nil {
		return nil, err
	}
	sessions := map[int64]string{}
	for _, s := range ag.Sessions {
		sessions[s.ID] = s.Title
	}
	pitches := ag.Pitches
	if plan != nil && !plan.Committed && len(plan.Pitches) > 0 {
		pitches = plannedPitches(plan.Pitches)
	}
	for _, p := range pitches {
		data.Pitches = append(data.Pitches, pitchRow{Pitch: p, Name: names.enterprise(p.EnterpriseID), Session: sessions[p.SessionID]})
	}
	if ev.Kind != app.KindMatchmaking {
		if plan != nil {
			for _, id := range plan.Unplaced {
				data.Unplaced = append(data.Unplaced, names.enterprise(id))
			}
		}
		return data, nil
	}
	if plan != nil && !plan.Committed {
		data.Grid = planGrid(plan, names)
	} else {
		data.Grid = meetingGrid(ev, ag.Sessions, meetingRows(ag.Meetings, names))
	}
	if plan != nil {
		for _, u := range plan.Unscheduled {
			data.Unsched = append(data.Unsched, unscheduledRow{Request: u, Enterprise: names.enterprise(u.EnterpriseID),
				Investor: names.investor(u.InvestorID)})
		}
		data.Unserved = unservedRows(plan.Unserved, names)
	}
	return data, nil
}

// meetingList fills the schedule page's list of meetings: all of them,
// cancelled ones included, or those of the status in ?status=.
func (w *Console) meetingList(c *fiber.Ctx, ev *app.Event, names *nameCache, data *schedulePage) error {
	data.Statuses = []string{app.MeetingScheduled, app.MeetingCancelled, app.MeetingDone}
	if st := c.Query("status"); slices.Contains(data.Statuses, st) {
		data.Status = st
	}
	ms, err := w.svc.Meetings.FindMeetings(ctx(c), app.MeetingFilter{EventID: ev.ID, Status: data.Status})
	if err != nil {
		return err
	}
	data.Meetings = meetingRows(ms, names)
	return nil
}

// planGrid lays a dry run's meetings out on its slots and tables.
func planGrid(plan *app.SchedulePlan, names *nameCache) *grid {
	g := &grid{Tables: seq(1, max(plan.Tables, 1))}
	row := map[int]int{}
	for _, s := range plan.Slots {
		row[s.Slot] = len(g.Rows)
		g.Rows = append(g.Rows, gridRow{Start: s.StartsAt, End: s.EndsAt, Cells: make([]gridCell, len(g.Tables))})
	}
	for _, m := range plan.Meetings {
		r, ok := row[m.Slot]
		if !ok || m.Table < 1 || m.Table > len(g.Tables) {
			continue
		}
		g.Rows[r].Cells[m.Table-1] = gridCell{MeetingID: m.MeetingID, Enterprise: names.enterprise(m.EnterpriseID),
			Investor: names.investor(m.InvestorID), Requested: m.Requested, Pinned: m.Pinned, Filled: true}
	}
	return g
}

// meetingGrid lays the committed meetings out on the event's slots.
func meetingGrid(ev *app.Event, sessions []*app.Session, meetings []meetingRow) *grid {
	tables := ev.Meeting.Tables
	for _, m := range meetings {
		tables = max(tables, m.Meeting.Table)
	}
	g := &grid{Tables: seq(1, max(tables, 1))}
	row := map[int64]int{}
	starts := slotStarts(ev, sessions)
	for _, m := range meetings {
		if _, ok := row[m.Meeting.StartsAt.Unix()]; !ok && !containsTime(starts, m.Meeting.StartsAt) {
			starts = append(starts, m.Meeting.StartsAt)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	length := time.Duration(ev.Meeting.SlotMinutes) * time.Minute
	for _, t := range starts {
		row[t.Unix()] = len(g.Rows)
		g.Rows = append(g.Rows, gridRow{Start: t, End: t.Add(length), Cells: make([]gridCell, len(g.Tables))})
	}
	for _, m := range meetings {
		if m.Meeting.Status == app.MeetingCancelled {
			continue
		}
		r := row[m.Meeting.StartsAt.Unix()]
		if m.Meeting.Table >= 1 && m.Meeting.Table <= len(g.Tables) {
			g.Rows[r].Cells[m.Meeting.Table-1] = gridCell{MeetingID: m.Meeting.ID, Enterprise: m.Enterprise,
				Investor: m.Investor, Filled: true}
		}
	}
	return g
}

func containsTime(list []time.Time, t time.Time) bool {
	for _, x := range list {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

// plannedPitches turns a dry run's pitches into pitches to show.
func plannedPitches(in []app.PlannedPitch) []*app.Pitch {
	out := make([]*app.Pitch, len(in))
	for i, p := range in {
		out[i] = &app.Pitch{SessionID: p.SessionID, EnterpriseID: p.EnterpriseID, Order: p.Order, StartsAt: p.StartsAt,
			EndsAt: p.EndsAt, Status: app.MeetingScheduled}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartsAt.Before(out[j].StartsAt) })
	return out
}

// unservedRows names the participants a plan leaves without a meeting.
func unservedRows(us []app.UnservedParticipant, names *nameCache) []unservedRow {
	var out []unservedRow
	for _, u := range us {
		row := unservedRow{Code: u.Code, Side: "enterprise"}
		if u.EnterpriseID != 0 {
			row.Name = names.enterprise(u.EnterpriseID)
		} else {
			row.Name, row.Side = names.investor(u.InvestorID), "investor"
		}
		out = append(out, row)
	}
	return out
}
