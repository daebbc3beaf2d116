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

var flashPattern = regexp.MustCompile(`<p class="flash (\w+)" role="status">([^<]*)</p>`)

// flashOf returns the kind and text of a page's flash message.
func flashOf(p page) (kind, text string) {
	m := flashPattern.FindStringSubmatch(p.Body)
	if m == nil {
		return "", ""
	}
	return m[1], html.UnescapeString(m[2])
}

// follow fetches a redirect's target and returns its flash message.
func (b *browser) follow(r page) (kind, text string) {
	b.k.t.Helper()
	if r.Status != http.StatusSeeOther {
		b.k.t.Fatalf("want a redirect, got %d\n%.400s", r.Status, r.Body)
	}
	return flashOf(b.get(r.Location))
}

// eventForm is a complete, valid event form for a day three weeks ahead.
func eventForm(k *console, title string) url.Values {
	day := k.clock.now().AddDate(0, 0, 21).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	return url.Values{"kind": {"matchmaking"}, "title": {title}, "timezone": {"Asia/Shanghai"}, "venue": {"创新中心"},
		"starts_at": {day + "T09:00"}, "ends_at": {day + "T12:00"}, "meeting.slot_minutes": {"20"}, "meeting.break_minutes": {"5"},
		"meeting.tables": {"2"}, "meeting.max_per_enterprise": {"2"}, "meeting.max_per_investor": {"4"}, "capacity": {"0"},
		"pitch.pitch_minutes": {"8"}, "pitch.qa_minutes": {"7"}, "settings.booking_mode": {"organizer"}}
}

// eventsTitled counts the events with this title.
func (k *console) eventsTitled(title string) int {
	k.t.Helper()
	list, err := k.store.FindEvents(system(), app.EventFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		k.t.Fatal(err)
	}
	n := 0
	for _, e := range list.Items {
		if e.Title == title {
			n++
		}
	}
	return n
}

// TestConsole_EventNewForm: the new-event form is for staff only, in the
// page's language.
func TestConsole_EventNewForm(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))
		p := org.get("/console/events/new")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "新建活动") || !strings.Contains(p.Body, `name="starts_at"`) ||
			!strings.Contains(p.Body, `<option value="Asia/Shanghai" selected>`) {
			t.Fatalf("new event form (zh): %d\n%.600s", p.Status, p.Body)
		}
		if p := org.get("/console/events/new?lang=en"); p.Status != http.StatusOK || !strings.Contains(p.Body, "New event") ||
			strings.Contains(p.Body, "新建活动") {
			t.Fatalf("new event form (en): %d", p.Status)
		}

		ent := k.browser()
		e := seedEnterprise(t, k, z, 7, "seven@example.cn", "13900000007", 1_000_000)
		ent.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &e.ID}))
		if p := ent.get("/console/events/new"); p.Status != http.StatusForbidden || strings.Contains(p.Body, `name="starts_at"`) {
			t.Fatalf("an enterprise opens the new event form: %d, want 403 without the form", p.Status)
		}
		anon := k.browser()
		if p := anon.get("/console/events/new"); p.Status != http.StatusSeeOther || p.Location != "/signin?next=%2Fconsole%2Fevents%2Fnew" {
			t.Fatalf("anonymous: %d %q, want the sign-in page", p.Status, p.Location)
		}
	})
}

