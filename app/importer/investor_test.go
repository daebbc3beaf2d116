package importer_test

import (
	"strings"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

const investorCSV = "机构名称,机构类型,关注行业,投资阶段,单笔下限（万元）,单笔上限（万元）,融资方式,服务区域,联系人,职务,邮箱,电话\n" +
	"苏州示例银行,银行,\"新一代信息技术、互联网与云计算、大数据服务\",成长期;成熟期,100,5000,贷款,江苏,李强,客户经理,li@bank.example.cn,0512-66661234\n" +
	"光谷创投,创投,生物产业,初创期,500,3000,股权,全国,周,,zhou@vc.example.cn,\n"

func TestImport_Investors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		rep := f.run(t, admin(), app.ImportInvestors, []byte(investorCSV), app.ImportOptions{})
		if rep.Rejected() || rep.Created != 2 {
			t.Fatalf("report %+v", rep)
		}
		found, err := s.InvestorsByName(admin(), []string{"苏州示例银行", "光谷创投"})
		if err != nil || len(found) != 2 {
			t.Fatalf("found %v %v", found, err)
		}
		bank := found["苏州示例银行"]
		if bank.Kind != "bank" || strings.Join(bank.Sectors, ",") != "new_generation_it,1.4" || bank.TicketMaxCNY != 50_000_000 ||
			strings.Join(bank.Provinces, ",") != "江苏省" || len(bank.Contacts) != 1 || bank.Contacts[0].Title != "客户经理" {
			t.Fatalf("bank %+v", bank)
		}
		if vc := found["光谷创投"]; vc.Kind != "vc" || len(vc.Provinces) != 0 || strings.Join(vc.Instruments, ",") != "equity" {
			t.Fatalf("vc %+v", vc)
		}
		again := strings.Replace(investorCSV, ",100,5000,", ",200,5000,", 1)
		rep = f.run(t, admin(), app.ImportInvestors, []byte(again), app.ImportOptions{})
		found, _ = s.InvestorsByName(admin(), []string{"苏州示例银行"})
		if rep.Updated != 2 || rep.Created != 0 || found["苏州示例银行"].TicketMinCNY != 2_000_000 {
			t.Fatalf("re-import %+v", rep)
		}
		bad := "机构名称,机构类型,单笔下限（万元）,单笔上限（万元）,联系人,邮箱\n甲,土豪,1,2,张,z@x.cn\n乙,银行,9,3,王,w@x.cn\n"
		rep = f.run(t, admin(), app.ImportInvestors, []byte(bad), app.ImportOptions{})
		if errorsOf(rep) != "2:kind 3:ticket_max_wan" {
			t.Fatalf("bad investors %+v", rep.Errors)
		}
	})
}
