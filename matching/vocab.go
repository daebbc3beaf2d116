package matching

import "strings"

// name is a code with its Chinese and English display names.
type name struct {
	code, zh, en string
}

// subsectorName is a sub-sector of the 2018 strategic emerging industries
// classification; sector indexes sectorNames.
type subsectorName struct {
	code   string
	sector int
	zh, en string
}

// provinceName is a provincial-level division; short is the name without
// its administrative suffix, accepted on input.
type provinceName struct {
	zh, short, en string
}

// The tables below are read-only lookup data (the contents of
// app/data/*.csv), indexed by the small integers the scorer works with.
var (
	sectorNames = [...]name{
		{"new_generation_it", "新一代信息技术产业", "Next-generation information technology"},
		{"high_end_equipment", "高端装备制造产业", "High-end equipment manufacturing"},
		{"new_materials", "新材料产业", "New materials"},
		{"biotech", "生物产业", "Biotechnology"},
		{"new_energy_vehicles", "新能源汽车产业", "New energy vehicles"},
		{"new_energy", "新能源产业", "New energy"},
		{"energy_saving_environmental", "节能环保产业", "Energy conservation and environmental protection"},
		{"digital_creative", "数字创意产业", "Digital creative industry"},
		{"related_services", "相关服务业", "Related services"},
	}
	subsectorNames = [...]subsectorName{
		{"1.1", 0, "下一代信息网络产业", "Next-generation information networks"},
		{"1.2", 0, "电子核心产业", "Core electronics"},
		{"1.3", 0, "新兴软件和新型信息技术服务", "Emerging software and new IT services"},
		{"1.4", 0, "互联网与云计算、大数据服务", "Internet, cloud computing and big-data services"},
		{"1.5", 0, "人工智能", "Artificial intelligence"},
		{"2.1", 1, "智能制造装备产业", "Intelligent manufacturing equipment"},
		{"2.2", 1, "航空装备产业", "Aviation equipment"},
		{"2.3", 1, "卫星及应用产业", "Satellites and applications"},
		{"2.4", 1, "轨道交通装备产业", "Rail transit equipment"},
		{"2.5", 1, "海洋工程装备产业", "Marine engineering equipment"},
		{"3.1", 2, "先进钢铁材料", "Advanced steel materials"},
		{"3.2", 2, "先进有色金属材料", "Advanced non-ferrous metal materials"},
		{"3.3", 2, "先进石化化工新材料", "Advanced petrochemical and chemical new materials"},
		{"3.4", 2, "先进无机非金属材料", "Advanced inorganic non-metallic materials"},
		{"3.5", 2, "高性能纤维及制品和复合材料", "High-performance fibres, products and composites"},
		{"3.6", 2, "前沿新材料", "Frontier new materials"},
		{"3.7", 2, "新材料相关服务", "New-material related services"},
		{"4.1", 3, "生物医药产业", "Biomedicine"},
		{"4.2", 3, "生物医学工程产业", "Biomedical engineering"},
		{"4.3", 3, "生物农业及相关产业", "Bio-agriculture and related"},
		{"4.4", 3, "生物质能产业", "Biomass energy (bio-industry)"},
		{"4.5", 3, "其他生物业", "Other bio-industries"},
		{"5.1", 4, "新能源汽车整车制造", "NEV complete-vehicle manufacturing"},
		{"5.2", 4, "新能源汽车装置、配件制造", "NEV devices and parts manufacturing"},
		{"5.3", 4, "新能源汽车相关设施制造", "NEV-related facilities manufacturing"},
		{"5.4", 4, "新能源汽车相关服务", "NEV-related services"},
		{"6.1", 5, "核电产业", "Nuclear power"},
		{"6.2", 5, "风能产业", "Wind energy"},
		{"6.3", 5, "太阳能产业", "Solar energy"},
		{"6.4", 5, "生物质能及其他新能源产业", "Biomass and other new energy"},
		{"6.5", 5, "智能电网产业", "Smart grid"},
		{"7.1", 6, "高效节能产业", "High-efficiency energy saving"},
		{"7.2", 6, "先进环保产业", "Advanced environmental protection"},
		{"7.3", 6, "资源循环利用产业", "Resource recycling"},
		{"8.1", 7, "数字创意技术设备制造", "Digital-creative technology equipment manufacturing"},
		{"8.2", 7, "数字文化创意活动", "Digital cultural and creative activities"},
		{"8.3", 7, "设计服务", "Design services"},
		{"8.4", 7, "数字创意与融合服务", "Digital-creative convergence services"},
		{"9.1", 8, "新技术与创新创业服务", "New technology and innovation/entrepreneurship services"},
		{"9.2", 8, "其他相关服务", "Other related services"},
	}
	stageNames = [...]name{
		{"seed", "种子期", "seed"},
		{"startup", "初创期", "start-up"},
		{"growth", "成长期", "growth"},
		{"mature", "成熟期", "mature"},
	}
	labelNames = [...]name{
		{"high_tech_enterprise", "高新技术企业", "High and New Technology Enterprise"},
		{"tech_sme", "科技型中小企业", "Technology-based SME"},
		{"innovative_sme", "创新型中小企业", "Innovative SME"},
		{"specialized_new", "专精特新中小企业", "Specialized and innovative SME"},
		{"little_giant", "专精特新“小巨人”企业", "SRDI \"Little Giant\""},
		{"gazelle", "瞪羚企业", "Gazelle enterprise"},
		{"unicorn", "独角兽企业", "Unicorn"},
		{"golden_seed", "“金种子”企业", "\"Golden seed\" enterprise"},
	}
	instrumentNames = [...]name{
		{"equity", "股权", "equity"},
		{"loan", "贷款", "loan"},
		{"bond", "债券", "bond"},
		{"leasing", "租赁", "leasing"},
		{"trust", "信托", "trust"},
		{"guarantee", "担保", "guarantee"},
		{"insurance", "保险", "insurance"},
		{"other", "其他", "other"},
	}
	provinceNames = [...]provinceName{
		{"北京市", "北京", "Beijing"}, {"天津市", "天津", "Tianjin"},
		{"河北省", "河北", "Hebei"}, {"山西省", "山西", "Shanxi"},
		{"内蒙古自治区", "内蒙古", "Inner Mongolia"}, {"辽宁省", "辽宁", "Liaoning"},
		{"吉林省", "吉林", "Jilin"}, {"黑龙江省", "黑龙江", "Heilongjiang"},
		{"上海市", "上海", "Shanghai"}, {"江苏省", "江苏", "Jiangsu"},
		{"浙江省", "浙江", "Zhejiang"}, {"安徽省", "安徽", "Anhui"},
		{"福建省", "福建", "Fujian"}, {"江西省", "江西", "Jiangxi"},
		{"山东省", "山东", "Shandong"}, {"河南省", "河南", "Henan"},
		{"湖北省", "湖北", "Hubei"}, {"湖南省", "湖南", "Hunan"},
		{"广东省", "广东", "Guangdong"}, {"广西壮族自治区", "广西", "Guangxi"},
		{"海南省", "海南", "Hainan"}, {"重庆市", "重庆", "Chongqing"},
		{"四川省", "四川", "Sichuan"}, {"贵州省", "贵州", "Guizhou"},
		{"云南省", "云南", "Yunnan"}, {"西藏自治区", "西藏", "Tibet"},
		{"陕西省", "陕西", "Shaanxi"}, {"甘肃省", "甘肃", "Gansu"},
		{"青海省", "青海", "Qinghai"}, {"宁夏回族自治区", "宁夏", "Ningxia"},
		{"新疆维吾尔自治区", "新疆", "Xinjiang"}, {"香港特别行政区", "香港", "Hong Kong"},
		{"澳门特别行政区", "澳门", "Macao"}, {"台湾省", "台湾", "Taiwan"},
	}
)

