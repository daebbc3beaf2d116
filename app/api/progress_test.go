package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
	"roadshow/app/demo"
)

// beijing returns an instant of a Beijing date and hour.
func beijing(day string, hour int) time.Time {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	t, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		panic(err)
	}
	return t.Add(time.Duration(hour) * time.Hour)
}

// at sets the store's clock.
func (h *harness) at(day string) { t := beijing(day, 12); h.store.Now = func() time.Time { return t } }

// campaignEvent creates an event of a zone on a 2025 day and walks it to
// status.
func (h *harness) campaignEvent(zone int64, kind, day, status string) {
	h.t.Helper()
	start := beijing(day, 9)
	r := h.must(201, "POST", "/api/v1/events", h.admin, map[string]any{"kind": kind, "title": kind + " " + day, "zone_id": zone,
		"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(4 * time.Hour).Format(time.RFC3339)})
	id := int64(r.JSON()["id"].(float64))
	path := map[string][]string{app.StatusDraft: nil, app.StatusOpen: {"open"}, app.StatusScheduled: {"open", "scheduled"},
		app.StatusClosed: {"open", "scheduled", "closed"}, app.StatusCancelled: {"cancelled"}}[status]
	for _, st := range path {
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/events/%d", id), h.admin, map[string]any{"status": st})
	}
}

// zoneEnterprise registers an enterprise of a zone and returns its id.
func (h *harness) zoneEnterprise(n uint64, zone int64) int64 {
	body := h.enterpriseBody(n)
	body["zone_id"] = zone
	return int64(h.must(201, "POST", "/api/v1/enterprises", h.admin, body).JSON()["id"].(float64))
}

// deal records a deal on a 2025 day and moves it to status.
func (h *harness) deal(ent, inv int64, amount int64, day, status string) {
	r := h.must(201, "POST", "/api/v1/deals", h.admin, map[string]any{"enterprise_id": ent, "investor_id": inv, "instrument": "loan",
		"amount_cny": amount, "date": day})
	if status != app.DealIntent {
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/deals/%d", int64(r.JSON()["id"].(float64))), h.admin, map[string]any{"status": status})
	}
}

type progressJSON struct {
	AsOf      string `json:"as_of"`
	DaysLeft  int    `json:"days_left"`
	Zones     []zoneProgressJSON
	Provinces []struct {
		Province   string `json:"province"`
		Zones      int    `json:"zones"`
		DealsCount int    `json:"deals_count"`
		Complete   int    `json:"complete"`
	}
	National struct {
		Zones, Complete int
		AtRisk          int   `json:"at_risk"`
		DealsCount      int   `json:"deals_count"`
		DealsAmountCNY  int64 `json:"deals_amount_cny"`
		ContactOnTime   int   `json:"contact_on_time"`
	}
}

type zoneProgressJSON struct {
	ZoneID           int64  `json:"zone_id"`
	ZoneName         string `json:"zone_name"`
	Province         string `json:"province"`
	ContactSubmitted bool   `json:"contact_submitted"`
	ContactOnTime    bool   `json:"contact_on_time"`
	Contact          *struct {
		Name string `json:"name"`
	} `json:"contact"`
	ExchangeVisit    bool              `json:"exchange_visit"`
	Matchmaking      bool              `json:"matchmaking"`
	Roadshow         bool              `json:"roadshow"`
	Events           map[string]string `json:"events"`
	DealsCount       int               `json:"deals_count"`
	DealsAmountCNY   int64             `json:"deals_amount_cny"`
	IntentCount      int               `json:"intent_count"`
	ExperiencesCount int               `json:"experiences_count"`
	Complete         bool              `json:"complete"`
	AtRisk           bool              `json:"at_risk"`
	Risks            []struct{ Code, Item string }
}

func (p progressJSON) zone(t *testing.T, id int64) zoneProgressJSON {
	t.Helper()
	for _, z := range p.Zones {
		if z.ZoneID == id {
			return z
		}
	}
	t.Fatalf("zone %d missing from the progress", id)
	return zoneProgressJSON{}
}

func (z zoneProgressJSON) risks() string {
	var out []string
	for _, r := range z.Risks {
		out = append(out, r.Code+":"+r.Item)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func (h *harness) progress(query, token string) progressJSON {
	h.t.Helper()
	var p progressJSON
	h.must(200, "GET", "/api/v1/campaign/progress"+query, token, nil).Decode(h.t, &p)
	return p
}

// TestProgressAPI_Rules sets four zones in different states of the 2025
// campaign through the API and reads their progress at three dates.
func TestProgressAPI_Rules(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		suzhou, xian := h.zone.ID, h.other.ID
		wuhan, quiet := h.findZone("武汉东湖新技术开发区").ID, h.findZone("合肥高新技术产业开发区").ID
		contact := map[string]any{"name": "陈晨", "title": "处长", "phone": "0512-68751234", "email": "chen@example.cn"}
		h.at("2025-03-10")
		h.must(200, "PUT", path("/api/v1/zones/%d/contact", suzhou), h.org, contact)
		h.at("2025-03-20")
		h.must(200, "PUT", path("/api/v1/zones/%d/contact", wuhan), h.admin, contact)
		h.at("2025-05-01")
		for _, kind := range app.EventKinds {
			h.campaignEvent(suzhou, kind, "2025-04-18", app.StatusClosed)
		}
		h.campaignEvent(wuhan, app.KindExchangeVisit, "2025-04-02", app.StatusClosed)
		h.campaignEvent(wuhan, app.KindRoadshow, "2025-06-05", app.StatusScheduled)
		h.campaignEvent(wuhan, app.KindMatchmaking, "2025-06-26", app.StatusOpen)
		h.campaignEvent(xian, app.KindExchangeVisit, "2025-06-24", app.StatusDraft)
		h.campaignEvent(xian, app.KindMatchmaking, "2025-06-27", app.StatusCancelled)
		h.campaignEvent(xian, app.KindRoadshow, "2025-05-10", app.StatusOpen) // passed while open: not held
		inv, _ := h.registerInvestor("交通银行")
		h.deal(h.zoneEnterprise(1, suzhou), inv, 10_000_000, "2025-05-08", app.DealDisbursed)
		h.deal(h.zoneEnterprise(2, suzhou), inv, 5_000_000, "2025-05-09", app.DealApproved)
		h.deal(h.zoneEnterprise(3, wuhan), inv, 7_000_000, "2025-06-20", app.DealIntent)
		h.must(201, "POST", "/api/v1/experiences", h.org, map[string]any{"title": "两周放款机制", "body": "做法……"})

		tests := []struct {
			day  string
			want map[int64]string // zone → flags and risks
		}{
			{"2025-06-10", map[int64]string{
				suzhou: "contact:on_time visit:held mm:held rs:held deals:2/15000000 intents:0 exp:1 complete:true risks:",
				wuhan:  "contact:late visit:held mm:planned rs:held deals:0/0 intents:1 exp:0 complete:false risks:not_landed:deals",
				xian: "contact:none visit:missing mm:missing rs:missing deals:0/0 intents:0 exp:0 complete:false " +
					"risks:contact_overdue:contact not_landed:deals not_scheduled:exchange_visit not_scheduled:matchmaking not_scheduled:roadshow",
				quiet: "contact:none visit:missing mm:missing rs:missing deals:0/0 intents:0 exp:0 complete:false " +
					"risks:contact_overdue:contact not_landed:deals not_scheduled:exchange_visit not_scheduled:matchmaking not_scheduled:roadshow",
			}},
			{"2025-06-17", map[int64]string{
				wuhan: "contact:late visit:held mm:planned rs:held deals:0/0 intents:1 exp:0 complete:false risks:not_landed:deals not_written:experience",
			}},
			{"2025-07-01", map[int64]string{
				suzhou: "contact:on_time visit:held mm:held rs:held deals:2/15000000 intents:0 exp:1 complete:true risks:",
				wuhan: "contact:late visit:held mm:missing rs:held deals:0/0 intents:1 exp:0 complete:false " +
					"risks:missed:deals missed:experience missed:matchmaking",
			}},
		}
		for _, tt := range tests {
			h.at(tt.day)
			p := h.progress("", h.admin)
			if p.AsOf != tt.day || len(p.Zones) != 176 {
				t.Fatalf("%s: as of %s, %d zones", tt.day, p.AsOf, len(p.Zones))
			}
			for zone, want := range tt.want {
				if got := describe(p.zone(t, zone)); got != want {
					t.Errorf("%s zone %d:\n got %s\nwant %s", tt.day, zone, got, want)
				}
			}
		}
		h.at("2025-06-10")
		p := h.progress("", h.admin)
		if p.National.Zones != 176 || p.National.Complete != 1 || p.National.DealsCount != 2 || p.National.DealsAmountCNY != 15_000_000 ||
			p.National.ContactOnTime != 1 || p.National.AtRisk != 175 {
			t.Fatalf("national %+v", p.National)
		}
	})
}

// describe renders a zone's row for comparison.
func describe(z zoneProgressJSON) string {
	contact := "none"
	if z.ContactSubmitted {
		contact = map[bool]string{true: "on_time", false: "late"}[z.ContactOnTime]
	}
	if z.ExchangeVisit != (z.Events["exchange_visit"] == "held") || z.Matchmaking != (z.Events["matchmaking"] == "held") ||
		z.Roadshow != (z.Events["roadshow"] == "held") || z.AtRisk != (len(z.Risks) > 0) {
		return "inconsistent flags"
	}
	return fmt.Sprintf("contact:%s visit:%s mm:%s rs:%s deals:%d/%d intents:%d exp:%d complete:%v risks:%s", contact,
		z.Events["exchange_visit"], z.Events["matchmaking"], z.Events["roadshow"], z.DealsCount, z.DealsAmountCNY, z.IntentCount,
		z.ExperiencesCount, z.Complete, z.risks())
}

func TestProgressAPI_Access(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		h.at("2025-03-10")
		body := map[string]any{"name": "陈晨", "title": "处长", "phone": "0512-68751234", "email": "chenchen@example.cn"}
		h.must(200, "PUT", path("/api/v1/zones/%d/contact", h.zone.ID), h.org, body)
		h.at("2025-04-01")
		_, tokEnt := h.registerEnterprise(1)
		for tok, want := range map[string]int{"": 401, tokEnt: 403} {
			if r := h.do("GET", "/api/v1/campaign/progress", tok, nil); r.Status != want {
				t.Errorf("progress as %q: %d, want %d", tok, r.Status, want)
			}
			if r := h.do("GET", "/api/v1/campaign/progress.xlsx", tok, nil); r.Status != want {
				t.Errorf("progress.xlsx as %q: %d, want %d", tok, r.Status, want)
			}
		}
		for name, tok := range map[string]string{"admin": h.admin, "own organizer": h.org, "other organizer": h.orgX} {
			r := h.must(200, "GET", "/api/v1/campaign/progress", tok, nil)
			if bytes.Contains(r.Body, []byte("0512-68751234")) || bytes.Contains(r.Body, []byte("chenchen@example.cn")) {
				t.Errorf("%s: the contact's phone or e-mail is in the progress", name)
			}
			var p progressJSON
			r.Decode(t, &p)
			z := p.zone(t, h.zone.ID)
			showsName := z.Contact != nil && z.Contact.Name == "陈晨"
			if !z.ContactSubmitted || showsName != (name != "other organizer") {
				t.Errorf("%s: submitted %v, contact %+v", name, z.ContactSubmitted, z.Contact)
			}
		}
		js := h.progress("?province="+url.QueryEscape("江苏省"), h.orgX)
		if len(js.Provinces) != 1 || js.Provinces[0].Province != "江苏省" || js.National.Zones != len(js.Zones) {
			t.Fatalf("province filter: %+v", js.Provinces)
		}
		br := h.progress(fmt.Sprintf("?branch_id=%d", *h.zone.BranchID), h.org)
		for _, z := range br.Zones {
			if z.Province != h.zone.Province {
				t.Fatalf("branch filter let %s through", z.ZoneName)
			}
		}
		for q, code := range map[string]string{"?province=火星": "validation_failed", "?campaign_id=999": "not_found",
			"?branch_id=x": "validation_failed"} {
			if r := h.do("GET", "/api/v1/campaign/progress"+q, h.admin, nil); r.ErrorCode() != code {
				t.Errorf("%s: %d %s, want %s", q, r.Status, r.Body, code)
			}
		}
	})
}

