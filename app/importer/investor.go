package importer

import (
	"roadshow/app"
)

type inv = app.Investor

// firstContact returns the investor's first contact, adding one if needed:
// a spreadsheet row holds one contact person.
func firstContact(i *inv) *app.Contact {
	if len(i.Contacts) == 0 {
		i.Contacts = []app.Contact{{}}
	}
	return &i.Contacts[0]
}

// investorKind describes an investor spreadsheet.
func investorKind() *kind[inv] {
	return &kind[inv]{
		name: app.ImportInvestors,
		columns: []column[inv]{
			textCol("name", "机构名称", names("投资机构", "金融机构", "机构"), "name", func(i *inv) *string { return &i.Name }),
			codeCol("kind", "机构类型", names("类型", "机构类别"), "kind", "investor kind (银行, 创投, 私募, 租赁, 信托, 证券, 担保, 保险, 其他)",
				func(l *lookups) map[string]string { return l.kinds }, func(i *inv) *string { return &i.Kind }),
			customListCol("sectors", "关注行业", names("投资领域", "关注领域", "行业"), "sectors", (*lookups).sectorsOf,
				func(i *inv) *[]string { return &i.Sectors }),
			listCol("stages", "投资阶段", names("关注阶段", "阶段"), "stages", "stage",
				func(l *lookups) map[string]string { return l.stages }, func(i *inv) *[]string { return &i.Stages }),
			yuanCol("ticket_min_cny", "单笔下限（元）", names("最低金额（元）"), "ticket_min_cny", func(i *inv) *int64 { return &i.TicketMinCNY }),
			wanCol("ticket_min_wan", "单笔下限（万元）", names("最低金额（万元）"), "ticket_min_cny", func(i *inv) *int64 { return &i.TicketMinCNY }),
			yuanCol("ticket_max_cny", "单笔上限（元）", names("最高金额（元）"), "ticket_max_cny", func(i *inv) *int64 { return &i.TicketMaxCNY }),
			wanCol("ticket_max_wan", "单笔上限（万元）", names("最高金额（万元）"), "ticket_max_cny", func(i *inv) *int64 { return &i.TicketMaxCNY }),
			listCol("instruments", "融资方式", names("业务类型", "服务方式"), "instruments", "instrument (股权, 贷款, 债券, 租赁, 信托…)",
				func(l *lookups) map[string]string { return l.instruments }, func(i *inv) *[]string { return &i.Instruments }),
			customListCol("provinces", "服务区域", names("服务省份", "区域", "省份"), "provinces", (*lookups).provincesOf,
				func(i *inv) *[]string { return &i.Provinces }),
			textCol("description", "机构简介", names("简介", "说明"), "description", func(i *inv) *string { return &i.Description }),
			textCol("contact_name", "联系人", names("联系人姓名"), "contacts[0].name", func(i *inv) *string { return &firstContact(i).Name }),
			textCol("contact_title", "职务", names("联系人职务"), "contacts[0].title", func(i *inv) *string { return &firstContact(i).Title }),
			textCol("contact_email", "邮箱", names("电子邮箱", "联系邮箱", "email", "e-mail"), "contacts[0].email",
				func(i *inv) *string { return &firstContact(i).Email }),
			textCol("contact_phone", "电话", names("联系电话", "手机", "手机号码", "phone"), "contacts[0].phone",
				func(i *inv) *string { return &firstContact(i).Phone }),
		},
		required:  func(*lookups) []string { return []string{"name", "kind", "contact_name", "contact_email"} },
		exclusive: [][2]string{{"ticket_min_cny", "ticket_min_wan"}, {"ticket_max_cny", "ticket_max_wan"}},
		fresh: func(*lookups) *inv {
			return &inv{Sectors: []string{}, Stages: []string{}, Instruments: []string{}, Provinces: []string{}, Contacts: []app.Contact{{}}}
		},
		validate: func(l *lookups, i *inv) error {
			i.Normalize()
			return i.Validate(l.vocab)
		},
		key:       func(i *inv) string { return i.Name },
		keyColumn: "name",
		check:     func(*lookups, *inv) (string, string) { return "", "" },
	}
}
