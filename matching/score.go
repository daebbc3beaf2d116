package matching

// sectorTier grades how an offer's sector focus fits a sector key.
func sectorTier(o *offer, key uint8) tier {
	if o.secAll {
		return sectorOpen
	}
	sec, sub := keySector(key)
	switch {
	case sub >= 0 && o.subMask&(1<<sub) != 0:
		return sectorExact
	case sec >= 0 && o.secMask&(1<<sec) != 0:
		return sectorSame
	case sec >= 0 && o.relMask&(1<<sec) != 0:
		return sectorRelated
	}
	return sectorNone
}

// sectorPasses tells whether a sector tier satisfies a product's sector
// rule: the product is open to all sectors or lists the enterprise's sector
// or sub-sector.
func sectorPasses(tr tier) bool {
	return tr == sectorOpen || tr == sectorSame || tr == sectorExact
}

// stageTier grades how an offer's stage focus fits stage s (0 unknown).
func stageTier(o *offer, s uint8) tier {
	switch {
	case o.stageAll:
		return stageOpen
	case s == 0:
		return stageNone
	case o.stageMask&(1<<s) != 0:
		return stageListed
	case o.stageMask&(1<<(s-1)|1<<(s+1))&^1 != 0:
		return stageAdjacent
	}
	return stageNone
}

func stagePasses(tr tier) bool {
	return tr == stageOpen || tr == stageListed
}

// regionTier grades how an offer's provinces fit province id (0 unknown).
func regionTier(o *offer, id uint8) tier {
	switch {
	case o.provAll:
		return regionNationwide
	case id != 0 && o.provMask&(1<<id) != 0:
		return regionSame
	}
	return regionNone
}

func regionPasses(tr tier) bool {
	return tr != regionNone
}

// instrumentTier grades how an offer's instruments fit the enterprise's.
func instrumentTier(e *entProfile, o *offer) tier {
	return instrumentTierOf(e, o.instBits())
}

// instAnyBit marks, in an offer's instrument bits, an offer that lists no
// instrument.
const instAnyBit = 1 << 8

// instBits returns the offer's instrument mask with instAnyBit.
func (o *offer) instBits() uint16 {
	if o.instAny {
		return uint16(o.inst) | instAnyBit
	}
	return uint16(o.inst)
}

func instrumentTierOf(e *entProfile, bits uint16) tier {
	switch {
	case e.hidden:
		return instrumentHidden
	case e.instAny:
		return instrumentAnyWant
	case bits&instAnyBit != 0:
		return instrumentUnstated
	case uint16(e.inst)&bits != 0:
		return instrumentOverlap
	}
	return instrumentNone
}

// amount grades a need against a range [lo, hi] (hi 0 = unbounded). Inside
// earns the whole weight; below the minimum the share falls linearly from
// the weight at lo to 0 at lo/2, above the maximum from the weight at hi to
// 0 at 2×hi. Amounts are at most maxAmount, so nothing overflows.
func (t *table) amount(need, lo, hi int64) (tier, int) {
	w := int64(t.w.Amount)
	switch {
	case need <= 0:
		return amountUnstated, int(t.points[amountUnstated])
	case need < lo:
		if 2*need <= lo {
			return amountFar, 0
		}
		return amountBelow, int(w * (2*need - lo) / lo)
	case hi > 0 && need > hi:
		if need >= 2*hi {
			return amountFar, 0
		}
		return amountAbove, int(w * (2*hi - need) / need)
	}
	return amountInside, int(t.points[amountInside])
}

// amountOf grades the enterprise's need against [lo, hi]; an undisclosed
// need earns the fixed share of amountHidden whatever the range.
func (t *table) amountOf(e *entProfile, lo, hi int64) (tier, int) {
	if e.hidden {
		return amountHidden, int(t.points[amountHidden])
	}
	return t.amount(e.need, lo, hi)
}

// amountInRange is the product amount rule.
func amountInRange(need, lo, hi int64) bool {
	return need >= lo && (hi == 0 || need <= hi)
}

// bestLabel returns the index of the label with the largest share, or -1.
func bestLabel(mask uint8) int {
	best := -1
	for i := range labelShare {
		if mask&(1<<i) != 0 && (best < 0 || labelShare[i] > labelShare[best]) {
			best = i
		}
	}
	return best
}

// labelsPoints is the labels component: the share of the strongest label.
func labelsPoints(mask uint8, weight int) int {
	if b := bestLabel(mask); b >= 0 {
		return share(weight, labelShare[b])
	}
	return 0
}

