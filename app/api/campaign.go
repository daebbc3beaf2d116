package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// campaignList is the body of GET /campaigns.
type campaignList struct {
	Items []*app.Campaign `json:"items"`
}

// contactBody is the body of PUT /zones/{id}/contact.
type contactBody struct {
	CampaignID int64  `json:"campaign_id"`
	Name       string `json:"name"`
	Title      string `json:"title"`
	Phone      string `json:"phone"`
	Email      string `json:"email"`
}

func (s *Server) registerCampaignRoutes() {
	cs := s.svc.Campaigns
	s.add(route{Method: "GET", Path: v1 + "/campaign", Summary: "The current campaign and its dates", Tag: "campaign",
		Auth: authNone, Resp: app.Campaign{}}, s.handleCampaignCurrent)
	s.add(route{Method: "GET", Path: v1 + "/campaigns", Summary: "Every campaign edition", Tag: "campaign", Auth: authNone,
		Resp: campaignList{}}, s.handleCampaignList)
	s.add(route{Method: "GET", Path: v1 + "/campaigns/:id", Summary: "Get a campaign", Tag: "campaign", Auth: authNone,
		Resp: app.Campaign{}}, getByID(cs.FindCampaignByID))
	s.add(route{Method: "POST", Path: v1 + "/campaigns", Summary: "Create a campaign edition (admin)", Tag: "campaign",
		Body: app.Campaign{}, Resp: app.Campaign{}, Status: fiber.StatusCreated},
		create(s, false, func(_ *fiber.Ctx, x *app.Campaign) error { x.ID = 0; return nil }, cs.CreateCampaign))
	for _, org := range []string{"zones", "branches"} {
		s.add(route{Method: "PUT", Path: v1 + "/" + org + "/:id/contact", Summary: "Submit the contact receipt (联系人回执)",
			Tag: "campaign", Body: contactBody{}, Resp: app.OrgContact{}}, s.handleContactPut(org == "zones"))
		s.add(route{Method: "GET", Path: v1 + "/" + org + "/:id/contact", Summary: "Get the contact receipt",
			Tag: "campaign", Resp: app.OrgContact{}, Query: []string{"campaign_id"}}, s.handleContactGet(org == "zones"))
	}
}

func (s *Server) handleCampaignCurrent(c *fiber.Ctx) error {
	today := s.opt.Now().In(shanghai()).Format(time.DateOnly)
	camp, err := s.svc.Campaigns.CurrentCampaign(c.UserContext(), today)
	if err != nil {
		return err
	}
	return c.JSON(camp)
}

func (s *Server) handleCampaignList(c *fiber.Ctx) error {
	items, err := s.svc.Campaigns.FindCampaigns(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(campaignList{Items: items})
}

func (s *Server) handleContactPut(zone bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := paramID(c, "id")
		if err != nil {
			return err
		}
		if err := app.RequireStaff(principal(c)); err != nil {
			return err
		}
		var b contactBody
		if err := s.decode(c, &b); err != nil {
			return err
		}
		oc := &app.OrgContact{CampaignID: b.CampaignID, Name: b.Name, Title: b.Title, Phone: b.Phone, Email: b.Email}
		if zone {
			oc.ZoneID = &id
		} else {
			oc.BranchID = &id
		}
		if err := s.svc.Campaigns.PutContact(c.UserContext(), oc); err != nil {
			return err
		}
		return c.JSON(oc)
	}
}

func (s *Server) handleContactGet(zone bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := paramID(c, "id")
		if err != nil {
			return err
		}
		var campaignID int64
		if err := queryInts(c, map[string]*int64{"campaign_id": &campaignID}); err != nil {
			return err
		}
		find := func(ctx context.Context) (*app.OrgContact, error) {
			if zone {
				return s.svc.Campaigns.FindContact(ctx, campaignID, id, 0)
			}
			return s.svc.Campaigns.FindContact(ctx, campaignID, 0, id)
		}
		oc, err := find(c.UserContext())
		if err != nil {
			return err
		}
		return c.JSON(oc)
	}
}

// shanghai is the campaign's reference zone for "today".
func shanghai() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}
