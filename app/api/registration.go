package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerRegistrationRoutes() {
	rs := s.svc.Registrations
	s.add(route{Method: "GET", Path: v1 + "/events/:id/registrations", Summary: "List registrations (all for organizers, your own otherwise)",
		Tag: "registrations", Resp: app.List[*app.Registration]{},
		Query: []string{"enterprise_id", "investor_id", "role", "status", "limit", "cursor"}},
		listOf(parseRegistrationFilter, rs.FindRegistrations))
	s.add(route{Method: "POST", Path: v1 + "/events/:id/registrations", Summary: "Apply to pitch or meet, or attend as an investor",
		Tag: "registrations", Body: app.Registration{}, Resp: app.Registration{}, Status: fiber.StatusCreated},
		create(s, false, func(c *fiber.Ctx, x *app.Registration) (err error) {
			x.ID = 0
			x.EventID, err = paramID(c, "id")
			return err
		}, rs.CreateRegistration))
	s.add(route{Method: "GET", Path: v1 + "/registrations/:id", Summary: "Get a registration", Tag: "registrations",
		Resp: app.Registration{}}, getByID(rs.FindRegistrationByID))
	s.add(route{Method: "PATCH", Path: v1 + "/registrations/:id", Summary: "Approve, reject, waitlist (organizers) or withdraw (registrant)",
		Tag: "registrations", Body: app.RegistrationUpdate{}, Resp: app.Registration{}}, patchByID(s, rs.UpdateRegistration))
}

func parseRegistrationFilter(c *fiber.Ctx) (f app.RegistrationFilter, err error) {
	if f.EventID, err = paramID(c, "id"); err != nil {
		return f, err
	}
	if f.Role, err = queryEnum(c, "role", []string{app.RegPitcher, app.RegMeeter, app.RegInvestor, app.RegAttendee}); err != nil {
		return f, err
	}
	if f.Status, err = queryEnum(c, "status", app.RegistrationStatuses); err != nil {
		return f, err
	}
	if err = queryInts(c, map[string]*int64{"enterprise_id": &f.EnterpriseID, "investor_id": &f.InvestorID}); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
