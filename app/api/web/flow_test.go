package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

func TestConsole_RegisterEnterprise(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		open := app.StatusOpen // the commit scheduled it; new applications need it open
		if _, err := k.store.UpdateEvent(system(), m.event.ID, app.EventUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		b := k.browser()
		formPage := b.get(fmt.Sprintf("/register/enterprise?event_id=%d", m.event.ID))
		if formPage.Status != http.StatusOK || !strings.Contains(formPage.Body, m.event.Title) {
			t.Fatalf("registration form: %d", formPage.Status)
		}
		good := app.ExampleCreditCode(424242)
		bad := good[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", good[17])+1)%31])
		form := url.Values{"name": {"苏州新注册科技有限公司"}, "credit_code": {bad}, "zone_id": {fmt.Sprint(m.zone.ID)},
			"sector": {"biotech"}, "stage": {"startup"}, "innovation_points": {"300"}, "need.amount_wan": {"1,500"},
			"need.instruments": {"loan", "equity"}, "contact.name": {"周杰"}, "contact.email": {"zhoujie@example.cn"},
			"contact.phone": {"13912345678"}, "event_id": {fmt.Sprint(m.event.ID)}, "role": {"meeter"}}
		r := b.post("/register/enterprise", csrfOf(t, formPage), form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "校验位不正确") ||
			!strings.Contains(r.Body, `value="苏州新注册科技有限公司"`) || !strings.Contains(r.Body, `value="1500"`) {
			t.Fatalf("a wrong check digit: %d; want 422, the message and the values kept\n%.300s", r.Status, r.Body)
		}
		form.Set("credit_code", strings.ToLower(good))
		form.Set("lang", "en")
		r = b.post("/register/enterprise", csrfOf(t, r), form)
		if r.Status != http.StatusCreated || !regexp.MustCompile(`rs_[A-Za-z0-9_-]{43}`).MatchString(r.Body) {
			t.Fatalf("registration: %d\n%.600s", r.Status, r.Body)
		}
		if !strings.Contains(r.Body, "awaits review") && !strings.Contains(r.Body, "等待组织方审核") {
			t.Errorf("the welcome page should confirm the application to the event:\n%s", r.Body[strings.Index(r.Body, "<main"):])
		}
		// Signed in as the new enterprise, with its application pending.
		p := b.get("/console/events")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, m.event.Title) || !strings.Contains(p.Body, "st-submitted") {
			t.Fatalf("the new enterprise's events page (%d) should list its submitted application", p.Status)
		}
	})
}

var idInPath = regexp.MustCompile(`/console/events/(\d+)`)

