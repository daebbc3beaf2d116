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

func TestImport_Products(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		f.run(t, admin(), app.ImportInvestors, []byte(investorCSV), app.ImportOptions{})
		found, _ := s.InvestorsByName(admin(), []string{"苏州示例银行", "光谷创投"})
		bank, vc := found["苏州示例银行"], found["光谷创投"]
		csv := "所属机构,产品名称,融资方式,额度下限（万元）,额度上限（万元）,适用行业,最低创新积分,准入标签,适用区域,期限（月）\n" +
			"苏州示例银行,交银火炬贷,贷款,100,3000,,600,高新技术企业,江苏省,12\n" +
			"苏州示例银行,科创积分贷,信贷,50,1000,新一代信息技术,700,,全国,36\n" +
			"光谷创投,光谷种子基金,股权,500,3000,生物,0,,湖北,60\n"
		rep := f.run(t, admin(), app.ImportProducts, []byte(csv), app.ImportOptions{})
		if rep.Rejected() || rep.Created != 3 {
			t.Fatalf("report %+v", rep)
		}
		prods, err := s.ProductsByKey(admin(), []app.ProductKey{{InvestorID: bank.ID, Name: "交银火炬贷"}, {InvestorID: vc.ID, Name: "光谷种子基金"}})
		if err != nil || len(prods) != 2 {
			t.Fatalf("products %v %v", prods, err)
		}
		if p := prods[app.ProductKey{InvestorID: bank.ID, Name: "交银火炬贷"}]; p.AmountMaxCNY != 30_000_000 || p.MinInnovationPoints != 600 ||
			strings.Join(p.RequiredLabels, ",") != "high_tech_enterprise" || p.TermMonths != 12 {
			t.Fatalf("product %+v", p)
		}
		// The bank imports its own products without naming itself; the
		// venture fund's row is refused.
		own := "产品名称,融资方式,额度下限（元）,额度上限（元）\n交银火炬贷,贷款,1000000,50000000\n新产品,租赁,0,1000000\n"
		bankCtx := as(&app.Principal{Role: app.RoleInvestor, InvestorID: bank.ID})
		rep = f.run(t, bankCtx, app.ImportProducts, []byte(own), app.ImportOptions{})
		if rep.Rejected() || rep.Created != 1 || rep.Updated != 1 {
			t.Fatalf("own products %+v", rep)
		}
		other := "所属机构,产品名称,融资方式\n光谷创投,冒名产品,股权\n苏州示例银行,第三产品,贷款\n"
		rep = f.run(t, bankCtx, app.ImportProducts, []byte(other), app.ImportOptions{})
		if errorsOf(rep) != "2:investor" || rep.Written {
			t.Fatalf("another investor's product %+v", rep)
		}
		unknown := "所属机构,产品名称,融资方式\n不存在的银行,某产品,贷款\n苏州示例银行,某产品,以物易物\n"
		rep = f.run(t, admin(), app.ImportProducts, []byte(unknown), app.ImportOptions{})
		if errorsOf(rep) != "2:investor 3:instrument" {
			t.Fatalf("unknown investor and instrument %+v", rep.Errors)
		}
	})
}
