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

// seedEnterprise registers an enterprise with recognisable private fields.
func seedEnterprise(t *testing.T, k *console, z *app.Zone, n uint64, email, phone string, need int64) *app.Enterprise {
	t.Helper()
	e := &app.Enterprise{Name: fmt.Sprintf("苏州测试%02d科技有限公司", n), CreditCode: app.ExampleCreditCode(9000 + n), ZoneID: z.ID,
		Sector: "new_generation_it", Subsector: "1.5", Stage: "growth", Labels: []string{"high_tech_enterprise"},
		InnovationPoints: 700, Need: &app.Need{AmountCNY: need, Instruments: []string{"loan"}, Purpose: fmt.Sprintf("私密用途%02d", n)},
		Contact: &app.Contact{Name: fmt.Sprintf("联系人%02d", n), Email: email, Phone: phone}}
	if _, err := k.store.CreateEnterprise(system(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

// market is two enterprises and an investor approved for a matchmaking
// event, with a meeting between the first enterprise and the investor.
type market struct {
	zone     *app.Zone
	a, b     *app.Enterprise
	investor *app.Investor
	event    *app.Event
	meeting  *app.Meeting
}

func seedMarket(t *testing.T, k *console) *market {
	t.Helper()
	m := &market{zone: k.zone("苏州高新技术产业开发区")}
	m.a = seedEnterprise(t, k, m.zone, 1, "alice@example.cn", "13900000001", 12_340_000)
	m.b = seedEnterprise(t, k, m.zone, 2, "bob.secret@example.cn", "13977776666", 98_760_000)
	m.investor = &app.Investor{Name: "苏州测试银行", Kind: "bank", Stages: []string{"growth"}, TicketMinCNY: 1_000_000,
		TicketMaxCNY: 200_000_000, Instruments: []string{"loan"}, Provinces: []string{"江苏省"},
		Contacts: []app.Contact{{Name: "客户经理甲", Email: "banker@example.cn", Phone: "13811112222"}}}
	if _, err := k.store.CreateInvestor(system(), m.investor); err != nil {
		t.Fatal(err)
	}
	start := k.clock.now().Add(14 * 24 * time.Hour).Truncate(24 * time.Hour).Add(time.Hour)
	m.event = &app.Event{Kind: app.KindMatchmaking, Title: "隐私测试对接会", ZoneID: &m.zone.ID, Venue: "会议中心",
		StartsAt: start, EndsAt: start.Add(3 * time.Hour)}
	ctx := system()
	if err := k.store.CreateEvent(ctx, m.event); err != nil {
		t.Fatal(err)
	}
	open, approved := app.StatusOpen, app.RegApproved
	if _, err := k.store.UpdateEvent(ctx, m.event.ID, app.EventUpdate{Status: &open}); err != nil {
		t.Fatal(err)
	}
	regs := []*app.Registration{{EventID: m.event.ID, EnterpriseID: &m.a.ID, Role: app.RegMeeter},
		{EventID: m.event.ID, EnterpriseID: &m.b.ID, Role: app.RegMeeter},
		{EventID: m.event.ID, InvestorID: &m.investor.ID, Role: app.RegInvestor}}
	for _, r := range regs {
		if err := k.store.CreateRegistration(ctx, r); err != nil {
			t.Fatal(err)
		}
		if _, err := k.store.UpdateRegistration(ctx, r.ID, app.RegistrationUpdate{Status: &approved}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []*app.Enterprise{m.a, m.b} {
		req := &app.MeetingRequest{EventID: m.event.ID, From: app.SideEnterprise, EnterpriseID: e.ID, InvestorID: m.investor.ID, Note: "期待交流"}
		if err := k.store.CreateMeetingRequest(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := k.store.Schedule(ctx, m.event.ID, app.ScheduleOptions{}); err != nil {
		t.Fatal(err)
	}
	ms, err := k.store.FindMeetings(ctx, app.MeetingFilter{EventID: m.event.ID, EnterpriseID: m.a.ID})
	if err != nil || len(ms) == 0 {
		t.Fatalf("no meeting for enterprise a: %v", err)
	}
	m.meeting = ms[0]
	return m
}

// privateValues are the strings that would betray an enterprise's private
// fields on a page: contact e-mail, phone and name, financing need (in
// 万元 and in yuan) and purpose.
func privateValues(e *app.Enterprise) []string {
	return []string{e.Contact.Email, e.Contact.Phone, e.Contact.Name, wan(e.Need.AmountCNY), yuan(e.Need.AmountCNY),
		wanValue(e.Need.AmountCNY), e.Need.Purpose}
}

// wanValue is an amount as the 万元 input of a form shows it.
func wanValue(cny int64) string {
	return `value="` + strings.ReplaceAll(strings.TrimSuffix(wan(cny), " 万元"), ",", "") + `"`
}

func wan(cny int64) string {
	s := fmt.Sprintf("%d", cny/10000)
	if f := cny % 10000; f != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%04d", f), "0")
	}
	return group(s) + " 万元"
}

func yuan(cny int64) string { return group(fmt.Sprintf("%d", cny)) + " 元" }

func group(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		return b.String() + "." + frac
	}
	return b.String()
}

var hrefPattern = regexp.MustCompile(`href="(/[^"#]*)`)

// crawl fetches every console and public page a browser can reach by links
// from start, in both languages, and returns their bodies by path.
func crawl(t *testing.T, b *browser, start ...string) map[string]string {
	t.Helper()
	seen := map[string]string{}
	queue := append([]string(nil), start...)
	for len(queue) > 0 && len(seen) < 150 {
		p := queue[0]
		queue = queue[1:]
		if _, ok := seen[p]; ok {
			continue
		}
		r := b.get(p)
		if r.Status >= 500 {
			t.Errorf("GET %s: %d", p, r.Status)
		}
		seen[p] = r.Body
		for _, m := range hrefPattern.FindAllStringSubmatch(r.Body, -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(link, "/static/") || strings.HasPrefix(link, "/api/") || strings.Contains(link, "lang=") && len(seen) > 40 {
				continue
			}
			if u, err := url.Parse(link); err == nil && (strings.HasPrefix(u.Path, "/console") || strings.HasPrefix(u.Path, "/events") || u.Path == "/") {
				queue = append(queue, link)
			}
		}
	}
	return seen
}

// TestConsole_NoForeignPrivateData signs in as each party and fetches every
// page it can reach (and the organizers' pages, which it may not use):
// no page may show another party's contact, phone or financing need.
func TestConsole_NoForeignPrivateData(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		id := fmt.Sprint(m.event.ID)
		staffPages := []string{"/console/events/" + id, "/console/events/" + id + "/applications", "/console/events/" + id + "/matches",
			"/console/events/" + id + "/schedule", "/console/outbox", "/console/campaign", "/console/imports",
			"/console/exports/deals.xlsx", "/console/meetings/" + fmt.Sprint(m.meeting.ID)}
		start := append([]string{"/console", "/console/events", "/console/profile", "/console/agenda", "/console/recommendations",
			"/console/recommendations?event_id=" + id, "/console/requests?event_id=" + id, "/events/" + id, "/"}, staffPages...)

		cases := []struct {
			name    string
			token   app.Token
			own     []string // must appear somewhere: proves the pages render data
			foreign []string
		}{
			{"enterprise a", app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}, []string{m.a.Contact.Email, wanValue(m.a.Need.AmountCNY), m.investor.Name},
				append(privateValues(m.b), m.investor.Contacts[0].Email, m.investor.Contacts[0].Phone, m.investor.Contacts[0].Name)},
			{"enterprise b", app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.b.ID}, []string{m.b.Contact.Email},
				append(privateValues(m.a), m.investor.Contacts[0].Email, m.investor.Contacts[0].Phone)},
			{"investor", app.Token{Role: app.RoleInvestor, InvestorID: &m.investor.ID}, []string{m.investor.Contacts[0].Email, m.a.Name},
				append(privateValues(m.a), privateValues(m.b)...)},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				b := k.browser()
				b.signIn(k.token(tc.token))
				pages := crawl(t, b, start...)
				for _, lang := range []string{"en"} {
					for _, p := range []string{"/console/profile", "/console/agenda", "/console/recommendations?event_id=" + id} {
						pages[p+"&lang="+lang] = b.get(p + "?lang=" + lang).Body
					}
				}
				all := strings.Builder{}
				for path, body := range pages {
					all.WriteString(body)
					for _, v := range tc.foreign {
						if strings.Contains(body, v) {
							t.Errorf("%s shows another party's private value %q", path, v)
						}
					}
				}
				for _, v := range tc.own {
					if !strings.Contains(all.String(), v) {
						t.Errorf("no page shows %q: the crawl did not reach the party's own data", v)
					}
				}
				if len(pages) < 12 {
					t.Errorf("only %d pages reached", len(pages))
				}
			})
		}
	})
}

// TestConsole_OrganizerSeesRegistrants checks the other side of the rule:
// the event's organizer does see the registrants' needs (the services
// allow it), so the privacy test above is not passing by showing nothing.
func TestConsole_OrganizerSeesRegistrants(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		b := k.browser()
		b.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		r := b.get(fmt.Sprintf("/console/events/%d/applications", m.event.ID))
		if r.Status != http.StatusOK || !strings.Contains(r.Body, wan(m.b.Need.AmountCNY)) || !strings.Contains(r.Body, m.a.Name) {
			t.Fatalf("applications page (%d) should list the registrants with their needs", r.Status)
		}
		other := k.zone("西安高新技术产业开发区")
		x := k.browser()
		x.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &other.ID}))
		r = x.get(fmt.Sprintf("/console/events/%d/applications", m.event.ID))
		if r.Status != http.StatusForbidden || strings.Contains(r.Body, wan(m.b.Need.AmountCNY)) {
			t.Fatalf("another zone's organizer: %d, want 403 without the data", r.Status)
		}
	})
}
