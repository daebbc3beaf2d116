package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roadshow/app"
)

// seedApprovedInvestor registers an investor approved for the event.
func seedApprovedInvestor(t *testing.T, k *console, ev *app.Event, name, email string) *app.Investor {
	t.Helper()
	inv := &app.Investor{Name: name, Kind: "bank", Stages: []string{"growth"}, TicketMinCNY: 1_000_000,
		TicketMaxCNY: 200_000_000, Instruments: []string{"loan"}, Provinces: []string{"江苏省"},
		Contacts: []app.Contact{{Name: "客户经理丙", Email: email, Phone: "13811113333"}}}
	if _, err := k.store.CreateInvestor(system(), inv); err != nil {
		t.Fatal(err)
	}
	r := &app.Registration{EventID: ev.ID, InvestorID: &inv.ID, Role: app.RegInvestor}
	if err := k.store.CreateRegistration(system(), r); err != nil {
		t.Fatal(err)
	}
	approved := app.RegApproved
	if _, err := k.store.UpdateRegistration(system(), r.ID, app.RegistrationUpdate{Status: &approved}); err != nil {
		t.Fatal(err)
	}
	return inv
}

// requestsOf returns an event's meeting requests, as the system sees them.
func (k *console) requestsOf(eventID int64) []*app.MeetingRequest {
	k.t.Helper()
	list, err := k.store.FindMeetingRequests(system(), app.MeetingRequestFilter{EventID: eventID, Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		k.t.Fatal(err)
	}
	return list.Items
}

func requestBetween(reqs []*app.MeetingRequest, entID, invID int64) *app.MeetingRequest {
	for _, r := range reqs {
		if r.EnterpriseID == entID && r.InvestorID == invID {
			return r
		}
	}
	return nil
}

// TestConsole_RequestSendAndWithdraw: an enterprise asks a second investor
// for a meeting from its requests page, sees it among its outgoing
// requests and withdraws it; asking someone who is not at the event is
// refused with a message and writes nothing.
func TestConsole_RequestSendAndWithdraw(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		inv2 := seedApprovedInvestor(t, k, m.event, "苏州第二测试银行", "second.banker@example.cn")
		a := k.browser()
		csrf := a.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		page := fmt.Sprintf("/console/requests?event_id=%d", m.event.ID)
		p := a.get(page)
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "会谈请求") ||
			!strings.Contains(p.Body, fmt.Sprintf(`value="%d"`, inv2.ID)) || strings.Contains(p.Body, "second.banker@example.cn") {
			t.Fatalf("requests page: %d; want the new investor offered, without its contact", p.Status)
		}
		r := a.post("/console/requests", csrf, url.Values{"event_id": {fmt.Sprint(m.event.ID)}, "counterpart_id": {fmt.Sprint(inv2.ID)},
			"priority": {"1"}, "note": {"希望了解贷款产品"}})
		if r.Location != page {
			t.Fatalf("send: %d %q, want back to %s", r.Status, r.Location, page)
		}
		if kind, text := a.follow(r); kind != "ok" || text != "会谈请求已发送。" {
			t.Fatalf("send: flash %s %q", kind, text)
		}
		sent := requestBetween(k.requestsOf(m.event.ID), m.a.ID, inv2.ID)
		if sent == nil || sent.Status != app.RequestPending || sent.From != app.SideEnterprise || sent.Priority != 1 || sent.Note != "希望了解贷款产品" {
			t.Fatalf("request stored as %+v", sent)
		}
		if p := a.get(page + "&lang=en"); !strings.Contains(p.Body, fmt.Sprintf(`action="/console/requests/%d/withdraw"`, sent.ID)) ||
			!strings.Contains(p.Body, "Meeting requests") {
			t.Fatal("the English page should list the request with a withdraw button")
		}

		// b may not withdraw a's request.
		b := k.browser()
		bc := b.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.b.ID}))
		r = b.post(fmt.Sprintf("/console/requests/%d/withdraw", sent.ID), bc, url.Values{"event_id": {fmt.Sprint(m.event.ID)}})
		if kind, _ := b.follow(r); kind != "error" {
			t.Fatalf("b withdraws a's request: flash %s, want an error", kind)
		}
		if got := requestBetween(k.requestsOf(m.event.ID), m.a.ID, inv2.ID); got.Status != app.RequestPending {
			t.Fatalf("b changed a's request to %s", got.Status)
		}

		r = a.post(fmt.Sprintf("/console/requests/%d/withdraw", sent.ID), csrf, nil)
		if kind, text := a.follow(r); r.Location != page || kind != "ok" || text != "Request withdrawn." {
			t.Fatalf("withdraw: %q flash %s %q", r.Location, kind, text)
		}
		if got := requestBetween(k.requestsOf(m.event.ID), m.a.ID, inv2.ID); got.Status != app.RequestWithdrawn {
			t.Fatalf("withdrawn request is %s", got.Status)
		}
		if p := a.post(fmt.Sprintf("/console/requests/%d/resend", sent.ID), csrf, nil); p.Status != http.StatusNotFound {
			t.Fatalf("an unknown action: %d, want 404", p.Status)
		}

		// An investor not at the event cannot be asked.
		stranger := &app.Investor{Name: "未报名测试银行", Kind: "bank", Stages: []string{"growth"}, TicketMinCNY: 1, TicketMaxCNY: 2,
			Instruments: []string{"loan"}, Contacts: []app.Contact{{Name: "某人", Email: "nobody@example.cn"}}}
		if _, err := k.store.CreateInvestor(system(), stranger); err != nil {
			t.Fatal(err)
		}
		before := len(k.requestsOf(m.event.ID))
		r = a.post("/console/requests?lang=zh", csrf, url.Values{"event_id": {fmt.Sprint(m.event.ID)}, "counterpart_id": {fmt.Sprint(stranger.ID)}})
		if kind, text := a.follow(r); kind != "error" || !strings.HasPrefix(text, "操作冲突 — ") {
			t.Fatalf("asking an investor not at the event: flash %s %q", kind, text)
		}
		if n := len(k.requestsOf(m.event.ID)); n != before {
			t.Fatalf("%d requests after a refused one, want %d", n, before)
		}
	})
}

