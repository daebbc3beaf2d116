package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"roadshow/matching"
)

var (
	nameChars = []string{"华", "创", "芯", "智", "博", "瑞", "康", "源", "新", "达", "恒", "睿", "科", "微",
		"联", "泰", "宇", "航", "中", "天", "海", "晶", "锐", "拓", "远", "鼎", "信", "诺", "启", "辰",
		"腾", "迈", "凯", "正", "和", "盛", "德", "安", "力", "光"}
	sectorWords = map[string][]string{
		"new_generation_it":           {"信息技术", "软件", "微电子", "智能科技", "数据科技", "网络科技"},
		"high_end_equipment":          {"智能装备", "精密机械", "航空科技", "自动化设备"},
		"new_materials":               {"新材料", "复合材料", "材料科技"},
		"biotech":                     {"生物医药", "生物科技", "医疗器械", "基因科技"},
		"new_energy_vehicles":         {"新能源汽车", "动力科技", "电驱科技"},
		"new_energy":                  {"新能源", "光伏科技", "储能科技", "风电科技"},
		"energy_saving_environmental": {"环保科技", "节能科技", "环境工程"},
		"digital_creative":            {"数字科技", "文化科技", "创意设计"},
		"related_services":            {"科技服务", "检测技术", "知识产权服务"},
	}
	bankNames     = []string{"交通银行", "中国工商银行", "中国建设银行", "中国银行", "招商银行", "兴业银行", "浦发银行", "中信银行"}
	investorWords = map[string][]string{
		"vc":         {"创业投资有限公司", "创投管理有限公司", "资本管理有限公司"},
		"pe":         {"股权投资基金管理有限公司", "私募基金管理有限公司"},
		"leasing":    {"融资租赁有限公司", "金融租赁股份有限公司"},
		"guarantee":  {"融资担保有限公司", "科技融资担保有限公司"},
		"trust":      {"信托有限责任公司"},
		"securities": {"证券股份有限公司"},
		"insurance":  {"人寿保险股份有限公司", "保险资产管理有限公司"},
		"other":      {"科技金融服务有限公司", "投资控股有限公司"},
	}
)

// namer hands out unique names, numbering repeats.
type namer struct {
	seen map[string]int
}

func newNamer() *namer {
	return &namer{seen: make(map[string]int)}
}

func (n *namer) unique(name string) string {
	n.seen[name]++
	if c := n.seen[name]; c > 1 {
		return name + strconv.Itoa(c) + "号"
	}
	return name
}

func shortProvince(p string) string {
	for _, suffix := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"} {
		if s, ok := strings.CutSuffix(p, suffix); ok {
			return s
		}
	}
	return p
}

func core(r *rand.Rand) string {
	return one(r, nameChars) + one(r, nameChars)
}

// enterprise names an enterprise: province, two-character brand, trade and
// company form, e.g. 江苏瑞芯微电子有限公司.
func (n *namer) enterprise(r *rand.Rand, sector, province string) string {
	form := "有限公司"
	if chance(r, 150) {
		form = "股份有限公司"
	}
	return n.unique(shortProvince(province) + core(r) + one(r, sectorWords[sector]) + form)
}

// investor names an investor after its kind: a bank branch, or a brand and
// an institution form.
func (n *namer) investor(r *rand.Rand, inv matching.Investor) string {
	if inv.Kind == "bank" {
		place := "总行科技金融部"
		if len(inv.Provinces) > 0 {
			place = inv.Provinces[0] + "分行"
		}
		return n.unique(one(r, bankNames) + place)
	}
	prefix := ""
	if len(inv.Provinces) > 0 {
		prefix = shortProvince(inv.Provinces[0])
	}
	return n.unique(prefix + core(r) + one(r, investorWords[inv.Kind]))
}
