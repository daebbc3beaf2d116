package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerExperienceRoutes() {
	xs := s.svc.Experiences
	s.add(route{Method: "GET", Path: v1 + "/experiences", Summary: "List and search replicable experiences", Tag: "experiences",
		Auth: authNone, Resp: app.List[*app.Experience]{}, Query: []string{"campaign_id", "zone_id", "branch_id", "tag", "q", "limit", "cursor"}},
		listOf(parseExperienceFilter, xs.FindExperiences))
	s.add(route{Method: "POST", Path: v1 + "/experiences", Summary: "Write up an experience (organizers, admin)", Tag: "experiences",
		Body: app.Experience{}, Resp: app.Experience{}, Status: fiber.StatusCreated},
		create(s, false, func(_ *fiber.Ctx, x *app.Experience) error { x.ID = 0; return nil }, xs.CreateExperience))
	s.add(route{Method: "GET", Path: v1 + "/experiences/:id", Summary: "Get an experience", Tag: "experiences", Auth: authNone,
		Resp: app.Experience{}}, getByID(xs.FindExperienceByID))
	s.add(route{Method: "PATCH", Path: v1 + "/experiences/:id", Summary: "Update an experience", Tag: "experiences",
		Body: app.ExperienceUpdate{}, Resp: app.Experience{}}, patchByID(s, xs.UpdateExperience))
}

func parseExperienceFilter(c *fiber.Ctx) (f app.ExperienceFilter, err error) {
	f = app.ExperienceFilter{Tag: queryText(c, "tag"), Q: queryText(c, "q")}
	if err = queryInts(c, map[string]*int64{"campaign_id": &f.CampaignID, "zone_id": &f.ZoneID, "branch_id": &f.BranchID}); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
