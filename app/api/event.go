package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerEventRoutes() {
	es := s.svc.Events
	s.add(route{Method: "GET", Path: v1 + "/events", Summary: "List events (drafts only for their organizers)", Tag: "events",
		Auth: authOptional, Resp: app.List[*app.Event]{},
		Query: []string{"zone_id", "branch_id", "campaign_id", "kind", "status", "q", "from", "to", "limit", "cursor"}},
		listOf(parseEventFilter, es.FindEvents))
	s.add(route{Method: "POST", Path: v1 + "/events", Summary: "Create an event (organizer of its zone or branch, admin)",
		Tag: "events", Body: app.Event{}, Resp: app.Event{}, Status: fiber.StatusCreated},
		create(s, false, func(_ *fiber.Ctx, e *app.Event) error { e.ID = 0; return nil }, es.CreateEvent))
	s.add(route{Method: "GET", Path: v1 + "/events/:id", Summary: "Get an event", Tag: "events", Auth: authOptional,
		Resp: app.Event{}}, getByID(es.FindEventByID))
	s.add(route{Method: "PATCH", Path: v1 + "/events/:id", Summary: "Update an event; status moves draft → open → scheduled → closed (409 otherwise)",
		Tag: "events", Body: app.EventUpdate{}, Resp: app.Event{}}, patchByID(s, es.UpdateEvent))
	s.add(route{Method: "POST", Path: v1 + "/events/:id/cancel", Summary: "Cancel an event", Tag: "events",
		Resp: app.Event{}}, postByID(es.CancelEvent))
}

func parseEventFilter(c *fiber.Ctx) (f app.EventFilter, err error) {
	f = app.EventFilter{Q: queryText(c, "q")}
	if f.Kind, err = queryEnum(c, "kind", app.EventKinds); err != nil {
		return f, err
	}
	if f.Status, err = queryEnum(c, "status", app.EventStatuses); err != nil {
		return f, err
	}
	if err = queryInts(c, map[string]*int64{"zone_id": &f.ZoneID, "branch_id": &f.BranchID, "campaign_id": &f.CampaignID}); err != nil {
		return f, err
	}
	if f.From, err = queryTime(c, "from"); err != nil {
		return f, err
	}
	if f.To, err = queryTime(c, "to"); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
