package importer

import (
	"strings"
	"unicode"

	"roadshow/app"
)

// lookups resolve what people type in cells — codes, Chinese or English
// names, short forms — to the API's codes and ids.
type lookups struct {
	vocab       *app.Vocabulary
	principal   *app.Principal
	sectors     map[string]string
	subsectors  map[string]string
	stages      map[string]string
	labels      map[string]string
	instruments map[string]string
	kinds       map[string]string
	provinces   map[string]string
	zones       map[string]*app.Zone
	zoneIDs     map[int64]*app.Zone
	investors   map[string]int64 // by name, for products
}

// investorKindNames are the Chinese names of investor kinds.
var investorKindNames = map[string][]string{
	"bank": {"银行", "商业银行"}, "vc": {"创投", "风投", "风险投资", "创业投资", "vc"}, "pe": {"私募", "私募股权", "股权投资", "pe"},
	"leasing": {"租赁", "融资租赁", "金融租赁"}, "trust": {"信托"}, "securities": {"证券", "券商"},
	"guarantee": {"担保", "融资担保"}, "insurance": {"保险", "保险资管"}, "other": {"其他"},
}

// extraNames are common names beyond the vocabulary's own.
var extraNames = map[string]map[string][]string{
	"labels": {"high_tech_enterprise": {"国家高新技术企业", "高企"}, "little_giant": {"小巨人"}, "specialized_new": {"专精特新企业"}},
	"instruments": {"equity": {"股", "股权投资"}, "loan": {"贷", "信贷", "银行贷款"}, "bond": {"债"}, "leasing": {"租", "融资租赁"},
		"trust": {"托"}},
}

func newLookups(v *app.Vocabulary, p *app.Principal, zones []*app.Zone) *lookups {
	l := &lookups{vocab: v, principal: p, sectors: termIndex(v.Sectors, "产业"), subsectors: termIndex(v.Subsectors, "产业"),
		stages: termIndex(v.Stages, "期"), labels: termIndex(v.Labels, "中小企业", "企业"),
		instruments: termIndex(v.Instruments, "融资"), kinds: map[string]string{}, provinces: map[string]string{},
		zones: map[string]*app.Zone{}, zoneIDs: map[int64]*app.Zone{}, investors: map[string]int64{}}
	addNames(l.labels, extraNames["labels"])
	addNames(l.instruments, extraNames["instruments"])
	for code := range investorKindNames {
		l.kinds[key(code)] = code
	}
	addNames(l.kinds, investorKindNames)
	for _, p := range v.Provinces {
		l.provinces[key(p)] = p
		l.provinces[key(shortProvince(p))] = p
	}
	for _, z := range zones {
		l.zoneIDs[z.ID] = z
		for _, name := range []string{z.Code, z.NameZH, z.ShortNameZH, derivedShortName(z.NameZH)} {
			if name != "" {
				l.zones[key(name)] = z
			}
		}
	}
	return l
}

// termIndex maps a vocabulary's codes and names (and the names without
// one of the suffixes) to codes.
func termIndex(terms []app.Term, suffixes ...string) map[string]string {
	m := map[string]string{}
	for _, t := range terms {
		for _, name := range []string{t.Code, t.NameZH, t.NameEN} {
			k := key(name)
			if k == "" {
				continue
			}
			m[k] = t.Code
			for _, s := range suffixes {
				if short := strings.TrimSuffix(k, s); short != k && short != "" {
					if _, taken := m[short]; !taken {
						m[short] = t.Code
					}
				}
			}
		}
	}
	return m
}

func addNames(m map[string]string, names map[string][]string) {
	for code, list := range names {
		for _, n := range list {
			m[key(n)] = code
		}
	}
}

// key normalises a name for lookup: no spaces or quotes, lower case,
// full-width letters and digits folded.
func key(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || strings.ContainsRune("\"'“”‘’「」『』《》", r):
			continue
		case r >= '！' && r <= '～':
			r -= 0xFEE0 // full-width ASCII
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// shortProvince strips the province's administrative suffix: 江苏省 → 江苏,
// 广西壮族自治区 → 广西.
func shortProvince(p string) string {
	for _, s := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"} {
		if short := strings.TrimSuffix(p, s); short != p && short != "" {
			return short
		}
	}
	return p
}

// derivedShortName shortens a zone's name the way people write it:
// 武汉东湖新技术开发区 → 武汉东湖高新区.
func derivedShortName(name string) string {
	for _, suffix := range []string{"高新技术产业开发区", "新技术产业开发区", "新技术开发区", "高新技术开发区"} {
		if short := strings.TrimSuffix(name, suffix); short != name && short != "" {
			return short + "高新区"
		}
	}
	return ""
}

// coversZone reports whether the caller may import records of the zone.
func (l *lookups) coversZone(z *app.Zone) bool {
	var branch int64
	if z.BranchID != nil {
		branch = *z.BranchID
	}
	return l.principal.CoversZone(z.ID, branch)
}

func (l *lookups) zoneByID(id int64) *app.Zone { return l.zoneIDs[id] }
