package matching

import (
	"strconv"
	"strings"
)

// textKind names what a text explains.
type textKind uint8

const (
	textSector textKind = iota
	textStage
	textAmount
	textInstrument
	textRegion
	textLabels
	textInnovation
	textMetBefore
	textRuleSector
	textRuleStage
	textRuleAmount
	textRulePoints
	textRuleLabels
	textRuleProvince
	textRuleInstrument
)

// party says whose offer a text speaks of.
type party uint8

const (
	partyInvestor party = iota
	partyProduct
)

func (p party) zh() string {
	if p == partyProduct {
		return "产品"
	}
	return "投资方"
}

func (p party) en() string {
	if p == partyProduct {
		return "the product"
	}
	return "the investor"
}

// textKey determines a text completely: equal keys give equal texts, so
// texts can be cached and shared between matches.
type textKey struct {
	kind  textKind
	tier  tier
	party party
	pass  bool
	gaps  uint8 // scope gaps of a stage or amount text
	a     int64
	b     int64
	c     int64
}

// numTextKinds is the number of textKind values.
const numTextKinds = int(textRuleInstrument) + 1

// texts builds and caches the texts of reasons and rules. One texts value
// serves one goroutine.
type texts struct {
	prov  *provinces
	cache map[textKey][2]string
	money money
	// recent, when set, remembers the last text of each kind, party, tier
	// and verdict in front of the map: one enterprise's matches share most
	// of them.
	recent *[numTextKinds][2][numTiers][2]recentText
}

type recentText struct {
	key    textKey
	zh, en string
}

func newTexts(pv *provinces) *texts {
	return &texts{prov: pv, cache: make(map[textKey][2]string)}
}

// newRankTexts returns texts for a goroutine explaining many matches.
func newRankTexts(pv *provinces) *texts {
	x := newTexts(pv)
	x.recent = new([numTextKinds][2][numTiers][2]recentText)
	return x
}

// get returns the Chinese and English text of a key.
func (x *texts) get(k textKey) (zh, en string) {
	var r *recentText
	if x.recent != nil {
		r = &x.recent[k.kind][k.party][k.tier][boolInt(k.pass)]
		if r.key == k && r.zh != "" {
			return r.zh, r.en
		}
	}
	t, ok := x.cache[k]
	if !ok {
		t[0], t[1] = x.build(k)
		x.cache[k] = t
	}
	if r != nil {
		*r = recentText{key: k, zh: t[0], en: t[1]}
	}
	return t[0], t[1]
}

func (x *texts) build(k textKey) (zh, en string) {
	switch k.kind {
	case textSector:
		return sectorText(k.tier, k.party, uint8(k.a))
	case textStage:
		zh, en := stageText(k.tier, k.party, uint8(k.a))
		return notCounted(zh, en, k.gaps, k.party)
	case textAmount:
		zh, en := x.amountText(k.tier, k.party, k.a, k.b, k.c)
		return notCounted(zh, en, k.gaps, k.party)
	case textInstrument:
		return instrumentText(k.tier, k.party, uint8(k.a), uint8(k.b))
	case textRegion:
		return x.regionText(k.tier, k.party, uint8(k.a))
	case textLabels:
		return labelsText(uint8(k.a))
	case textInnovation:
		return innovationText(k.a)
	case textMetBefore:
		return "此前活动中已对接过，排序下调", "Met at an earlier event; ranked lower"
	}
	return x.buildRule(k)
}

// Scope gaps: what an out-of-scope offer does not cover.
const (
	gapSector uint8 = 1 << iota
	gapRegion
	gapInstrument
)

// scopeGaps returns the gaps between an offer and an enterprise; none
// means the pair is in scope.
func scopeGaps(secTier, regTier, inTier tier) uint8 {
	var g uint8
	if secTier == sectorNone {
		g |= gapSector
	}
	if regTier == regionNone {
		g |= gapRegion
	}
	if inTier == instrumentNone {
		g |= gapInstrument
	}
	return g
}

// notCounted marks a stage or amount text as not counted because of the
// scope gaps.
func notCounted(zh, en string, gaps uint8, p party) (string, string) {
	if gaps == 0 {
		return zh, en
	}
	var zs, es []string
	for i, w := range [...][2]string{{"行业", "sector"}, {"地区", "region"}, {"融资方式", "instruments"}} {
		if gaps&(1<<i) != 0 {
			zs, es = append(zs, w[0]), append(es, w[1])
		}
	}
	return zh + "（" + p.zh() + "未覆盖企业的" + strings.Join(zs, "、") + "，不计分）",
		en + " (not counted: " + p.en() + " does not cover the enterprise's " + strings.Join(es, " or ") + ")"
}

func sectorText(tr tier, p party, key uint8) (zh, en string) {
	nz, ne := sectorKeyNames(key)
	sz, se := sectorOnlyNames(key)
	switch tr {
	case sectorExact:
		return "细分领域完全匹配：" + nz, "Exact sub-sector match: " + ne
	case sectorSame:
		return "行业匹配：" + sz, "Sector match: " + se
	case sectorOpen:
		return p.zh() + "不限行业", capital(p.en()) + " is open to all sectors"
	case sectorRelated:
		return "同属" + sz + "，细分领域不同", "Same sector (" + se + "), different sub-sector"
	}
	return "行业不匹配：" + nz + "不在" + p.zh() + "关注范围内", "No sector overlap: " + ne + " is outside " + p.en() + "'s focus"
}

