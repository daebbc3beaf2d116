package importer

import (
	"strconv"

	"roadshow/app"
)

type ent = app.Enterprise

// enterpriseKind describes an enterprise spreadsheet (API.md "Imports").
func enterpriseKind() *kind[ent] {
	return &kind[ent]{
		name: app.ImportEnterprises,
		columns: []column[ent]{
			textCol("name", "企业名称", names("公司名称", "企业全称", "单位名称"), "name", func(e *ent) *string { return &e.Name }),
			textCol("credit_code", "统一社会信用代码", names("信用代码", "社会信用代码", "统一代码"), "credit_code",
				func(e *ent) *string { return &e.CreditCode }),
			{name: "zone", zh: "所属高新区", aliases: names("高新区", "所在高新区", "所属园区", "zone_code", "zone_name"), field: "zone_id",
				parse: parseZone, copy: func(dst, src *ent) { dst.ZoneID = src.ZoneID }},
			codeCol("sector", "行业", names("所属行业", "行业领域", "产业领域"), "sector",
				"sector (新一代信息技术, 高端装备制造, 新材料, 生物, 新能源汽车, 新能源, 节能环保, 数字创意 or 相关服务业, or its code)",
				func(l *lookups) map[string]string { return l.sectors },
				func(e *ent) *string { return &e.Sector }),
			codeCol("subsector", "细分领域", names("细分行业", "子行业"), "subsector", "subsector",
				func(l *lookups) map[string]string { return l.subsectors }, func(e *ent) *string { return &e.Subsector }),
			codeCol("stage", "发展阶段", names("阶段", "企业阶段"), "stage", "stage (种子期, 初创期, 成长期, 成熟期)",
				func(l *lookups) map[string]string { return l.stages }, func(e *ent) *string { return &e.Stage }),
			listCol("labels", "企业标签", names("标签", "企业资质", "资质"), "labels", "label",
				func(l *lookups) map[string]string { return l.labels }, func(e *ent) *[]string { return &e.Labels }),
			intCol("innovation_points", "创新积分", names("积分"), "innovation_points", func(e *ent) *int { return &e.InnovationPoints }),
			yuanCol("amount_cny", "融资需求（元）", names("融资金额（元）", "need_amount_cny"), "need.amount_cny",
				func(e *ent) *int64 { return &e.Need.AmountCNY }),
			wanCol("amount_wan", "融资需求（万元）", names("融资金额（万元）", "融资需求金额（万元）"), "need.amount_cny",
				func(e *ent) *int64 { return &e.Need.AmountCNY }),
			listCol("instruments", "融资方式", names("融资类型", "融资需求方式"), "need.instruments", "instrument (股权, 贷款, 债券, 租赁, 信托…)",
				func(l *lookups) map[string]string { return l.instruments }, func(e *ent) *[]string { return &e.Need.Instruments }),
			textCol("purpose", "资金用途", names("用途", "融资用途"), "need.purpose", func(e *ent) *string { return &e.Need.Purpose }),
			textCol("contact_name", "联系人", names("联系人姓名"), "contact.name", func(e *ent) *string { return &e.Contact.Name }),
			textCol("contact_title", "职务", names("联系人职务"), "contact.title", func(e *ent) *string { return &e.Contact.Title }),
			textCol("contact_email", "邮箱", names("电子邮箱", "联系邮箱", "email", "e-mail"), "contact.email",
				func(e *ent) *string { return &e.Contact.Email }),
			textCol("contact_phone", "电话", names("联系电话", "手机", "手机号码", "phone"), "contact.phone",
				func(e *ent) *string { return &e.Contact.Phone }),
		},
		required:  enterpriseRequired,
		exclusive: [][2]string{{"amount_cny", "amount_wan"}},
		fresh: func(l *lookups) *ent {
			e := &ent{Labels: []string{}, Need: &app.Need{Instruments: []string{}}, Contact: &app.Contact{}}
			if l.principal.IsOrganizer() && l.principal.ZoneID != 0 {
				e.ZoneID = l.principal.ZoneID
			}
			return e
		},
		validate: func(l *lookups, e *ent) error {
			e.Normalize()
			return e.Validate(l.vocab)
		},
		key:       func(e *ent) string { return e.CreditCode },
		keyColumn: "credit_code",
		check: func(l *lookups, e *ent) (string, string) {
			if z := l.zoneByID(e.ZoneID); z != nil && !l.coversZone(z) {
				return "zone", z.NameZH + " is not a zone your token covers"
			}
			return "", ""
		},
	}
}

// enterpriseRequired: a zone organizer's rows default to its zone.
func enterpriseRequired(l *lookups) []string {
	req := []string{"name", "credit_code", "sector", "stage", "contact_name", "contact_email"}
	if !(l.principal.IsOrganizer() && l.principal.ZoneID != 0) {
		req = append(req, "zone")
	}
	return req
}

func parseZone(l *lookups, cell string, e *ent) string {
	z := l.zones[key(cell)]
	if z == nil {
		return "unknown zone " + strconv.Quote(cell) + "; use its code (such as 32103004) or its name (such as 苏州高新区)"
	}
	e.ZoneID = z.ID
	return ""
}

// mayUpdateEnterprise refuses to change an enterprise registered in a
// zone the caller does not cover.
func mayUpdateEnterprise(l *lookups, old *ent) (string, string) {
	if z := l.zoneByID(old.ZoneID); z != nil && !l.coversZone(z) {
		return "credit_code", "this enterprise is registered in " + z.NameZH + ", which your token does not cover"
	}
	return "", ""
}

// prepareEnterprise gives a stored enterprise the parts a merge writes to.
func prepareEnterprise(e *ent) *ent {
	if e.Need == nil {
		e.Need = &app.Need{}
	}
	if e.Contact == nil {
		e.Contact = &app.Contact{}
	}
	return e
}
