package matching_test

import (
	"strings"
	"testing"

	"roadshow/matching"
)

// baseInvestor covers baseEnterprise on every dimension with an explicit
// focus: sector listed, stage listed, need inside the range, loan offered,
// province listed.
func baseInvestor() matching.Investor {
	return matching.Investor{
		ID: 100, Kind: "bank", Sectors: []string{"new_materials"}, Stages: []string{"growth"},
		TicketMin: 1_000_000, TicketMax: 10_000_000, Instruments: []string{"loan"},
		Provinces: []string{"江苏省"},
	}
}

func reasonOf(t *testing.T, m matching.Match, code string) matching.Reason {
	t.Helper()
	for _, r := range m.Reasons {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no reason %q in %+v", code, m.Reasons)
	return matching.Reason{}
}

func mustMatcher(t testing.TB, o matching.Options) *matching.Matcher {
	t.Helper()
	m, err := matching.NewMatcher(o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// With DefaultWeights: sector 30, stage 10, amount 15, instrument 20,
// region 15, labels 5, innovation 5; each tier earns floor(weight × share).
func TestScoreInvestor_Components(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		ent    func(e *matching.Enterprise)
		inv    func(i *matching.Investor)
		points int
		textZH string
	}{
		{"SectorSame", matching.CodeSector, nil, nil, 24, "行业匹配：新材料产业"}, // 80 % of 30
		{"SectorExactSubsector", matching.CodeSector, nil, func(i *matching.Investor) { i.Sectors = []string{"3.6"} }, 30, "细分领域完全匹配：前沿新材料"},
		{"SectorSubsectorBeatsSector", matching.CodeSector, nil, func(i *matching.Investor) { i.Sectors = []string{"new_materials", "3.6"} }, 30, "细分领域完全匹配"},
		{"SectorOpen", matching.CodeSector, nil, func(i *matching.Investor) { i.Sectors = nil }, 9, "投资方不限行业"},                         // 30 %
		{"SectorRelatedSubsector", matching.CodeSector, nil, func(i *matching.Investor) { i.Sectors = []string{"3.1"} }, 12, "细分领域不同"}, // 40 %
		{"SectorRelatedNoEnterpriseSubsector", matching.CodeSector, func(e *matching.Enterprise) { e.Subsector = "" }, func(i *matching.Investor) { i.Sectors = []string{"3.6"} }, 12, "同属新材料产业"},
		{"SectorNone", matching.CodeSector, nil, func(i *matching.Investor) { i.Sectors = []string{"biotech", "1.5"} }, 0, "行业不匹配"},
		{"StageListed", matching.CodeStage, nil, nil, 10, "发展阶段匹配：成长期"},
		{"StageOpen", matching.CodeStage, nil, func(i *matching.Investor) { i.Stages = nil }, 6, "投资方不限发展阶段"},                 // 60 %
		{"StageAdjacent", matching.CodeStage, nil, func(i *matching.Investor) { i.Stages = []string{"mature"} }, 3, "发展阶段相近"}, // 30 %
		{"StageNone", matching.CodeStage, nil, func(i *matching.Investor) { i.Stages = []string{"seed"} }, 0, "发展阶段不匹配"},
		{"AmountInside", matching.CodeAmount, nil, nil, 15, "在投资方单笔投资区间"},
		{"AmountAtMin", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 1_000_000 }, nil, 15, "区间"},
		{"AmountAtMax", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 10_000_000 }, nil, 15, "区间"},
		// below the minimum: 15 × (2×need − min) / min
		{"AmountMarginBelow", matching.CodeAmount, nil, func(i *matching.Investor) { i.TicketMin = 10_000_000; i.TicketMax = 0 }, 9, "略低于投资方最低金额 1000 万元"},
		{"AmountJustBelowMin", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 999_999 }, nil, 14, "略低于"},
		{"AmountHalfOfMin", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 500_000 }, nil, 0, "远低于"},
		// above the maximum: 15 × (2×max − need) / need
		{"AmountMarginAbove", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 12_000_000 }, nil, 10, "略高于投资方最高金额 1000 万元"},
		{"AmountJustAboveMax", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 10_000_001 }, nil, 14, "略高于"},
		{"AmountTwiceMax", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 20_000_000 }, nil, 0, "远高于"},
		{"AmountNoRange", matching.CodeAmount, nil, func(i *matching.Investor) { i.TicketMin, i.TicketMax = 0, 0 }, 15, "不限金额"},
		{"AmountUnstated", matching.CodeAmount, func(e *matching.Enterprise) { e.NeedAmount = 0 }, nil, 6, "企业未填写融资金额"}, // 40 %
		{"InstrumentOverlap", matching.CodeInstrument, func(e *matching.Enterprise) { e.Instruments = []string{"equity", "loan"} }, nil, 20, "融资方式匹配：贷款"},
		{"InstrumentAnyWanted", matching.CodeInstrument, func(e *matching.Enterprise) { e.Instruments = nil }, nil, 12, "企业未限定融资方式"}, // 60 %
		{"InstrumentUnstated", matching.CodeInstrument, nil, func(i *matching.Investor) { i.Instruments = nil }, 8, "投资方未列明融资方式"},    // 40 %
		{"InstrumentNone", matching.CodeInstrument, func(e *matching.Enterprise) { e.Instruments = []string{"equity"} }, nil, 0, "企业需要股权，投资方提供贷款"},
		{"RegionSame", matching.CodeRegion, nil, nil, 15, "投资方服务江苏省"},
		{"RegionShortName", matching.CodeRegion, func(e *matching.Enterprise) { e.Province = "江苏" }, nil, 15, "江苏省"},
		{"RegionNationwide", matching.CodeRegion, nil, func(i *matching.Investor) { i.Provinces = nil }, 7, "投资方面向全国"}, // 50 %
		{"RegionNone", matching.CodeRegion, func(e *matching.Enterprise) { e.Province = "浙江省" }, nil, 0, "投资方未覆盖浙江省"},
		{"LabelsStrongest", matching.CodeLabels, func(e *matching.Enterprise) { e.Labels = []string{"tech_sme", "little_giant"} }, nil, 4, "按最高资质专精特新“小巨人”企业计分"}, // 80 %
		{"LabelsUnicorn", matching.CodeLabels, func(e *matching.Enterprise) { e.Labels = []string{"unicorn"} }, nil, 5, "独角兽企业"},
		{"LabelsHighTech", matching.CodeLabels, nil, nil, 2, "高新技术企业"}, // 50 %
		{"LabelsNone", matching.CodeLabels, func(e *matching.Enterprise) { e.Labels = nil }, nil, 0, "暂无资质标签"},
		{"InnovationProportional", matching.CodeInnovation, nil, nil, 4, "创新积分 640"}, // 5 × 640 / 800
		{"InnovationFull", matching.CodeInnovation, func(e *matching.Enterprise) { e.InnovationPoints = 800 }, nil, 5, "创新积分 800"},
		{"InnovationCapped", matching.CodeInnovation, func(e *matching.Enterprise) { e.InnovationPoints = 1000 }, nil, 5, "创新积分 1000"},
		{"InnovationZero", matching.CodeInnovation, func(e *matching.Enterprise) { e.InnovationPoints = 0 }, nil, 0, "创新积分 0"},
	}
	m := mustMatcher(t, matching.Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, inv := baseEnterprise(), baseInvestor()
			if tc.ent != nil {
				tc.ent(&e)
			}
			if tc.inv != nil {
				tc.inv(&inv)
			}
			got := m.ScoreInvestor(e, inv)
			r := reasonOf(t, got, tc.code)
			if r.Points != tc.points {
				t.Errorf("%s points = %d, want %d (%s)", tc.code, r.Points, tc.points, r.TextZH)
			}
			if !strings.Contains(r.TextZH, tc.textZH) {
				t.Errorf("text %q does not contain %q", r.TextZH, tc.textZH)
			}
			if r.TextEN == "" {
				t.Error("empty English text")
			}
			checkSum(t, got.Score, got.Reasons)
		})
	}
}

