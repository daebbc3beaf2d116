package importer_test

import (
	"strings"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

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
