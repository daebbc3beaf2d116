package scheduler

import "testing"

func TestMinRuns_Known(t *testing.T) {
	tests := []struct {
		name    string
		allowed []uint64
		want    int
	}{
		{"AnyTwoAdjacent", []uint64{0b1111, 0b1111}, 1},
		{"ForcedApart", []uint64{0b0001, 0b1000}, 2},
		{"PartnerForcesSplit", []uint64{0b0011, 0b0011, 0b1100}, 1},
		{"ThreeRunsNeeded", []uint64{0b00001, 0b00100, 0b10000}, 3},
		// Union 1..4 is one run, but two meetings only fit slot 1.
		{"MatchingMatters", []uint64{0b0001, 0b0001 | 0b1000, 0b0110}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := minRuns(tt.allowed); got != tt.want {
				t.Fatalf("minRuns = %d, want %d", got, tt.want)
			}
		})
	}
}
