package importer

import (
	"fmt"
	"strconv"

	"roadshow/app"
)

type prod = app.Product

// productKind describes a spreadsheet of financing products.
func productKind() *kind[prod] {
	return &kind[prod]{
		name: app.ImportProducts,
		columns: []column[prod]{
			{name: "investor", zh: "所属机构", aliases: names("机构名称", "投资机构", "金融机构", "investor_name"), field: "investor_id",
				parse: parseInvestor, copy: func(dst, src *prod) { dst.InvestorID = src.InvestorID }},
			textCol("name", "产品名称", names("产品"), "name", func(p *prod) *string { return &p.Name }),
			codeCol("instrument", "融资方式", names("产品类型", "业务类型"), "instrument", "instrument (股权, 贷款, 债券, 租赁, 信托…)",
				func(l *lookups) map[string]string { return l.instruments }, func(p *prod) *string { return &p.Instrument }),
			yuanCol("amount_min_cny", "额度下限（元）", names("最低额度（元）"), "amount_min_cny", func(p *prod) *int64 { return &p.AmountMinCNY }),
			wanCol("amount_min_wan", "额度下限（万元）", names("最低额度（万元）"), "amount_min_cny", func(p *prod) *int64 { return &p.AmountMinCNY }),
			yuanCol("amount_max_cny", "额度上限（元）", names("最高额度（元）"), "amount_max_cny", func(p *prod) *int64 { return &p.AmountMaxCNY }),
			wanCol("amount_max_wan", "额度上限（万元）", names("最高额度（万元）"), "amount_max_cny", func(p *prod) *int64 { return &p.AmountMaxCNY }),
			customListCol("sectors", "适用行业", names("支持行业", "行业"), "sectors", (*lookups).sectorsOf, func(p *prod) *[]string { return &p.Sectors }),
			listCol("stages", "适用阶段", names("支持阶段", "阶段"), "stages", "stage",
				func(l *lookups) map[string]string { return l.stages }, func(p *prod) *[]string { return &p.Stages }),
			intCol("min_innovation_points", "最低创新积分", names("创新积分要求", "创新积分门槛"), "min_innovation_points",
				func(p *prod) *int { return &p.MinInnovationPoints }),
			listCol("required_labels", "准入标签", names("企业标签要求", "资质要求"), "required_labels", "label",
				func(l *lookups) map[string]string { return l.labels }, func(p *prod) *[]string { return &p.RequiredLabels }),
			customListCol("provinces", "适用区域", names("适用省份", "服务区域"), "provinces", (*lookups).provincesOf,
				func(p *prod) *[]string { return &p.Provinces }),
			intCol("term_months", "期限（月）", names("期限", "产品期限（月）", "贷款期限（月）"), "term_months", func(p *prod) *int { return &p.TermMonths }),
			textCol("description", "产品说明", names("产品介绍", "说明"), "description", func(p *prod) *string { return &p.Description }),
		},
		required: func(l *lookups) []string {
			if l.principal.Role == app.RoleInvestor {
				return []string{"name", "instrument"}
			}
			return []string{"investor", "name", "instrument"}
		},
		exclusive: [][2]string{{"amount_min_cny", "amount_min_wan"}, {"amount_max_cny", "amount_max_wan"}},
		fresh: func(l *lookups) *prod {
			p := &prod{Sectors: []string{}, Stages: []string{}, RequiredLabels: []string{}, Provinces: []string{}}
			if l.principal.Role == app.RoleInvestor {
				p.InvestorID = l.principal.InvestorID
			}
			return p
		},
		validate: func(l *lookups, p *prod) error {
			p.Normalize()
			return p.Validate(l.vocab)
		},
		key: func(p *prod) string {
			if p.InvestorID == 0 || p.Name == "" {
				return ""
			}
			return fmt.Sprintf("%d\x00%s", p.InvestorID, p.Name)
		},
		keyColumn: "name",
		check: func(l *lookups, p *prod) (string, string) {
			if l.principal.Role == app.RoleInvestor && p.InvestorID != l.principal.InvestorID {
				return "investor", "you may import only your own products"
			}
			return "", ""
		},
	}
}

func parseInvestor(l *lookups, cell string, p *prod) string {
	id, ok := l.investors[key(cell)]
	if !ok {
		return "unknown investor " + strconv.Quote(cell) + "; register it (or import it) first"
	}
	p.InvestorID = id
	return ""
}