// TestConsole_EventCreateValidation: the form's own parse errors and the
// service's validation come back in the page's language, with nothing
// written.
func TestConsole_EventCreateValidation(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))

		bad := eventForm(k, "校验测试活动")
		bad.Set("starts_at", "明天上午")
		bad.Set("meeting.tables", "两张")
		r := org.post("/console/events", csrf, bad)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "请输入日期和时间") ||
			!strings.Contains(r.Body, "请输入整数") || !strings.Contains(r.Body, `value="校验测试活动"`) {
			t.Fatalf("parse errors (zh): %d, want 422 with both messages and the title kept\n%.500s", r.Status, r.Body)
		}
		org.get("/console/events?lang=en") // the language is remembered
		r = org.post("/console/events", csrf, bad)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Enter a date and time") ||
			!strings.Contains(r.Body, "Enter a whole number") {
			t.Fatalf("parse errors (en): %d", r.Status)
		}

		backwards := eventForm(k, "校验测试活动")
		backwards.Set("ends_at", strings.Replace(backwards.Get("starts_at"), "T09:00", "T08:00", 1))
		if r := org.post("/console/events", csrf, backwards); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, "must be after starts_at") {
			t.Fatalf("end before start (en): %d", r.Status)
		}
		org.get("/console/events?lang=zh")
		if r := org.post("/console/events", csrf, backwards); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, "结束时间须晚于开始时间") {
			t.Fatalf("end before start (zh): %d", r.Status)
		}
		if n := k.eventsTitled("校验测试活动"); n != 0 {
			t.Fatalf("%d events written by refused forms", n)
		}
		if r := org.post("/console/events", "", eventForm(k, "校验测试活动")); r.Status != http.StatusForbidden || k.eventsTitled("校验测试活动") != 0 {
			t.Fatalf("a form without its CSRF token: %d, want 403 and nothing written", r.Status)
		}
	})
}

// TestConsole_EventEdit: the organizer saves changes to an event; a bad
// value is refused without saving, and another zone's organizer can
// neither open the form nor save it.
func TestConsole_EventEdit(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))
		r := org.post("/console/events", csrf, eventForm(k, "编辑前的标题"))
		if kind, text := org.follow(r); kind != "ok" || !strings.Contains(text, "活动已创建") {
			t.Fatalf("created: flash %s %q", kind, text)
		}
		id := idInPath.FindStringSubmatch(r.Location)[1]
		path := "/console/events/" + id
		if p := org.get(path); p.Status != http.StatusOK || !strings.Contains(p.Body, "活动管理") || !strings.Contains(p.Body, `value="编辑前的标题"`) ||
			!strings.Contains(p.Body, `href="/events/`+id+`"`) {
			t.Fatalf("manage page: %d", p.Status)
		}

		form := eventForm(k, "编辑后的标题")
		form.Set("venue", "新会场")
		form.Set("meeting.tables", "6")
		r = org.post(path, csrf, form)
		if kind, text := org.follow(r); kind != "ok" || text != "已保存。" {
			t.Fatalf("save: flash %s %q", kind, text)
		}
		ev, err := k.store.FindEventByID(system(), atoi(id))
		if err != nil || ev.Title != "编辑后的标题" || ev.Venue != "新会场" || ev.Meeting.Tables != 6 || ev.Status != app.StatusDraft {
			t.Fatalf("saved %+v (%v)", ev, err)
		}

		form.Set("meeting.slot_minutes", "二十")
		form.Set("title", "不应保存")
		if r := org.post(path+"?lang=en", csrf, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Enter a whole number") {
			t.Fatalf("bad save: %d", r.Status)
		}
		if ev, _ := k.store.FindEventByID(system(), atoi(id)); ev.Title != "编辑后的标题" {
			t.Fatalf("a refused form saved the title %q", ev.Title)
		}

		other := k.zone("西安高新技术产业开发区")
		x := k.browser()
		xc := x.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &other.ID}))
		if p := x.get(path); p.Status != http.StatusNotFound || strings.Contains(p.Body, "编辑后的标题") {
			t.Fatalf("another zone's organizer opens a draft: %d, want 404", p.Status)
		}
		org.post(path+"/status", csrf, url.Values{"status": {"open"}})
		if p := x.get(path); p.Status != http.StatusSeeOther || p.Location != "/events/"+id {
			t.Fatalf("another zone's organizer opens the form: %d %q, want the public page", p.Status, p.Location)
		}
		form.Set("title", "他人改的标题")
		form.Set("meeting.slot_minutes", "20")
		if r := x.post(path, xc, form); r.Status < 400 || r.Status >= 500 {
			t.Fatalf("another zone's organizer saves: %d, want a 4xx", r.Status)
		}
		if ev, _ := k.store.FindEventByID(system(), atoi(id)); ev.Title != "编辑后的标题" {
			t.Fatalf("another zone's organizer changed the title to %q", ev.Title)
		}
		if p := org.get("/console/events/999999"); p.Status != http.StatusNotFound {
			t.Fatalf("an unknown event: %d, want 404", p.Status)
		}
		if p := org.get("/console/events/abc"); p.Status != http.StatusNotFound && p.Status != http.StatusBadRequest {
			t.Fatalf("a malformed id: %d, want 400 or 404", p.Status)
		}
	})
}