// TestProgressAPI_Demo checks the demo's three zones in the JSON progress
// and in progress.xlsx, cell by cell.
func TestProgressAPI_Demo(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		d, err := demo.Load(context.Background(), h.store, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		p := h.progress("", h.admin)
		want := map[int64]string{
			d.Zones[0].ID: "contact:on_time visit:held mm:held rs:held deals:3/33000000 intents:0 exp:1 complete:true risks:",
			d.Zones[1].ID: "contact:late visit:held mm:missing rs:held deals:0/0 intents:1 exp:0 complete:false " +
				"risks:missed:deals missed:experience missed:matchmaking",
			d.Zones[2].ID: "contact:none visit:missing mm:missing rs:missing deals:0/0 intents:0 exp:0 complete:false " +
				"risks:contact_overdue:contact missed:deals missed:exchange_visit missed:experience missed:matchmaking missed:roadshow",
		}
		for zone, w := range want {
			if got := describe(p.zone(t, zone)); got != w {
				t.Errorf("zone %d:\n got %s\nwant %s", zone, got, w)
			}
		}
		r := h.must(200, "GET", "/api/v1/campaign/progress.xlsx", h.admin, nil)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/vnd.openxmlformats") ||
			!strings.Contains(r.Header.Get("Content-Disposition"), "progress.xlsx") {
			t.Fatalf("headers %v", r.Header)
		}
		f, err := excelize.OpenReader(bytes.NewReader(r.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("各高新区", excelize.Options{RawCellValue: true})
		if err != nil || len(rows) != 177 {
			t.Fatalf("%d rows: %v", len(rows), err)
		}
		cells := map[string][]string{}
		for _, row := range rows[1:] {
			cells[row[2]] = row
		}
		for name, want := range map[string][]string{
			"苏州高新技术产业开发区": {"按时报送", "陈晨", "已举办", "已举办", "已举办", "3", "3300"},
			"武汉东湖新技术开发区":  {"逾期报送", "刘洋", "已举办", "未举办", "已举办", "0", "0"},
			"西安高新技术产业开发区": {"未报送", "", "未举办", "未举办", "未举办", "0", "0"},
		} {
			row := cells[name]
			if len(row) < 12 {
				t.Fatalf("%s: row %v", name, row)
			}
			got := []string{row[4], row[6], row[7], row[8], row[9], row[10], row[11]}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v, want %v", name, got, want)
			}
		}
		totals, _ := f.GetRows("分省汇总", excelize.Options{RawCellValue: true})
		last := totals[len(totals)-1]
		if last[0] != "全国合计" || last[1] != "176" || last[2] != "2" || last[3] != "1" {
			t.Errorf("national row %v", last)
		}
	})
}
