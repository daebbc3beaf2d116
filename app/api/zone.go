package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerZoneRoutes() {
	s.add(route{Method: "GET", Path: v1 + "/zones", Summary: "List national high-tech zones", Tag: "zones", Auth: authNone,
		Resp: app.List[*app.Zone]{}, Query: []string{"province", "branch_id", "q", "limit", "cursor"}},
		listOf(parseZoneFilter, s.svc.Zones.FindZones))
	s.add(route{Method: "GET", Path: v1 + "/zones/:id", Summary: "Get a zone", Tag: "zones", Auth: authNone,
		Resp: app.Zone{}}, getByID(s.svc.Zones.FindZoneByID))
}

func parseZoneFilter(c *fiber.Ctx) (f app.ZoneFilter, err error) {
	f = app.ZoneFilter{Province: queryText(c, "province"), Q: queryText(c, "q")}
	if err = queryInts(c, map[string]*int64{"branch_id": &f.BranchID}); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
