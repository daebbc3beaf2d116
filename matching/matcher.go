package matching

import (
	"fmt"
	"slices"
)

// Pair flags of organizer rules.
const (
	flagPinned uint8 = 1 << iota
	flagForbidden
	flagMet
)

// Matcher scores, explains and ranks with one event's options. It holds no
// mutable state: one Matcher may serve many goroutines.
type Matcher struct {
	k       int
	table   table
	penalty int
	pairs   map[Pair]uint8
}

// NewMatcher validates opts, fills in the defaults of zero fields and
// returns a Matcher. Errors are *FieldError values naming the field: "k",
// "weights.sector" … "weights", "rules.met_before_penalty",
// "rules.pinned" (a pair both pinned and forbidden).
func NewMatcher(opts Options) (*Matcher, error) {
	if opts.K < 0 {
		return nil, &FieldError{Field: "k", Message: fmt.Sprintf("must not be negative, got %d", opts.K)}
	}
	if opts.Weights == (Weights{}) {
		opts.Weights = DefaultWeights()
	}
	if err := opts.Weights.Validate(); err != nil {
		return nil, err
	}
	pen := opts.Rules.MetBeforePenalty
	if pen < 0 || pen > 100 {
		return nil, &FieldError{Field: "rules.met_before_penalty", Message: fmt.Sprintf("must be 0–100, got %d", pen)}
	}
	m := &Matcher{k: opts.K, table: newTable(opts.Weights), penalty: pen, pairs: make(map[Pair]uint8)}
	if m.k == 0 {
		m.k = DefaultK
	}
	if m.penalty == 0 {
		m.penalty = DefaultMetBeforePenalty
	}
	return m, m.addRules(opts.Rules)
}

func (m *Matcher) addRules(r Rules) error {
	for _, p := range r.Pinned {
		m.pairs[p] |= flagPinned
	}
	for _, p := range r.MetBefore {
		m.pairs[p] |= flagMet
	}
	for _, p := range r.Forbidden {
		if m.pairs[p]&flagPinned != 0 {
			return &FieldError{Field: "rules.pinned", Message: fmt.Sprintf("pair enterprise %d – investor %d is also forbidden", p.EnterpriseID, p.InvestorID)}
		}
		m.pairs[p] |= flagForbidden
	}
	return nil
}

// K returns the list length in use.
func (m *Matcher) K() int { return m.k }

// Weights returns the weights in use.
func (m *Matcher) Weights() Weights { return m.table.w }

// Forbidden tells whether the organizer forbade the pair.
func (m *Matcher) Forbidden(p Pair) bool { return m.pairs[p]&flagForbidden != 0 }

// CheckEligibility evaluates every rule of product p for enterprise e.
func CheckEligibility(e Enterprise, p Product) Eligibility {
	pv := &provinces{}
	t := newTable(DefaultWeights())
	ep := compileEnterprise(&e, &t, pv)
	op := compileProduct(&p, &t, pv)
	rules, ok := newTexts(pv).rules(&ep, &op, make([]Rule, 0, 7))
	return Eligibility{Eligible: ok, Rules: rules}
}

// ScoreInvestor scores and explains one pair, applying the met-before
// penalty and the Pinned flag. It scores forbidden pairs too; see Forbidden.
func (m *Matcher) ScoreInvestor(e Enterprise, inv Investor) Match {
	pv := &provinces{}
	ep := compileEnterprise(&e, &m.table, pv)
	op := compileInvestor(&inv, &m.table, pv)
	flags := m.pairs[Pair{e.ID, inv.ID}]
	score := m.table.score(&ep, &op)
	if flags&flagMet != 0 {
		score = penalise(score, m.penalty)
	}
	return explainMatch(newTexts(pv), &m.table, &ep, &op, score, flags, nil)
}

// ScoreProduct scores and explains one enterprise–product pair and
// evaluates its eligibility; ok is false when a rule fails (the score is
// still computed, but such a product is never recommended).
func (m *Matcher) ScoreProduct(e Enterprise, p Product) (pm ProductMatch, ok bool) {
	pv := &provinces{}
	ep := compileEnterprise(&e, &m.table, pv)
	op := compileProduct(&p, &m.table, pv)
	return explainProduct(newTexts(pv), &m.table, &ep, &op, m.table.score(&ep, &op), nil, nil)
}

// explainMatch builds the Match of a ranked pair whose final score is
// known, appending its reasons to dst.
func explainMatch(x *texts, t *table, e *entProfile, o *offer, score int, flags uint8, dst []Reason) Match {
	reasons := x.reasons(t, e, o, partyInvestor, dst)
	if flags&flagMet != 0 {
		reasons = append(reasons, x.metBeforeReason(sumPoints(reasons), score))
	}
	return Match{
		EnterpriseID: e.id, InvestorID: o.id, Score: score,
		Pinned: flags&flagPinned != 0, MetBefore: flags&flagMet != 0,
		Reasons: reasons,
	}
}

// explainProduct builds the ProductMatch of a pair whose score is known,
// appending to reasons and rules.
func explainProduct(x *texts, t *table, e *entProfile, p *offer, score int, reasons []Reason, rules []Rule) (ProductMatch, bool) {
	rules, ok := x.rules(e, p, rules)
	return ProductMatch{
		EnterpriseID: e.id, ProductID: p.id, Score: score,
		Reasons:     x.reasons(t, e, p, partyProduct, reasons),
		Eligibility: rules,
	}, ok
}

func sumPoints(rs []Reason) int {
	s := 0
	for _, r := range rs {
		s += r.Points
	}
	return s
}

// pairRules are the organizer rules resolved to profile indexes.
type pairRules struct {
	// byEnt[offsets[i]:offsets[i+1]] are enterprise i's special pairs,
	// sorted by investor index.
	offsets []int32
	byEnt   []special
	// pinnedByInv maps an investor index to its pinned enterprise indexes.
	pinnedByInv map[int32][]int32
}

type special struct {
	inv   int32
	flags uint8
}

// resolve maps the Matcher's pairs onto compiled profiles, dropping pairs
// whose enterprise or investor is not in the input.
func (m *Matcher) resolve(c *compiled) *pairRules {
	type item struct {
		ent int32
		special
	}
	var items []item
	for p, f := range m.pairs {
		i, ok1 := slices.BinarySearchFunc(c.ents, p.EnterpriseID, func(e entProfile, id int64) int { return cmpInt64(e.id, id) })
		j, ok2 := slices.BinarySearchFunc(c.invs, p.InvestorID, func(o offer, id int64) int { return cmpInt64(o.id, id) })
		if ok1 && ok2 {
			items = append(items, item{int32(i), special{int32(j), f}})
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		if a.ent != b.ent {
			return int(a.ent - b.ent)
		}
		return int(a.inv - b.inv)
	})
	r := &pairRules{offsets: make([]int32, len(c.ents)+1), pinnedByInv: make(map[int32][]int32)}
	for _, it := range items {
		r.offsets[it.ent+1]++
		r.byEnt = append(r.byEnt, it.special)
		if it.flags&flagPinned != 0 {
			r.pinnedByInv[it.inv] = append(r.pinnedByInv[it.inv], it.ent)
		}
	}
	for i := range len(c.ents) {
		r.offsets[i+1] += r.offsets[i]
	}
	return r
}

func (r *pairRules) of(ent int) []special {
	return r.byEnt[r.offsets[ent]:r.offsets[ent+1]]
}

// flags returns the rule flags of a pair.
func (r *pairRules) flags(ent, inv int) uint8 {
	for _, s := range r.of(ent) {
		if int(s.inv) == inv {
			return s.flags
		}
	}
	return 0
}