func stageText(tr tier, p party, s uint8) (zh, en string) {
	nz, ne := stageNamesOf(s)
	switch tr {
	case stageListed:
		return "发展阶段匹配：" + nz, "Stage match: " + ne
	case stageOpen:
		return p.zh() + "不限发展阶段", capital(p.en()) + " covers every stage"
	case stageAdjacent:
		return "发展阶段相近：企业处于" + nz + "，" + p.zh() + "关注相邻阶段", "Neighbouring stage: the enterprise is at the " + ne + " stage, " + p.en() + " serves an adjacent one"
	}
	return "发展阶段不匹配：" + p.zh() + "不面向" + nz + "企业", "Stage mismatch: " + p.en() + " does not serve the " + ne + " stage"
}

// rangeWords names an offer's amount range.
func rangeWords(p party) (zh, en string) {
	if p == partyProduct {
		return "额度", "amount range"
	}
	return "单笔投资区间", "ticket range"
}

func (x *texts) amountText(tr tier, p party, need, lo, hi int64) (zh, en string) {
	nz, ne := x.money.amount(need)
	rz, re := rangeWords(p)
	switch tr {
	case amountUnstated:
		return "企业未填写融资金额", "The enterprise stated no amount"
	case amountHidden:
		return "融资需求不向投资方公开，按统一分值计分", "The need is not disclosed to investors; scored at a fixed share"
	case amountInside:
		if lo <= 0 && hi <= 0 {
			return "融资需求 " + nz + "，" + p.zh() + "不限金额", "Need of " + ne + "; " + p.en() + " sets no amount range"
		}
		sz, se := x.money.span(lo, hi)
		return "融资需求 " + nz + "，在" + p.zh() + rz + "（" + sz + "）内", "Need of " + ne + " is within " + p.en() + "'s " + re + " (" + se + ")"
	case amountBelow, amountAbove:
		return x.boundText(p, need, lo, hi, "略", "somewhat")
	}
	return x.boundText(p, need, lo, hi, "远", "far")
}

// boundText says a need lies below the minimum or above the maximum.
func (x *texts) boundText(p party, need, lo, hi int64, howZH, howEN string) (zh, en string) {
	nz, ne := x.money.amount(need)
	if need < lo {
		lz, le := x.money.amount(lo)
		return "融资需求 " + nz + "，" + howZH + "低于" + p.zh() + "最低金额 " + lz, "Need of " + ne + " is " + howEN + " below " + p.en() + "'s minimum of " + le
	}
	hz, he := x.money.amount(hi)
	return "融资需求 " + nz + "，" + howZH + "高于" + p.zh() + "最高金额 " + hz, "Need of " + ne + " is " + howEN + " above " + p.en() + "'s maximum of " + he
}

// money caches formatted amounts and ranges, which many texts share.
type money struct {
	amounts map[int64][2]string
	ranges  map[[2]int64][2]string
}

func (m *money) amount(y int64) (zh, en string) {
	if t, ok := m.amounts[y]; ok {
		return t[0], t[1]
	}
	if m.amounts == nil {
		m.amounts = make(map[int64][2]string)
	}
	zh, en = amountZH(y), amountEN(y)
	m.amounts[y] = [2]string{zh, en}
	return zh, en
}

func (m *money) span(lo, hi int64) (zh, en string) {
	k := [2]int64{lo, hi}
	if t, ok := m.ranges[k]; ok {
		return t[0], t[1]
	}
	if m.ranges == nil {
		m.ranges = make(map[[2]int64][2]string)
	}
	zh, en = rangeZH(lo, hi), rangeEN(lo, hi)
	m.ranges[k] = [2]string{zh, en}
	return zh, en
}

func instrumentText(tr tier, p party, want, offered uint8) (zh, en string) {
	switch tr {
	case instrumentAnyWant:
		return "企业未限定融资方式", "The enterprise accepts any instrument"
	case instrumentHidden:
		return "企业所需融资方式不向投资方公开，按统一分值计分", "The wanted instruments are not disclosed to investors; scored at a fixed share"
	case instrumentUnstated:
		return p.zh() + "未列明融资方式", capital(p.en()) + " lists no instruments"
	case instrumentOverlap:
		z, e := joinNames(instrumentNames[:], uint64(want&offered))
		return "融资方式匹配：" + z, "Instrument match: " + e
	}
	wz, we := joinNames(instrumentNames[:], uint64(want))
	oz, oe := joinNames(instrumentNames[:], uint64(offered))
	return "融资方式不匹配：企业需要" + wz + "，" + p.zh() + "提供" + oz, "No instrument overlap: the enterprise wants " + we + "; " + p.en() + " offers " + oe
}

func (x *texts) regionText(tr tier, p party, id uint8) (zh, en string) {
	nz, ne := x.prov.names(id)
	switch tr {
	case regionSame:
		return "地区匹配：" + p.zh() + "服务" + nz, "Region match: " + p.en() + " serves " + ne
	case regionNationwide:
		return p.zh() + "面向全国", capital(p.en()) + " operates nationwide"
	}
	return "地区不匹配：" + p.zh() + "未覆盖" + nz, "Region mismatch: " + p.en() + " does not cover " + ne
}

func labelsText(mask uint8) (zh, en string) {
	if mask == 0 {
		return "企业暂无资质标签", "The enterprise holds no qualification labels"
	}
	z, e := joinNames(labelNames[:], uint64(mask))
	b := labelNames[bestLabel(mask)]
	return "企业资质：" + z + "（按最高资质" + b.zh + "计分）", "Qualifications: " + e + " (scored on " + b.en + ")"
}

func innovationText(points int64) (zh, en string) {
	n := strconv.FormatInt(points, 10)
	full := strconv.Itoa(innovationFull)
	return "创新积分 " + n + "（" + full + " 分及以上得满分）", "Innovation points " + n + " (full marks from " + full + ")"
}

func capital(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
