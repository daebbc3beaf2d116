package web

import (
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (w *Console) registerOrganizerRoutes(r fiber.Router) {
	r.Get("/console/events/new", w.signedIn(w.handleEventNew))
	r.Post("/console/events", w.signedInForm(w.handleEventCreate))
	r.Get("/console/events/:id", w.signedIn(w.handleEventManage))
	r.Post("/console/events/:id", w.signedInForm(w.handleEventSave))
	r.Post("/console/events/:id/status", w.signedInForm(w.handleEventStatus))
	r.Post("/console/events/:id/sessions", w.signedInForm(w.handleSessionCreate))
	r.Post("/console/sessions/:id/delete", w.signedInForm(w.handleSessionDelete))
	r.Get("/console/events/:id/applications", w.signedIn(w.handleApplications))
	r.Post("/console/events/:id/applications", w.signedInForm(w.handleApplicationsBulk))
	r.Get("/console/events/:id/matches", w.signedIn(w.handleMatches))
	r.Post("/console/events/:id/pair-rules", w.signedInForm(w.handlePairRuleCreate))
	r.Post("/console/pair-rules/:id/delete", w.signedInForm(w.handlePairRuleDelete))
}

// staffEventsPage lists the events an organizer manages (all for admins).
type staffEventsPage struct {
	Events []*app.Event
	Zones  map[int64]*app.Zone
}

func (w *Console) handleStaffEvents(c *fiber.Ctx) error {
	p := principal(c)
	f := app.EventFilter{ZoneID: p.ZoneID, Page: app.Page{Limit: app.MaxLimit}}
	if p.ZoneID == 0 {
		f.BranchID = p.BranchID
	}
	list, err := w.svc.Events.FindEvents(ctx(c), f)
	if err != nil {
		return err
	}
	events := list.Items
	sort.SliceStable(events, func(i, j int) bool { return events[i].StartsAt.After(events[j].StartsAt) })
	data := staffEventsPage{Events: events, Zones: w.zonesOf(c, events)}
	return w.render(c, fiber.StatusOK, "staff_events", w.newView(c, "events.title", data))
}

// eventFormPage is the create or edit form of an event.
type eventFormPage struct {
	Event        *app.Event
	New          bool
	Kinds        []string
	TimeZones    []string
	BookingModes []string
	Zones        []*app.Zone // zones the caller may choose (admins, branch organizers)
	Sessions     []*app.Session
	Next         []string // statuses the event may move to
	Vocab        *app.Vocabulary
	PublicURL    string
}

var consoleTimeZones = []string{"Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei",
	"Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "UTC"}

func (w *Console) eventForm(c *fiber.Ctx, ev *app.Event, isNew bool) (*eventFormPage, error) {
	data := &eventFormPage{Event: ev, New: isNew, Kinds: app.EventKinds, TimeZones: consoleTimeZones,
		BookingModes: app.BookingModes, Vocab: w.svc.Vocabulary}
	p := principal(c)
	if p.IsAdmin() || p.BranchID != 0 {
		list, err := w.svc.Zones.FindZones(ctx(c), app.ZoneFilter{BranchID: p.BranchID, Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			return nil, err
		}
		data.Zones = list.Items
	}
	if !isNew {
		sessions, err := w.svc.Sessions.FindSessions(ctx(c), ev.ID)
		if err != nil {
			return nil, err
		}
		data.Sessions = sessions
		for _, st := range app.EventStatuses {
			if st != app.StatusCancelled && app.CanTransition(ev.Status, st) {
				data.Next = append(data.Next, st)
			}
		}
		data.PublicURL = "/events/" + idString(ev.ID)
	}
	return data, nil
}

func (w *Console) handleEventNew(c *fiber.Ctx) error {
	if err := app.RequireStaff(principal(c)); err != nil {
		return err
	}
	start := time.Now().AddDate(0, 0, 14).Truncate(24 * time.Hour).Add(time.Hour) // 09:00 Beijing time
	ev := &app.Event{Kind: app.KindMatchmaking, TimeZone: "Asia/Shanghai", StartsAt: start, EndsAt: start.Add(8 * time.Hour)}
	ev.SetDefaults("Asia/Shanghai")
	data, err := w.eventForm(c, ev, true)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "event_form", w.newView(c, "event.new_title", data))
}

// parseEventForm reads an event form; parse problems are field message
// keys.
func parseEventForm(c *fiber.Ctx) (*app.Event, map[string]string) {
	errs := map[string]string{}
	ev := &app.Event{Kind: formValue(c, "kind"), Title: strings.TrimSpace(formValue(c, "title")),
		Venue: formValue(c, "venue"), Description: formValue(c, "description"), TimeZone: formValue(c, "timezone")}
	if id := formID(c, "zone_id"); id != 0 {
		ev.ZoneID = &id
	}
	loc, err := time.LoadLocation(ev.TimeZone)
	if err != nil || ev.TimeZone == "" {
		loc = time.UTC
	}
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"starts_at", &ev.StartsAt}, {"ends_at", &ev.EndsAt}} {
		if t, ok := parseLocal(formValue(c, f.name), loc); ok {
			*f.dst = t
		} else {
			errs[f.name] = "form.not_time"
		}
	}
	if v := formValue(c, "registration_deadline"); v != "" {
		if t, ok := parseLocal(v, loc); ok {
			ev.RegistrationDeadline = &t
		} else {
			errs["registration_deadline"] = "form.not_time"
		}
	}
	ints := []struct {
		name string
		dst  *int
	}{{"capacity", &ev.Capacity}, {"meeting.slot_minutes", &ev.Meeting.SlotMinutes},
		{"meeting.break_minutes", &ev.Meeting.BreakMinutes}, {"meeting.tables", &ev.Meeting.Tables},
		{"meeting.max_per_enterprise", &ev.Meeting.MaxPerEnterprise}, {"meeting.max_per_investor", &ev.Meeting.MaxPerInvestor},
		{"meeting.max_consecutive", &ev.Meeting.MaxConsecutive},
		{"pitch.pitch_minutes", &ev.Pitch.PitchMinutes}, {"pitch.qa_minutes", &ev.Pitch.QAMinutes}}
	for _, f := range ints {
		n, ok := formInt(c, f.name)
		if !ok {
			errs[f.name] = "form.not_integer"
		}
		*f.dst = n
	}
	ev.Settings.BookingMode = formValue(c, "settings.booking_mode")
	return ev, errs
}

