package matching

import (
	"fmt"
	"slices"
	"strings"
)

// maxAmount caps amounts (10^14 yuan) so that integer arithmetic on them
// cannot overflow.
const maxAmount = 100_000_000_000_000

// Sector keys number an enterprise's sector position: 0 unknown, 1..9 a
// sector without sub-sector, 10..49 a sub-sector.
const (
	firstSubsectorKey = 1 + len(sectorNames)
	numSectorKeys     = firstSubsectorKey + len(subsectorNames)
	numStages         = 1 + len(stageNames) // stage 0 is unknown
	numProvinceIDs    = 64                  // province 0 is unknown
)

// entProfile is an enterprise compiled to small integers and bit sets.
type entProfile struct {
	id      int64
	need    int64
	points  int32
	fixed   int16 // labels + innovation points, which depend on the enterprise only
	secKey  uint8
	stage   uint8
	prov    uint8
	labels  uint8
	inst    uint8
	instAny bool
	hidden  bool // need and instruments are not disclosed (Redact)
}

// offer is an investor or a product compiled to bit sets, with its points
// per sector key, stage and province precomputed for one table.
type offer struct {
	id         int64
	lo, hi     int64
	investorID int64
	minPoints  int32
	secAll     bool
	stageAll   bool
	provAll    bool
	instAny    bool
	reqUnknown bool // a required label is not a known code
	reqLabels  uint8
	inst       uint8
	stageMask  uint8 // bit s for stage s (1..4)
	secMask    uint16
	relMask    uint16 // sectors some listed sub-sector belongs to
	subMask    uint64
	provMask   uint64
	// scope bit sets: sector keys and provinces whose tier is not none
	secIn  uint64
	provIn uint64
	// eligibility bit sets (products): sector keys, stages, provinces that pass
	secOK   uint64
	stageOK uint8
	provOK  uint64
	// points tables
	secPts    [numSectorKeys]int8
	stagePts  [numStages]int8
	regionPts [numProvinceIDs]int8
}

// provinces interns province names: the known divisions get fixed ids,
// others the next free id below 64 (further ones get 0, which never
// matches a listed province).
type provinces struct {
	extra []string
	index map[string]uint8
}

