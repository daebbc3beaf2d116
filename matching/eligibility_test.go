package matching_test

import (
	"strings"
	"testing"

	"roadshow/matching"
)

// baseEnterprise passes every rule of baseProduct.
func baseEnterprise() matching.Enterprise {
	return matching.Enterprise{
		ID: 1, Sector: "new_materials", Subsector: "3.6", Stage: "growth",
		Labels: []string{"tech_sme", "high_tech_enterprise"}, InnovationPoints: 640,
		NeedAmount: 8_000_000, Instruments: []string{"loan"}, Province: "江苏省",
	}
}

func baseProduct() matching.Product {
	return matching.Product{
		ID: 10, InvestorID: 100, Instrument: "loan",
		AmountMin: 1_000_000, AmountMax: 10_000_000,
		Sectors: []string{"new_materials"}, Stages: []string{"startup", "growth"},
		MinInnovationPoints: 600, RequiredLabels: []string{"high_tech_enterprise"},
		Provinces: []string{"江苏省", "上海市"},
	}
}

func ruleOf(t *testing.T, el matching.Eligibility, name string) matching.Rule {
	t.Helper()
	for _, r := range el.Rules {
		if r.Rule == name {
			return r
		}
	}
	t.Fatalf("no rule %q in %+v", name, el.Rules)
	return matching.Rule{}
}

