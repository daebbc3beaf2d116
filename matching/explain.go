package matching

// reasons explains the score of enterprise e with offer o, appending one
// reason per component to dst. The points are the same tiers and formulas
// table.score adds up, so they sum to exactly that score.
func (x *texts) reasons(t *table, e *entProfile, o *offer, p party, dst []Reason) []Reason {
	secTier := sectorTier(o, e.secKey)
	stTier := stageTier(o, e.stage)
	amTier, amPoints := t.amountOf(e, o.lo, o.hi)
	inTier := instrumentTier(e, o)
	regTier := regionTier(o, e.prov)
	stPoints := int(t.points[stTier])
	gaps := scopeGaps(secTier, regTier, inTier)
	if !inScope(e, o, inTier) {
		amPoints, stPoints = 0, 0
	}
	items := [...]struct {
		code   string
		points int
		key    textKey
	}{
		{CodeSector, int(t.points[secTier]), textKey{kind: textSector, tier: secTier, party: p, a: int64(e.secKey)}},
		{CodeStage, stPoints, textKey{kind: textStage, tier: stTier, party: p, gaps: gaps, a: int64(e.stage)}},
		{CodeAmount, amPoints, amountKey(e, o, amTier, p, gaps)},
		{CodeInstrument, int(t.points[inTier]), textKey{kind: textInstrument, tier: inTier, party: p, a: int64(e.inst), b: int64(o.inst)}},
		{CodeRegion, int(t.points[regTier]), textKey{kind: textRegion, tier: regTier, party: p, a: int64(e.prov)}},
		{CodeLabels, labelsPoints(e.labels, t.w.Labels), textKey{kind: textLabels, a: int64(e.labels)}},
		{CodeInnovation, innovationPoints(e.points, t.w.Innovation), textKey{kind: textInnovation, a: int64(e.points)}},
	}
	for _, it := range items {
		zh, en := x.get(it.key)
		dst = append(dst, Reason{Code: it.code, Points: it.points, TextZH: zh, TextEN: en})
	}
	return dst
}

// amountKey is the text key of an amount reason; an undisclosed need's
// text names neither the need nor the range it was not compared with.
func amountKey(e *entProfile, o *offer, tr tier, p party, gaps uint8) textKey {
	if e.hidden {
		return textKey{kind: textAmount, tier: tr, party: p, gaps: gaps}
	}
	return textKey{kind: textAmount, tier: tr, party: p, gaps: gaps, a: e.need, b: o.lo, c: o.hi}
}

// metBeforeReason is the penalty reason taking a raw score down to score.
func (x *texts) metBeforeReason(raw, score int) Reason {
	zh, en := x.get(textKey{kind: textMetBefore})
	return Reason{Code: CodeMetBefore, Points: score - raw, TextZH: zh, TextEN: en}
}

// penalise applies a met-before penalty, never going below 0.
func penalise(raw, penalty int) int {
	return max(0, raw-penalty)
}
