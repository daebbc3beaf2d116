package web

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// profilePage shows and edits the caller's own enterprise or investor.
type profilePage struct {
	Form  *partyForm
	Zones []zoneGroup
	Vocab *app.Vocabulary
	Kinds []string
	Zone  *app.Zone
}

func (w *Console) profileData(c *fiber.Ctx, f *partyForm) (*profilePage, error) {
	data := &profilePage{Form: f, Vocab: w.svc.Vocabulary, Kinds: app.InvestorKinds}
	if f.Enterprise != nil {
		zones, err := w.zoneGroups(c)
		if err != nil {
			return nil, err
		}
		data.Zones = zones
		if z, err := w.svc.Zones.FindZoneByID(ctx(c), f.Enterprise.ZoneID); err == nil {
			data.Zone = z
		}
	}
	return data, nil
}

func (w *Console) handleProfile(c *fiber.Ctx) error {
	p := principal(c)
	f := &partyForm{}
	switch p.Role {
	case app.RoleEnterprise:
		e, err := w.svc.Enterprises.FindEnterpriseByID(ctx(c), p.EnterpriseID)
		if err != nil {
			return err
		}
		f.Enterprise = e
	case app.RoleInvestor:
		inv, err := w.svc.Investors.FindInvestorByID(ctx(c), p.InvestorID)
		if err != nil {
			return err
		}
		f.Investor = inv
	default:
		return c.Redirect("/console/events", fiber.StatusSeeOther)
	}
	data, err := w.profileData(c, f)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "profile", w.newView(c, "profile.title", data))
}

// handleProfileSave saves every field of the form: a PATCH with all of
// them set.
func (w *Console) handleProfileSave(c *fiber.Ctx) error {
	p := principal(c)
	var f *partyForm
	var save func() error
	switch p.Role {
	case app.RoleEnterprise:
		f = parseEnterpriseForm(c)
		e := f.Enterprise
		save = func() error {
			_, err := w.svc.Enterprises.UpdateEnterprise(ctx(c), p.EnterpriseID, app.EnterpriseUpdate{Name: &e.Name,
				CreditCode: &e.CreditCode, ZoneID: &e.ZoneID, Sector: &e.Sector, Subsector: &e.Subsector, Stage: &e.Stage,
				Labels: &e.Labels, InnovationPoints: &e.InnovationPoints, Need: e.Need, Contact: e.Contact, PitchDeckURL: &e.PitchDeckURL})
			return err
		}
	case app.RoleInvestor:
		f = parseInvestorForm(c)
		i := f.Investor
		save = func() error {
			_, err := w.svc.Investors.UpdateInvestor(ctx(c), p.InvestorID, app.InvestorUpdate{Name: &i.Name, Kind: &i.Kind,
				Sectors: &i.Sectors, Stages: &i.Stages, TicketMinCNY: &i.TicketMinCNY, TicketMaxCNY: &i.TicketMaxCNY,
				Instruments: &i.Instruments, Provinces: &i.Provinces, Description: &i.Description, Contacts: &i.Contacts})
			return err
		}
	default:
		return app.Errorf(app.EFORBIDDEN, "only enterprises and investors have a profile")
	}
	data, err := w.profileData(c, f)
	if err != nil {
		return err
	}
	v := w.newView(c, "profile.title", data)
	if applyFormErrors(v, f.Errors) {
		return w.render(c, fiber.StatusUnprocessableEntity, "profile", v)
	}
	if err := save(); formErrors(v, err) {
		return w.render(c, fiber.StatusUnprocessableEntity, "profile", v)
	} else if err != nil {
		return err
	}
	w.setFlash(c, "ok", translator{v.Lang}.T("flash.saved"))
	return c.Redirect("/console/profile", fiber.StatusSeeOther)
}
