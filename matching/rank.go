package matching

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Ranking is the result of one pass over all pairs: every enterprise's
// investors and products and every investor's enterprises, each list best
// first. Both slices are sorted by ID.
type Ranking struct {
	Enterprises []EnterpriseRecommendations `json:"enterprises"`
	Investors   []InvestorRecommendations   `json:"investors"`
}

// Enterprise returns the recommendations of one enterprise.
func (r *Ranking) Enterprise(id int64) (EnterpriseRecommendations, bool) {
	i, ok := slices.BinarySearchFunc(r.Enterprises, id, func(e EnterpriseRecommendations, id int64) int { return cmpInt64(e.EnterpriseID, id) })
	if !ok {
		return EnterpriseRecommendations{}, false
	}
	return r.Enterprises[i], true
}

// Investor returns the recommendations of one investor.
func (r *Ranking) Investor(id int64) (InvestorRecommendations, bool) {
	i, ok := slices.BinarySearchFunc(r.Investors, id, func(e InvestorRecommendations, id int64) int { return cmpInt64(e.InvestorID, id) })
	if !ok {
		return InvestorRecommendations{}, false
	}
	return r.Investors[i], true
}

// Rank scores every enterprise–investor and enterprise–product pair once
// and returns the top-K lists of both sides with their reasons. Ineligible
// products and forbidden pairs never appear; pinned pairs always do;
// met-before pairs are penalised. The result does not depend on input
// order or GOMAXPROCS. Duplicate IDs are an error.
func (m *Matcher) Rank(in Input) (*Ranking, error) {
	return m.rank(&in, true, true)
}

// RecommendForEnterprise ranks investors and eligible products for one
// enterprise.
func (m *Matcher) RecommendForEnterprise(e Enterprise, investors []Investor, products []Product) (EnterpriseRecommendations, error) {
	r, err := m.rank(&Input{Enterprises: []Enterprise{e}, Investors: investors, Products: products}, true, false)
	if err != nil {
		return EnterpriseRecommendations{}, err
	}
	return r.Enterprises[0], nil
}

// RecommendForInvestor ranks enterprises for one investor.
func (m *Matcher) RecommendForInvestor(inv Investor, enterprises []Enterprise) (InvestorRecommendations, error) {
	r, err := m.rank(&Input{Enterprises: enterprises, Investors: []Investor{inv}}, false, true)
	if err != nil {
		return InvestorRecommendations{}, err
	}
	return r.Investors[0], nil
}

// ranker is one ranking pass.
type ranker struct {
	m       *Matcher
	c       *compiled
	cols    *columns // the investors' columns
	r       *pairRules
	prodInv []int32 // investor index of each product, -1 when absent
	entSide bool
	invSide bool
}

// worker is one goroutine's scratch state.
type worker struct {
	texts   *texts
	row     []int16
	pinned  []uint64
	ents    topK
	prods   topK
	invHeap []uint64 // investor j's heap is invHeap[j*k : j*k+invN[j]]
	invN    []int32
	invMin  []uint64 // a key must exceed invMin[j] to enter heap j
}

// chunk is how many rows a worker takes at a time.
const chunk = 16

func (m *Matcher) rank(in *Input, entSide, invSide bool) (*Ranking, error) {
	c, err := compile(in, &m.table)
	if err != nil {
		return nil, err
	}
	rk := &ranker{m: m, c: c, cols: newColumns(c.invs), r: m.resolve(c), entSide: entSide, invSide: invSide}
	rk.prodInv = make([]int32, len(c.prods))
	for q := range c.prods {
		j, ok := slices.BinarySearchFunc(c.invs, c.prods[q].investorID, func(o offer, id int64) int { return cmpInt64(o.id, id) })
		rk.prodInv[q] = int32(j)
		if !ok {
			rk.prodInv[q] = -1
		}
	}
	ws := rk.workers()
	out := &Ranking{}
	if entSide {
		out.Enterprises = make([]EnterpriseRecommendations, len(c.ents))
	}
	parallel(ws, len(c.ents), func(w *worker, i int) {
		rec := rk.enterprise(w, i)
		if entSide {
			out.Enterprises[i] = rec
		}
	})
	if invSide {
		out.Investors = make([]InvestorRecommendations, len(c.invs))
		parallel(ws, len(c.invs), func(w *worker, j int) {
			out.Investors[j] = rk.investor(w, ws, j)
		})
	}
	return out, nil
}

func (rk *ranker) workers() []*worker {
	n := max(1, min(runtime.GOMAXPROCS(0), (len(rk.c.ents)+chunk-1)/chunk))
	k := rk.m.k
	ws := make([]*worker, n)
	for i := range ws {
		w := &worker{texts: newRankTexts(rk.c.prov), row: make([]int16, len(rk.c.invs)), ents: newTopK(k), prods: newTopK(k)}
		if rk.invSide {
			w.invHeap = make([]uint64, len(rk.c.invs)*k)
			w.invN = make([]int32, len(rk.c.invs))
			w.invMin = make([]uint64, len(rk.c.invs))
		}
		ws[i] = w
	}
	return ws
}

// parallel calls f for 0..n-1, the workers taking chunks in turn.
func parallel(ws []*worker, n int, f func(w *worker, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() {
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(n, start+chunk); i++ {
					f(w, i)
				}
			}
		})
	}
	wg.Wait()
}