// TestConsole_RequestAnswer: the investor sees the enterprises' requests,
// accepts one and declines the other; answering twice is refused.
func TestConsole_RequestAnswer(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		inv := k.browser()
		csrf := inv.signIn(k.token(app.Token{Role: app.RoleInvestor, InvestorID: &m.investor.ID}))
		page := fmt.Sprintf("/console/requests?event_id=%d", m.event.ID)
		p := inv.get(page)
		reqs := k.requestsOf(m.event.ID)
		ra, rb := requestBetween(reqs, m.a.ID, m.investor.ID), requestBetween(reqs, m.b.ID, m.investor.ID)
		if p.Status != http.StatusOK || !strings.Contains(p.Body, m.a.Name) || !strings.Contains(p.Body, m.b.Name) ||
			!strings.Contains(p.Body, fmt.Sprintf(`action="/console/requests/%d/accept"`, ra.ID)) {
			t.Fatalf("the investor's requests page (%d) should list both incoming requests with answers", p.Status)
		}
		for _, v := range append(privateValues(m.a), privateValues(m.b)...) {
			if strings.Contains(p.Body, v) {
				t.Errorf("the investor's requests page shows the private value %q", v)
			}
		}
		r := inv.post(fmt.Sprintf("/console/requests/%d/accept", ra.ID), csrf, nil)
		if kind, text := inv.follow(r); r.Location != page || kind != "ok" || text != "已接受会谈请求。" {
			t.Fatalf("accept: %q flash %s %q", r.Location, kind, text)
		}
		r = inv.post(fmt.Sprintf("/console/requests/%d/decline", rb.ID), csrf, nil)
		if kind, text := inv.follow(r); kind != "ok" || text != "已婉拒会谈请求。" {
			t.Fatalf("decline: flash %s %q", kind, text)
		}
		reqs = k.requestsOf(m.event.ID)
		if s := requestBetween(reqs, m.a.ID, m.investor.ID).Status; s != app.RequestAccepted {
			t.Fatalf("a's request is %s, want accepted", s)
		}
		if s := requestBetween(reqs, m.b.ID, m.investor.ID).Status; s != app.RequestDeclined {
			t.Fatalf("b's request is %s, want declined", s)
		}
		r = inv.post(fmt.Sprintf("/console/requests/%d/accept", rb.ID), csrf, nil)
		if kind, _ := inv.follow(r); kind != "error" {
			t.Fatalf("accepting a declined request: flash %s, want an error", kind)
		}
		if s := requestBetween(k.requestsOf(m.event.ID), m.b.ID, m.investor.ID).Status; s != app.RequestDeclined {
			t.Fatalf("b's request became %s", s)
		}
		r = inv.post("/console/requests/999999/accept", csrf, url.Values{"event_id": {fmt.Sprint(m.event.ID)}})
		if kind, _ := inv.follow(r); r.Location != page || kind != "error" {
			t.Fatalf("an unknown request: %q flash %s", r.Location, kind)
		}
	})
}

