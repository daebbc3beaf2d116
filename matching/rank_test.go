package matching_test

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"roadshow/matching"
	"roadshow/matching/synth"
)

func population(seed int64, ents, invs, prods int) matching.Input {
	p := synth.Generate(synth.Options{Enterprises: ents, Investors: invs, Products: prods, Seed: seed})
	return matching.Input{Enterprises: p.Enterprises, Investors: p.Investors, Products: p.Products}
}

func mustRank(t *testing.T, m *matching.Matcher, in matching.Input) *matching.Ranking {
	t.Helper()
	r, err := m.Rank(in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// randomRules draws pinned, forbidden and met-before pairs.
func randomRules(seed int64, in matching.Input, n int) matching.Rules {
	r := rand.New(rand.NewPCG(uint64(seed), 99))
	pair := func() matching.Pair {
		return matching.Pair{
			EnterpriseID: in.Enterprises[r.IntN(len(in.Enterprises))].ID,
			InvestorID:   in.Investors[r.IntN(len(in.Investors))].ID,
		}
	}
	var rules matching.Rules
	seen := map[matching.Pair]bool{}
	for range n {
		for _, list := range []*[]matching.Pair{&rules.Pinned, &rules.Forbidden, &rules.MetBefore} {
			p := pair()
			if !seen[p] {
				seen[p] = true
				*list = append(*list, p)
			}
		}
	}
	return rules
}

func byID[T any](items []T, id func(T) int64) map[int64]T {
	m := make(map[int64]T, len(items))
	for _, it := range items {
		m[id(it)] = it
	}
	return m
}

var seeds = []int64{1, 2, 3, 42}

// TestRank_MatchesBruteForce compares every list with the one obtained by
// scoring each pair alone and sorting: pinned first, then by score, ties by
// ID; forbidden pairs and ineligible products left out.
func TestRank_MatchesBruteForce(t *testing.T) {
	for _, seed := range seeds {
		in := population(seed, 120, 40, 60)
		rules := randomRules(seed, in, 25)
		m := mustMatcher(t, matching.Options{K: 5, Rules: rules})
		r := mustRank(t, m, in)
		for _, e := range in.Enterprises {
			rec, ok := r.Enterprise(e.ID)
			if !ok {
				t.Fatalf("seed %d: enterprise %d missing", seed, e.ID)
			}
			var all []matching.Match
			for _, inv := range in.Investors {
				if !m.Forbidden(matching.Pair{EnterpriseID: e.ID, InvestorID: inv.ID}) {
					all = append(all, m.ScoreInvestor(e, inv))
				}
			}
			compareMatches(t, rec.Investors, expectTop(all, 5, func(x matching.Match) int64 { return x.InvestorID }), "investors of", e.ID)
			compareProducts(t, m, e, in, rec.Products)
		}
		ents := byID(in.Enterprises, func(e matching.Enterprise) int64 { return e.ID })
		for _, inv := range in.Investors {
			rec, _ := r.Investor(inv.ID)
			var all []matching.Match
			for _, e := range ents {
				if !m.Forbidden(matching.Pair{EnterpriseID: e.ID, InvestorID: inv.ID}) {
					all = append(all, m.ScoreInvestor(e, inv))
				}
			}
			compareMatches(t, rec.Enterprises, expectTop(all, 5, func(x matching.Match) int64 { return x.EnterpriseID }), "enterprises of", inv.ID)
		}
	}
}

// expectTop orders matches pinned first, then by score descending and id,
// and keeps every pinned one and at most k in all otherwise.
func expectTop(all []matching.Match, k int, id func(matching.Match) int64) []matching.Match {
	slices.SortFunc(all, func(a, b matching.Match) int {
		if a.Pinned != b.Pinned {
			if a.Pinned {
				return -1
			}
			return 1
		}
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return cmp.Compare(id(a), id(b))
	})
	n := 0
	for n < len(all) && (all[n].Pinned || n < k) {
		n++
	}
	return all[:n]
}

func compareMatches(t *testing.T, got, want []matching.Match, what string, id int64) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s %d:\n got %v\nwant %v", what, id, summary(got), summary(want))
	}
}

func summary(ms []matching.Match) [][4]int64 {
	var out [][4]int64
	for _, m := range ms {
		out = append(out, [4]int64{m.EnterpriseID, m.InvestorID, int64(m.Score), boolN(m.Pinned)})
	}
	return out
}

