package store

import (
	"context"
	"slices"

	"roadshow/app"
)

var _ app.ReportService = (*Store)(nil)

// dealLineRow is a deal joined with its parties' names.
type dealLineRow struct {
	Deal           dealRow `gorm:"embedded"`
	EnterpriseName string
	CreditCode     string
	ZoneName       string
	Province       string
	InvestorName   string
	ProductName    string
	EventTitle     string
}

// DealLines returns the deals the caller may see, scoped as FindDeals
// scopes them, with the names of their enterprise, zone, investor,
// product and event, ordered by date.
func (s *Store) DealLines(ctx context.Context, f app.DealReportFilter) ([]*app.DealLine, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	if f.Province != "" && !s.vocab.ValidProvince(f.Province) {
		return nil, app.FieldError("province", "unknown province; use the Chinese name such as 江苏省")
	}
	db := s.conn(ctx)
	q, err := s.scopeDeals(db, p, db.Model(&dealRow{}))
	if err != nil {
		return nil, err
	}
	for col, v := range map[string]int64{"campaign_id": f.CampaignID, "zone_id": f.ZoneID, "enterprise_id": f.EnterpriseID,
		"investor_id": f.InvestorID, "event_id": f.EventID} {
		if v != 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	for col, v := range map[string]string{"status": f.Status, "instrument": f.Instrument} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Province != "" {
		q = q.Where("zone_id IN (?)", db.Model(&zoneRow{}).Select("id").Where("province = ?", f.Province))
	}
	var rows []dealLineRow
	err = db.Table("(?) AS d", q).
		Select("d.*, e.name AS enterprise_name, e.credit_code AS credit_code, z.name_zh AS zone_name, z.province AS province, " +
			"i.name AS investor_name, COALESCE(pr.name, '') AS product_name, COALESCE(ev.title, '') AS event_title").
		Joins("JOIN enterprises e ON e.id = d.enterprise_id").Joins("JOIN zones z ON z.id = d.zone_id").
		Joins("JOIN investors i ON i.id = d.investor_id").Joins("LEFT JOIN products pr ON pr.id = d.product_id").
		Joins("LEFT JOIN events ev ON ev.id = d.event_id").Order("d.deal_date, d.id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	out := make([]*app.DealLine, len(rows))
	for i := range rows {
		r := &rows[i]
		out[i] = &app.DealLine{Deal: *r.Deal.domain(), EnterpriseName: r.EnterpriseName, CreditCode: r.CreditCode,
			ZoneName: r.ZoneName, Province: r.Province, InvestorName: r.InvestorName, ProductName: r.ProductName, EventTitle: r.EventTitle}
	}
	return out, nil
}

// PartyNames returns the names of the given enterprises and investors.
func (s *Store) PartyNames(ctx context.Context, enterpriseIDs, investorIDs []int64) (app.PartyNames, error) {
	out := app.PartyNames{Enterprises: map[int64]string{}, Investors: map[int64]string{}}
	if err := app.RequireAuth(app.PrincipalFromContext(ctx)); err != nil {
		return out, err
	}
	type idName struct {
		ID   int64
		Name string
	}
	for _, q := range []struct {
		table string
		ids   []int64
		dst   map[int64]string
	}{{"enterprises", enterpriseIDs, out.Enterprises}, {"investors", investorIDs, out.Investors}} {
		for part := range slices.Chunk(q.ids, 500) {
			var rows []idName
			if err := s.conn(ctx).Table(q.table).Select("id, name").Where("id IN ?", part).Scan(&rows).Error; err != nil {
				return out, translate(err)
			}
			for _, r := range rows {
				q.dst[r.ID] = r.Name
			}
		}
	}
	return out, nil
}
