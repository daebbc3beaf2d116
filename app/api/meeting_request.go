package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// requestBody is the body of POST /events/{id}/meeting-requests. An
// enterprise names the investor it asks for and an investor the
// enterprise; organizers name both and the sending side.
type requestBody struct {
	From          string     `json:"from"`
	EnterpriseID  int64      `json:"enterprise_id"`
	InvestorID    int64      `json:"investor_id"`
	Priority      int        `json:"priority"`
	Note          string     `json:"note"`
	ProposedStart *time.Time `json:"proposed_start"`
}

// pairRuleList is the body of GET /events/{id}/pair-rules.
type pairRuleList struct {
	Items []*app.PairRule `json:"items"`
}

func (s *Server) registerMeetingRequestRoutes() {
	rs := s.svc.MeetingRequests
	s.add(route{Method: "GET", Path: v1 + "/events/:id/meeting-requests", Summary: "Meeting requests (all for organizers, your own otherwise)",
		Tag: "meeting requests", Resp: app.List[*app.MeetingRequest]{}, Query: []string{"enterprise_id", "investor_id", "status", "limit", "cursor"}},
		listOf(parseRequestFilter, rs.FindMeetingRequests))
	s.add(route{Method: "POST", Path: v1 + "/events/:id/meeting-requests", Summary: "Ask for a 1:1 meeting (either side; capped per participant: 429 over the cap, 409 for the same pair twice)",
		Tag: "meeting requests", Body: requestBody{}, Resp: app.MeetingRequest{}, Status: fiber.StatusCreated}, s.handleRequestCreate)
	s.add(route{Method: "GET", Path: v1 + "/meeting-requests/:id", Summary: "Get a meeting request", Tag: "meeting requests",
		Resp: app.MeetingRequest{}}, getByID(rs.FindMeetingRequestByID))
	for _, action := range []struct{ verb, status, who string }{
		{"accept", app.RequestAccepted, "the recipient"}, {"decline", app.RequestDeclined, "the recipient"},
		{"withdraw", app.RequestWithdrawn, "the sender"},
	} {
		status := action.status
		s.add(route{Method: "POST", Path: v1 + "/meeting-requests/:id/" + action.verb, Summary: "Answer a pending request (" + action.who + ")",
			Tag: "meeting requests", Resp: app.MeetingRequest{}}, postByID(func(ctx context.Context, id int64) (*app.MeetingRequest, error) {
			return rs.AnswerMeetingRequest(ctx, id, status)
		}))
	}
	s.add(route{Method: "GET", Path: v1 + "/events/:id/pair-rules", Summary: "Pinned and forbidden pairs (organizers)",
		Tag: "meeting requests", Resp: pairRuleList{}}, s.handlePairRuleList)
	s.add(route{Method: "POST", Path: v1 + "/events/:id/pair-rules", Summary: "Pin (must meet) or forbid a pair (organizers)",
		Tag: "meeting requests", Body: app.PairRule{}, Resp: app.PairRule{}, Status: fiber.StatusCreated},
		create(s, false, func(c *fiber.Ctx, r *app.PairRule) (err error) {
			r.ID = 0
			r.EventID, err = paramID(c, "id")
			return err
		}, rs.PutPairRule))
	s.add(route{Method: "DELETE", Path: v1 + "/pair-rules/:id", Summary: "Remove a pair rule", Tag: "meeting requests",
		Status: fiber.StatusNoContent}, deleteByID(rs.DeletePairRule))
}

func parseRequestFilter(c *fiber.Ctx) (f app.MeetingRequestFilter, err error) {
	if f.EventID, err = paramID(c, "id"); err != nil {
		return f, err
	}
	if f.Status, err = queryEnum(c, "status", app.RequestStatuses); err != nil {
		return f, err
	}
	if err = queryInts(c, map[string]*int64{"enterprise_id": &f.EnterpriseID, "investor_id": &f.InvestorID}); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}

func (s *Server) handleRequestCreate(c *fiber.Ctx) error {
	eventID, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := app.RequireAuth(principal(c)); err != nil {
		return err
	}
	var b requestBody
	if err := s.decode(c, &b); err != nil {
		return err
	}
	r := &app.MeetingRequest{EventID: eventID, From: b.From, EnterpriseID: b.EnterpriseID, InvestorID: b.InvestorID,
		Priority: b.Priority, Note: b.Note, ProposedStart: b.ProposedStart}
	if err := s.svc.MeetingRequests.CreateMeetingRequest(c.UserContext(), r); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(r)
}

func (s *Server) handlePairRuleList(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	items, err := s.svc.MeetingRequests.FindPairRules(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(pairRuleList{Items: items})
}