func checkSum(t *testing.T, score int, reasons []matching.Reason) {
	t.Helper()
	sum := 0
	for _, r := range reasons {
		sum += r.Points
	}
	if sum != score || score < 0 || score > 100 {
		t.Errorf("score %d, reasons sum to %d: %+v", score, sum, reasons)
	}
}

func TestScoreInvestor_PerfectFitIsFull(t *testing.T) {
	m := mustMatcher(t, matching.Options{})
	e := baseEnterprise()
	e.Labels, e.InnovationPoints = []string{"unicorn"}, 900
	inv := baseInvestor()
	inv.Sectors = []string{"3.6"}
	if got := m.ScoreInvestor(e, inv); got.Score != 100 {
		t.Errorf("score = %d, want 100: %+v", got.Score, got.Reasons)
	}
}

// Amount and stage count only when the investor covers the enterprise's
// sector, province and a wanted instrument.
func TestScoreInvestor_OutOfScope(t *testing.T) {
	tests := []struct {
		name string
		ent  func(e *matching.Enterprise)
		inv  func(i *matching.Investor)
	}{
		{"OtherProvince", func(e *matching.Enterprise) { e.Province = "浙江省" }, nil},
		{"OtherSector", nil, func(i *matching.Investor) { i.Sectors = []string{"biotech"} }},
		{"NoInstrument", func(e *matching.Enterprise) { e.Instruments = []string{"equity"} }, nil},
	}
	m := mustMatcher(t, matching.Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, inv := baseEnterprise(), baseInvestor()
			if tc.ent != nil {
				tc.ent(&e)
			}
			if tc.inv != nil {
				tc.inv(&inv)
			}
			got := m.ScoreInvestor(e, inv)
			for _, code := range []string{matching.CodeAmount, matching.CodeStage} {
				r := reasonOf(t, got, code)
				if r.Points != 0 || !strings.Contains(r.TextZH, "不计分") {
					t.Errorf("%s = %+v, want 0 points, not counted", code, r)
				}
			}
			checkSum(t, got.Score, got.Reasons)
		})
	}
}