// TestConsole_Withdraw: an enterprise applies to an open event and
// withdraws its application; another enterprise cannot withdraw it.
func TestConsole_Withdraw(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		ev := &app.Event{Kind: app.KindRoadshow, Title: "撤回测试路演", ZoneID: &m.zone.ID, Venue: "路演厅",
			StartsAt: m.event.StartsAt.AddDate(0, 0, 2), EndsAt: m.event.EndsAt.AddDate(0, 0, 2)}
		if err := k.store.CreateEvent(system(), ev); err != nil {
			t.Fatal(err)
		}
		open := app.StatusOpen
		if _, err := k.store.UpdateEvent(system(), ev.ID, app.EventUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		a := k.browser()
		csrf := a.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		if p := a.get("/console/events"); !strings.Contains(p.Body, "撤回测试路演") ||
			!strings.Contains(p.Body, fmt.Sprintf(`action="/console/events/%d/apply"`, ev.ID)) {
			t.Fatal("the open roadshow should be offered to apply to")
		}
		r := a.post(fmt.Sprintf("/console/events/%d/apply", ev.ID), csrf, url.Values{"role": {"pitcher"}, "note": {"想路演"}})
		if kind, text := a.follow(r); kind != "ok" || text != "报名已提交，等待组织方审核。" {
			t.Fatalf("apply: flash %s %q", kind, text)
		}
		regs, err := k.store.FindRegistrations(system(), app.RegistrationFilter{EventID: ev.ID})
		if err != nil || len(regs.Items) != 1 || regs.Items[0].Role != app.RegPitcher || regs.Items[0].Status != app.RegSubmitted {
			t.Fatalf("registrations %+v (%v)", regs, err)
		}
		reg := regs.Items[0]
		withdraw := fmt.Sprintf("/console/registrations/%d/withdraw", reg.ID)
		if p := a.get("/console/events"); !strings.Contains(p.Body, `action="`+withdraw+`"`) {
			t.Fatal("the events page should offer to withdraw the application")
		}

		b := k.browser()
		bc := b.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.b.ID}))
		if kind, _ := b.follow(b.post(withdraw, bc, nil)); kind != "error" {
			t.Fatalf("b withdraws a's application: flash %s, want an error", kind)
		}
		if got, _ := k.store.FindRegistrationByID(system(), reg.ID); got.Status != app.RegSubmitted {
			t.Fatalf("b changed a's application to %s", got.Status)
		}
		if r := a.post(withdraw, "", nil); r.Status != http.StatusForbidden {
			t.Fatalf("withdraw without the CSRF token: %d, want 403", r.Status)
		}
		r = a.post(withdraw+"?lang=en", csrf, nil)
		if kind, text := a.follow(r); r.Location != "/console/events" || kind != "ok" || text != "Application withdrawn." {
			t.Fatalf("withdraw: %q flash %s %q", r.Location, kind, text)
		}
		if got, _ := k.store.FindRegistrationByID(system(), reg.ID); got.Status != app.RegWithdrawn {
			t.Fatalf("a's application is %s, want withdrawn", got.Status)
		}
	})
}
