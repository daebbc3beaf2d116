package scheduler_test

import (
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/bench"
)

// benchmarkSelect measures NewSelector plus Select on a generated event of
// the tier, regime R1: UB1 by default, as Solve calls it (availability,
// total cap) when avail is set.
func benchmarkSelect(b *testing.B, tier string, avail bool) {
	benchmarkSelectOpts(b, tier, avail, false)
}

func benchmarkSelectOpts(b *testing.B, tier string, avail, serve bool) {
	in, err := bench.Generate(tier, "R1", 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(in.Problem.Meetings)), "edges")
	b.ResetTimer()
	for b.Loop() {
		opts := scheduler.SelectOptions{}
		if avail {
			opts = scheduler.SelectOptions{Availability: true, MaxTotal: in.Problem.Slots * in.Problem.Tables}
		}
		opts.ServeFirst = serve
		if _, err := scheduler.Select(&in.Problem, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelect_M(b *testing.B) { benchmarkSelect(b, "M", false) }

func BenchmarkSelect_L(b *testing.B) { benchmarkSelect(b, "L", false) }

func BenchmarkSelectAvailability_M(b *testing.B) { benchmarkSelect(b, "M", true) }

func BenchmarkSelectServeFirst_M(b *testing.B) { benchmarkSelectOpts(b, "M", true, true) }

func BenchmarkSelectServeFirst_L(b *testing.B) { benchmarkSelectOpts(b, "L", true, true) }
