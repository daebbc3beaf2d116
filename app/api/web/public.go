package web

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (w *Console) registerPublicRoutes(r fiber.Router) {
	r.Get("/", w.page(w.handleHome))
	r.Get("/events/:id", w.page(w.handleEventPage))
	r.Get("/register/enterprise", w.page(w.handleRegisterEnterpriseForm))
	r.Post("/register/enterprise", w.form(w.handleRegisterEnterprise))
	r.Get("/register/investor", w.page(w.handleRegisterInvestorForm))
	r.Post("/register/investor", w.form(w.handleRegisterInvestor))
}

// homePage lists the events that have not ended.
type homePage struct {
	Events []*app.Event
	Zones  map[int64]*app.Zone
}

func (w *Console) handleHome(c *fiber.Ctx) error {
	now := w.opt.Now()
	list, err := w.svc.Events.FindEvents(ctx(c), app.EventFilter{From: &now, Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	events := publicEvents(list.Items)
	data := homePage{Events: events, Zones: w.zonesOf(c, events)}
	return w.render(c, fiber.StatusOK, "home", w.newView(c, "home.title", data))
}

// publicEvents keeps the events anyone may see (no drafts, no
// cancellations) in the order they start.
func publicEvents(in []*app.Event) []*app.Event {
	var out []*app.Event
	for _, e := range in {
		if e.Status != app.StatusDraft && e.Status != app.StatusCancelled {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartsAt.Before(out[j].StartsAt) })
	return out
}

// zonesOf loads the zones of events, for their names.
func (w *Console) zonesOf(c *fiber.Ctx, events []*app.Event) map[int64]*app.Zone {
	out := map[int64]*app.Zone{}
	for _, e := range events {
		if e.ZoneID == nil || out[*e.ZoneID] != nil {
			continue
		}
		if z, err := w.svc.Zones.FindZoneByID(ctx(c), *e.ZoneID); err == nil {
			out[z.ID] = z
		}
	}
	return out
}

// eventPage is the public page of an event.
type eventPage struct {
	Event     *app.Event
	Zone      *app.Zone
	Sessions  []*app.Session
	Pitches   []*app.Pitch
	Names     map[int64]string // pitchers' names
	ICSURL    string
	WebcalURL string
	Open      bool // registration open
}

func (w *Console) handleEventPage(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ev, err := w.svc.Events.FindEventByID(ctx(c), id)
	if err != nil {
		return err
	}
	sessions, err := w.svc.Sessions.FindSessions(ctx(c), id)
	if err != nil {
		return err
	}
	pitches, err := w.svc.Meetings.FindPitches(ctx(c), id)
	if err != nil {
		return err
	}
	data := eventPage{Event: ev, Sessions: sessions, Pitches: pitches, Names: map[int64]string{},
		Open: ev.Status == app.StatusOpen && (ev.RegistrationDeadline == nil || w.opt.Now().Before(*ev.RegistrationDeadline))}
	data.ICSURL, data.WebcalURL = w.feedURLs("/api/v1/events/" + strconv.FormatInt(id, 10) + "/agenda.ics")
	if zs := w.zonesOf(c, []*app.Event{ev}); ev.ZoneID != nil {
		data.Zone = zs[*ev.ZoneID]
	}
	names := w.names(c)
	for _, p := range pitches {
		data.Names[p.EnterpriseID] = names.enterprise(p.EnterpriseID)
	}
	return w.render(c, fiber.StatusOK, "event", w.newView(c, "event.title", data))
}

// feedURLs returns the https and webcal URLs of a calendar path.
func (w *Console) feedURLs(path string) (string, string) {
	u := w.base + path
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return u, webcal
}

// registerPage is the data of the self-registration forms.
type registerPage struct {
	Form     *partyForm
	Event    *app.Event
	Zones    []zoneGroup
	Vocab    *app.Vocabulary
	Kinds    []string
	Roles    []string
	Role     string
	Welcome  bool
	Token    string
	Name     string
	Applied  bool
	ApplyErr string
}

// zoneGroup is a province's zones, for a grouped select.
type zoneGroup struct {
	Province string
	Zones    []*app.Zone
}

func (w *Console) zoneGroups(c *fiber.Ctx) ([]zoneGroup, error) {
	list, err := w.svc.Zones.FindZones(ctx(c), app.ZoneFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return nil, err
	}
	var out []zoneGroup
	index := map[string]int{}
	for _, z := range list.Items {
		k, ok := index[z.Province]
		if !ok {
			k = len(out)
			index[z.Province] = k
			out = append(out, zoneGroup{Province: z.Province})
		}
		out[k].Zones = append(out[k].Zones, z)
	}
	return out, nil
}

// registerData prepares a registration form, for the event of ?event_id=
// when there is one.
func (w *Console) registerData(c *fiber.Ctx, f *partyForm, side string) (*registerPage, error) {
	data := &registerPage{Form: f, Vocab: w.svc.Vocabulary, Kinds: app.InvestorKinds}
	eventID := queryID(c, "event_id")
	if eventID == 0 {
		eventID = formID(c, "event_id")
	}
	if eventID != 0 {
		ev, err := w.svc.Events.FindEventByID(ctx(c), eventID)
		if err != nil {
			return nil, err
		}
		data.Event, data.Roles = ev, rolesFor(side, ev.Kind)
		data.Role = formValue(c, "role")
		if data.Role == "" {
			data.Role = data.Roles[0]
		}
	}
	if side == app.SideEnterprise {
		zones, err := w.zoneGroups(c)
		if err != nil {
			return nil, err
		}
		data.Zones = zones
	}
	return data, nil
}

// rolesFor lists the registration roles a side may apply for at an event
// of a kind, the likeliest first.
func rolesFor(side, kind string) []string {
	if side == app.SideInvestor {
		return []string{app.RegInvestor, app.RegAttendee}
	}
	if kind == app.KindRoadshow {
		return []string{app.RegPitcher, app.RegAttendee}
	}
	return []string{app.RegMeeter, app.RegPitcher, app.RegAttendee}
}

func (w *Console) handleRegisterEnterpriseForm(c *fiber.Ctx) error {
	f := &partyForm{Enterprise: &app.Enterprise{Need: &app.Need{}, Contact: &app.Contact{}, ZoneID: queryID(c, "zone_id")}}
	data, err := w.registerData(c, f, app.SideEnterprise)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "register_enterprise", w.newView(c, "register.enterprise_title", data))
}

func (w *Console) handleRegisterInvestorForm(c *fiber.Ctx) error {
	f := &partyForm{Investor: &app.Investor{Kind: "bank", Contacts: []app.Contact{{}}}}
	data, err := w.registerData(c, f, app.SideInvestor)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "register_investor", w.newView(c, "register.investor_title", data))
}

