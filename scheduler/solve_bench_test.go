package scheduler_test

import (
	"runtime"
	"sort"
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/instances"
)

// benchSolve solves one generated event per iteration (seed = iteration
// mod 10 + 1, so ten seeds rotate) and reports the median share of the
// upper bound, the breaks before and after improvement, and the heap.
func benchSolve(b *testing.B, tier instances.Tier, reg instances.Regime) {
	const seeds = 10
	probs := make([]scheduler.Problem, seeds)
	for k := range probs {
		probs[k] = instances.Matchmaking(tier, reg, uint64(k+1))
	}
	var ratios []float64
	placed, final := 0, 0
	b.ResetTimer()
	for n := range b.N {
		p := probs[n%seeds]
		r, err := scheduler.Solve(p, scheduler.Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := scheduler.Check(p, r); err != nil {
			b.Fatal(err)
		}
		ratios = append(ratios, float64(r.Value)/float64(r.UpperBound))
		placed += r.Stats.PlacedBreaks
		final += r.Breaks.Total
		b.StartTimer()
	}
	b.StopTimer()
	sort.Float64s(ratios)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(100*ratios[len(ratios)/2], "%ub_median")
	b.ReportMetric(100*ratios[0], "%ub_worst")
	b.ReportMetric(float64(placed)/float64(b.N), "placed_breaks")
	b.ReportMetric(float64(final)/float64(b.N), "breaks")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heapMB")
}

func BenchmarkSolve_S_R0(b *testing.B) { benchSolve(b, instances.TierS, instances.R0) }
func BenchmarkSolve_S_R1(b *testing.B) { benchSolve(b, instances.TierS, instances.R1) }
func BenchmarkSolve_M_R0(b *testing.B) { benchSolve(b, instances.TierM, instances.R0) }
func BenchmarkSolve_M(b *testing.B)    { benchSolve(b, instances.TierM, instances.R1) }
func BenchmarkSolve_M_R2(b *testing.B) { benchSolve(b, instances.TierM, instances.R2) }
func BenchmarkSolve_M_R3(b *testing.B) { benchSolve(b, instances.TierM, instances.R3) }
func BenchmarkSolve_L(b *testing.B)    { benchSolve(b, instances.TierL, instances.R1) }

// BenchmarkSolve_Brokerage solves schedule-all brokerage events (ten
// rotating seeds) and reports the breaks left per event.
func BenchmarkSolve_Brokerage(b *testing.B) {
	const seeds = 10
	probs := make([]scheduler.Problem, seeds)
	for k := range probs {
		probs[k] = instances.Brokerage(instances.BrokerageConfig{}, uint64(k+1))
	}
	placed, final := 0, 0
	for n := range b.N {
		p := probs[n%seeds]
		r, err := scheduler.Solve(p, scheduler.Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if r.Status == scheduler.Infeasible {
			b.Fatalf("seed %d: %s", n%seeds+1, r.Status)
		}
		placed += r.Stats.PlacedBreaks
		final += r.Breaks.Total
	}
	b.ReportMetric(float64(placed)/float64(b.N), "placed_breaks")
	b.ReportMetric(float64(final)/float64(b.N), "breaks")
}