func TestScoreInvestor_CustomWeights(t *testing.T) {
	tests := []struct {
		name   string
		w      matching.Weights
		need   int64
		points int
	}{
		// all 100 points on amount: 100 × (2×need − min) / min with min 1000万
		{"ThreeQuartersOfMin", matching.Weights{Amount: 100}, 7_500_000, 50},
		{"NineTenthsOfMin", matching.Weights{Amount: 100}, 9_000_000, 80},
		{"JustOverHalfOfMin", matching.Weights{Amount: 100}, 5_000_001, 0},
		{"Inside", matching.Weights{Amount: 100}, 10_000_000, 100},
		// 60 on amount, 40 on sector: 60 × 0.5 = 30 plus sector 80 % of 40
		{"Mixed", matching.Weights{Amount: 60, Sector: 40}, 7_500_000, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mustMatcher(t, matching.Options{Weights: tc.w})
			e, inv := baseEnterprise(), baseInvestor()
			e.NeedAmount = tc.need
			inv.TicketMin, inv.TicketMax = 10_000_000, 0
			got := m.ScoreInvestor(e, inv)
			if r := reasonOf(t, got, matching.CodeAmount); r.Points != tc.points {
				t.Errorf("amount points = %d, want %d", r.Points, tc.points)
			}
			checkSum(t, got.Score, got.Reasons)
		})
	}
}

func TestScoreInvestor_MetBefore(t *testing.T) {
	e, inv := baseEnterprise(), baseInvestor()
	raw := mustMatcher(t, matching.Options{}).ScoreInvestor(e, inv).Score
	pair := []matching.Pair{{EnterpriseID: e.ID, InvestorID: inv.ID}}
	for _, pen := range []int{0, 5, 100} {
		m := mustMatcher(t, matching.Options{Rules: matching.Rules{MetBefore: pair, MetBeforePenalty: pen}})
		got := m.ScoreInvestor(e, inv)
		want := raw - pen
		if pen == 0 {
			want = raw - matching.DefaultMetBeforePenalty
		}
		want = max(0, want)
		if got.Score != want || !got.MetBefore {
			t.Errorf("penalty %d: score %d met %v, want %d", pen, got.Score, got.MetBefore, want)
		}
		if r := reasonOf(t, got, matching.CodeMetBefore); r.Points != want-raw {
			t.Errorf("penalty %d: met_before reason %d points, want %d", pen, r.Points, want-raw)
		}
		checkSum(t, got.Score, got.Reasons)
	}
}

func TestScoreProduct(t *testing.T) {
	m := mustMatcher(t, matching.Options{})
	pm, ok := m.ScoreProduct(baseEnterprise(), baseProduct())
	if !ok || pm.ProductID != 10 || len(pm.Eligibility) != 7 {
		t.Fatalf("ScoreProduct = %+v, %v", pm, ok)
	}
	checkSum(t, pm.Score, pm.Reasons)
	p := baseProduct()
	p.MinInnovationPoints = 700
	if _, ok := m.ScoreProduct(baseEnterprise(), p); ok {
		t.Error("product requiring 700 points eligible for 640")
	}
}