// scoreRow fills w.row with enterprise i's scores after organizer rules:
// -1 marks a pair that is forbidden or pinned (pinned pairs go to
// w.pinned as keys instead).
func (rk *ranker) scoreRow(w *worker, i int) {
	row := w.row
	rk.m.table.scoreRow(&rk.c.ents[i], rk.cols, row)
	w.pinned = w.pinned[:0]
	for _, s := range rk.r.of(i) {
		score := int(row[s.inv])
		if s.flags&flagMet != 0 {
			score = penalise(score, rk.m.penalty)
		}
		switch {
		case s.flags&flagForbidden != 0:
			row[s.inv] = -1
		case s.flags&flagPinned != 0:
			w.pinned = append(w.pinned, makeKey(score, int(s.inv)))
			row[s.inv] = -1
		default:
			row[s.inv] = int16(score)
		}
	}
}

// enterprise ranks one enterprise's row, feeding the investors' heaps on
// the way, and explains its winners.
func (rk *ranker) enterprise(w *worker, i int) EnterpriseRecommendations {
	rk.scoreRow(w, i)
	w.ents.reset()
	k := rk.m.k
	for j, s := range w.row {
		if s < 0 {
			continue
		}
		if rk.entSide {
			w.ents.push(makeKey(int(s), j))
		}
		if key := makeKey(int(s), i); rk.invSide && key > w.invMin[j] {
			w.pushInvestor(j, k, key)
		}
	}
	if !rk.entSide {
		return EnterpriseRecommendations{}
	}
	rec := EnterpriseRecommendations{EnterpriseID: rk.c.ents[i].id}
	rec.Investors = rk.explainInvestors(w, i, w.pinned, w.ents.keys())
	rec.Products = rk.products(w, i)
	return rec
}

// pushInvestor offers key to investor j's heap and raises the entry bar
// once the heap is full.
func (w *worker) pushInvestor(j, k int, key uint64) {
	h := w.invHeap[j*k : (j+1)*k]
	n := heapPush(h, int(w.invN[j]), k, key)
	w.invN[j] = int32(n)
	if n == k {
		w.invMin[j] = h[0]
	}
}

// top orders pinned keys then the others, best first, keeping all pinned
// and at most k in total otherwise.
func top(pinned, others []uint64, k int) []uint64 {
	sortDesc(pinned)
	sortDesc(others)
	n := max(0, min(len(others), k-len(pinned)))
	return append(pinned, others[:n]...)
}

func (rk *ranker) explainInvestors(w *worker, i int, pinned, others []uint64) []Match {
	keys := top(pinned, others, rk.m.k)
	e := &rk.c.ents[i]
	out := make([]Match, len(keys))
	block := make([]Reason, 0, len(keys)*reasonsPerMatch(true))
	for n, key := range keys {
		j := keyIndex(key)
		flags := rk.r.flags(i, j)
		out[n] = explainMatch(w.texts, &rk.m.table, e, &rk.c.invs[j], keyScore(key), flags, block[len(block):len(block):cap(block)])
		block = block[:len(block)+len(out[n].Reasons)]
	}
	return out
}

// products ranks and explains enterprise i's eligible products; products
// of an investor forbidden for the enterprise are left out.
func (rk *ranker) products(w *worker, i int) []ProductMatch {
	e := &rk.c.ents[i]
	t := &rk.m.table
	sp := rk.r.of(i)
	w.prods.reset()
	for q := range rk.c.prods {
		p := &rk.c.prods[q]
		if !eligible(e, p) || (len(sp) > 0 && rk.r.flags(i, int(rk.prodInv[q]))&flagForbidden != 0) {
			continue
		}
		w.prods.push(makeKey(t.score(e, p), q))
	}
	keys := w.prods.keys()
	sortDesc(keys)
	out := make([]ProductMatch, len(keys))
	per := reasonsPerMatch(false)
	reasons := make([]Reason, len(keys)*per)
	rules := make([]Rule, len(keys)*numRules)
	for n, key := range keys {
		r, ru := reasons[n*per:n*per:(n+1)*per], rules[n*numRules:n*numRules:(n+1)*numRules]
		out[n], _ = explainProduct(w.texts, t, e, &rk.c.prods[keyIndex(key)], keyScore(key), r, ru)
	}
	return out
}

// numRules is the number of eligibility rules.
const numRules = 7

// reasonsPerMatch is the most reasons a match can have: seven components
// and, for investors, the met-before penalty.
func reasonsPerMatch(investor bool) int {
	if investor {
		return 8
	}
	return 7
}

// investor merges the workers' heaps of investor j, adds its pinned pairs
// and explains the list.
func (rk *ranker) investor(w *worker, ws []*worker, j int) InvestorRecommendations {
	k := rk.m.k
	var others []uint64
	for _, v := range ws {
		others = append(others, v.invHeap[j*k:j*k+int(v.invN[j])]...)
	}
	var pinned []uint64
	for _, i := range rk.r.pinnedByInv[int32(j)] {
		score := rk.m.table.score(&rk.c.ents[i], &rk.c.invs[j])
		if rk.r.flags(int(i), j)&flagMet != 0 {
			score = penalise(score, rk.m.penalty)
		}
		pinned = append(pinned, makeKey(score, int(i)))
	}
	keys := top(pinned, others, k)
	o := &rk.c.invs[j]
	rec := InvestorRecommendations{InvestorID: o.id, Enterprises: make([]Match, len(keys))}
	block := make([]Reason, 0, len(keys)*reasonsPerMatch(true))
	for n, key := range keys {
		i := keyIndex(key)
		rec.Enterprises[n] = explainMatch(w.texts, &rk.m.table, &rk.c.ents[i], o, keyScore(key), rk.r.flags(i, j), block[len(block):len(block):cap(block)])
		block = block[:len(block)+len(rec.Enterprises[n].Reasons)]
	}
	return rec
}