func (w *Console) handleRegisterEnterprise(c *fiber.Ctx) error {
	f := parseEnterpriseForm(c)
	data, err := w.registerData(c, f, app.SideEnterprise)
	if err != nil {
		return err
	}
	v := w.newView(c, "register.enterprise_title", data)
	if applyFormErrors(v, f.Errors) {
		return w.render(c, fiber.StatusUnprocessableEntity, "register_enterprise", v)
	}
	token, err := w.svc.Enterprises.CreateEnterprise(ctx(c), f.Enterprise)
	if formErrors(v, err) {
		return w.render(c, fiber.StatusUnprocessableEntity, "register_enterprise", v)
	} else if err != nil {
		return err
	}
	data.Name = f.Enterprise.Name
	return w.welcome(c, v, data, token, func(r *app.Registration) { r.EnterpriseID = &f.Enterprise.ID })
}

func (w *Console) handleRegisterInvestor(c *fiber.Ctx) error {
	f := parseInvestorForm(c)
	data, err := w.registerData(c, f, app.SideInvestor)
	if err != nil {
		return err
	}
	v := w.newView(c, "register.investor_title", data)
	if applyFormErrors(v, f.Errors) {
		return w.render(c, fiber.StatusUnprocessableEntity, "register_investor", v)
	}
	token, err := w.svc.Investors.CreateInvestor(ctx(c), f.Investor)
	if formErrors(v, err) {
		return w.render(c, fiber.StatusUnprocessableEntity, "register_investor", v)
	} else if err != nil {
		return err
	}
	data.Name = f.Investor.Name
	return w.welcome(c, v, data, token, func(r *app.Registration) { r.InvestorID = &f.Investor.ID })
}

// welcome signs the new party in with its token, applies to the event it
// registered from, and shows the token once (for API use).
func (w *Console) welcome(c *fiber.Ctx, v *view, data *registerPage, token string, self func(*app.Registration)) error {
	p, err := w.svc.Tokens.Authenticate(ctx(c), token)
	if err != nil {
		return err
	}
	if err := w.startWebSession(c, p); err != nil {
		return err
	}
	if data.Event != nil {
		r := &app.Registration{EventID: data.Event.ID, Role: data.Role, Note: formValue(c, "note")}
		self(r)
		if err := w.svc.Registrations.CreateRegistration(ctx(c), r); err != nil {
			data.ApplyErr = app.ErrorMessage(err)
		} else {
			data.Applied = true
		}
	}
	data.Welcome, data.Token = true, token
	nv := w.newView(c, "register.welcome_title", data)
	nv.Flash = v.Flash
	return w.render(c, fiber.StatusCreated, "welcome", nv)
}

// backTo redirects to a page of this site after an action.
func backTo(c *fiber.Ctx, path string, q url.Values) error {
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return c.Redirect(path, fiber.StatusSeeOther)
}

// upcoming returns events from a while ago onwards, for participants'
// lists: what they are or were registered for recently.
func (w *Console) recentEvents(c *fiber.Ctx, f app.EventFilter) ([]*app.Event, error) {
	from := w.opt.Now().Add(-60 * 24 * time.Hour)
	f.From, f.Page = &from, app.Page{Limit: app.MaxLimit}
	list, err := w.svc.Events.FindEvents(ctx(c), f)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list.Items, func(i, j int) bool { return list.Items[i].StartsAt.Before(list.Items[j].StartsAt) })
	return list.Items, nil
}
