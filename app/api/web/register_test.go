package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"roadshow/app"
)

// investorNamed finds an investor by exact name, nil when there is none.
func (k *console) investorNamed(name string) *app.Investor {
	k.t.Helper()
	list, err := k.store.FindInvestors(system(), app.InvestorFilter{Q: name, Page: app.Page{Limit: 10}})
	if err != nil {
		k.t.Fatal(err)
	}
	for _, inv := range list.Items {
		if inv.Name == name {
			return inv
		}
	}
	return nil
}

func investorForm(name string) url.Values {
	return url.Values{"name": {name}, "kind": {"bank"}, "stages": {"growth", "mature"}, "instruments": {"loan"},
		"provinces": {"江苏省"}, "ticket_min_wan": {"500"}, "ticket_max_wan": {"20,000"}, "description": {"科技支行"},
		"contacts[0].name": {"王经理"}, "contacts[0].email": {"wang@newbank.example.cn"}, "contacts[0].phone": {"13712345678"}}
}

// TestConsole_RegisterInvestor: an investor registers from an event's
// page; errors come back in the page's language with the values kept and
// nothing written; success signs it in, shows its token once and applies
// to the event.
func TestConsole_RegisterInvestor(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		open := app.StatusOpen
		if _, err := k.store.UpdateEvent(system(), m.event.ID, app.EventUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		b := k.browser()
		if p := b.get("/register/investor?lang=en"); p.Status != http.StatusOK || !strings.Contains(p.Body, "Register an investor") ||
			!strings.Contains(p.Body, `name="contacts[0].email"`) {
			t.Fatalf("form (en): %d", p.Status)
		}
		formPage := b.get(fmt.Sprintf("/register/investor?event_id=%d&lang=zh", m.event.ID))
		if formPage.Status != http.StatusOK || !strings.Contains(formPage.Body, "投资机构注册") || !strings.Contains(formPage.Body, m.event.Title) {
			t.Fatalf("form for the event (zh): %d", formPage.Status)
		}
		if p := b.get("/register/investor?event_id=999999"); p.Status != http.StatusNotFound {
			t.Fatalf("form for an unknown event: %d, want 404", p.Status)
		}

		const name = "苏州新注册测试银行"
		form := investorForm(name)
		form.Set("event_id", fmt.Sprint(m.event.ID))
		form.Set("role", "investor")
		form.Set("ticket_min_wan", "很多")
		r := b.post("/register/investor", csrfOf(t, formPage), form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "请输入金额（万元）") || !strings.Contains(r.Body, `value="`+name+`"`) {
			t.Fatalf("a bad amount: %d, want 422 with the message and the name kept\n%.400s", r.Status, r.Body)
		}
		form.Set("ticket_min_wan", "500")
		form.Set("contacts[0].email", "wang-at-newbank")
		r = b.post("/register/investor", csrfOf(t, r), form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "不是有效的电子邮箱地址") {
			t.Fatalf("a bad e-mail (zh): %d\n%.400s", r.Status, r.Body)
		}
		r = b.post("/register/investor?lang=en", csrfOf(t, r), form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "e-mail address") || strings.Contains(r.Body, "不是有效的电子邮箱地址") {
			t.Fatalf("a bad e-mail (en): %d", r.Status)
		}
		if k.investorNamed(name) != nil {
			t.Fatal("a refused form wrote the investor")
		}
		form.Set("contacts[0].email", "wang@newbank.example.cn")
		form.Del("csrf") // post set it on the shared form
		if r := b.post("/register/investor", "", form); r.Status != http.StatusForbidden || k.investorNamed(name) != nil {
			t.Fatalf("a form without its CSRF token: %d, want 403 and nothing written", r.Status)
		}

		r = b.post("/register/investor", csrfOf(t, r), form)
		if r.Status != http.StatusCreated || !regexp.MustCompile(`rs_[A-Za-z0-9_-]{43}`).MatchString(r.Body) {
			t.Fatalf("registration: %d\n%.600s", r.Status, r.Body)
		}
		inv := k.investorNamed(name)
		if inv == nil || inv.TicketMinCNY != 5_000_000 || inv.TicketMaxCNY != 200_000_000 || len(inv.Stages) != 2 ||
			len(inv.Contacts) != 1 || inv.Contacts[0].Email != "wang@newbank.example.cn" {
			t.Fatalf("stored %+v", inv)
		}
		regs, err := k.store.FindRegistrations(system(), app.RegistrationFilter{EventID: m.event.ID, Page: app.Page{Limit: 50}})
		if err != nil {
			t.Fatal(err)
		}
		applied := false
		for _, reg := range regs.Items {
			if reg.InvestorID != nil && *reg.InvestorID == inv.ID {
				applied = reg.Role == app.RegInvestor && reg.Status == app.RegSubmitted
			}
		}
		if !applied {
			t.Fatal("the new investor should have applied to the event as an investor")
		}
		p := b.get("/console/profile")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, `value="wang@newbank.example.cn"`) {
			t.Fatalf("the new investor should be signed in and see its profile: %d", p.Status)
		}
		for _, v := range append(privateValues(m.a), m.investor.Contacts[0].Email) {
			if strings.Contains(p.Body, v) {
				t.Errorf("the new investor's profile shows the private value %q", v)
			}
		}

		// The same name again is refused in Chinese.
		again := k.browser()
		fp := again.get("/register/investor")
		r = again.post("/register/investor", csrfOf(t, fp), investorForm(name))
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusConflict || !strings.Contains(r.Body, "该机构名称已注册") {
			t.Fatalf("a second investor of the same name: %d\n%.400s", r.Status, r.Body)
		}
	})
}
