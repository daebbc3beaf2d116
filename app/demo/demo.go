// Package demo loads a realistic, repeatable data set: three high-tech
// zones with one event of each kind in the 2025 campaign, an upcoming
// matchmaking meeting and roadshow, 60 enterprises, 15 investors, 8
// financing products modelled on the campaign's, deals, an experience and
// well-known demo tokens. Loading twice changes nothing.
package demo

import (
	"context"
	"fmt"
	"time"

	"roadshow/app"
	"roadshow/app/store"
)

// Tokens are the demo's well-known bearer secrets. They are for
// demonstrations only: never load the demo into a production database.
var Tokens = []struct {
	Secret, Label string
	Token         func(d *Data) app.Token
}{
	{"rs_demo_admin", "demo admin", func(d *Data) app.Token { return app.Token{Role: app.RoleAdmin} }},
	{"rs_demo_organizer", "demo organizer of 苏州高新区", func(d *Data) app.Token {
		return app.Token{Role: app.RoleOrganizer, ZoneID: &d.Zones[0].ID}
	}},
	{"rs_demo_branch", "demo organizer of 交通银行苏州分行", func(d *Data) app.Token {
		return app.Token{Role: app.RoleOrganizer, BranchID: d.Zones[0].BranchID}
	}},
	{"rs_demo_enterprise", "demo enterprise", func(d *Data) app.Token {
		return app.Token{Role: app.RoleEnterprise, EnterpriseID: &d.Enterprises[0].ID}
	}},
	{"rs_demo_investor", "demo investor 交通银行苏州分行", func(d *Data) app.Token {
		return app.Token{Role: app.RoleInvestor, InvestorID: &d.Investors[0].ID}
	}},
}

// Data is what the demo loaded, for printing and for tests.
type Data struct {
	Zones       []*app.Zone
	Enterprises []*app.Enterprise
	Investors   []*app.Investor
	Products    []*app.Product
	Events      []*app.Event
	Upcoming    *app.Event // the matchmaking meeting next week
	Roadshow    *app.Event // the roadshow next week
}

// Load creates whatever of the demo is missing. now anchors the upcoming
// events (next Wednesday and Thursday).
func Load(ctx context.Context, s *store.Store, now time.Time) (*Data, error) {
	ctx = app.NewContextWithPrincipal(ctx, app.SystemPrincipal)
	d := &Data{}
	steps := []struct {
		name string
		fn   func(context.Context, *store.Store, *Data, time.Time) error
	}{
		{"zones", loadZones}, {"investors", loadInvestors}, {"products", loadProducts},
		{"enterprises", loadEnterprises}, {"campaign events", loadCampaignEvents},
		{"upcoming events", loadUpcoming}, {"deals and experiences", loadOutcomes}, {"tokens", loadTokens},
	}
	for _, st := range steps {
		if err := st.fn(ctx, s, d, now); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", st.name, err)
		}
	}
	return d, nil
}

// demoZones are the three zones of the demo.
var demoZones = []struct{ name, division string }{
	{"苏州高新技术产业开发区", "320500"},
	{"武汉东湖新技术开发区", "420100"},
	{"西安高新技术产业开发区", "610100"},
}

func loadZones(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	for _, z := range demoZones {
		list, err := s.FindZones(ctx, app.ZoneFilter{Q: z.name, Page: app.Page{Limit: 1}})
		if err != nil {
			return err
		}
		if len(list.Items) == 0 {
			return fmt.Errorf("zone %s is not seeded", z.name)
		}
		d.Zones = append(d.Zones, list.Items[0])
	}
	return nil
}

func loadTokens(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	for _, t := range Tokens {
		tok := t.Token(d)
		tok.Label = t.Label
		if err := s.EnsureToken(ctx, &tok, t.Secret); err != nil {
			return fmt.Errorf("%s: %w", t.Label, err)
		}
	}
	return nil
}

// at returns a time in Beijing time.
func at(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, beijing)
}

var beijing = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()
