package api

import (
	"context"

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
		register(s, es.CreateEnterprise, func(e *app.Enterprise, token string) any {
			return enterpriseCreated{Enterprise: e, Token: token}
		}))
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

// register serves the self-registration of an enterprise or an investor:
// the created resource and its token, shown once.
func register[T any](s *Server, save func(context.Context, *T) (string, error), body func(*T, string) any) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v := new(T)
		if err := s.decode(c, v); err != nil {
			return err
		}
		token, err := save(c.UserContext(), v)
		if err != nil {
			return err
		}
		return sendSecret(c, fiber.StatusCreated, body(v, token))
	}
}