// TestConsole_OrganizerFlow drives the organizer's pages: create an event,
// open it, approve applications in bulk, dry-run and commit the schedule;
// the parties then find their meeting in their agenda.
func TestConsole_OrganizerFlow(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		day := k.clock.now().AddDate(0, 0, 21).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
		r := org.post("/console/events", csrf, url.Values{"kind": {"matchmaking"}, "title": {"流程测试对接会"}, "timezone": {"Asia/Shanghai"},
			"starts_at": {day + "T09:00"}, "ends_at": {day + "T11:00"}, "meeting.slot_minutes": {"20"}, "meeting.break_minutes": {"5"},
			"meeting.tables": {"2"}, "meeting.max_per_enterprise": {"2"}, "meeting.max_per_investor": {"4"}, "capacity": {"0"},
			"pitch.pitch_minutes": {"8"}, "pitch.qa_minutes": {"7"}, "settings.booking_mode": {"organizer"}})
		match := idInPath.FindStringSubmatch(r.Location)
		if r.Status != http.StatusSeeOther || match == nil {
			t.Fatalf("create: %d %q\n%.800s", r.Status, r.Location, r.Body)
		}
		id := match[1]
		if r := org.post("/console/events/"+id+"/status", csrf, url.Values{"status": {"open"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("open: %d", r.Status)
		}
		if p := org.get("/events/" + id); !strings.Contains(p.Body, "企业报名") {
			t.Fatal("the public page of an open event should offer registration")
		}

		// Both enterprises and the investor apply from their console.
		parties := map[string]*browser{}
		for name, tok := range map[string]app.Token{"a": {Role: app.RoleEnterprise, EnterpriseID: &m.a.ID},
			"b": {Role: app.RoleEnterprise, EnterpriseID: &m.b.ID}, "inv": {Role: app.RoleInvestor, InvestorID: &m.investor.ID}} {
			p := k.browser()
			pc := p.signIn(k.token(tok))
			role := map[bool]string{true: "investor", false: "meeter"}[name == "inv"]
			if r := p.post("/console/events/"+id+"/apply", pc, url.Values{"role": {role}}); r.Status != http.StatusSeeOther {
				t.Fatalf("%s applies: %d", name, r.Status)
			}
			parties[name] = p
		}
		apps := org.get("/console/events/" + id + "/applications?status=submitted")
		ids := regexp.MustCompile(`name="ids" value="(\d+)"`).FindAllStringSubmatch(apps.Body, -1)
		if len(ids) != 3 {
			t.Fatalf("%d submitted applications listed, want 3", len(ids))
		}
		bulk := url.Values{"action": {"approved"}}
		for _, m := range ids {
			bulk.Add("ids", m[1])
		}
		if r := org.post("/console/events/"+id+"/applications", csrf, bulk); r.Status != http.StatusSeeOther {
			t.Fatalf("bulk approve: %d", r.Status)
		}
		if p := org.get("/console/events/" + id + "/applications?status=approved"); strings.Count(p.Body, `name="ids"`) != 3 ||
			!strings.Contains(p.Body, "已处理 3 条报名") {
			t.Fatal("all three should be approved, with a message saying so")
		}

		plan := org.post("/console/events/"+id+"/schedule", csrf, url.Values{"action": {"dry_run"}})
		if plan.Status != http.StatusOK || !strings.Contains(plan.Body, "试排结果") || !strings.Contains(plan.Body, m.investor.Name) {
			t.Fatalf("dry run: %d\n%.600s", plan.Status, plan.Body)
		}
		if n, _ := k.store.FindMeetings(system(), app.MeetingFilter{EventID: atoi(id)}); len(n) != 0 {
			t.Fatal("a dry run must not write meetings")
		}
		done := org.post("/console/events/"+id+"/schedule", csrf, url.Values{"action": {"commit"}})
		if done.Status != http.StatusOK || !strings.Contains(done.Body, "排期已提交") {
			t.Fatalf("commit: %d", done.Status)
		}
		agenda := parties["a"].get("/console/agenda")
		if !strings.Contains(agenda.Body, "流程测试对接会") || !strings.Contains(agenda.Body, m.investor.Name) {
			t.Fatal("enterprise a should see its meeting with the investor in its agenda")
		}
		// Once the meeting has started, either side records its outcome.
		mid := regexp.MustCompile(`/console/meetings/(\d+)">` + regexp.QuoteMeta(m.investor.Name)).FindStringSubmatch(agenda.Body)
		if mid == nil {
			t.Fatal("no link to the meeting in the agenda")
		}
		mp := parties["a"].get("/console/meetings/" + mid[1])
		if strings.Contains(mp.Body, `name="outcome"`) {
			t.Fatal("the outcome form should wait for the meeting to start")
		}
		k.clock.add(22 * 24 * time.Hour)
		parties["a"] = k.browser() // the old session has long expired
		parties["a"].signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		mp = parties["a"].get("/console/meetings/" + mid[1])
		r = parties["a"].post("/console/meetings/"+mid[1]+"/outcome", csrfOf(t, mp), url.Values{"outcome": {"term_sheet"}, "note": {"已签意向书"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("outcome: %d", r.Status)
		}
		if p := parties["a"].get("/console/meetings/" + mid[1]); !strings.Contains(p.Body, "签署意向书") || !strings.Contains(p.Body, "已签意向书") {
			t.Fatal("the meeting page should show the recorded outcome")
		}
		parties["inv"].signIn(k.token(app.Token{Role: app.RoleInvestor, InvestorID: &m.investor.ID}))
		if inv := parties["inv"].get("/console/agenda"); !strings.Contains(inv.Body, m.a.Name) || !strings.Contains(inv.Body, "webcal://") {
			t.Fatalf("the investor should see the meeting and its calendar feed link:\n%s", inv.Body[strings.Index(inv.Body, "<main"):])
		}
	})
}

func atoi(s string) int64 {
	var n int64
	fmt.Sscan(s, &n)
	return n
}

// TestConsole_MeetingCancel: a party cancels its own meeting from the
// meeting's page; another party's meeting is refused by the service.
func TestConsole_MeetingCancel(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		ms, err := k.store.FindMeetings(system(), app.MeetingFilter{EventID: m.event.ID, EnterpriseID: m.b.ID})
		if err != nil || len(ms) == 0 {
			t.Fatalf("no meeting for b: %v", err)
		}
		path := fmt.Sprintf("/console/meetings/%d", ms[0].ID)
		a := k.browser()
		csrf := a.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		if p := a.get(path); p.Status != http.StatusNotFound {
			t.Errorf("a opens b's meeting: %d, want 404", p.Status)
		}
		if r := a.post(path+"/cancel", csrf, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("a cancels b's meeting: %d", r.Status)
		}
		if got, _ := k.store.FindMeetingByID(system(), ms[0].ID); got.Status != app.MeetingScheduled {
			t.Fatal("a must not be able to cancel b's meeting")
		}
		b := k.browser()
		csrf = b.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.b.ID}))
		if r := b.post(path+"/cancel", csrf, nil); r.Status != http.StatusSeeOther || r.Location != path {
			t.Fatalf("b cancels: %d %q", r.Status, r.Location)
		}
		if p := b.get(path); !strings.Contains(p.Body, "会谈已取消") || !strings.Contains(p.Body, "st-cancelled") {
			t.Fatal("the meeting page should confirm the cancellation")
		}
		// The organizer's list keeps the cancelled meeting, and filters by status.
		org := k.browser()
		org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		schedule := fmt.Sprintf("/console/events/%d/schedule", m.event.ID)
		link := `href="` + path + `"`
		if p := org.get(schedule); !strings.Contains(p.Body, link) {
			t.Fatal("the schedule page should still list the cancelled meeting")
		}
		if p := org.get(schedule + "?status=cancelled"); !strings.Contains(p.Body, link) {
			t.Fatal("the cancelled filter should list the cancelled meeting")
		}
		if p := org.get(schedule + "?status=scheduled"); p.Status != http.StatusOK || strings.Contains(p.Body, link) {
			t.Fatalf("the scheduled filter should leave the cancelled meeting out: %d", p.Status)
		}
	})
}

