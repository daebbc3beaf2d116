package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// applicationsPage is an event's registrations for review.
type applicationsPage struct {
	Event    *app.Event
	Status   string
	Statuses []string
	Rows     []applicationRow
	Counts   map[string]int
}

// applicationRow is a registration with its party as the organizer may
// see it (the services decide which private fields are there).
type applicationRow struct {
	Registration *app.Registration
	Enterprise   *app.Enterprise
	Investor     *app.Investor
}

func (w *Console) managedEvent(c *fiber.Ctx) (*app.Event, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	ev, err := w.svc.Events.FindEventByID(ctx(c), id)
	if err != nil {
		return nil, err
	}
	if !principal(c).CanManageEvent(ev) {
		return nil, app.Errorf(app.EFORBIDDEN, "you do not manage this event")
	}
	return ev, nil
}

func (w *Console) handleApplications(c *fiber.Ctx) error {
	ev, err := w.managedEvent(c)
	if err != nil {
		return err
	}
	status := c.Query("status")
	if !slices.Contains(app.RegistrationStatuses, status) {
		status = ""
	}
	all, err := w.svc.Registrations.FindRegistrations(ctx(c), app.RegistrationFilter{EventID: ev.ID, Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	data := applicationsPage{Event: ev, Status: status, Statuses: app.RegistrationStatuses, Counts: map[string]int{}}
	for _, r := range all.Items {
		data.Counts[r.Status]++
		data.Counts[""]++
		if status != "" && r.Status != status {
			continue
		}
		data.Rows = append(data.Rows, w.applicationRow(c, r))
	}
	return w.render(c, fiber.StatusOK, "applications", w.newView(c, "applications.title", data))
}

func (w *Console) applicationRow(c *fiber.Ctx, r *app.Registration) applicationRow {
	row := applicationRow{Registration: r}
	if r.EnterpriseID != nil {
		if e, err := w.svc.Enterprises.FindEnterpriseByID(ctx(c), *r.EnterpriseID); err == nil {
			row.Enterprise = e
		}
	}
	if r.InvestorID != nil {
		if i, err := w.svc.Investors.FindInvestorByID(ctx(c), *r.InvestorID); err == nil {
			row.Investor = i
		}
	}
	return row
}

// handleApplicationsBulk approves, rejects or waitlists the ticked
// registrations one by one; each may fail on its own (the event is full).
func (w *Console) handleApplicationsBulk(c *fiber.Ctx) error {
	ev, err := w.managedEvent(c)
	if err != nil {
		return err
	}
	action := formValue(c, "action")
	if !slices.Contains([]string{app.RegApproved, app.RegRejected, app.RegWaitlisted}, action) {
		return app.FieldError("action", "choose approve, reject or waitlist")
	}
	tr := translator{w.langOf(c)}
	done, failed := 0, []string{}
	for _, s := range formValues(c, "ids") {
		id, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil {
			continue
		}
		if _, err := w.svc.Registrations.UpdateRegistration(ctx(c), id, app.RegistrationUpdate{Status: &action}); err != nil {
			if app.ErrorCode(err) == app.EINTERNAL || app.ErrorCode(err) == app.EUNAVAILABLE {
				return err
			}
			failed = append(failed, "#"+s+" "+actionMessage(tr, err))
			continue
		}
		done++
	}
	back := url.Values{}
	if st := formValue(c, "status"); st != "" {
		back.Set("status", st)
	}
	switch {
	case len(failed) > 0:
		w.setFlash(c, "error", tr.T("flash.bulk_partial", done, len(failed))+" "+strings.Join(failed, "; "))
	case done == 0:
		w.setFlash(c, "error", tr.T("flash.bulk_none"))
	default:
		w.setFlash(c, "ok", tr.T("flash.bulk_done", done))
	}
	return backTo(c, "/console/events/"+idString(ev.ID)+"/applications", back)
}

// matchesPage is an event's matches: every approved enterprise's best
// investors, and the organizer's pair rules.
type matchesPage struct {
	Event    *app.Event
	Groups   []matchGroup
	Rules    []*app.PairRule
	EntNames map[int64]string
	InvNames map[int64]string
}

// matchGroup is one enterprise's ranked investors.
type matchGroup struct {
	EnterpriseID int64
	Matches      []app.Match
}

func (w *Console) handleMatches(c *fiber.Ctx) error {
	ev, err := w.managedEvent(c)
	if err != nil {
		return err
	}
	matches, err := w.svc.Matches.FindMatches(ctx(c), app.MatchFilter{EventID: ev.ID, Limit: 5})
	if err != nil {
		return err
	}
	rules, err := w.svc.MeetingRequests.FindPairRules(ctx(c), ev.ID)
	if err != nil {
		return err
	}
	data := matchesPage{Event: ev, Rules: rules, EntNames: map[int64]string{}, InvNames: map[int64]string{}}
	names := w.names(c)
	index := map[int64]int{}
	for _, m := range matches {
		k, ok := index[m.EnterpriseID]
		if !ok {
			k = len(data.Groups)
			index[m.EnterpriseID] = k
			data.Groups = append(data.Groups, matchGroup{EnterpriseID: m.EnterpriseID})
			data.EntNames[m.EnterpriseID] = names.enterprise(m.EnterpriseID)
		}
		data.Groups[k].Matches = append(data.Groups[k].Matches, m)
		data.InvNames[m.InvestorID] = names.investor(m.InvestorID)
	}
	for _, r := range rules {
		data.EntNames[r.EnterpriseID] = names.enterprise(r.EnterpriseID)
		data.InvNames[r.InvestorID] = names.investor(r.InvestorID)
	}
	return w.render(c, fiber.StatusOK, "matches", w.newView(c, "matches.title", data))
}

func (w *Console) handlePairRuleCreate(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	r := &app.PairRule{EventID: id, EnterpriseID: formID(c, "enterprise_id"), InvestorID: formID(c, "investor_id"),
		Rule: formValue(c, "rule"), Note: formValue(c, "note")}
	err = w.svc.MeetingRequests.PutPairRule(ctx(c), r)
	return w.afterAction(c, err, "flash.rule_saved", "/console/events/"+idString(id)+"/matches", nil)
}

func (w *Console) handlePairRuleDelete(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	err = w.svc.MeetingRequests.DeletePairRule(ctx(c), id)
	return w.afterAction(c, err, "flash.rule_deleted", "/console/events/"+idString(formID(c, "event_id"))+"/matches", nil)
}
