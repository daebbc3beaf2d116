package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

var proposedOption = regexp.MustCompile(`<option value="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d))">`)

// TestConsole_SelfServiceBooking: at a self-service event the enterprise
// proposes a slot with its request; the investor's acceptance books the
// meeting in that slot, and both find it in their agenda.
func TestConsole_SelfServiceBooking(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		settings := m.event.Settings
		settings.BookingMode = app.BookingSelfService
		if _, err := k.store.UpdateEvent(system(), m.event.ID, app.EventUpdate{Settings: &settings}); err != nil {
			t.Fatal(err)
		}
		inv2 := seedApprovedInvestor(t, k, m.event, "苏州自助预约测试银行", "self.banker@example.cn")
		a := k.browser()
		csrf := a.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		page := fmt.Sprintf("/console/requests?event_id=%d", m.event.ID)
		p := a.get(page)
		opts := proposedOption.FindAllStringSubmatch(html.UnescapeString(p.Body), -1)
		if p.Status != http.StatusOK || !strings.Contains(p.Body, `name="proposed_start"`) || len(opts) < 2 {
			t.Fatalf("the self-service requests page (%d) should offer slots to propose (%d)\n%s", p.Status, len(opts), p.Body[strings.Index(p.Body, "<main"):])
		}
		busy, _ := k.store.FindMeetings(system(), app.MeetingFilter{EventID: m.event.ID, EnterpriseID: m.a.ID})
		var slot time.Time
		for _, o := range opts {
			at, _ := time.Parse(time.RFC3339, o[1])
			if !at.Equal(busy[0].StartsAt) {
				slot = at
			}
		}
		r := a.post("/console/requests", csrf, url.Values{"event_id": {fmt.Sprint(m.event.ID)}, "counterpart_id": {fmt.Sprint(inv2.ID)},
			"proposed_start": {slot.Format(time.RFC3339)}})
		if kind, text := a.follow(r); kind != "ok" || text != "会谈请求已发送。" {
			t.Fatalf("send: flash %s %q", kind, text)
		}
		req := requestBetween(k.requestsOf(m.event.ID), m.a.ID, inv2.ID)
		if req == nil || req.ProposedStart == nil || !req.ProposedStart.Equal(slot) {
			t.Fatalf("request stored as %+v, want the proposed slot %s", req, slot)
		}

		inv := k.browser()
		ic := inv.signIn(k.token(app.Token{Role: app.RoleInvestor, InvestorID: &inv2.ID}))
		if p := inv.get(page); strings.Contains(p.Body, `name="proposed_start"`) {
			t.Error("an investor is offered to propose a slot")
		}
		r = inv.post(fmt.Sprintf("/console/requests/%d/accept?lang=en", req.ID), ic, nil)
		if kind, text := inv.follow(r); kind != "ok" || text != "Request accepted." {
			t.Fatalf("accept: flash %s %q", kind, text)
		}
		ms, err := k.store.FindMeetings(system(), app.MeetingFilter{EventID: m.event.ID, EnterpriseID: m.a.ID, InvestorID: inv2.ID})
		if err != nil || len(ms) != 1 || !ms[0].StartsAt.Equal(slot) || ms[0].Status != app.MeetingScheduled {
			t.Fatalf("meetings %+v (%v), want one booked at %s", ms, err, slot)
		}
		for name, b := range map[string]*browser{"enterprise": a, "investor": inv} {
			if p := b.get("/console/agenda"); !strings.Contains(p.Body, fmt.Sprintf(`href="/console/meetings/%d"`, ms[0].ID)) {
				t.Errorf("the %s's agenda should link the booked meeting", name)
			}
		}
	})
}

// TestConsole_RequestLocalProposal: a proposed start typed as local time
// (the datetime-local input) is read in the event's time zone.
func TestConsole_RequestLocalProposal(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		settings := m.event.Settings
		settings.BookingMode = app.BookingHybrid
		if _, err := k.store.UpdateEvent(system(), m.event.ID, app.EventUpdate{Settings: &settings}); err != nil {
			t.Fatal(err)
		}
		inv2 := seedApprovedInvestor(t, k, m.event, "苏州本地时间测试银行", "local.banker@example.cn")
		b := k.browser()
		csrf := b.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.b.ID}))
		ev, _ := k.store.FindEventByID(system(), m.event.ID)
		local := ev.StartsAt.In(ev.Location()).Format("2006-01-02T15:04")
		r := b.post("/console/requests", csrf, url.Values{"event_id": {fmt.Sprint(m.event.ID)}, "counterpart_id": {fmt.Sprint(inv2.ID)},
			"proposed_start": {local}})
		if kind, text := b.follow(r); kind != "ok" {
			t.Fatalf("send: flash %s %q", kind, text)
		}
		req := requestBetween(k.requestsOf(m.event.ID), m.b.ID, inv2.ID)
		if req == nil || req.ProposedStart == nil || !req.ProposedStart.Equal(ev.StartsAt) {
			t.Fatalf("request stored as %+v, want the proposal at the event's start %s", req, ev.StartsAt)
		}
		r = b.post("/console/requests", csrf, url.Values{"event_id": {"999999"}, "counterpart_id": {fmt.Sprint(inv2.ID)},
			"proposed_start": {local}})
		if p := r; p.Status != http.StatusNotFound {
			t.Fatalf("a proposal for an unknown event: %d, want 404", p.Status)
		}
	})
}
