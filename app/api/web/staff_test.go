package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roadshow/app"
)

// seedDeals records two landed deals in different months and an intent
// for enterprise a, and a landed deal in another province.
func seedDeals(t *testing.T, k *console, m *market) *app.Enterprise {
	t.Helper()
	xian := k.zone("西安高新技术产业开发区")
	far := seedEnterprise(t, k, xian, 3, "far@example.cn", "13900000003", 5_000_000)
	deals := []*app.Deal{
		{EnterpriseID: m.a.ID, InvestorID: m.investor.ID, Instrument: "loan", AmountCNY: 30_000_000, Status: app.DealApproved, Date: "2025-04-10"},
		{EnterpriseID: m.a.ID, InvestorID: m.investor.ID, Instrument: "loan", AmountCNY: 12_500_000, Status: app.DealDisbursed, Date: "2025-05-20"},
		{EnterpriseID: m.b.ID, InvestorID: m.investor.ID, Instrument: "loan", AmountCNY: 77_000_000, Status: app.DealIntent, Date: "2025-05-21"},
		{EnterpriseID: far.ID, InvestorID: m.investor.ID, Instrument: "loan", AmountCNY: 4_000_000, Status: app.DealApproved, Date: "2025-06-01"},
	}
	for _, d := range deals {
		if err := k.store.CreateDeal(system(), d); err != nil {
			t.Fatal(err)
		}
	}
	return far
}

// TestConsole_CampaignDashboard: an admin sees the deals landed month by
// month, in a chart labelled in the page's language; a province narrows
// them; a party may not open the dashboard.
func TestConsole_CampaignDashboard(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		seedDeals(t, k, m)
		admin := k.browser()
		admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		p := admin.get("/console/campaign")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "火炬赋能进度看板") || !strings.Contains(p.Body, `<svg class="chart"`) ||
			!strings.Contains(p.Body, `aria-label="每月融资落地金额（柱）与累计金额（线）"`) {
			t.Fatalf("dashboard (zh): %d\n%.600s", p.Status, p.Body)
		}
		// Bars for April, May and June; the intent is not landed; the line ends at the total.
		for _, want := range []string{"<title>2025-04 3,000 万元</title>", "<title>2025-05 1,250 万元</title>",
			"<title>2025-06 400 万元</title>", ">4,650 万元</text>"} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the chart lacks %q", want)
			}
		}
		if strings.Contains(p.Body, "7,700 万元") {
			t.Error("an intent is counted as landed")
		}
		en := admin.get("/console/campaign?lang=en&province=" + url.QueryEscape("江苏省"))
		if en.Status != http.StatusOK || !strings.Contains(en.Body, "Campaign dashboard") ||
			!strings.Contains(en.Body, `aria-label="Amount landed per month (bars) and cumulative (line)"`) {
			t.Fatalf("dashboard (en): %d", en.Status)
		}
		if strings.Contains(en.Body, "<title>2025-06") || !strings.Contains(en.Body, ">4,250 万元</text>") ||
			!strings.Contains(en.Body, `<option value="江苏省" selected>`) {
			i := strings.Index(en.Body, "<svg")
			t.Errorf("the Jiangsu dashboard should leave out the Shaanxi deal and total 4,250 万元:\n%.1500s", en.Body[max(i, 0):])
		}
		if p := admin.get("/console/campaign?province=" + url.QueryEscape("火星省")); p.Status != http.StatusOK ||
			!strings.Contains(p.Body, ">4,650 万元</text>") {
			t.Fatalf("an unknown province shows the nation: %d", p.Status)
		}

		ent := k.browser()
		ent.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		if p := ent.get("/console/campaign"); p.Status != http.StatusForbidden || strings.Contains(p.Body, "<svg class=\"chart\"") {
			t.Fatalf("an enterprise opens the dashboard: %d, want 403", p.Status)
		}
		if p := ent.get("/console/exports/progress.xlsx"); p.Status != http.StatusForbidden || strings.HasPrefix(p.Body, "PK") {
			t.Fatalf("an enterprise downloads the progress: %d, want 403", p.Status)
		}
	})
}

// TestConsole_CampaignEmpty: without deals the dashboard says so and draws
// no chart.
func TestConsole_CampaignEmpty(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		admin := k.browser()
		admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		p := admin.get("/console/campaign")
		if p.Status != http.StatusOK || strings.Contains(p.Body, "<svg") {
			t.Fatalf("empty dashboard: %d, want 200 without a chart", p.Status)
		}
	})
}

// TestConsole_Exports: staff download the progress and the deals as
// spreadsheets; a bad province is refused by name.
func TestConsole_Exports(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		seedDeals(t, k, m)
		admin := k.browser()
		admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		for _, path := range []string{"/console/exports/progress.xlsx", "/console/exports/deals.xlsx",
			"/console/exports/deals.xlsx?province=" + url.QueryEscape("江苏省")} {
			if p := admin.get(path); p.Status != http.StatusOK || !strings.HasPrefix(p.Body, "PK\x03\x04") {
				t.Errorf("%s: %d, want a spreadsheet", path, p.Status)
			}
		}
		if p := admin.get("/console/exports/progress.xlsx?lang=en&province=" + url.QueryEscape("火星省")); p.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(p.Body, "unknown province") {
			t.Fatalf("an unknown province: %d, want 422 naming it\n%.300s", p.Status, p.Body)
		}
	})
}

