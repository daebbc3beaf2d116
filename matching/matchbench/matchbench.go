// Package matchbench times the matching package on a synthetic population:
// scoring every enterprise–investor and enterprise–product pair and ranking
// the top K both ways, with reasons. `roadshow bench match` prints its
// Report.
package matchbench

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"roadshow/matching"
	"roadshow/matching/synth"
)

// Options size the benchmark; K 0 means matching.DefaultK.
type Options struct {
	Enterprises int   `json:"enterprises"`
	Investors   int   `json:"investors"`
	Products    int   `json:"products"`
	Seed        int64 `json:"seed"`
	K           int   `json:"k"`
}

// Report is what one run measured. Pairs counts enterprise–investor plus
// enterprise–product pairs; PeakHeapMB is the high-water mark of heap
// memory in use (MiB) while ranking, population included.
type Report struct {
	Pairs          int64   `json:"pairs"`
	Seconds        float64 `json:"seconds"`
	PairsPerSecond float64 `json:"pairs_per_second"`
	PeakHeapMB     float64 `json:"peak_heap_mb"`
}

// Run generates the population, then times one Matcher.Rank over it.
func Run(o Options) (Report, error) {
	m, err := matching.NewMatcher(matching.Options{K: o.K})
	if err != nil {
		return Report{}, fmt.Errorf("matchbench: %w", err)
	}
	pop := synth.Generate(synth.Options{Enterprises: o.Enterprises, Investors: o.Investors, Products: o.Products, Seed: o.Seed})
	in := matching.Input{Enterprises: pop.Enterprises, Investors: pop.Investors, Products: pop.Products}
	runtime.GC()
	peak := startHeapSampler(time.Millisecond)
	start := time.Now()
	r, err := m.Rank(in)
	elapsed := time.Since(start)
	maxBytes := peak()
	runtime.KeepAlive(r)
	if err != nil {
		return Report{}, fmt.Errorf("matchbench: %w", err)
	}
	pairs := int64(o.Enterprises) * int64(o.Investors+o.Products)
	rep := Report{Pairs: pairs, Seconds: elapsed.Seconds(), PeakHeapMB: float64(maxBytes) / (1 << 20)}
	if rep.Seconds > 0 {
		rep.PairsPerSecond = float64(pairs) / rep.Seconds
	}
	return rep, nil
}

// heapMetrics add up to the heap memory in use (runtime.MemStats.HeapInuse)
// and can be read without stopping the world.
var heapMetrics = [...]string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"}

func heapInUse(samples []metrics.Sample) uint64 {
	metrics.Read(samples)
	var n uint64
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			n += s.Value.Uint64()
		}
	}
	return n
}

// startHeapSampler samples heap use every interval until the returned
// function is called; that function returns the largest sample.
func startHeapSampler(interval time.Duration) func() uint64 {
	samples := make([]metrics.Sample, len(heapMetrics))
	for i, name := range heapMetrics {
		samples[i].Name = name
	}
	var mu sync.Mutex
	peak := heapInUse(samples)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				n := heapInUse(samples)
				mu.Lock()
				peak = max(peak, n)
				mu.Unlock()
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return max(peak, heapInUse(samples))
	}
}
