package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// enterpriseCreated is the 201 body: the enterprise and its token, shown once.
type enterpriseCreated struct {
	*app.Enterprise
	Token string `json:"token"`
}

func (s *Server) registerEnterpriseRoutes() {
	es := s.svc.Enterprises
	s.add(route{Method: "GET", Path: v1 + "/enterprises", Summary: "List enterprises (private fields only where you may see them)",
		Tag: "enterprises", Resp: app.List[*app.Enterprise]{}, Query: []string{"zone_id", "sector", "stage", "label", "q", "limit", "cursor"}},
		listOf(s.parseEnterpriseFilter, es.FindEnterprises))
	s.add(route{Method: "POST", Path: v1 + "/enterprises", Summary: "Register an enterprise; the response carries its token once",
		Tag: "enterprises", Auth: authOptional, Body: app.Enterprise{}, Resp: enterpriseCreated{}, Status: fiber.StatusCreated},
		s.handleEnterpriseCreate)
	s.add(route{Method: "GET", Path: v1 + "/enterprises/:id", Summary: "Get an enterprise", Tag: "enterprises",
		Resp: app.Enterprise{}}, getByID(es.FindEnterpriseByID))
	s.add(route{Method: "PATCH", Path: v1 + "/enterprises/:id", Summary: "Update an enterprise", Tag: "enterprises",
		Body: app.EnterpriseUpdate{}, Resp: app.Enterprise{}}, patchByID(s, es.UpdateEnterprise))
	s.add(route{Method: "DELETE", Path: v1 + "/enterprises/:id", Summary: "Delete an enterprise", Tag: "enterprises",
		Status: fiber.StatusNoContent}, deleteByID(es.DeleteEnterprise))
}

func (s *Server) parseEnterpriseFilter(c *fiber.Ctx) (f app.EnterpriseFilter, err error) {
	f = app.EnterpriseFilter{Q: queryText(c, "q")}
	v := s.svc.Vocabulary
	if f.Sector, err = queryEnum(c, "sector", app.Codes(v.Sectors)); err != nil {
		return f, err
	}
	if f.Stage, err = queryEnum(c, "stage", app.Codes(v.Stages)); err != nil {
		return f, err
	}
	if f.Label, err = queryEnum(c, "label", app.Codes(v.Labels)); err != nil {
		return f, err
	}
	if err = queryInts(c, map[string]*int64{"zone_id": &f.ZoneID}); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}

func (s *Server) handleEnterpriseCreate(c *fiber.Ctx) error {
	var e app.Enterprise
	if err := s.decode(c, &e); err != nil {
		return err
	}
	e.ID = 0
	token, err := s.svc.Enterprises.CreateEnterprise(c.UserContext(), &e)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(enterpriseCreated{Enterprise: &e, Token: token})
}
