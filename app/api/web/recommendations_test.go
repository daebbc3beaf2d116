package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"roadshow/app"
)

// TestConsole_ProductRecommendations: an enterprise sees the products it
// is eligible for apart from those closed to it, each with its investor,
// in the page's language.
func TestConsole_ProductRecommendations(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		products := []*app.Product{
			{InvestorID: m.investor.ID, Name: "科创成长贷", Instrument: "loan", AmountMinCNY: 1_000_000, AmountMaxCNY: 50_000_000,
				Stages: []string{"growth"}, Provinces: []string{"江苏省"}, MinInnovationPoints: 500, TermMonths: 36},
			{InvestorID: m.investor.ID, Name: "瞪羚专享贷", Instrument: "loan", AmountMinCNY: 1_000_000, AmountMaxCNY: 50_000_000,
				RequiredLabels: []string{"gazelle"}, TermMonths: 12},
		}
		for _, p := range products {
			if err := k.store.CreateProduct(system(), p); err != nil {
				t.Fatal(err)
			}
		}
		a := k.browser()
		a.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		p := a.get("/console/recommendations?event_id=0")
		open, closed := strings.Index(p.Body, "可申请的金融产品"), strings.Index(p.Body, "暂不符合条件的产品")
		eligible, gazelle := strings.Index(p.Body, "科创成长贷"), strings.Index(p.Body, "瞪羚专享贷")
		if p.Status != http.StatusOK || open < 0 || closed < 0 || !(open < eligible && eligible < closed && closed < gazelle) {
			t.Fatalf("recommendations (%d): want 科创成长贷 under the eligible products and 瞪羚专享贷 under the closed ones (%d %d %d %d)",
				p.Status, open, eligible, closed, gazelle)
		}
		if !strings.Contains(p.Body[closed:], m.investor.Name) {
			t.Error("a closed product should name its investor")
		}
		en := a.get("/console/recommendations?event_id=0&lang=en")
		if !strings.Contains(en.Body, "Products you are eligible for") || !strings.Contains(en.Body, "Products not open to you yet") {
			t.Fatal("the English page should title both lists in English")
		}
		for _, v := range append(privateValues(m.b), m.investor.Contacts[0].Email, m.investor.Contacts[0].Phone) {
			if strings.Contains(p.Body+en.Body, v) {
				t.Errorf("the recommendations show the private value %q", v)
			}
		}

		// Without the gazelle label 瞪羚专享贷 stays closed; with it, it opens.
		e, _ := k.store.FindEnterpriseByID(system(), m.a.ID)
		labels := append(e.Labels, "gazelle")
		if _, err := k.store.UpdateEnterprise(system(), m.a.ID, app.EnterpriseUpdate{Labels: &labels}); err != nil {
			t.Fatal(err)
		}
		p = a.get("/console/recommendations?event_id=0")
		closed, gazelle = strings.Index(p.Body, "暂不符合条件的产品"), strings.Index(p.Body, "瞪羚专享贷")
		if gazelle < 0 || closed >= 0 && gazelle > closed {
			t.Fatalf("with the label, 瞪羚专享贷 should be among the eligible products (%d, closed at %d)", gazelle, closed)
		}
	})
}

// TestConsole_AdminEventInZone: an admin chooses the zone of a new event
// from the form, and the event is stored in it.
func TestConsole_AdminEventInZone(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("西安高新技术产业开发区")
		admin := k.browser()
		csrf := admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		p := admin.get("/console/events/new")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, `name="zone_id"`) || !strings.Contains(p.Body, z.NameZH) {
			t.Fatalf("the admin's form (%d) should offer the zones", p.Status)
		}
		form := eventForm(k, "管理员创建的活动")
		form.Set("zone_id", fmt.Sprint(z.ID))
		form.Set("timezone", "Asia/Urumqi")
		form.Set("registration_deadline", "下周")
		if r := admin.post("/console/events", csrf, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "请输入日期和时间") {
			t.Fatalf("a bad deadline: %d", r.Status)
		}
		form.Set("registration_deadline", strings.Replace(form.Get("starts_at"), "T09:00", "T08:00", 1))
		r := admin.post("/console/events", csrf, form)
		m := idInPath.FindStringSubmatch(r.Location)
		if r.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("create: %d\n%.500s", r.Status, r.Body)
		}
		ev, err := k.store.FindEventByID(system(), atoi(m[1]))
		if err != nil || ev.ZoneID == nil || *ev.ZoneID != z.ID || ev.TimeZone != "Asia/Urumqi" || ev.RegistrationDeadline == nil ||
			ev.StartsAt.Sub(*ev.RegistrationDeadline).Hours() != 1 || ev.StartsAt.UTC().Hour() != 3 {
			t.Fatalf("stored %+v (%v), want the zone, Urumqi time and the deadline an hour before", ev, err)
		}
		if p := admin.get(r.Location); !strings.Contains(p.Body, `<option value="`+fmt.Sprint(z.ID)+`" selected>`) {
			t.Error("the manage page should show the chosen zone selected")
		}
	})
}
