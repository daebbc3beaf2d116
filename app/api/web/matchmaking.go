package web

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// recommendationsPage is a party's ranked counterparts, with reasons, and
// for an enterprise the eligibility report of every product.
type recommendationsPage struct {
	Choices    []eventChoice
	Event      *app.Event
	Side       string
	Investors  []app.Match
	Enterprise []app.Match
	Products   []app.ProductMatch
	Closed     []app.ClosedProduct
	EntNames   map[int64]string
	InvNames   map[int64]string
	Product    map[int64]*app.Product
	Requested  map[int64]bool // counterparts already asked at the event
}

func (w *Console) handleRecommendations(c *fiber.Ctx) error {
	p := principal(c)
	if !(p.Role == app.RoleEnterprise || p.Role == app.RoleInvestor) {
		return c.Redirect("/console/events", fiber.StatusSeeOther)
	}
	choices, ev, err := w.chooseEvent(c)
	if err != nil {
		return err
	}
	data := &recommendationsPage{Choices: choices, Event: ev, Side: sideOf(p), EntNames: map[int64]string{},
		InvNames: map[int64]string{}, Product: map[int64]*app.Product{}}
	f := app.RecommendationFilter{Limit: 20}
	if ev != nil {
		f.EventID = ev.ID
		if data.Requested, err = w.requestedPairs(c, ev.ID); err != nil {
			return err
		}
	}
	if err := w.fillRecommendations(c, data, f); err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "recommendations", w.newView(c, "recommendations.title", data))
}

func (w *Console) fillRecommendations(c *fiber.Ctx, data *recommendationsPage, f app.RecommendationFilter) error {
	p := principal(c)
	names := w.names(c)
	if p.Role == app.RoleInvestor {
		rec, err := w.svc.Matches.RecommendForInvestor(ctx(c), p.InvestorID, f)
		if err != nil {
			return err
		}
		data.Enterprise = rec.Enterprises
		for _, m := range rec.Enterprises {
			data.EntNames[m.EnterpriseID] = names.enterprise(m.EnterpriseID)
		}
		return nil
	}
	rec, err := w.svc.Matches.RecommendForEnterprise(ctx(c), p.EnterpriseID, f)
	if err != nil {
		return err
	}
	data.Investors, data.Products, data.Closed = rec.Investors, rec.Products, rec.IneligibleProducts
	for _, m := range rec.Investors {
		data.InvNames[m.InvestorID] = names.investor(m.InvestorID)
	}
	for _, pm := range rec.Products {
		data.Product[pm.ProductID] = names.product(pm.ProductID)
		data.InvNames[pm.InvestorID] = names.investor(pm.InvestorID)
	}
	for _, cp := range rec.IneligibleProducts {
		data.Product[cp.ProductID] = names.product(cp.ProductID)
		data.InvNames[cp.InvestorID] = names.investor(cp.InvestorID)
	}
	return nil
}

