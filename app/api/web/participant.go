package web

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (w *Console) registerParticipantRoutes(r fiber.Router) {
	r.Get("/console", w.signedIn(w.handleConsoleHome))
	r.Get("/console/events", w.signedIn(w.handleEvents))
	r.Post("/console/events/:id/apply", w.signedInForm(w.handleApply))
	r.Post("/console/registrations/:id/withdraw", w.signedInForm(w.handleWithdraw))
	r.Get("/console/profile", w.signedIn(w.handleProfile))
	r.Post("/console/profile", w.signedInForm(w.handleProfileSave))
	r.Get("/console/recommendations", w.signedIn(w.handleRecommendations))
	r.Get("/console/requests", w.signedIn(w.handleRequests))
	r.Post("/console/requests", w.signedInForm(w.handleRequestCreate))
	r.Post("/console/requests/:id/:action", w.signedInForm(w.handleRequestAnswer))
	r.Get("/console/agenda", w.signedIn(w.handleAgenda))
	r.Post("/console/calendar/rotate", w.signedInForm(w.handleCalendarRotate))
}

// handleConsoleHome sends each role to its first page.
func (w *Console) handleConsoleHome(c *fiber.Ctx) error {
	return c.Redirect("/console/events", fiber.StatusSeeOther)
}

// handleEvents is the events page: an organizer's events, or a party's
// registrations and the events open to it.
func (w *Console) handleEvents(c *fiber.Ctx) error {
	if principal(c).IsStaff() {
		return w.handleStaffEvents(c)
	}
	mine, open, err := w.partyEvents(c)
	if err != nil {
		return err
	}
	data := partyEventsPage{Mine: mine, Open: open, Side: sideOf(principal(c))}
	return w.render(c, fiber.StatusOK, "party_events", w.newView(c, "events.title", data))
}

// partyEventsPage lists a party's registrations and the open events.
type partyEventsPage struct {
	Mine []registered
	Open []openEvent
	Side string
}

// registered is one of the caller's registrations with its event.
type registered struct {
	Event        *app.Event
	Registration *app.Registration
}

// openEvent is an event the caller may apply to, with the roles it may
// take.
type openEvent struct {
	Event *app.Event
	Roles []string
}

func sideOf(p *app.Principal) string {
	if p != nil && p.Role == app.RoleInvestor {
		return app.SideInvestor
	}
	return app.SideEnterprise
}

// partyEvents returns the caller's registrations at recent events and the
// open events it has not applied to.
func (w *Console) partyEvents(c *fiber.Ctx) ([]registered, []openEvent, error) {
	events, err := w.recentEvents(c, app.EventFilter{})
	if err != nil {
		return nil, nil, err
	}
	var mine []registered
	var open []openEvent
	side := sideOf(principal(c))
	for _, ev := range events {
		regs, err := w.svc.Registrations.FindRegistrations(ctx(c), app.RegistrationFilter{EventID: ev.ID, Page: app.Page{Limit: 10}})
		if err != nil {
			return nil, nil, err
		}
		for _, r := range regs.Items {
			mine = append(mine, registered{Event: ev, Registration: r})
		}
		if len(regs.Items) == 0 && ev.Status == app.StatusOpen {
			open = append(open, openEvent{Event: ev, Roles: rolesFor(side, ev.Kind)})
		}
	}
	return mine, open, nil
}

// myEvents returns the events the caller is registered for (any status).
func (w *Console) myEvents(c *fiber.Ctx) ([]registered, error) {
	mine, _, err := w.partyEvents(c)
	return mine, err
}

func (w *Console) handleApply(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	p := principal(c)
	r := &app.Registration{EventID: id, Role: formValue(c, "role"), Note: formValue(c, "note")}
	if p.Role == app.RoleInvestor {
		r.InvestorID = &p.InvestorID
	} else {
		r.EnterpriseID = &p.EnterpriseID
	}
	err = w.svc.Registrations.CreateRegistration(ctx(c), r)
	return w.afterAction(c, err, "flash.applied", "/console/events", nil)
}

func (w *Console) handleWithdraw(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	st := app.RegWithdrawn
	_, err = w.svc.Registrations.UpdateRegistration(ctx(c), id, app.RegistrationUpdate{Status: &st})
	return w.afterAction(c, err, "flash.withdrawn", "/console/events", nil)
}

// afterAction finishes a button's POST: back to the page with a message,
// the service's own when it refused (a conflict, a cap, a validation).
func (w *Console) afterAction(c *fiber.Ctx, err error, okKey, back string, q url.Values) error {
	tr := translator{w.langOf(c)}
	switch code := app.ErrorCode(err); code {
	case "":
		w.setFlash(c, "ok", tr.T(okKey))
	case app.EINVALID, app.ECONFLICT, app.ETOOMANY, app.EFORBIDDEN, app.ENOTFOUND:
		w.setFlash(c, "error", tr.T("error."+code)+" — "+actionMessage(tr, err))
	default:
		return err
	}
	return backTo(c, back, q)
}

// actionMessage is a refusal's message, its field messages translated.
func actionMessage(tr translator, err error) string {
	fields := app.ErrorFields(err)
	if len(fields) == 1 {
		for _, m := range fields {
			return tr.fieldText(m)
		}
	}
	return app.ErrorMessage(err)
}

// eventChoice is an event to pick in a participant's selector.
type eventChoice struct {
	Event    *app.Event
	Status   string // the caller's registration status
	Selected bool
}

// chooseEvent lists the caller's events for a selector and picks the one
// of ?event_id= (else the first approved one).
func (w *Console) chooseEvent(c *fiber.Ctx) ([]eventChoice, *app.Event, error) {
	mine, err := w.myEvents(c)
	if err != nil {
		return nil, nil, err
	}
	want := queryID(c, "event_id")
	all := c.Query("event_id") == "0" // "every event" in the picker
	var out []eventChoice
	var picked *app.Event
	for _, m := range mine {
		ch := eventChoice{Event: m.Event, Status: m.Registration.Status}
		if !all && ((want == 0 && picked == nil && m.Registration.Status == app.RegApproved) || m.Event.ID == want) {
			ch.Selected, picked = true, m.Event
		}
		out = append(out, ch)
	}
	if picked != nil && want == 0 {
		return out, picked, nil
	}
	for i := range out {
		out[i].Selected = picked != nil && out[i].Event.ID == picked.ID
	}
	return out, picked, nil
}

// ids turns an id into the string forms use.
func idString(id int64) string { return strconv.FormatInt(id, 10) }