func (w *Console) handleEventCreate(c *fiber.Ctx) error {
	ev, errs := parseEventForm(c)
	data, err := w.eventForm(c, ev, true)
	if err != nil {
		return err
	}
	v := w.newView(c, "event.new_title", data)
	if applyFormErrors(v, errs) {
		return w.render(c, fiber.StatusUnprocessableEntity, "event_form", v)
	}
	if err := w.svc.Events.CreateEvent(ctx(c), ev); formErrors(v, err) {
		return w.render(c, fiber.StatusUnprocessableEntity, "event_form", v)
	} else if err != nil {
		return err
	}
	w.setFlash(c, "ok", translator{v.Lang}.T("flash.event_created"))
	return c.Redirect("/console/events/"+idString(ev.ID), fiber.StatusSeeOther)
}

func (w *Console) handleEventManage(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ev, err := w.svc.Events.FindEventByID(ctx(c), id)
	if err != nil {
		return err
	}
	if !principal(c).CanManageEvent(ev) {
		return c.Redirect("/events/"+idString(id), fiber.StatusSeeOther)
	}
	data, err := w.eventForm(c, ev, false)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "event_form", w.newView(c, "event.manage_title", data))
}

func (w *Console) handleEventSave(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ev, errs := parseEventForm(c)
	ev.ID = id
	cur, err := w.svc.Events.FindEventByID(ctx(c), id)
	if err != nil {
		return err
	}
	ev.Status, ev.Settings.Matching, ev.Settings.Requests = cur.Status, cur.Settings.Matching, cur.Settings.Requests
	ev.Settings.Reminders = cur.Settings.Reminders
	data, err := w.eventForm(c, ev, false)
	if err != nil {
		return err
	}
	v := w.newView(c, "event.manage_title", data)
	if applyFormErrors(v, errs) {
		return w.render(c, fiber.StatusUnprocessableEntity, "event_form", v)
	}
	u := app.EventUpdate{Kind: &ev.Kind, Title: &ev.Title, Venue: &ev.Venue, Description: &ev.Description,
		StartsAt: &ev.StartsAt, EndsAt: &ev.EndsAt, TimeZone: &ev.TimeZone, RegistrationDeadline: ev.RegistrationDeadline,
		Capacity: &ev.Capacity, Meeting: &ev.Meeting, Pitch: &ev.Pitch, Settings: &ev.Settings}
	if ev.ZoneID != nil {
		u.ZoneID = ev.ZoneID
	}
	if _, err := w.svc.Events.UpdateEvent(ctx(c), id, u); formErrors(v, err) {
		return w.render(c, fiber.StatusUnprocessableEntity, "event_form", v)
	} else if err != nil {
		return err
	}
	w.setFlash(c, "ok", translator{v.Lang}.T("flash.saved"))
	return c.Redirect("/console/events/"+idString(id), fiber.StatusSeeOther)
}

func (w *Console) handleEventStatus(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	status := formValue(c, "status")
	if status == app.StatusCancelled {
		_, err = w.svc.Events.CancelEvent(ctx(c), id)
	} else {
		_, err = w.svc.Events.UpdateEvent(ctx(c), id, app.EventUpdate{Status: &status})
	}
	return w.afterAction(c, err, "flash.status_"+status, "/console/events/"+idString(id), nil)
}

func (w *Console) handleSessionCreate(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ev, err := w.svc.Events.FindEventByID(ctx(c), id)
	if err != nil {
		return err
	}
	s := &app.Session{EventID: id, Title: formValue(c, "title"), Room: formValue(c, "room"), Sectors: nonNil(formValues(c, "sectors"))}
	s.StartsAt, _ = parseLocal(formValue(c, "starts_at"), ev.Location())
	s.EndsAt, _ = parseLocal(formValue(c, "ends_at"), ev.Location())
	err = w.svc.Sessions.CreateSession(ctx(c), s)
	return w.afterAction(c, err, "flash.session_added", "/console/events/"+idString(id), nil)
}

func (w *Console) handleSessionDelete(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	err = w.svc.Sessions.DeleteSession(ctx(c), id)
	return w.afterAction(c, err, "flash.session_deleted", "/console/events/"+idString(formID(c, "event_id")), nil)
}