// TestConsole_Profile saves both kinds of profile through the form, and
// shows a field error in Chinese without saving a bad value.
func TestConsole_Profile(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		b := k.browser()
		csrf := b.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		form := url.Values{"name": {m.a.Name}, "credit_code": {m.a.CreditCode}, "zone_id": {fmt.Sprint(m.a.ZoneID)},
			"sector": {m.a.Sector}, "subsector": {m.a.Subsector}, "stage": {"mature"}, "innovation_points": {"800"},
			"labels": {"high_tech_enterprise", "gazelle"}, "need.amount_wan": {"2500.5"}, "need.instruments": {"loan"},
			"need.purpose": {"并购"}, "contact.name": {"新联系人"}, "contact.email": {"not-an-email"}, "contact.phone": {"13900000001"}}
		r := b.post("/console/profile", csrf, form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "不是有效的电子邮箱地址") {
			t.Fatalf("a bad e-mail: %d", r.Status)
		}
		form.Set("contact.email", "new@example.cn")
		if r := b.post("/console/profile", csrf, form); r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.500s", r.Status, r.Body)
		}
		e, _ := k.store.FindEnterpriseByID(system(), m.a.ID)
		if e.Stage != "mature" || e.Need.AmountCNY != 25_005_000 || e.Contact.Email != "new@example.cn" || len(e.Labels) != 2 {
			t.Fatalf("saved %+v, need %+v, contact %+v", e, e.Need, e.Contact)
		}

		inv := k.browser()
		csrf = inv.signIn(k.token(app.Token{Role: app.RoleInvestor, InvestorID: &m.investor.ID}))
		page := inv.get("/console/profile")
		if !strings.Contains(page.Body, `value="banker@example.cn"`) || !strings.Contains(page.Body, `name="contacts[2].email"`) {
			t.Fatal("the investor's profile should show its contact and room for three")
		}
		r = inv.post("/console/profile", csrf, url.Values{"name": {m.investor.Name}, "kind": {"bank"}, "stages": {"growth", "mature"},
			"instruments": {"loan"}, "provinces": {"江苏省", "浙江省"}, "ticket_min_wan": {"100"}, "ticket_max_wan": {"8000"},
			"contacts[0].name": {"客户经理甲"}, "contacts[0].email": {"banker@example.cn"},
			"contacts[1].name": {"客户经理乙"}, "contacts[1].email": {"banker2@example.cn"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("investor save: %d\n%.800s", r.Status, r.Body)
		}
		got, _ := k.store.FindInvestorByID(system(), m.investor.ID)
		if got.TicketMaxCNY != 80_000_000 || len(got.Contacts) != 2 || len(got.Provinces) != 2 {
			t.Fatalf("saved %+v", got)
		}
	})
}

// TestConsole_ScheduleUnserved: the dry run names an approved enterprise
// that gets no meeting and says why (here every pair of its is
// forbidden, so it has no candidate).
func TestConsole_ScheduleUnserved(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		rule := &app.PairRule{EventID: m.event.ID, EnterpriseID: m.b.ID, InvestorID: m.investor.ID, Rule: app.PairForbid}
		if err := k.store.PutPairRule(system(), rule); err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprint(m.event.ID)
		plan := org.post("/console/events/"+id+"/schedule", csrf, url.Values{"action": {"dry_run"}})
		body := plan.Body
		at := strings.Index(body, "没有会谈的参会方及原因")
		if plan.Status != http.StatusOK || at < 0 {
			t.Fatalf("dry run: %d, no list of participants without a meeting", plan.Status)
		}
		if list := body[at:]; !strings.Contains(list, m.b.Name) || strings.Contains(list[:strings.Index(list, "</table>")], m.a.Name) ||
			!strings.Contains(list, "没有匹配分达到 40 的对象") {
			t.Fatalf("the list should name %s (and not %s) with the reason:\n%.1500s", m.b.Name, m.a.Name, list)
		}
		en := org.post("/console/events/"+id+"/schedule?lang=en", csrf, url.Values{"action": {"dry_run"}})
		if !strings.Contains(en.Body, "Participants without a meeting, and why") || !strings.Contains(en.Body, "No counterpart scores 40 or more") {
			t.Fatal("the English page should explain too")
		}
	})
}