// requestedPairs returns the counterparts the caller already asked (or
// was asked by) at an event.
func (w *Console) requestedPairs(c *fiber.Ctx, eventID int64) (map[int64]bool, error) {
	reqs, err := w.svc.MeetingRequests.FindMeetingRequests(ctx(c), app.MeetingRequestFilter{EventID: eventID,
		Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	p := principal(c)
	for _, r := range reqs.Items {
		if r.Status != app.RequestPending && r.Status != app.RequestAccepted {
			continue
		}
		if p.Role == app.RoleInvestor {
			out[r.EnterpriseID] = true
		} else {
			out[r.InvestorID] = true
		}
	}
	return out, nil
}

// requestsPage lists a party's meeting requests at an event and offers a
// new one.
type requestsPage struct {
	Choices      []eventChoice
	Event        *app.Event
	Side         string
	Incoming     []requestRow
	Outgoing     []requestRow
	Counterparts []counterpart
	Slots        []time.Time // proposable slot starts (self-service booking)
	Preselect    int64
}

// requestRow is a request with the other side's name.
type requestRow struct {
	Request *app.MeetingRequest
	Name    string
}

// counterpart is someone the caller may ask, with the match score.
type counterpart struct {
	ID    int64
	Name  string
	Score int
}

func (w *Console) handleRequests(c *fiber.Ctx) error {
	p := principal(c)
	if !(p.Role == app.RoleEnterprise || p.Role == app.RoleInvestor) {
		return c.Redirect("/console/events", fiber.StatusSeeOther)
	}
	choices, ev, err := w.chooseEvent(c)
	if err != nil {
		return err
	}
	data := &requestsPage{Choices: choices, Event: ev, Side: sideOf(p), Preselect: queryID(c, "with")}
	if ev != nil {
		if err := w.fillRequests(c, data, ev); err != nil {
			return err
		}
	}
	return w.render(c, fiber.StatusOK, "requests", w.newView(c, "requests.title", data))
}

func (w *Console) fillRequests(c *fiber.Ctx, data *requestsPage, ev *app.Event) error {
	reqs, err := w.svc.MeetingRequests.FindMeetingRequests(ctx(c), app.MeetingRequestFilter{EventID: ev.ID,
		Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	names := w.names(c)
	for _, r := range reqs.Items {
		row := requestRow{Request: r}
		if data.Side == app.SideInvestor {
			row.Name = names.enterprise(r.EnterpriseID)
		} else {
			row.Name = names.investor(r.InvestorID)
		}
		if r.From == data.Side {
			data.Outgoing = append(data.Outgoing, row)
		} else {
			data.Incoming = append(data.Incoming, row)
		}
	}
	if data.Counterparts, err = w.counterparts(c, ev.ID); err != nil {
		return err
	}
	if ev.Settings.Booking() != app.BookingOrganizer && data.Side == app.SideEnterprise {
		sessions, err := w.svc.Sessions.FindSessions(ctx(c), ev.ID)
		if err != nil {
			return err
		}
		data.Slots = slotStarts(ev, sessions)
	}
	return nil
}

// counterparts lists the other side's registrants of an event that the
// matcher ranks for the caller.
func (w *Console) counterparts(c *fiber.Ctx, eventID int64) ([]counterpart, error) {
	p := principal(c)
	names := w.names(c)
	f := app.RecommendationFilter{EventID: eventID, Limit: 100}
	var out []counterpart
	if p.Role == app.RoleInvestor {
		rec, err := w.svc.Matches.RecommendForInvestor(ctx(c), p.InvestorID, f)
		if err != nil {
			return nil, err
		}
		for _, m := range rec.Enterprises {
			out = append(out, counterpart{ID: m.EnterpriseID, Name: names.enterprise(m.EnterpriseID), Score: m.Score})
		}
		return out, nil
	}
	rec, err := w.svc.Matches.RecommendForEnterprise(ctx(c), p.EnterpriseID, f)
	if err != nil {
		return nil, err
	}
	for _, m := range rec.Investors {
		out = append(out, counterpart{ID: m.InvestorID, Name: names.investor(m.InvestorID), Score: m.Score})
	}
	return out, nil
}

// slotStarts lists the starts of an event's meeting slots, to fill the
// slot pickers; the service checks the one chosen.
func slotStarts(ev *app.Event, sessions []*app.Session) []time.Time {
	var out []time.Time
	for _, sl := range app.MeetingSlots(ev, sessions) {
		out = append(out, sl.StartsAt)
	}
	return out
}

func (w *Console) handleRequestCreate(c *fiber.Ctx) error {
	p := principal(c)
	eventID := formID(c, "event_id")
	back := url.Values{"event_id": {idString(eventID)}}
	prio, _ := formInt(c, "priority")
	r := &app.MeetingRequest{EventID: eventID, From: sideOf(p), Priority: prio, Note: formValue(c, "note")}
	other := formID(c, "counterpart_id")
	if p.Role == app.RoleInvestor {
		r.EnterpriseID, r.InvestorID = other, p.InvestorID
	} else {
		r.EnterpriseID, r.InvestorID = p.EnterpriseID, other
	}
	if v := formValue(c, "proposed_start"); v != "" {
		ev, err := w.svc.Events.FindEventByID(ctx(c), eventID)
		if err != nil {
			return err
		}
		if t, ok := parseLocal(v, ev.Location()); ok {
			r.ProposedStart = &t
		} else if t, err := time.Parse(time.RFC3339, v); err == nil {
			r.ProposedStart = &t
		}
	}
	err := w.svc.MeetingRequests.CreateMeetingRequest(ctx(c), r)
	return w.afterAction(c, err, "flash.request_sent", "/console/requests", back)
}

func (w *Console) handleRequestAnswer(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	status := map[string]string{"accept": app.RequestAccepted, "decline": app.RequestDeclined,
		"withdraw": app.RequestWithdrawn}[c.Params("action")]
	if status == "" {
		return app.Errorf(app.ENOTFOUND, "page not found")
	}
	r, err := w.svc.MeetingRequests.AnswerMeetingRequest(ctx(c), id, status)
	back := url.Values{}
	if r != nil {
		back.Set("event_id", idString(r.EventID))
	} else if ev := formID(c, "event_id"); ev != 0 {
		back.Set("event_id", idString(ev))
	}
	return w.afterAction(c, err, "flash.request_"+status, "/console/requests", back)
}