// TestConsole_EventSessions: the organizer adds a session within the event
// and deletes it; a session outside the event is refused with a message.
func TestConsole_EventSessions(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))
		form := eventForm(k, "场次测试活动")
		r := org.post("/console/events", csrf, form)
		id := idInPath.FindStringSubmatch(r.Location)[1]
		day := strings.TrimSuffix(form.Get("starts_at"), "T09:00")

		r = org.post("/console/events/"+id+"/sessions", csrf, url.Values{"title": {"上午场"}, "room": {"A 厅"},
			"starts_at": {day + "T09:00"}, "ends_at": {day + "T10:30"}, "sectors": {"biotech"}})
		if r.Location != "/console/events/"+id {
			t.Fatalf("add session: %d %q", r.Status, r.Location)
		}
		if kind, text := org.follow(r); kind != "ok" || text != "场次已添加。" {
			t.Fatalf("add session: flash %s %q", kind, text)
		}
		sessions, err := k.store.FindSessions(system(), atoi(id))
		if err != nil || len(sessions) != 1 || sessions[0].Title != "上午场" || sessions[0].Room != "A 厅" ||
			sessions[0].StartsAt.UTC().Hour() != 1 || len(sessions[0].Sectors) != 1 {
			t.Fatalf("sessions %+v (%v), want one at 09:00 Beijing time", sessions, err)
		}
		if p := org.get("/console/events/" + id); !strings.Contains(p.Body, "上午场") ||
			!strings.Contains(p.Body, fmt.Sprintf(`action="/console/sessions/%d/delete"`, sessions[0].ID)) {
			t.Fatal("the manage page should list the session with its delete button")
		}

		r = org.post("/console/events/"+id+"/sessions?lang=en", csrf, url.Values{"title": {"夜场"},
			"starts_at": {day + "T20:00"}, "ends_at": {day + "T21:00"}})
		if kind, text := org.follow(r); kind != "error" || !strings.HasPrefix(text, "Invalid input — ") {
			t.Fatalf("a session outside the event: flash %s %q", kind, text)
		}
		if s, _ := k.store.FindSessions(system(), atoi(id)); len(s) != 1 {
			t.Fatalf("%d sessions after a refused one, want 1", len(s))
		}

		r = org.post(fmt.Sprintf("/console/sessions/%d/delete?lang=zh", sessions[0].ID), csrf, url.Values{"event_id": {id}})
		if r.Location != "/console/events/"+id {
			t.Fatalf("delete session: %d %q", r.Status, r.Location)
		}
		if kind, text := org.follow(r); kind != "ok" || text != "场次已删除。" {
			t.Fatalf("delete session: flash %s %q", kind, text)
		}
		if s, _ := k.store.FindSessions(system(), atoi(id)); len(s) != 0 {
			t.Fatalf("%d sessions after the delete", len(s))
		}
	})
}

// TestConsole_EventStatus: the organizer opens, closes and cancels an
// event from its page; a transition the rules forbid is refused.
func TestConsole_EventStatus(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		z := k.zone("苏州高新技术产业开发区")
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}))
		r := org.post("/console/events", csrf, eventForm(k, "状态测试活动"))
		id := idInPath.FindStringSubmatch(r.Location)[1]
		status := func(to string) (string, string) {
			return org.follow(org.post("/console/events/"+id+"/status", csrf, url.Values{"status": {to}}))
		}
		if kind, text := status("open"); kind != "ok" || text != "已开放报名。" {
			t.Fatalf("open: %s %q", kind, text)
		}
		if kind, _ := status("draft"); kind != "ok" {
			t.Fatalf("back to draft: %s", kind)
		}
		if kind, text := status("closed"); kind != "error" || !strings.HasPrefix(text, "操作冲突") && !strings.HasPrefix(text, "输入有误") {
			t.Fatalf("draft → closed: %s %q, want a refusal", kind, text)
		}
		if ev, _ := k.store.FindEventByID(system(), atoi(id)); ev.Status != app.StatusDraft {
			t.Fatalf("status %s after a refused transition", ev.Status)
		}
		if kind, text := status("cancelled"); kind != "ok" || !strings.HasPrefix(text, "活动已取消") {
			t.Fatalf("cancel: %s %q", kind, text)
		}
		if ev, _ := k.store.FindEventByID(system(), atoi(id)); ev.Status != app.StatusCancelled {
			t.Fatalf("status %s after cancelling", ev.Status)
		}
	})
}