func boolN(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func compareProducts(t *testing.T, m *matching.Matcher, e matching.Enterprise, in matching.Input, got []matching.ProductMatch) {
	t.Helper()
	var want []matching.ProductMatch
	for _, p := range in.Products {
		if m.Forbidden(matching.Pair{EnterpriseID: e.ID, InvestorID: p.InvestorID}) {
			continue
		}
		if pm, ok := m.ScoreProduct(e, p); ok {
			want = append(want, pm)
		}
	}
	slices.SortFunc(want, func(a, b matching.ProductMatch) int {
		return cmp.Or(b.Score-a.Score, cmp.Compare(a.ProductID, b.ProductID))
	})
	want = want[:min(len(want), m.K())]
	if len(want) == 0 {
		want = []matching.ProductMatch{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("products of %d:\n got %+v\nwant %+v", e.ID, got, want)
	}
}

func TestRank_Properties(t *testing.T) {
	for _, seed := range seeds {
		in := population(seed, 400, 80, 120)
		rules := randomRules(seed, in, 40)
		m := mustMatcher(t, matching.Options{Rules: rules})
		r := mustRank(t, m, in)
		ents := byID(in.Enterprises, func(e matching.Enterprise) int64 { return e.ID })
		prods := byID(in.Products, func(p matching.Product) int64 { return p.ID })
		forbidden := map[matching.Pair]bool{}
		for _, p := range rules.Forbidden {
			forbidden[p] = true
		}
		for _, rec := range r.Enterprises {
			for _, pm := range rec.Products {
				p := prods[pm.ProductID]
				if !matching.CheckEligibility(ents[rec.EnterpriseID], p).Eligible {
					t.Fatalf("seed %d: ineligible product %d recommended to %d", seed, p.ID, rec.EnterpriseID)
				}
				if forbidden[matching.Pair{EnterpriseID: rec.EnterpriseID, InvestorID: p.InvestorID}] {
					t.Fatalf("seed %d: product %d of a forbidden investor recommended", seed, p.ID)
				}
				for _, rule := range pm.Eligibility {
					if !rule.Pass {
						t.Fatalf("seed %d: recommended product with failing rule %+v", seed, rule)
					}
				}
				checkSum(t, pm.Score, pm.Reasons)
			}
			for _, mt := range rec.Investors {
				checkMatch(t, mt, forbidden)
			}
		}
		for _, rec := range r.Investors {
			for _, mt := range rec.Enterprises {
				checkMatch(t, mt, forbidden)
			}
		}
		checkPinned(t, r, rules.Pinned)
	}
}

func checkMatch(t *testing.T, mt matching.Match, forbidden map[matching.Pair]bool) {
	t.Helper()
	if forbidden[matching.Pair{EnterpriseID: mt.EnterpriseID, InvestorID: mt.InvestorID}] {
		t.Fatalf("forbidden pair %d–%d listed", mt.EnterpriseID, mt.InvestorID)
	}
	checkSum(t, mt.Score, mt.Reasons)
}

func checkPinned(t *testing.T, r *matching.Ranking, pinned []matching.Pair) {
	t.Helper()
	for _, p := range pinned {
		er, _ := r.Enterprise(p.EnterpriseID)
		ir, _ := r.Investor(p.InvestorID)
		if !hasPinned(er.Investors, p) || !hasPinned(ir.Enterprises, p) {
			t.Fatalf("pinned pair %+v missing from a side", p)
		}
	}
}

func hasPinned(ms []matching.Match, p matching.Pair) bool {
	for _, m := range ms {
		if m.EnterpriseID == p.EnterpriseID && m.InvestorID == p.InvestorID && m.Pinned {
			return true
		}
	}
	return false
}

func shuffled(in matching.Input, seed uint64) matching.Input {
	r := rand.New(rand.NewPCG(seed, 7))
	out := matching.Input{
		Enterprises: slices.Clone(in.Enterprises),
		Investors:   slices.Clone(in.Investors),
		Products:    slices.Clone(in.Products),
	}
	r.Shuffle(len(out.Enterprises), func(i, j int) { out.Enterprises[i], out.Enterprises[j] = out.Enterprises[j], out.Enterprises[i] })
	r.Shuffle(len(out.Investors), func(i, j int) { out.Investors[i], out.Investors[j] = out.Investors[j], out.Investors[i] })
	r.Shuffle(len(out.Products), func(i, j int) { out.Products[i], out.Products[j] = out.Products[j], out.Products[i] })
	return out
}

func TestRank_Deterministic(t *testing.T) {
	in := population(5, 600, 90, 80)
	m := mustMatcher(t, matching.Options{K: 7, Rules: randomRules(5, in, 30)})
	want := mustRank(t, m, in)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	for i, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		got := mustRank(t, m, shuffled(in, uint64(i)))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("GOMAXPROCS %d, shuffle %d: ranking differs", procs, i)
		}
	}
}

