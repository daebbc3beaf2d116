package scheduler_test

import (
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/bench"
)

// benchmarkSelect measures NewSelector plus Select (UB1) on a generated
// event of the tier, regime R1.
func benchmarkSelect(b *testing.B, tier string) {
	in, err := bench.Generate(tier, "R1", 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(in.Problem.Meetings)), "edges")
	b.ResetTimer()
	for b.Loop() {
		if _, err := scheduler.Select(&in.Problem, scheduler.SelectOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelect_M(b *testing.B) { benchmarkSelect(b, "M") }

func BenchmarkSelect_L(b *testing.B) { benchmarkSelect(b, "L") }
