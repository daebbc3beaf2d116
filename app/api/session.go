package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// sessionList is the body of GET /events/{id}/sessions.
type sessionList struct {
	Items []*app.Session `json:"items"`
}

func (s *Server) registerSessionRoutes() {
	ss := s.svc.Sessions
	s.add(route{Method: "GET", Path: v1 + "/events/:id/sessions", Summary: "List an event's sessions", Tag: "sessions",
		Auth: authOptional, Resp: sessionList{}}, s.handleSessionList)
	s.add(route{Method: "POST", Path: v1 + "/events/:id/sessions", Summary: "Add a session to an event", Tag: "sessions",
		Body: app.Session{}, Resp: app.Session{}, Status: fiber.StatusCreated},
		create(s, false, func(c *fiber.Ctx, x *app.Session) (err error) {
			x.ID = 0
			x.EventID, err = paramID(c, "id")
			return err
		}, ss.CreateSession))
	s.add(route{Method: "PATCH", Path: v1 + "/sessions/:id", Summary: "Update a session", Tag: "sessions",
		Body: app.SessionUpdate{}, Resp: app.Session{}}, patchByID(s, ss.UpdateSession))
	s.add(route{Method: "DELETE", Path: v1 + "/sessions/:id", Summary: "Delete a session", Tag: "sessions",
		Status: fiber.StatusNoContent}, deleteByID(ss.DeleteSession))
}

func (s *Server) handleSessionList(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	items, err := s.svc.Sessions.FindSessions(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(sessionList{Items: items})
}