// innovationPoints is the innovation component: proportional to the
// points, full from innovationFull.
func innovationPoints(points int32, weight int) int {
	return weight * int(min(points, innovationFull)) / innovationFull
}

// score is the fast path: the score of an enterprise with an investor or a
// product, before organizer rules. explain produces reasons that add up to
// exactly this.
func (t *table) score(e *entProfile, o *offer) int {
	inTier := instrumentTier(e, o)
	s := int(e.fixed) + int(o.secPts[e.secKey]) + int(o.regionPts[e.prov]) + int(t.points[inTier])
	if !inScope(e, o, inTier) {
		return s
	}
	_, a := t.amountOf(e, o.lo, o.hi)
	return s + a + int(o.stagePts[e.stage])
}

// inScope tells whether the offer covers the enterprise's sector and
// province and an instrument it wants. Only then do the amount and stage
// components count: a ticket size says nothing about fit when the investor
// does not serve the enterprise at all.
func inScope(e *entProfile, o *offer, inTier tier) bool {
	return o.secIn&(1<<e.secKey) != 0 && o.provIn&(1<<e.prov) != 0 && inTier != instrumentNone
}

// eligible is the fast path of Eligibility: true when every rule passes.
func eligible(e *entProfile, p *offer) bool {
	return p.secOK&(1<<e.secKey) != 0 &&
		p.stageOK&(1<<e.stage) != 0 &&
		p.provOK&(1<<e.prov) != 0 &&
		amountInRange(e.need, p.lo, p.hi) &&
		e.points >= p.minPoints &&
		labelsPass(e, p) &&
		instrumentPasses(e, p)
}

func labelsPass(e *entProfile, p *offer) bool {
	return !p.reqUnknown && e.labels&p.reqLabels == p.reqLabels
}

func instrumentPasses(e *entProfile, p *offer) bool {
	return e.instAny || e.inst&p.inst != 0
}

// columns lay the investors' hot data out per sector key, province and
// stage, one byte per investor, so that scoring a row reads memory in
// order. A sector or region byte holds the points in its low seven bits and
// the in-scope flag in its high bit.
type columns struct {
	sector [numSectorKeys][]uint8
	region [numProvinceIDs][]uint8
	stage  [numStages][]uint8
	lo, hi []int64
	inst   []uint16
}

const inScopeBit = 0x80

func newColumns(offers []offer) *columns {
	n := len(offers)
	c := &columns{lo: make([]int64, n), hi: make([]int64, n), inst: make([]uint16, n)}
	for k := range c.sector {
		c.sector[k] = make([]uint8, n)
	}
	for p := range c.region {
		c.region[p] = make([]uint8, n)
	}
	for s := range c.stage {
		c.stage[s] = make([]uint8, n)
	}
	for j := range offers {
		c.set(j, &offers[j])
	}
	return c
}

func (c *columns) set(j int, o *offer) {
	for k := range c.sector {
		c.sector[k][j] = uint8(o.secPts[k]) | scopeFlag(o.secIn, k)
	}
	for p := range c.region {
		c.region[p][j] = uint8(o.regionPts[p]) | scopeFlag(o.provIn, p)
	}
	for s := range c.stage {
		c.stage[s][j] = uint8(o.stagePts[s])
	}
	c.lo[j], c.hi[j], c.inst[j] = o.lo, o.hi, o.instBits()
}

func scopeFlag(set uint64, i int) uint8 {
	if set&(1<<i) != 0 {
		return inScopeBit
	}
	return 0
}

// scoreRow is table.score for one enterprise and every investor at once,
// written to row; the tests hold the two to the same results.
func (t *table) scoreRow(e *entProfile, c *columns, row []int16) {
	n := len(row)
	sec, reg, st := c.sector[e.secKey][:n], c.region[e.prov][:n], c.stage[e.stage][:n]
	lo, hi, inst := c.lo[:n], c.hi[:n], c.inst[:n]
	base := int(e.fixed)
	for j := range row {
		sv, rv := sec[j], reg[j]
		inTier := instrumentTierOf(e, inst[j])
		s := base + int(sv&^inScopeBit) + int(rv&^inScopeBit) + int(t.points[inTier])
		if sv&rv&inScopeBit != 0 && inTier != instrumentNone {
			_, a := t.amountOf(e, lo[j], hi[j])
			s += a + int(st[j])
		}
		row[j] = int16(s)
	}
}