func TestCheckEligibility_Rules(t *testing.T) {
	tests := []struct {
		name   string
		rule   string
		ent    func(e *matching.Enterprise)
		prod   func(p *matching.Product)
		pass   bool
		textZH string // a fragment of the Chinese text
	}{
		{"SectorListed", matching.RuleSector, nil, nil, true, "行业符合：新材料产业"},
		{"SectorOpen", matching.RuleSector, nil, func(p *matching.Product) { p.Sectors = nil }, true, "产品不限行业"},
		{"SectorOther", matching.RuleSector, func(e *matching.Enterprise) { e.Sector, e.Subsector = "biotech", "" }, nil, false, "企业属于生物产业"},
		{"SubsectorListed", matching.RuleSector, nil, func(p *matching.Product) { p.Sectors = []string{"3.6"} }, true, "细分领域符合：前沿新材料"},
		{"SubsectorOther", matching.RuleSector, nil, func(p *matching.Product) { p.Sectors = []string{"3.1"} }, false, "产品面向先进钢铁材料"},
		{"SubsectorButEnterpriseHasNone", matching.RuleSector, func(e *matching.Enterprise) { e.Subsector = "" }, func(p *matching.Product) { p.Sectors = []string{"3.6"} }, false, "行业不符"},
		{"SubsectorOfOtherSectorIgnored", matching.RuleSector, func(e *matching.Enterprise) { e.Sector, e.Subsector = "biotech", "3.6" }, func(p *matching.Product) { p.Sectors = []string{"3.6"} }, false, "企业属于生物产业"},
		{"SectorUnknownCode", matching.RuleSector, nil, func(p *matching.Product) { p.Sectors = []string{"space_mining"} }, false, "行业不符"},
		{"StageListed", matching.RuleStage, nil, nil, true, "发展阶段符合：成长期"},
		{"StageOpen", matching.RuleStage, nil, func(p *matching.Product) { p.Stages = nil }, true, "产品不限发展阶段"},
		{"StageOther", matching.RuleStage, func(e *matching.Enterprise) { e.Stage = "mature" }, nil, false, "企业处于成熟期，产品面向初创期、成长期"},
		{"AmountInside", matching.RuleAmount, nil, nil, true, "融资需求 800 万元，在产品额度（100 万元至 1000 万元）内"},
		{"AmountAtMin", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 1_000_000 }, nil, true, "在产品额度"},
		{"AmountAtMax", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 10_000_000 }, nil, true, "在产品额度"},
		{"AmountBelowMin", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 999_999 }, nil, false, "低于产品最低额度 100 万元"},
		{"AmountAboveMax", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 10_000_001 }, nil, false, "高于产品最高额度 1000 万元"},
		{"AmountNoUpperBound", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 900_000_000 }, func(p *matching.Product) { p.AmountMax = 0 }, true, "100 万元以上"},
		{"AmountUnstatedWithMinimum", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 0 }, nil, false, "企业未填写融资金额"},
		{"AmountUnstatedNoMinimum", matching.RuleAmount, func(e *matching.Enterprise) { e.NeedAmount = 0 }, func(p *matching.Product) { p.AmountMin = 0 }, true, "企业未填写融资金额"},
		{"PointsAbove", matching.RuleInnovationPoints, nil, nil, true, "创新积分 640，达到产品要求的 600"},
		{"PointsEqual", matching.RuleInnovationPoints, func(e *matching.Enterprise) { e.InnovationPoints = 600 }, nil, true, "达到产品要求的 600"},
		{"PointsBelow", matching.RuleInnovationPoints, func(e *matching.Enterprise) { e.InnovationPoints = 540 }, nil, false, "创新积分 540，低于产品要求的 600"},
		{"PointsNotRequired", matching.RuleInnovationPoints, func(e *matching.Enterprise) { e.InnovationPoints = 0 }, func(p *matching.Product) { p.MinInnovationPoints = 0 }, true, "产品不要求创新积分"},
		{"LabelsHeld", matching.RuleLabels, nil, nil, true, "具备产品要求的资质：高新技术企业"},
		{"LabelsNoneRequired", matching.RuleLabels, func(e *matching.Enterprise) { e.Labels = nil }, func(p *matching.Product) { p.RequiredLabels = nil }, true, "产品不要求企业资质"},
		{"LabelsMissingOne", matching.RuleLabels, nil, func(p *matching.Product) {
			p.RequiredLabels = []string{"high_tech_enterprise", "little_giant"}
		}, false, "缺少产品要求的资质：专精特新“小巨人”企业"},
		{"LabelsUnknownRequired", matching.RuleLabels, nil, func(p *matching.Product) { p.RequiredLabels = []string{"moon_base"} }, false, "无法识别"},
		{"ProvinceListed", matching.RuleProvince, nil, nil, true, "地区符合：江苏省"},
		{"ProvinceShortName", matching.RuleProvince, func(e *matching.Enterprise) { e.Province = "江苏" }, nil, true, "地区符合：江苏省"},
		{"ProvinceNationwide", matching.RuleProvince, func(e *matching.Enterprise) { e.Province = "" }, func(p *matching.Product) { p.Provinces = nil }, true, "产品面向全国"},
		{"ProvinceOther", matching.RuleProvince, func(e *matching.Enterprise) { e.Province = "浙江省" }, nil, false, "企业位于浙江省，产品面向上海市、江苏省"},
		{"ProvinceUnknown", matching.RuleProvince, func(e *matching.Enterprise) { e.Province = "" }, nil, false, "地区不符"},
		{"ProvinceNonStandard", matching.RuleProvince, func(e *matching.Enterprise) { e.Province = "火星" }, func(p *matching.Product) { p.Provinces = []string{"火星"} }, true, "地区符合：火星"},
		{"InstrumentWanted", matching.RuleInstrument, nil, nil, true, "融资方式符合：贷款"},
		{"InstrumentAnyWanted", matching.RuleInstrument, func(e *matching.Enterprise) { e.Instruments = nil }, nil, true, "企业未限定融资方式"},
		{"InstrumentNotWanted", matching.RuleInstrument, func(e *matching.Enterprise) { e.Instruments = []string{"equity"} }, nil, false, "企业需要股权，产品为贷款"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, p := baseEnterprise(), baseProduct()
			if tc.ent != nil {
				tc.ent(&e)
			}
			if tc.prod != nil {
				tc.prod(&p)
			}
			el := matching.CheckEligibility(e, p)
			r := ruleOf(t, el, tc.rule)
			if r.Pass != tc.pass {
				t.Errorf("rule %s pass = %v, want %v (%s)", tc.rule, r.Pass, tc.pass, r.TextZH)
			}
			if !strings.Contains(r.TextZH, tc.textZH) {
				t.Errorf("text %q does not contain %q", r.TextZH, tc.textZH)
			}
			if r.TextEN == "" {
				t.Error("empty English text")
			}
			if !tc.pass && el.Eligible {
				t.Error("Eligible despite a failing rule")
			}
		})
	}
}

func TestCheckEligibility_AllRulesListed(t *testing.T) {
	el := matching.CheckEligibility(baseEnterprise(), baseProduct())
	want := []string{matching.RuleSector, matching.RuleStage, matching.RuleAmount, matching.RuleInnovationPoints,
		matching.RuleLabels, matching.RuleProvince, matching.RuleInstrument}
	if len(el.Rules) != len(want) {
		t.Fatalf("got %d rules, want %d", len(el.Rules), len(want))
	}
	for i, r := range el.Rules {
		if r.Rule != want[i] || !r.Pass {
			t.Errorf("rule %d = %+v, want %s passing", i, r, want[i])
		}
	}
	if !el.Eligible {
		t.Error("base pair not eligible")
	}
}
