package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roadshow/app"
)

// TestConsole_ApplicationsBulkEdges: the bulk form names a bad action,
// asks for a tick when none is given, and reports the applications it
// could not change (another event's) next to those it did.
func TestConsole_ApplicationsBulkEdges(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		apps := fmt.Sprintf("/console/events/%d/applications", m.event.ID)
		regs, err := k.store.FindRegistrations(system(), app.RegistrationFilter{EventID: m.event.ID, Page: app.Page{Limit: 10}})
		if err != nil || len(regs.Items) != 3 {
			t.Fatalf("registrations: %v", err)
		}
		var bReg *app.Registration
		for _, r := range regs.Items {
			if r.EnterpriseID != nil && *r.EnterpriseID == m.b.ID {
				bReg = r
			}
		}

		if r := org.post(apps+"?lang=en", csrf, url.Values{"action": {"delete"}, "ids": {fmt.Sprint(bReg.ID)}}); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, "choose approve, reject or waitlist") {
			t.Fatalf("a bad action: %d, want 422 naming the choice\n%.300s", r.Status, r.Body)
		}
		r := org.post(apps+"?lang=zh", csrf, url.Values{"action": {"waitlisted"}, "ids": {"abc"}})
		if kind, text := org.follow(r); r.Location != apps || kind != "error" || text != "请先勾选报名记录。" {
			t.Fatalf("nothing ticked: %q flash %s %q", r.Location, kind, text)
		}

		// An application of another event is refused; b's is waitlisted.
		other := &app.Event{Kind: app.KindMatchmaking, Title: "另一场对接会", ZoneID: &k.zone("西安高新技术产业开发区").ID,
			StartsAt: m.event.StartsAt.AddDate(0, 0, 3), EndsAt: m.event.EndsAt.AddDate(0, 0, 3)}
		if err := k.store.CreateEvent(system(), other); err != nil {
			t.Fatal(err)
		}
		open := app.StatusOpen
		if _, err := k.store.UpdateEvent(system(), other.ID, app.EventUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		foreign := &app.Registration{EventID: other.ID, EnterpriseID: &m.a.ID, Role: app.RegMeeter}
		if err := k.store.CreateRegistration(system(), foreign); err != nil {
			t.Fatal(err)
		}
		r = org.post(apps, csrf, url.Values{"action": {"waitlisted"}, "status": {"approved"},
			"ids": {fmt.Sprint(bReg.ID), fmt.Sprint(foreign.ID)}})
		if r.Location != apps+"?status=approved" {
			t.Fatalf("bulk: %d %q, want back to the approved tab", r.Status, r.Location)
		}
		kind, text := org.follow(r)
		if kind != "error" || !strings.HasPrefix(text, "已处理 1 条，1 条未成功：") || !strings.Contains(text, fmt.Sprintf("#%d ", foreign.ID)) {
			t.Fatalf("partial bulk: flash %s %q", kind, text)
		}
		if got, _ := k.store.FindRegistrationByID(system(), bReg.ID); got.Status != app.RegWaitlisted {
			t.Fatalf("b's application is %s, want waitlisted", got.Status)
		}
		if got, _ := k.store.FindRegistrationByID(system(), foreign.ID); got.Status != app.RegSubmitted {
			t.Fatalf("another zone's application became %s", got.Status)
		}
		p := org.get(apps + "?status=waitlisted")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, m.b.Name) || strings.Contains(p.Body, m.a.Name) {
			t.Fatal("the waitlisted tab should list b only")
		}
	})
}

// TestConsole_PartyPagesForStaff: the pages of a party send staff to their
// events page, and staff see their zone's name.
func TestConsole_PartyPagesForStaff(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))
		for _, path := range []string{"/console/recommendations", "/console/requests", "/console/agenda", "/console"} {
			if p := org.get(path); p.Status != http.StatusSeeOther || p.Location != "/console/events" {
				t.Errorf("an organizer opens %s: %d %q, want the events page", path, p.Status, p.Location)
			}
		}
		if p := org.get("/console/events"); !strings.Contains(p.Body, z.NameZH) {
			t.Error("the organizer's pages should name its zone")
		}
		if r := org.post("/console/calendar/rotate", csrf, nil); r.Status < 300 || r.Status >= 500 {
			t.Errorf("an organizer rotates a calendar feed: %d", r.Status)
		}
	})
}

// TestConsole_PublicEventPage: the public page of an event shows it to
// anyone once it is open, never a draft, and 404 for an unknown one.
func TestConsole_PublicEventPage(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))
		r := org.post("/console/events", csrf, eventForm(k, "公开页面测试会"))
		id := idInPath.FindStringSubmatch(r.Location)[1]
		anon := k.browser()
		if p := anon.get("/events/" + id); p.Status != http.StatusNotFound || strings.Contains(p.Body, "公开页面测试会") {
			t.Fatalf("a draft's public page: %d, want 404", p.Status)
		}
		if p := anon.get("/"); strings.Contains(p.Body, "公开页面测试会") {
			t.Fatal("the home page lists a draft")
		}
		org.post("/console/events/"+id+"/status", csrf, url.Values{"status": {"open"}})
		p := anon.get("/events/" + id + "?lang=en")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "公开页面测试会") || !strings.Contains(p.Body, "创新中心") ||
			!strings.Contains(p.Body, "/register/enterprise?event_id="+id) {
			t.Fatalf("an open event's public page: %d", p.Status)
		}
		if p := anon.get("/"); !strings.Contains(p.Body, `href="/events/`+id+`"`) {
			t.Fatal("the home page should list the open event")
		}
		if p := anon.get("/events/424242"); p.Status != http.StatusNotFound {
			t.Fatalf("an unknown event: %d, want 404", p.Status)
		}
	})
}

// TestConsole_OutboxBadCursor: a forged cursor is a 4xx, not a 500.
func TestConsole_OutboxBadCursor(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		admin := k.browser()
		admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		if p := admin.get("/console/outbox?cursor=%21%21not-a-cursor"); p.Status < 400 || p.Status >= 500 {
			t.Fatalf("a forged cursor: %d, want a 4xx", p.Status)
		}
	})
}