// markDead marks a notification dead, as the sender does after its last
// attempt.
func (k *console) markDead(id int64) {
	k.t.Helper()
	if _, err := k.store.DB().Exec("UPDATE notifications SET status = 'dead' WHERE id = ?", id); err != nil {
		k.t.Fatal(err)
	}
}

// TestConsole_OutboxRetry: an admin finds a dead notification in the
// outbox and queues it again; retrying a queued one is refused.
func TestConsole_OutboxRetry(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		list, err := k.store.FindNotifications(system(), app.NotificationFilter{EventID: m.event.ID, Page: app.Page{Limit: 10}})
		if err != nil || len(list.Items) == 0 {
			t.Fatalf("no notifications for the event: %v", err)
		}
		n := list.Items[0]
		k.markDead(n.ID)
		admin := k.browser()
		csrf := admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		retry := fmt.Sprintf(`action="/console/outbox/%d/retry"`, n.ID)
		p := admin.get("/console/outbox?status=dead")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "发件箱") || !strings.Contains(p.Body, retry) {
			t.Fatalf("dead outbox: %d, want the notification with a retry button", p.Status)
		}
		if p := admin.get("/console/outbox?status=pending"); strings.Contains(p.Body, retry) {
			t.Fatal("the pending tab lists a dead notification")
		}
		if p := admin.get(fmt.Sprintf("/console/outbox?event_id=%d&lang=en", m.event.ID)); p.Status != http.StatusOK ||
			!strings.Contains(p.Body, "Outbox") || !strings.Contains(p.Body, retry) {
			t.Fatalf("the event's outbox (en): %d", p.Status)
		}
		r := admin.post(fmt.Sprintf("/console/outbox/%d/retry", n.ID), csrf, url.Values{"status": {"dead"}})
		if r.Location != "/console/outbox?status=dead" {
			t.Fatalf("retry: %d %q", r.Status, r.Location)
		}
		if kind, text := admin.follow(r); kind != "ok" || text != "Queued again." { // the English of the last page
			t.Fatalf("retry: flash %s %q", kind, text)
		}
		got, err := k.store.FindNotificationByID(system(), n.ID)
		if err != nil || got.Status != app.NotificationPending {
			t.Fatalf("after the retry: %+v (%v), want pending", got, err)
		}
		r = admin.post(fmt.Sprintf("/console/outbox/%d/retry", n.ID), csrf, nil)
		if kind, text := admin.follow(r); r.Location != "/console/outbox" || kind != "error" || !strings.HasPrefix(text, "Conflict — ") {
			t.Fatalf("retrying a pending one: %q flash %s %q", r.Location, kind, text)
		}

		ent := k.browser()
		ec := ent.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		if p := ent.get("/console/outbox"); p.Status != http.StatusForbidden {
			t.Fatalf("an enterprise opens the outbox: %d, want 403", p.Status)
		}
		k.markDead(n.ID)
		ent.post(fmt.Sprintf("/console/outbox/%d/retry", n.ID), ec, nil)
		if got, _ := k.store.FindNotificationByID(system(), n.ID); got.Status != app.NotificationDead {
			t.Fatalf("an enterprise retried a notification: %s", got.Status)
		}
	})
}

// TestConsole_StaticAndNotFound: the embedded assets are served with their
// type; unknown paths get an HTML page in the browser's language, and
// JSON under /api.
func TestConsole_StaticAndNotFound(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		b := k.browser()
		if p := b.get("/static/app.css"); p.Status != http.StatusOK || !strings.Contains(p.Body, "{") {
			t.Fatalf("app.css: %d", p.Status)
		}
		if p := b.get("/static/icon.svg"); p.Status != http.StatusOK || !strings.Contains(p.Body, "<svg") {
			t.Fatalf("icon.svg: %d", p.Status)
		}
		for _, path := range []string{"/static/missing.css", "/static/../web.go", "/static/%2e%2e/web.go"} {
			if p := b.get(path); p.Status != http.StatusNotFound || strings.Contains(p.Body, "package web") {
				t.Errorf("%s: %d, want 404", path, p.Status)
			}
		}
		p := b.get("/no/such/page")
		if p.Status != http.StatusNotFound || !strings.Contains(p.Body, "页面不存在") || !strings.Contains(p.Body, "<html") {
			t.Fatalf("unknown page: %d, want an HTML 404\n%.300s", p.Status, p.Body)
		}
		if p := b.get("/no/such/page?lang=en"); p.Status != http.StatusNotFound || !strings.Contains(p.Body, "page not found") {
			t.Fatalf("unknown page (en): %d", p.Status)
		}
		if p := b.get("/api/v1/no-such-thing"); p.Status != http.StatusNotFound || strings.Contains(p.Body, "<html") {
			t.Fatalf("unknown API path: %d, want a 404 without HTML", p.Status)
		}
		b.header = map[string]string{"Accept": "application/json"}
		if p := b.get("/no/such/page"); p.Status != http.StatusNotFound || strings.Contains(p.Body, "<html") {
			t.Fatalf("unknown path for a JSON client: %d, want a 404 without HTML", p.Status)
		}
	})
}
