package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// investorCreated is the 201 body: the investor and its token, shown once.
type investorCreated struct {
	*app.Investor
	Token string `json:"token"`
}

func (s *Server) registerInvestorRoutes() {
	is := s.svc.Investors
	s.add(route{Method: "GET", Path: v1 + "/investors", Summary: "List investors", Tag: "investors", Resp: app.List[*app.Investor]{},
		Query: []string{"kind", "sector", "stage", "instrument", "province", "q", "limit", "cursor"}},
		listOf(s.parseInvestorFilter, is.FindInvestors))
	s.add(route{Method: "POST", Path: v1 + "/investors", Summary: "Register an investor; the response carries its token once",
		Tag: "investors", Auth: authOptional, Body: app.Investor{}, Resp: investorCreated{}, Status: fiber.StatusCreated},
		register(s, is.CreateInvestor, func(i *app.Investor, token string) any {
			return investorCreated{Investor: i, Token: token}
		}))
	s.add(route{Method: "GET", Path: v1 + "/investors/:id", Summary: "Get an investor", Tag: "investors",
		Resp: app.Investor{}}, getByID(is.FindInvestorByID))
	s.add(route{Method: "PATCH", Path: v1 + "/investors/:id", Summary: "Update an investor", Tag: "investors",
		Body: app.InvestorUpdate{}, Resp: app.Investor{}}, patchByID(s, is.UpdateInvestor))
	s.add(route{Method: "DELETE", Path: v1 + "/investors/:id", Summary: "Delete an investor", Tag: "investors",
		Status: fiber.StatusNoContent}, deleteByID(is.DeleteInvestor))
}

func (s *Server) parseInvestorFilter(c *fiber.Ctx) (f app.InvestorFilter, err error) {
	f = app.InvestorFilter{Sector: queryText(c, "sector"), Province: queryText(c, "province"), Q: queryText(c, "q")}
	v := s.svc.Vocabulary
	if f.Kind, err = queryEnum(c, "kind", app.InvestorKinds); err != nil {
		return f, err
	}
	if f.Stage, err = queryEnum(c, "stage", app.Codes(v.Stages)); err != nil {
		return f, err
	}
	if f.Instrument, err = queryEnum(c, "instrument", app.Codes(v.Instruments)); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
