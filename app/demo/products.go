package demo

import (
	"context"
	"fmt"
	"time"

	"roadshow/app"
	"roadshow/app/store"
)

// campaignProducts are modelled on the Five Ones campaign's products; the
// index is the offering investor in bocomInvestors.
var campaignProducts = []struct {
	investor int
	p        app.Product
}{
	{0, app.Product{Name: "交银火炬贷（苏州）", Instrument: "loan", AmountMinCNY: 1_000_000, AmountMaxCNY: 30_000_000,
		Stages: []string{"startup", "growth", "mature"}, RequiredLabels: []string{"high_tech_enterprise"}, Provinces: []string{"江苏省"},
		TermMonths: 36, Description: "面向高新技术企业的信用贷款，随借随还"}},
	{1, app.Product{Name: "交银火炬贷（湖北）", Instrument: "loan", AmountMinCNY: 1_000_000, AmountMaxCNY: 30_000_000,
		Stages: []string{"startup", "growth", "mature"}, RequiredLabels: []string{"tech_sme"}, Provinces: []string{"湖北省"},
		TermMonths: 36, Description: "科技型中小企业信用贷款"}},
	{2, app.Product{Name: "火炬创新积分贷", Instrument: "loan", AmountMinCNY: 500_000, AmountMaxCNY: 10_000_000,
		MinInnovationPoints: 600, Provinces: []string{"陕西省"}, TermMonths: 12,
		Description: "依据企业创新积分授信，积分越高额度越高"}},
	{3, app.Product{Name: "新苗计划·股权服务", Instrument: "equity", AmountMinCNY: 3_000_000, AmountMaxCNY: 30_000_000,
		Sectors: []string{"new_generation_it", "biotech", "high_end_equipment", "new_materials"}, Stages: []string{"seed", "startup"},
		Description: "为早期科技企业提供股权投资与认股选择权服务"}},
	{4, app.Product{Name: "科技设备融资租赁", Instrument: "leasing", AmountMinCNY: 5_000_000, AmountMaxCNY: 50_000_000,
		Sectors: []string{"high_end_equipment", "new_energy_vehicles", "new_energy"}, Stages: []string{"growth", "mature"},
		TermMonths: 60, Description: "研发与生产设备直租、回租"}},
	{5, app.Product{Name: "科创信托计划", Instrument: "trust", AmountMinCNY: 10_000_000, AmountMaxCNY: 100_000_000,
		Stages: []string{"growth", "mature"}, RequiredLabels: []string{"high_tech_enterprise"}, TermMonths: 24,
		Description: "股贷债租托联动中的信托融资"}},
	{0, app.Product{Name: "专精特新贷", Instrument: "loan", AmountMinCNY: 5_000_000, AmountMaxCNY: 50_000_000,
		Stages: []string{"growth", "mature"}, RequiredLabels: []string{"specialized_new"}, Provinces: []string{"江苏省"},
		TermMonths: 36, Description: "专精特新中小企业专属信贷"}},
	{1, app.Product{Name: "知识产权质押贷", Instrument: "loan", AmountMinCNY: 1_000_000, AmountMaxCNY: 10_000_000,
		MinInnovationPoints: 450, Provinces: []string{"湖北省"}, TermMonths: 24, Description: "以专利、商标质押融资"}},
}

func loadProducts(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	for _, cp := range campaignProducts {
		p := cp.p
		p.InvestorID = d.Investors[cp.investor].ID
		got, err := ensureProduct(ctx, s, &p)
		if err != nil {
			return err
		}
		d.Products = append(d.Products, got)
	}
	return nil
}

func ensureProduct(ctx context.Context, s *store.Store, p *app.Product) (*app.Product, error) {
	found, err := s.FindProducts(ctx, app.ProductFilter{InvestorID: p.InvestorID, Q: p.Name, Page: app.Page{Limit: 10}})
	if err != nil {
		return nil, err
	}
	for _, f := range found.Items {
		if f.Name == p.Name {
			return f, nil
		}
	}
	if err := s.CreateProduct(ctx, p); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Name, err)
	}
	return p, nil
}