func (p *provinces) id(s string) uint8 {
	if i := knownProvince(s); i >= 0 {
		return uint8(1 + i)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if id, ok := p.index[s]; ok {
		return id
	}
	next := 1 + len(provinceNames) + len(p.extra)
	if next >= numProvinceIDs {
		return 0
	}
	if p.index == nil {
		p.index = make(map[string]uint8)
	}
	p.extra = append(p.extra, s)
	p.index[s] = uint8(next)
	return uint8(next)
}

// names returns the Chinese and English names of a province id.
func (p *provinces) names(id uint8) (zh, en string) {
	switch {
	case id == 0:
		return "未知省份", "an unknown province"
	case int(id) <= len(provinceNames):
		n := provinceNames[id-1]
		return n.zh, n.en
	default:
		s := p.extra[int(id)-1-len(provinceNames)]
		return s, s
	}
}

func clampAmount(x int64) int64 {
	return max(0, min(x, maxAmount))
}

// sectorKey returns the sector key of a sector and optional sub-sector.
func sectorKey(sector, subsector string) uint8 {
	sec := lookup(sectorNames[:], sector)
	if sec < 0 {
		return 0
	}
	if sub := subsectorIndex(subsector); sub >= 0 && subsectorNames[sub].sector == sec {
		return uint8(firstSubsectorKey + sub)
	}
	return uint8(1 + sec)
}

// keySector splits a sector key into sector and sub-sector indexes (-1 when
// absent).
func keySector(key uint8) (sec, sub int) {
	switch {
	case key == 0:
		return -1, -1
	case int(key) < firstSubsectorKey:
		return int(key) - 1, -1
	default:
		sub = int(key) - firstSubsectorKey
		return subsectorNames[sub].sector, sub
	}
}

func maskOf(names []name, codes []string) (mask uint8, unknown bool) {
	for _, c := range codes {
		if i := lookup(names, c); i >= 0 {
			mask |= 1 << i
		} else {
			unknown = true
		}
	}
	return mask, unknown
}

func compileEnterprise(e *Enterprise, t *table, pv *provinces) entProfile {
	labels, _ := maskOf(labelNames[:], e.Labels)
	inst, _ := maskOf(instrumentNames[:], e.Instruments)
	p := entProfile{
		id:      e.ID,
		need:    clampAmount(e.NeedAmount),
		points:  int32(max(0, min(e.InnovationPoints, 1000))),
		secKey:  sectorKey(e.Sector, e.Subsector),
		stage:   uint8(1 + lookup(stageNames[:], e.Stage)),
		prov:    pv.id(e.Province),
		labels:  labels,
		inst:    inst,
		instAny: len(e.Instruments) == 0,
		hidden:  e.Redacted,
	}
	if p.hidden {
		p.need, p.inst, p.instAny = 0, 0, false
	}
	p.fixed = int16(labelsPoints(p.labels, t.w.Labels) + innovationPoints(p.points, t.w.Innovation))
	return p
}

// compileScope fills the sector, stage and province focus of an offer.
func (o *offer) compileScope(sectors, stages, provs []string, pv *provinces) {
	o.secAll = len(sectors) == 0
	for _, s := range sectors {
		if i := lookup(sectorNames[:], s); i >= 0 {
			o.secMask |= 1 << i
		} else if i := subsectorIndex(s); i >= 0 {
			o.subMask |= 1 << i
			o.relMask |= 1 << subsectorNames[i].sector
		}
	}
	o.stageAll = len(stages) == 0
	sm, _ := maskOf(stageNames[:], stages)
	o.stageMask = sm << 1
	o.provAll = len(provs) == 0
	for _, s := range provs {
		if id := pv.id(s); id != 0 {
			o.provMask |= 1 << id
		}
	}
}

func compileInvestor(inv *Investor, t *table, pv *provinces) offer {
	o := offer{id: inv.ID, investorID: inv.ID, lo: clampAmount(inv.TicketMin), hi: clampAmount(inv.TicketMax)}
	o.compileScope(inv.Sectors, inv.Stages, inv.Provinces, pv)
	o.inst, _ = maskOf(instrumentNames[:], inv.Instruments)
	o.instAny = len(inv.Instruments) == 0
	o.prepare(t)
	return o
}

func compileProduct(p *Product, t *table, pv *provinces) offer {
	o := offer{id: p.ID, investorID: p.InvestorID, lo: clampAmount(p.AmountMin), hi: clampAmount(p.AmountMax)}
	o.compileScope(p.Sectors, p.Stages, p.Provinces, pv)
	if i := lookup(instrumentNames[:], p.Instrument); i >= 0 {
		o.inst = 1 << i
	}
	o.minPoints = int32(p.MinInnovationPoints)
	o.reqLabels, o.reqUnknown = maskOf(labelNames[:], p.RequiredLabels)
	o.prepare(t)
	return o
}

// prepare precomputes the points tables and eligibility bit sets.
func (o *offer) prepare(t *table) {
	for k := range numSectorKeys {
		tr := sectorTier(o, uint8(k))
		o.secPts[k] = int8(t.points[tr])
		if tr != sectorNone {
			o.secIn |= 1 << k
		}
		if sectorPasses(tr) {
			o.secOK |= 1 << k
		}
	}
	for s := range numStages {
		tr := stageTier(o, uint8(s))
		o.stagePts[s] = int8(t.points[tr])
		if stagePasses(tr) {
			o.stageOK |= 1 << s
		}
	}
	for id := range numProvinceIDs {
		tr := regionTier(o, uint8(id))
		o.regionPts[id] = int8(t.points[tr])
		if tr != regionNone {
			o.provIn |= 1 << id
		}
		if regionPasses(tr) {
			o.provOK |= 1 << id
		}
	}
}

// compiled is an Input compiled for one table: profiles sorted by ID.
type compiled struct {
	ents  []entProfile
	invs  []offer
	prods []offer
	prov  *provinces
}

func compile(in *Input, t *table) (*compiled, error) {
	pv := &provinces{}
	c := &compiled{prov: pv}
	es := sortedByID(in.Enterprises, func(e *Enterprise) int64 { return e.ID })
	is := sortedByID(in.Investors, func(i *Investor) int64 { return i.ID })
	ps := sortedByID(in.Products, func(p *Product) int64 { return p.ID })
	if err := firstDuplicate("enterprise", es, func(e *Enterprise) int64 { return e.ID }); err != nil {
		return nil, err
	}
	if err := firstDuplicate("investor", is, func(i *Investor) int64 { return i.ID }); err != nil {
		return nil, err
	}
	if err := firstDuplicate("product", ps, func(p *Product) int64 { return p.ID }); err != nil {
		return nil, err
	}
	c.ents = make([]entProfile, len(es))
	for i, e := range es {
		c.ents[i] = compileEnterprise(e, t, pv)
	}
	c.invs = make([]offer, len(is))
	for i, inv := range is {
		c.invs[i] = compileInvestor(inv, t, pv)
	}
	c.prods = make([]offer, len(ps))
	for i, p := range ps {
		c.prods[i] = compileProduct(p, t, pv)
	}
	return c, nil
}

// sortedByID returns pointers to the items ordered by ID.
func sortedByID[T any](items []T, id func(*T) int64) []*T {
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	slices.SortStableFunc(out, func(a, b *T) int {
		return cmpInt64(id(a), id(b))
	})
	return out
}

func firstDuplicate[T any](what string, sorted []*T, id func(*T) int64) error {
	for i := 1; i < len(sorted); i++ {
		if id(sorted[i]) == id(sorted[i-1]) {
			return fmt.Errorf("matching: duplicate %s id %d", what, id(sorted[i]))
		}
	}
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
