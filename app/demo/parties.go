package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/matching/synth"
)

// bocomInvestors are the Bank of Communications family, the campaign's
// financing side.
var bocomInvestors = []app.Investor{
	{Name: "交通银行苏州分行", Kind: "bank", Stages: []string{"startup", "growth", "mature"}, TicketMinCNY: 1_000_000,
		TicketMaxCNY: 50_000_000, Instruments: []string{"loan", "guarantee"}, Provinces: []string{"江苏省"},
		Description: "科技金融专营团队，交银火炬贷、专精特新贷"},
	{Name: "交通银行湖北省分行", Kind: "bank", Stages: []string{"startup", "growth", "mature"}, TicketMinCNY: 1_000_000,
		TicketMaxCNY: 50_000_000, Instruments: []string{"loan"}, Provinces: []string{"湖北省"}, Description: "东湖科技支行"},
	{Name: "交通银行陕西省分行", Kind: "bank", Stages: []string{"startup", "growth", "mature"}, TicketMinCNY: 500_000,
		TicketMaxCNY: 30_000_000, Instruments: []string{"loan"}, Provinces: []string{"陕西省"}, Description: "火炬创新积分贷试点"},
	{Name: "交银国际控股有限公司", Kind: "vc", Sectors: []string{"new_generation_it", "biotech", "high_end_equipment", "new_materials"},
		Stages: []string{"seed", "startup", "growth"}, TicketMinCNY: 3_000_000, TicketMaxCNY: 50_000_000,
		Instruments: []string{"equity"}, Description: "新苗计划股权服务"},
	{Name: "交银金融租赁有限责任公司", Kind: "leasing", Sectors: []string{"high_end_equipment", "new_energy_vehicles", "new_energy", "energy_saving_environmental"},
		Stages: []string{"growth", "mature"}, TicketMinCNY: 5_000_000, TicketMaxCNY: 100_000_000, Instruments: []string{"leasing"}},
	{Name: "交银国际信托有限公司", Kind: "trust", Stages: []string{"growth", "mature"}, TicketMinCNY: 10_000_000,
		TicketMaxCNY: 100_000_000, Instruments: []string{"trust"}},
}

var contactNames = []string{"王敏", "李强", "张静", "刘洋", "陈晨", "杨帆", "赵磊", "黄婷", "周杰", "吴霞", "徐鹏", "孙丽",
	"马超", "朱琳", "胡斌", "郭颖", "何平", "高远", "林娜", "罗军"}

func demoContact(kind string, n int) app.Contact {
	return app.Contact{Name: contactNames[n%len(contactNames)], Title: map[string]string{"investor": "客户经理", "enterprise": "财务总监"}[kind],
		Email: fmt.Sprintf("%s%02d@demo.roadshow.example.cn", kind, n), Phone: fmt.Sprintf("1390000%04d", n), TimeZone: "Asia/Shanghai"}
}

func loadInvestors(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	list := append([]app.Investor(nil), bocomInvestors...)
	pop := synth.Generate(synth.Options{Investors: 60, Seed: 2025})
	for i, inv := range pop.Investors {
		name := pop.InvestorNames[i]
		if len(list) == 15 || strings.HasPrefix(name, "交通银行") || strings.HasPrefix(name, "交银") {
			continue
		}
		list = append(list, app.Investor{Name: name, Kind: inv.Kind, Sectors: inv.Sectors, Stages: inv.Stages,
			TicketMinCNY: inv.TicketMin, TicketMaxCNY: inv.TicketMax, Instruments: inv.Instruments, Provinces: inv.Provinces})
	}
	for i := range list {
		inv := list[i]
		inv.Contacts = []app.Contact{demoContact("investor", 2*i+1), demoContact("investor", 2*i+2)}
		got, err := ensureInvestor(ctx, s, &inv)
		if err != nil {
			return err
		}
		d.Investors = append(d.Investors, got)
	}
	return nil
}

func ensureInvestor(ctx context.Context, s *store.Store, inv *app.Investor) (*app.Investor, error) {
	found, err := s.FindInvestors(ctx, app.InvestorFilter{Q: inv.Name, Page: app.Page{Limit: 10}})
	if err != nil {
		return nil, err
	}
	for _, f := range found.Items {
		if f.Name == inv.Name {
			return f, nil
		}
	}
	if _, err := s.CreateInvestor(ctx, inv); err != nil {
		return nil, fmt.Errorf("%s: %w", inv.Name, err)
	}
	return inv, nil
}

// loadEnterprises draws enterprises from the synthetic population whose
// province is a demo zone's, twenty per zone.
func loadEnterprises(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	pop := synth.Generate(synth.Options{Enterprises: 6000, Seed: 2025})
	for zi, z := range d.Zones {
		n := 0
		for i, e := range pop.Enterprises {
			if e.Province != z.Province || n == 20 {
				continue
			}
			ent := &app.Enterprise{Name: pop.EnterpriseNames[i], CreditCode: app.ExampleCreditCodeIn(demoZones[zi].division, uint64(1000+i)),
				ZoneID: z.ID, Sector: e.Sector, Subsector: e.Subsector, Stage: e.Stage, Labels: e.Labels,
				InnovationPoints: e.InnovationPoints, Need: &app.Need{AmountCNY: e.NeedAmount, Instruments: e.Instruments, Purpose: purpose(e.Stage)}}
			c := demoContact("enterprise", 20*zi+n+1)
			ent.Contact = &c
			got, err := ensureEnterprise(ctx, s, ent)
			if err != nil {
				return err
			}
			d.Enterprises = append(d.Enterprises, got)
			n++
		}
		if n < 20 {
			return fmt.Errorf("only %d synthetic enterprises in %s", n, z.Province)
		}
	}
	return nil
}

func purpose(stage string) string {
	return map[string]string{"seed": "样机研发与团队扩充", "startup": "产品研发与市场拓展", "growth": "产能扩建与流动资金",
		"mature": "并购整合与上市准备"}[stage]
}

func ensureEnterprise(ctx context.Context, s *store.Store, e *app.Enterprise) (*app.Enterprise, error) {
	found, err := s.FindEnterprises(ctx, app.EnterpriseFilter{Q: e.CreditCode, Page: app.Page{Limit: 1}})
	if err != nil {
		return nil, err
	}
	if len(found.Items) > 0 {
		return found.Items[0], nil
	}
	if _, err := s.CreateEnterprise(ctx, e); err != nil {
		return nil, fmt.Errorf("%s: %w", e.Name, err)
	}
	return e, nil
}
