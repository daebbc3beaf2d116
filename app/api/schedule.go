package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// scheduleBody is the body of POST /events/{id}/schedule.
type scheduleBody struct {
	DryRun      bool   `json:"dry_run"`
	Seed        uint64 `json:"seed"`
	TimeLimitMS int    `json:"time_limit_ms"`
}

// meetingList and pitchList are list bodies.
type meetingList struct {
	Items []*app.Meeting `json:"items"`
}

type pitchList struct {
	Items []*app.Pitch `json:"items"`
}

// meetingStatuses are the values of the meeting list's status filter.
var meetingStatuses = []string{app.MeetingScheduled, app.MeetingCancelled, app.MeetingDone}

func (s *Server) registerScheduleRoutes() {
	ms := s.svc.Meetings
	s.add(route{Method: "POST", Path: v1 + "/events/:id/schedule", Summary: "Plan the event's meetings or pitches; dry_run returns the plan and its figures, otherwise it is committed",
		Tag: "schedule", Body: scheduleBody{}, Resp: app.SchedulePlan{}}, s.handleSchedule)
	s.add(route{Method: "GET", Path: v1 + "/events/:id/agenda", Summary: "Sessions, pitches and the meetings you may see (all for organizers, your own otherwise)",
		Tag: "schedule", Auth: authOptional, Resp: app.Agenda{}}, getByID(s.svc.Schedules.Agenda))
	s.add(route{Method: "GET", Path: v1 + "/events/:id/meetings", Summary: "An event's meetings (all for organizers, your own otherwise), cancelled ones included; ?status= keeps one status",
		Tag: "schedule", Resp: meetingList{}, Query: []string{"enterprise_id", "investor_id", "status"},
		Enums: map[string][]string{"status": meetingStatuses}}, s.handleMeetingList)
	s.add(route{Method: "GET", Path: v1 + "/events/:id/pitches", Summary: "An event's pitch order", Tag: "schedule", Auth: authOptional,
		Resp: pitchList{}}, s.handlePitchList)
	s.add(route{Method: "GET", Path: v1 + "/meetings/:id", Summary: "Get a meeting", Tag: "schedule", Resp: app.Meeting{}},
		getByID(ms.FindMeetingByID))
	s.add(route{Method: "PATCH", Path: v1 + "/meetings/:id", Summary: "Move a meeting to another slot or table (organizers; 409 on any conflict)",
		Tag: "schedule", Body: app.MeetingUpdate{}, Resp: app.Meeting{}}, patchByID(s, ms.UpdateMeeting))
	s.add(route{Method: "POST", Path: v1 + "/meetings/:id/cancel", Summary: "Cancel a meeting (organizers or either side)",
		Tag: "schedule", Resp: app.Meeting{}}, postByID(ms.CancelMeeting))
	s.add(route{Method: "POST", Path: v1 + "/meetings/:id/outcome", Summary: "Record how a meeting went: follow_up, term_sheet, deal or no_fit",
		Tag: "schedule", Body: app.OutcomeUpdate{}, Resp: app.Meeting{}}, s.handleOutcome)
}

func (s *Server) handleSchedule(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := app.RequireStaff(principal(c)); err != nil {
		return err
	}
	var b scheduleBody
	if len(c.Body()) > 0 {
		if err := s.decode(c, &b); err != nil {
			return err
		}
	}
	if b.TimeLimitMS < 0 || b.TimeLimitMS > 60_000 {
		return app.FieldError("time_limit_ms", "must be between 0 and 60000")
	}
	o := app.ScheduleOptions{DryRun: b.DryRun, Seed: b.Seed, TimeLimit: time.Duration(b.TimeLimitMS) * time.Millisecond}
	plan, err := s.svc.Schedules.Schedule(c.UserContext(), id, o)
	if err != nil {
		return err
	}
	return c.JSON(plan)
}

func (s *Server) handleMeetingList(c *fiber.Ctx) error {
	var f app.MeetingFilter
	var err error
	if f.EventID, err = paramID(c, "id"); err != nil {
		return err
	}
	if f.Status, err = queryEnum(c, "status", meetingStatuses); err != nil {
		return err
	}
	if err := queryInts(c, map[string]*int64{"enterprise_id": &f.EnterpriseID, "investor_id": &f.InvestorID}); err != nil {
		return err
	}
	items, err := s.svc.Meetings.FindMeetings(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(meetingList{Items: items})
}

func (s *Server) handlePitchList(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	items, err := s.svc.Meetings.FindPitches(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(pitchList{Items: items})
}

func (s *Server) handleOutcome(c *fiber.Ctx) error {
	return patchByID(s, func(ctx context.Context, id int64, u app.OutcomeUpdate) (*app.Meeting, error) {
		return s.svc.Meetings.RecordOutcome(ctx, id, u)
	})(c)
}
