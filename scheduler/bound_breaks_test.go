package scheduler

import "testing"

func TestMinBreaks_Known(t *testing.T) {
	whole := []uint64{fullMask(8)}
	halves := []uint64{0b1111, 0b1111_0000}
	tests := []struct {
		name      string
		allowed   []uint64
		stretches []uint64
		want      int
	}{
		{"AnyTwoAdjacent", []uint64{0b1111, 0b1111}, whole, 0},
		{"ForcedApart", []uint64{0b0001, 0b1000}, whole, 1},
		{"PartnerForcesSplit", []uint64{0b0011, 0b0011, 0b1100}, whole, 0},
		{"ThreeRunsNeeded", []uint64{0b00001, 0b00100, 0b10000}, whole, 2},
		// Union 1..4 is one run, but two meetings only fit slot 1.
		{"MatchingMatters", []uint64{0b0001, 0b0001 | 0b1000, 0b0110}, whole, 1},
		// Morning and afternoon: one run in each is no break.
		{"OneRunEachSession", []uint64{0b0001, 0b1000_0000}, halves, 0},
		{"AcrossLunchNoBreak", []uint64{0b1000, 0b1_0000}, halves, 0},
		{"GapInsideMorning", []uint64{0b0001, 0b0100, 0b1000_0000}, halves, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := minBreaks(tt.allowed, tt.stretches); got != tt.want {
				t.Fatalf("minBreaks = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestDayStretches(t *testing.T) {
	got := dayStretches([]Session{{Name: "am", From: 1, To: 4}, {Name: "pm", From: 5, To: 8}}, 8)
	if len(got) != 2 || got[0] != 0b1111 || got[1] != 0b1111_0000 {
		t.Fatalf("stretches %b", got)
	}
	if got := dayStretches(nil, 8); len(got) != 1 || got[0] != fullMask(8) {
		t.Fatalf("no sessions: stretches %b", got)
	}
}
