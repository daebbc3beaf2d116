package web

import (
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// agendaPage is a party's programme: its meetings and pitch slots per
// event, and its calendar feed.
type agendaPage struct {
	Events []agendaEvent
	Feed   *app.CalendarToken
	Side   string
}

// agendaEvent is one event of an agenda.
type agendaEvent struct {
	Event    *app.Event
	Status   string // the caller's registration status
	Meetings []meetingRow
	Pitches  []pitchRow
	ICSURL   string
}

// meetingRow is a meeting with both sides' names.
type meetingRow struct {
	Meeting    *app.Meeting
	Enterprise string
	Investor   string
}

// pitchRow is a pitch with its pitcher's and session's names.
type pitchRow struct {
	Pitch   *app.Pitch
	Name    string
	Session string
	Mine    bool
}

func (w *Console) handleAgenda(c *fiber.Ctx) error {
	p := principal(c)
	if !(p.Role == app.RoleEnterprise || p.Role == app.RoleInvestor) {
		return c.Redirect("/console/events", fiber.StatusSeeOther)
	}
	feed, err := w.svc.Calendars.FindCalendarToken(ctx(c))
	if err != nil {
		return err
	}
	return w.renderAgenda(c, feed)
}

// renderAgenda shows the caller's agenda with its feed: the feed's URL only
// when feed carries its secret (just created or rotated), since the secret
// is stored hashed.
func (w *Console) renderAgenda(c *fiber.Ctx, feed *app.CalendarToken) error {
	mine, err := w.myEvents(c)
	if err != nil {
		return err
	}
	data := agendaPage{Side: sideOf(principal(c)), Feed: feed}
	names := w.names(c)
	for _, m := range mine {
		ae, err := w.agendaOf(c, m, names)
		if err != nil {
			return err
		}
		data.Events = append(data.Events, ae)
	}
	return w.render(c, fiber.StatusOK, "agenda", w.newView(c, "agenda.title", data))
}

func (w *Console) agendaOf(c *fiber.Ctx, m registered, names *nameCache) (agendaEvent, error) {
	ae := agendaEvent{Event: m.Event, Status: m.Registration.Status}
	ae.ICSURL, _ = w.feedURLs("/api/v1/events/" + strconv.FormatInt(m.Event.ID, 10) + "/agenda.ics")
	ag, err := w.svc.Schedules.Agenda(ctx(c), m.Event.ID)
	if err != nil {
		return ae, err
	}
	ae.Meetings = meetingRows(ag.Meetings, names)
	sessions := map[int64]string{}
	for _, s := range ag.Sessions {
		sessions[s.ID] = s.Title
	}
	p := principal(c)
	for _, pt := range ag.Pitches {
		ae.Pitches = append(ae.Pitches, pitchRow{Pitch: pt, Name: names.enterprise(pt.EnterpriseID),
			Session: sessions[pt.SessionID], Mine: p.IsEnterprise(pt.EnterpriseID)})
	}
	return ae, nil
}

// meetingRows names both sides of meetings, in time then table order.
func meetingRows(ms []*app.Meeting, names *nameCache) []meetingRow {
	out := make([]meetingRow, 0, len(ms))
	for _, m := range ms {
		out = append(out, meetingRow{Meeting: m, Enterprise: names.enterprise(m.EnterpriseID), Investor: names.investor(m.InvestorID)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Meeting, out[j].Meeting
		if !a.StartsAt.Equal(b.StartsAt) {
			return a.StartsAt.Before(b.StartsAt)
		}
		return a.Table < b.Table
	})
	return out
}

// handleCalendarRotate replaces the feed's secret and shows the agenda
// with the new URL at once (no redirect: the secret is not kept to show it
// again).
func (w *Console) handleCalendarRotate(c *fiber.Ctx) error {
	feed, err := w.svc.Calendars.RotateCalendarToken(ctx(c))
	if err != nil {
		return w.afterAction(c, err, "", "/console/agenda", nil)
	}
	return w.renderAgenda(c, feed)
}

// meetingPage shows one meeting: its outcome form for the parties, the
// move form for organizers.
type meetingPage struct {
	Meeting  meetingRow
	Event    *app.Event
	Slots    []slotChoice
	Tables   []int
	Outcomes []string
	Back     string
	Started  bool // outcomes can be recorded once the meeting has started
}

// slotChoice is a slot of the move form.
type slotChoice struct {
	Value    string // RFC 3339 start
	Start    time.Time
	Selected bool
}

func (w *Console) handleMeeting(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	m, err := w.svc.Meetings.FindMeetingByID(ctx(c), id)
	if err != nil {
		return err
	}
	ev, err := w.svc.Events.FindEventByID(ctx(c), m.EventID)
	if err != nil {
		return err
	}
	names := w.names(c)
	data := meetingPage{Meeting: meetingRows([]*app.Meeting{m}, names)[0], Event: ev, Outcomes: app.MeetingOutcomes,
		Back: "/console/agenda", Started: !w.opt.Now().Before(m.StartsAt)}
	if principal(c).CanManageEvent(ev) {
		data.Back = "/console/events/" + idString(ev.ID) + "/schedule"
		sessions, err := w.svc.Sessions.FindSessions(ctx(c), ev.ID)
		if err != nil {
			return err
		}
		for _, t := range slotStarts(ev, sessions) {
			data.Slots = append(data.Slots, slotChoice{Value: t.UTC().Format(time.RFC3339), Start: t,
				Selected: t.Equal(m.StartsAt)})
		}
		data.Tables = seq(1, ev.Meeting.Tables)
	}
	return w.render(c, fiber.StatusOK, "meeting", w.newView(c, "meeting.title", data))
}

func (w *Console) handleOutcome(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	_, err = w.svc.Meetings.RecordOutcome(ctx(c), id, app.OutcomeUpdate{Outcome: formValue(c, "outcome"), Note: formValue(c, "note")})
	return w.afterAction(c, err, "flash.outcome_saved", "/console/meetings/"+idString(id), nil)
}

func (w *Console) handleMeetingCancel(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	_, err = w.svc.Meetings.CancelMeeting(ctx(c), id)
	return w.afterAction(c, err, "flash.meeting_cancelled", "/console/meetings/"+idString(id), nil)
}

func (w *Console) handleMeetingMove(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	var u app.MeetingUpdate
	if v := formValue(c, "starts_at"); v != "" {
		t, perr := time.Parse(time.RFC3339, v)
		if perr != nil {
			return app.FieldError("starts_at", "is not a slot start")
		}
		u.StartsAt = &t
	}
	if n, ok := formInt(c, "table"); ok && n > 0 {
		u.Table = &n
	}
	m, err := w.svc.Meetings.UpdateMeeting(ctx(c), id, u)
	back := "/console/meetings/" + idString(id)
	if err == nil {
		back = "/console/events/" + idString(m.EventID) + "/schedule"
	}
	return w.afterAction(c, err, "flash.meeting_moved", back, url.Values{})
}
