package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerDealRoutes() {
	ds := s.svc.Deals
	s.add(route{Method: "GET", Path: v1 + "/deals", Summary: "List financing landed (deals) you may see", Tag: "deals",
		Resp: app.List[*app.Deal]{}, Query: []string{"campaign_id", "zone_id", "enterprise_id", "investor_id", "event_id", "status", "instrument", "limit", "cursor"}},
		listOf(s.parseDealFilter, ds.FindDeals))
	s.add(route{Method: "POST", Path: v1 + "/deals", Summary: "Record financing landed", Tag: "deals",
		Body: app.Deal{}, Resp: app.Deal{}, Status: fiber.StatusCreated},
		create(s, false, func(_ *fiber.Ctx, d *app.Deal) error { d.ID = 0; return nil }, ds.CreateDeal))
	s.add(route{Method: "GET", Path: v1 + "/deals/:id", Summary: "Get a deal", Tag: "deals", Resp: app.Deal{}}, getByID(ds.FindDealByID))
	s.add(route{Method: "PATCH", Path: v1 + "/deals/:id", Summary: "Update a deal; status moves intent → approved → disbursed (409 backwards)",
		Tag: "deals", Body: app.DealUpdate{}, Resp: app.Deal{}}, patchByID(s, ds.UpdateDeal))
}

func (s *Server) parseDealFilter(c *fiber.Ctx) (f app.DealFilter, err error) {
	if f.Status, err = queryEnum(c, "status", app.DealStatuses); err != nil {
		return f, err
	}
	if f.Instrument, err = queryEnum(c, "instrument", app.Codes(s.svc.Vocabulary.Instruments)); err != nil {
		return f, err
	}
	err = queryInts(c, map[string]*int64{"campaign_id": &f.CampaignID, "zone_id": &f.ZoneID, "enterprise_id": &f.EnterpriseID,
		"investor_id": &f.InvestorID, "event_id": &f.EventID})
	if err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