// TestRank_PinnedBeyondK pins more pairs than K, including low-scoring
// ones: all are listed, flagged and ahead of the rest.
func TestRank_PinnedBeyondK(t *testing.T) {
	in := population(9, 50, 30, 0)
	var pinned []matching.Pair
	for _, inv := range in.Investors[:4] {
		pinned = append(pinned, matching.Pair{EnterpriseID: in.Enterprises[0].ID, InvestorID: inv.ID})
	}
	m := mustMatcher(t, matching.Options{K: 2, Rules: matching.Rules{Pinned: pinned}})
	r := mustRank(t, m, in)
	er, _ := r.Enterprise(in.Enterprises[0].ID)
	if len(er.Investors) != 4 {
		t.Fatalf("got %d investors, want the 4 pinned", len(er.Investors))
	}
	for _, mt := range er.Investors {
		if !mt.Pinned {
			t.Errorf("unpinned match %+v listed despite 4 pinned and K 2", mt)
		}
	}
	checkPinned(t, r, pinned)
}

// TestRank_MetBeforeRanksLower: marking every pair of an enterprise's
// list as met lowers each one's score by the penalty and never raises its
// position.
func TestRank_MetBeforeRanksLower(t *testing.T) {
	for _, seed := range seeds {
		in := population(seed, 200, 60, 0)
		plain := mustRank(t, mustMatcher(t, matching.Options{}), in)
		var met []matching.Pair
		for _, rec := range plain.Enterprises[:50] {
			for _, mt := range rec.Investors[:3] {
				met = append(met, matching.Pair{EnterpriseID: mt.EnterpriseID, InvestorID: mt.InvestorID})
			}
		}
		m := mustMatcher(t, matching.Options{Rules: matching.Rules{MetBefore: met, MetBeforePenalty: 15}})
		r := mustRank(t, m, in)
		for _, p := range met {
			before, _ := plain.Enterprise(p.EnterpriseID)
			after, _ := r.Enterprise(p.EnterpriseID)
			i, j := position(before.Investors, p), position(after.Investors, p)
			if j >= 0 && j < i {
				t.Fatalf("seed %d: met pair %+v rose from %d to %d", seed, p, i, j)
			}
			if j >= 0 {
				raw, got := before.Investors[i].Score, after.Investors[j]
				if got.Score != max(0, raw-15) || !got.MetBefore {
					t.Fatalf("seed %d: met pair scored %d (raw %d)", seed, got.Score, raw)
				}
			}
		}
	}
}

func position(ms []matching.Match, p matching.Pair) int {
	for i, m := range ms {
		if m.EnterpriseID == p.EnterpriseID && m.InvestorID == p.InvestorID {
			return i
		}
	}
	return -1
}

func TestRank_DuplicateID(t *testing.T) {
	in := population(1, 3, 2, 0)
	in.Investors[1].ID = in.Investors[0].ID
	if _, err := mustMatcher(t, matching.Options{}).Rank(in); err == nil {
		t.Fatal("Rank accepted duplicate investor ids")
	}
}

func TestRecommendFor(t *testing.T) {
	in := population(11, 150, 50, 60)
	m := mustMatcher(t, matching.Options{Rules: randomRules(11, in, 10)})
	r := mustRank(t, m, in)
	for _, e := range in.Enterprises[:20] {
		got, err := m.RecommendForEnterprise(e, in.Investors, in.Products)
		want, _ := r.Enterprise(e.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("RecommendForEnterprise(%d) differs from Rank: %v", e.ID, err)
		}
	}
	for _, inv := range in.Investors[:20] {
		got, err := m.RecommendForInvestor(inv, in.Enterprises)
		want, _ := r.Investor(inv.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("RecommendForInvestor(%d) differs from Rank: %v", inv.ID, err)
		}
	}
}

func TestRank_EmptyInputs(t *testing.T) {
	m := mustMatcher(t, matching.Options{})
	in := population(4, 5, 3, 2)
	for _, tc := range []matching.Input{
		{},
		{Enterprises: in.Enterprises},
		{Investors: in.Investors, Products: in.Products},
	} {
		r := mustRank(t, m, tc)
		if len(r.Enterprises) != len(tc.Enterprises) || len(r.Investors) != len(tc.Investors) {
			t.Fatalf("ranking of %d/%d gave %d/%d lists", len(tc.Enterprises), len(tc.Investors), len(r.Enterprises), len(r.Investors))
		}
	}
}
