package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerBranchRoutes() {
	s.add(route{Method: "GET", Path: v1 + "/branches", Summary: "List bank branches", Tag: "branches", Auth: authNone,
		Resp: app.List[*app.Branch]{}, Query: []string{"province", "q", "limit", "cursor"}},
		listOf(parseBranchFilter, s.svc.Branches.FindBranches))
	s.add(route{Method: "GET", Path: v1 + "/branches/:id", Summary: "Get a bank branch", Tag: "branches", Auth: authNone,
		Resp: app.Branch{}}, getByID(s.svc.Branches.FindBranchByID))
	s.add(route{Method: "POST", Path: v1 + "/branches", Summary: "Add a bank branch (admin)", Tag: "branches",
		Body: app.Branch{}, Resp: app.Branch{}, Status: fiber.StatusCreated},
		create(s, false, func(_ *fiber.Ctx, b *app.Branch) error { b.ID = 0; return nil }, s.svc.Branches.CreateBranch))
}

func parseBranchFilter(c *fiber.Ctx) (f app.BranchFilter, err error) {
	f = app.BranchFilter{Province: queryText(c, "province"), Q: queryText(c, "q")}
	f.Page, err = queryPage(c)
	return f, err
}
