package matching

import "strconv"

// rules evaluates every eligibility rule of product p for enterprise e,
// appending them to dst; ok is true when all pass. The verdicts are the
// same predicates eligible combines.
func (x *texts) rules(e *entProfile, p *offer, dst []Rule) (out []Rule, ok bool) {
	secTier := sectorTier(p, e.secKey)
	stTier := stageTier(p, e.stage)
	regTier := regionTier(p, e.prov)
	checks := [...]struct {
		rule string
		key  textKey
	}{
		{RuleSector, textKey{kind: textRuleSector, tier: secTier, pass: sectorPasses(secTier), a: int64(e.secKey), b: int64(p.secMask), c: int64(p.subMask)}},
		{RuleStage, textKey{kind: textRuleStage, tier: stTier, pass: stagePasses(stTier), a: int64(e.stage), b: int64(p.stageMask)}},
		{RuleAmount, textKey{kind: textRuleAmount, pass: amountInRange(e.need, p.lo, p.hi), a: e.need, b: p.lo, c: p.hi}},
		{RuleInnovationPoints, textKey{kind: textRulePoints, pass: e.points >= p.minPoints, a: int64(e.points), b: int64(p.minPoints)}},
		{RuleLabels, textKey{kind: textRuleLabels, pass: labelsPass(e, p), a: int64(e.labels), b: int64(p.reqLabels), c: boolInt(p.reqUnknown)}},
		{RuleProvince, textKey{kind: textRuleProvince, tier: regTier, pass: regionPasses(regTier), a: int64(e.prov), b: int64(p.provMask)}},
		{RuleInstrument, textKey{kind: textRuleInstrument, pass: instrumentPasses(e, p), a: int64(e.inst), b: int64(p.inst), c: boolInt(e.instAny)}},
	}
	ok = true
	for _, c := range checks {
		zh, en := x.get(c.key)
		dst = append(dst, Rule{Rule: c.rule, Pass: c.key.pass, TextZH: zh, TextEN: en})
		ok = ok && c.key.pass
	}
	return dst, ok
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (x *texts) buildRule(k textKey) (zh, en string) {
	switch k.kind {
	case textRuleSector:
		return ruleSectorText(k.tier, uint8(k.a), uint16(k.b), uint64(k.c))
	case textRuleStage:
		return ruleStageText(k.tier, uint8(k.a), uint8(k.b))
	case textRuleAmount:
		return x.ruleAmountText(k.pass, k.a, k.b, k.c)
	case textRulePoints:
		return rulePointsText(k.pass, k.a, k.b)
	case textRuleLabels:
		return ruleLabelsText(k.pass, uint8(k.a), uint8(k.b), k.c != 0)
	case textRuleProvince:
		return x.ruleProvinceText(k.tier, uint8(k.a), uint64(k.b))
	case textRuleInstrument:
		return ruleInstrumentText(k.pass, uint8(k.a), uint8(k.b), k.c != 0)
	}
	return "", ""
}

func ruleSectorText(tr tier, key uint8, secMask uint16, subMask uint64) (zh, en string) {
	nz, ne := sectorKeyNames(key)
	switch tr {
	case sectorOpen:
		return "产品不限行业", "The product is open to all sectors"
	case sectorExact:
		return "细分领域符合：" + nz, "Sub-sector matches: " + ne
	case sectorSame:
		sz, se := sectorOnlyNames(key)
		return "行业符合：" + sz, "Sector matches: " + se
	}
	pz, pe := offerSectorNames(secMask, subMask)
	return "行业不符：企业属于" + nz + "，产品面向" + pz, "Sector does not match: the enterprise is in " + ne + "; the product serves " + pe
}

func ruleStageText(tr tier, s, mask uint8) (zh, en string) {
	nz, ne := stageNamesOf(s)
	switch tr {
	case stageOpen:
		return "产品不限发展阶段", "The product serves every stage"
	case stageListed:
		return "发展阶段符合：" + nz, "Stage matches: " + ne
	}
	pz, pe := joinNames(stageNames[:], uint64(mask>>1))
	return "发展阶段不符：企业处于" + nz + "，产品面向" + pz, "Stage does not match: the enterprise is at the " + ne + " stage; the product serves the " + pe + " stage(s)"
}

func (x *texts) ruleAmountText(pass bool, need, lo, hi int64) (zh, en string) {
	nz, ne := x.money.amount(need)
	nz, ne = "融资需求 "+nz, "Need of "+ne
	if need <= 0 {
		nz, ne = "企业未填写融资金额", "No amount stated"
	}
	switch {
	case pass && lo <= 0 && hi <= 0:
		return nz + "，产品不限金额", ne + "; the product has no amount limits"
	case pass:
		sz, se := x.money.span(lo, hi)
		return nz + "，在产品额度（" + sz + "）内", ne + ", within the product's range (" + se + ")"
	case need < lo:
		lz, le := x.money.amount(lo)
		return nz + "，低于产品最低额度 " + lz, ne + ", below the product's minimum of " + le
	}
	hz, he := x.money.amount(hi)
	return nz + "，高于产品最高额度 " + hz, ne + ", above the product's maximum of " + he
}

func rulePointsText(pass bool, points, minPoints int64) (zh, en string) {
	p, m := strconv.FormatInt(points, 10), strconv.FormatInt(minPoints, 10)
	switch {
	case minPoints <= 0:
		return "产品不要求创新积分", "The product requires no innovation points"
	case pass:
		return "创新积分 " + p + "，达到产品要求的 " + m, "Innovation points " + p + " meet the " + m + " the product requires"
	}
	return "创新积分 " + p + "，低于产品要求的 " + m, "Innovation points " + p + " are below the " + m + " the product requires"
}

func ruleLabelsText(pass bool, has, req uint8, unknown bool) (zh, en string) {
	switch {
	case pass && req == 0:
		return "产品不要求企业资质", "The product requires no qualification"
	case pass:
		z, e := joinNames(labelNames[:], uint64(req))
		return "具备产品要求的资质：" + z, "Holds the required qualifications: " + e
	case req&^has == 0 && unknown:
		return "产品要求的资质无法识别", "The product requires an unrecognised qualification"
	}
	z, e := joinNames(labelNames[:], uint64(req&^has))
	return "缺少产品要求的资质：" + z, "Lacks the required qualifications: " + e
}

func (x *texts) ruleProvinceText(tr tier, id uint8, mask uint64) (zh, en string) {
	nz, ne := x.prov.names(id)
	switch tr {
	case regionNationwide:
		return "产品面向全国", "The product is offered nationwide"
	case regionSame:
		return "地区符合：" + nz, "Region matches: " + ne
	}
	pz, pe := x.prov.list(mask)
	return "地区不符：企业位于" + nz + "，产品面向" + pz, "Region does not match: the enterprise is in " + ne + "; the product serves " + pe
}

func ruleInstrumentText(pass bool, want, offered uint8, any bool) (zh, en string) {
	oz, oe := joinNames(instrumentNames[:], uint64(offered))
	switch {
	case any:
		return "企业未限定融资方式，接受" + oz, "The enterprise accepts any instrument, including " + oe
	case pass:
		return "融资方式符合：" + oz, "Instrument matches: " + oe
	}
	wz, we := joinNames(instrumentNames[:], uint64(want))
	return "融资方式不符：企业需要" + wz + "，产品为" + oz, "Instrument does not match: the enterprise wants " + we + "; the product is " + oe
}
