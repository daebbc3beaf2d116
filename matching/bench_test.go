package matching_test

import (
	"testing"

	"roadshow/matching"
)

func benchRank(b *testing.B, ents, invs, prods int) {
	in := population(1, ents, invs, prods)
	m := mustMatcher(b, matching.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Rank(in); err != nil {
			b.Fatal(err)
		}
	}
	pairs := float64(ents) * float64(invs+prods)
	b.ReportMetric(pairs*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkRank_1kx100 ranks 1,000 enterprises × 100 investors and 20
// products both ways.
func BenchmarkRank_1kx100(b *testing.B) { benchRank(b, 1_000, 100, 20) }

// BenchmarkRank_10kx1000 ranks 10,000 enterprises × 1,000 investors and 200
// products both ways (12 M pairs); the target is 0.5 s and 256 MB.
func BenchmarkRank_10kx1000(b *testing.B) { benchRank(b, 10_000, 1_000, 200) }

// BenchmarkCandidates_10kx1500 lists the scheduler's candidates (score ≥ 40)
// among 15 M pairs.
func BenchmarkCandidates_10kx1500(b *testing.B) {
	in := population(1, 10_000, 1_500, 0)
	m := mustMatcher(b, matching.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		c, err := m.Candidates(in.Enterprises, in.Investors, 40)
		if err != nil {
			b.Fatal(err)
		}
		n = len(c)
	}
	b.ReportMetric(float64(n), "candidates")
	b.ReportMetric(15e6*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkScoreInvestor is one explained pair, as an API detail view
// computes it.
func BenchmarkScoreInvestor(b *testing.B) {
	m := mustMatcher(b, matching.Options{})
	e, inv := baseEnterprise(), baseInvestor()
	b.ReportAllocs()
	for b.Loop() {
		m.ScoreInvestor(e, inv)
	}
}