// TestConsole_PairRules: the organizer sees the event's matches, pins a
// pair, is told when the pair already has a rule, and deletes it.
func TestConsole_PairRules(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		matches := fmt.Sprintf("/console/events/%d/matches", m.event.ID)
		p := org.get(matches)
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "匹配概览") || !strings.Contains(p.Body, m.a.Name) ||
			!strings.Contains(p.Body, m.b.Name) || !strings.Contains(p.Body, fmt.Sprintf(`<option value="%d">%s</option>`, m.investor.ID, m.investor.Name)) {
			t.Fatalf("matches page: %d\n%.800s", p.Status, p.Body)
		}
		for _, v := range append(privateValues(m.a), m.investor.Contacts[0].Email) {
			if strings.Contains(p.Body, v) {
				t.Errorf("the matches page shows the private value %q", v)
			}
		}
		rule := url.Values{"enterprise_id": {fmt.Sprint(m.b.ID)}, "investor_id": {fmt.Sprint(m.investor.ID)}, "rule": {"forbid"}, "note": {"利益冲突"}}
		r := org.post(fmt.Sprintf("/console/events/%d/pair-rules", m.event.ID), csrf, rule)
		if r.Location != matches {
			t.Fatalf("rule: %d %q", r.Status, r.Location)
		}
		if kind, text := org.follow(r); kind != "ok" || text != "配对规则已保存。" {
			t.Fatalf("rule: flash %s %q", kind, text)
		}
		rules, err := k.store.FindPairRules(system(), m.event.ID)
		if err != nil || len(rules) != 1 || rules[0].Rule != "forbid" || rules[0].EnterpriseID != m.b.ID || rules[0].Note != "利益冲突" {
			t.Fatalf("rules %+v (%v)", rules, err)
		}
		if p := org.get(matches); !strings.Contains(p.Body, "利益冲突") || !strings.Contains(p.Body, fmt.Sprintf("/console/pair-rules/%d/delete", rules[0].ID)) {
			t.Fatal("the matches page should list the rule with its delete button")
		}
		r = org.post(fmt.Sprintf("/console/events/%d/pair-rules?lang=en", m.event.ID), csrf, rule)
		if kind, text := org.follow(r); kind != "error" || !strings.HasPrefix(text, "Conflict — ") {
			t.Fatalf("a second rule for the pair: flash %s %q", kind, text)
		}

		// Another zone's organizer may neither see the matches nor delete the rule.
		other := k.zone("西安高新技术产业开发区")
		x := k.browser()
		xc := x.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &other.ID}))
		if p := x.get(matches); p.Status != http.StatusForbidden || strings.Contains(p.Body, m.a.Name) {
			t.Fatalf("another zone's organizer: %d, want 403", p.Status)
		}
		x.post(fmt.Sprintf("/console/pair-rules/%d/delete", rules[0].ID), xc, url.Values{"event_id": {fmt.Sprint(m.event.ID)}})
		if rs, _ := k.store.FindPairRules(system(), m.event.ID); len(rs) != 1 {
			t.Fatal("another zone's organizer deleted the rule")
		}

		r = org.post(fmt.Sprintf("/console/pair-rules/%d/delete?lang=zh", rules[0].ID), csrf, url.Values{"event_id": {fmt.Sprint(m.event.ID)}})
		if kind, text := org.follow(r); r.Location != matches || kind != "ok" || text != "配对规则已删除。" {
			t.Fatalf("delete: %q flash %s %q", r.Location, kind, text)
		}
		if rs, _ := k.store.FindPairRules(system(), m.event.ID); len(rs) != 0 {
			t.Fatalf("%d rules after the delete", len(rs))
		}
	})
}
