package bench

import (
	"runtime/metrics"
	"sync"
	"time"
)

// memorySampler records the peak of the memory the Go runtime holds from
// the operating system (mapped minus released), sampled every few
// milliseconds while a run lasts.
type memorySampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

// startMemorySampler starts sampling in a goroutine.
func startMemorySampler(every time.Duration) *memorySampler {
	m := &memorySampler{stop: make(chan struct{})}
	m.peak = heldBytes()
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				m.peak = max(m.peak, heldBytes())
			}
		}
	}()
	return m
}

// Stop ends sampling and returns the peak in MiB.
func (m *memorySampler) Stop() float64 {
	close(m.stop)
	m.wg.Wait()
	m.peak = max(m.peak, heldBytes())
	return float64(m.peak) / (1 << 20)
}

// heldBytes returns the memory mapped by the runtime minus what it has
// released back to the operating system.
func heldBytes() uint64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}