// lookup returns the index of code in names, or -1.
func lookup(names []name, code string) int {
	for i := range names {
		if names[i].code == code {
			return i
		}
	}
	return -1
}

// subsectorIndex returns the index of a sub-sector code, or -1.
func subsectorIndex(code string) int {
	for i := range subsectorNames {
		if subsectorNames[i].code == code {
			return i
		}
	}
	return -1
}

// knownProvince returns the index of a province given by its full or short
// name, or -1.
func knownProvince(s string) int {
	s = strings.TrimSpace(s)
	for i, p := range provinceNames {
		if s == p.zh || s == p.short {
			return i
		}
	}
	return -1
}

// SectorName returns the Chinese and English names of a sector code or a
// sub-sector code ("3.6"), and false when the code is unknown.
func SectorName(code string) (zh, en string, ok bool) {
	if i := lookup(sectorNames[:], code); i >= 0 {
		return sectorNames[i].zh, sectorNames[i].en, true
	}
	if i := subsectorIndex(code); i >= 0 {
		return subsectorNames[i].zh, subsectorNames[i].en, true
	}
	return "", "", false
}

// StageName returns the Chinese and English names of a stage code.
func StageName(code string) (zh, en string, ok bool) {
	return nameOf(stageNames[:], code)
}

// LabelName returns the Chinese and English names of a label code.
func LabelName(code string) (zh, en string, ok bool) {
	return nameOf(labelNames[:], code)
}

// InstrumentName returns the Chinese and English names of an instrument
// code.
func InstrumentName(code string) (zh, en string, ok bool) {
	return nameOf(instrumentNames[:], code)
}

func nameOf(names []name, code string) (zh, en string, ok bool) {
	if i := lookup(names, code); i >= 0 {
		return names[i].zh, names[i].en, true
	}
	return "", "", false
}
