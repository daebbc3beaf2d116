package demo

import (
	"context"
	"time"

	"roadshow/app"
	"roadshow/app/store"
)

func loadOutcomes(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	if err := loadContacts(ctx, s, d); err != nil {
		return err
	}
	existing, err := s.FindDeals(ctx, app.DealFilter{ZoneID: d.Zones[0].ID, Page: app.Page{Limit: 1}})
	if err != nil || len(existing.Items) > 0 {
		return err
	}
	suzhou, wuhan := d.Enterprises[:20], d.Enterprises[20:40]
	deals := []app.Deal{
		{EnterpriseID: suzhou[0].ID, InvestorID: d.Investors[0].ID, ProductID: &d.Products[0].ID, EventID: &d.Events[1].ID,
			AmountCNY: 10_000_000, Status: app.DealDisbursed, Date: "2025-05-08", Note: "对接会后两周放款"},
		{EnterpriseID: suzhou[1].ID, InvestorID: d.Investors[3].ID, ProductID: &d.Products[3].ID, EventID: &d.Events[2].ID,
			AmountCNY: 15_000_000, Status: app.DealApproved, Date: "2025-06-10"},
		{EnterpriseID: suzhou[2].ID, InvestorID: d.Investors[4].ID, ProductID: &d.Products[4].ID,
			AmountCNY: 8_000_000, Status: app.DealDisbursed, Date: "2025-06-18"},
		{EnterpriseID: wuhan[0].ID, InvestorID: d.Investors[1].ID, ProductID: &d.Products[1].ID, EventID: &d.Events[5].ID,
			AmountCNY: 5_000_000, Status: app.DealIntent, Date: "2025-06-20"},
	}
	for i := range deals {
		if err := s.CreateDeal(ctx, &deals[i]); err != nil {
			return err
		}
	}
	x := &app.Experience{ZoneID: &d.Zones[0].ID, BranchID: d.Zones[0].BranchID, CampaignID: d.Events[0].CampaignID,
		Title: "“园区推荐+银行快审”两周放款机制", Tags: []string{"银企对接", "交银火炬贷"},
		EventIDs: []int64{d.Events[1].ID}, DealIDs: []int64{deals[0].ID},
		Body: "## 做法\n\n1. 管委会按创新积分预筛企业名单；\n2. 对接会当天银行现场预审；\n3. 两周内完成审批放款。\n\n## 成效\n\n首批 3 家企业落地融资 3300 万元。"}
	return s.CreateExperience(ctx, x)
}

// loadContacts submits the zones' contact receipts as they happened: 苏州
// on time, 武汉 after the deadline, 西安 not at all.
func loadContacts(ctx context.Context, s *store.Store, d *Data) error {
	receipts := []struct {
		zone int
		at   time.Time
		c    app.OrgContact
	}{
		{0, at(2025, 3, 10, 16, 0), app.OrgContact{Name: "陈晨", Title: "科技金融处处长", Phone: "0512-68751234", Email: "chenchen@demo.roadshow.example.cn"}},
		{1, at(2025, 3, 20, 11, 0), app.OrgContact{Name: "刘洋", Title: "金融服务局副局长", Phone: "027-67881234", Email: "liuyang@demo.roadshow.example.cn"}},
	}
	for _, r := range receipts {
		if _, err := s.FindContact(ctx, 0, d.Zones[r.zone].ID, 0); err == nil {
			continue
		}
		clock := s.Now
		s.Now = func() time.Time { return r.at }
		c := r.c
		c.CampaignID = *d.Events[0].CampaignID
		c.ZoneID = &d.Zones[r.zone].ID
		err := s.PutContact(ctx, &c)
		s.Now = clock
		if err != nil {
			return err
		}
	}
	return nil
}
