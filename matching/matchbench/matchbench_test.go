package matchbench

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	rep, err := Run(Options{Enterprises: 300, Investors: 50, Products: 20, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pairs != 300*70 {
		t.Errorf("pairs = %d, want %d", rep.Pairs, 300*70)
	}
	if rep.Seconds <= 0 || rep.PairsPerSecond <= 0 || rep.PeakHeapMB <= 0 {
		t.Errorf("report has empty measurements: %+v", rep)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"pairs":`, `"seconds":`, `"pairs_per_second":`, `"peak_heap_mb":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
}

func TestRunRejectsNegativeK(t *testing.T) {
	if _, err := Run(Options{Enterprises: 1, Investors: 1, K: -1}); err == nil {
		t.Error("Run accepted K = -1")
	}
}
