package synth

// weighted is a value with a relative weight.
type weighted[T any] struct {
	value  T
	weight int
}

// The distribution tables. They are read-only.
var (
	// sectorWeights leans toward the sectors most high-tech zone
	// enterprises belong to.
	sectorWeights = []weighted[string]{
		{"new_generation_it", 28}, {"high_end_equipment", 20}, {"biotech", 15},
		{"new_materials", 14}, {"new_energy", 7}, {"energy_saving_environmental", 6},
		{"new_energy_vehicles", 5}, {"digital_creative", 3}, {"related_services", 2},
	}
	// subsectorCodes lists the sub-sectors of each sector (sectors.csv).
	subsectorCodes = map[string][]string{
		"new_generation_it":           {"1.1", "1.2", "1.3", "1.4", "1.5"},
		"high_end_equipment":          {"2.1", "2.2", "2.3", "2.4", "2.5"},
		"new_materials":               {"3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"},
		"biotech":                     {"4.1", "4.2", "4.3", "4.4", "4.5"},
		"new_energy_vehicles":         {"5.1", "5.2", "5.3", "5.4"},
		"new_energy":                  {"6.1", "6.2", "6.3", "6.4", "6.5"},
		"energy_saving_environmental": {"7.1", "7.2", "7.3"},
		"digital_creative":            {"8.1", "8.2", "8.3", "8.4"},
		"related_services":            {"9.1", "9.2"},
	}
	// equipmentSectors are the sectors leasing companies favour.
	equipmentSectors = []weighted[string]{
		{"high_end_equipment", 30}, {"new_energy", 20}, {"new_energy_vehicles", 15},
		{"new_materials", 15}, {"energy_saving_environmental", 12}, {"biotech", 8},
	}
	stageWeights = []weighted[string]{
		{"seed", 10}, {"startup", 35}, {"growth", 40}, {"mature", 15},
	}
	// provinceWeights follow the number of national high-tech zones per
	// province (hightech_zones.csv), with Beijing and Shanghai raised for
	// the size of Zhongguancun and Zhangjiang.
	provinceWeights = []weighted[string]{
		{"江苏省", 18}, {"广东省", 14}, {"山东省", 13}, {"湖北省", 12}, {"北京市", 10},
		{"湖南省", 9}, {"江西省", 9}, {"上海市", 8}, {"辽宁省", 8}, {"浙江省", 8},
		{"河南省", 8}, {"四川省", 8}, {"陕西省", 7}, {"福建省", 7}, {"安徽省", 7},
		{"河北省", 6}, {"吉林省", 5}, {"重庆市", 4}, {"新疆维吾尔自治区", 4},
		{"广西壮族自治区", 4}, {"黑龙江省", 3}, {"贵州省", 3}, {"内蒙古自治区", 3},
		{"云南省", 3}, {"甘肃省", 2}, {"山西省", 2}, {"宁夏回族自治区", 2},
		{"天津市", 2}, {"青海省", 1}, {"西藏自治区", 1}, {"海南省", 1},
	}
	kindWeights = []weighted[string]{
		{"bank", 32}, {"vc", 24}, {"pe", 10}, {"leasing", 8}, {"guarantee", 8},
		{"trust", 6}, {"securities", 6}, {"insurance", 4}, {"other", 2},
	}
)

// labelOdds are per-mille chances of each label, by stage (seed, startup,
// growth, mature). little_giant is drawn among specialized_new holders.
var labelOdds = []struct {
	label string
	odds  [4]int
}{
	{"tech_sme", [4]int{700, 850, 820, 700}},
	{"high_tech_enterprise", [4]int{200, 450, 650, 750}},
	{"innovative_sme", [4]int{150, 300, 400, 400}},
	{"specialized_new", [4]int{30, 150, 300, 350}},
	{"gazelle", [4]int{0, 30, 90, 60}},
	{"unicorn", [4]int{0, 1, 4, 8}},
	{"golden_seed", [4]int{200, 220, 120, 30}},
}

// instrumentOdds are per-mille chances of wanting each instrument, by
// stage; young enterprises want equity, older ones loans and bonds.
var instrumentOdds = []struct {
	instrument string
	odds       [4]int
}{
	{"loan", [4]int{350, 600, 700, 750}},
	{"equity", [4]int{750, 500, 300, 150}},
	{"leasing", [4]int{10, 50, 100, 120}},
	{"bond", [4]int{0, 0, 30, 120}},
	{"trust", [4]int{0, 10, 30, 50}},
	{"guarantee", [4]int{30, 80, 60, 30}},
	{"insurance", [4]int{0, 20, 30, 30}},
}

// productTemplate models a Five Ones campaign product family.
type productTemplate struct {
	name       string
	kind       string // the kind of investor offering it
	instrument string
	minWan     []int64 // choices of AmountMin in 万元
	maxWan     []int64 // choices of AmountMax in 万元
	stages     []string
	labels     [][]string // choices of RequiredLabels (nil = none)
	minPoints  []int      // choices of MinInnovationPoints
	sectors    string     // "investor" copies the investor's, "equipment", "" = all
}

var productTemplates = []weighted[productTemplate]{
	{productTemplate{name: "交银火炬贷", kind: "bank", instrument: "loan",
		minWan: []int64{100, 200, 300}, maxWan: []int64{1000, 2000, 3000},
		stages: []string{"startup", "growth", "mature"},
		labels: [][]string{nil, {"high_tech_enterprise"}, {"tech_sme"}}}, 30},
	{productTemplate{name: "火炬创新积分贷", kind: "bank", instrument: "loan",
		minWan: []int64{100}, maxWan: []int64{500, 1000},
		labels:    [][]string{nil, {"tech_sme"}},
		minPoints: []int{500, 550, 600, 650, 700}}, 20},
	{productTemplate{name: "新苗计划", kind: "vc", instrument: "equity",
		minWan: []int64{300, 500}, maxWan: []int64{2000, 3000},
		stages: []string{"seed", "startup"}, sectors: "investor",
		labels: [][]string{nil, nil, {"golden_seed"}}}, 15},
	{productTemplate{name: "专精特新贷", kind: "bank", instrument: "loan",
		minWan: []int64{500}, maxWan: []int64{3000, 5000},
		stages: []string{"growth", "mature"},
		labels: [][]string{{"specialized_new"}}}, 10},
	{productTemplate{name: "科技设备租赁", kind: "leasing", instrument: "leasing",
		minWan: []int64{500, 1000}, maxWan: []int64{5000, 10000},
		stages: []string{"growth", "mature"}, sectors: "equipment"}, 10},
	{productTemplate{name: "科创信托计划", kind: "trust", instrument: "trust",
		minWan: []int64{1000, 2000}, maxWan: []int64{10000},
		stages: []string{"growth", "mature"},
		labels: [][]string{{"high_tech_enterprise"}}}, 7},
	{productTemplate{name: "知识产权质押贷", kind: "bank", instrument: "loan",
		minWan: []int64{100}, maxWan: []int64{1000},
		minPoints: []int{400, 450}}, 5},
	{productTemplate{name: "科技融资担保", kind: "guarantee", instrument: "guarantee",
		minWan: []int64{100}, maxWan: []int64{1000, 2000},
		stages: []string{"startup", "growth"}}, 3},
}
