package matching_test

import (
	"errors"
	"testing"

	"roadshow/matching"
)

func TestDefaultWeights_SumTo100(t *testing.T) {
	if err := matching.DefaultWeights().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestWeights_Validate(t *testing.T) {
	d := matching.DefaultWeights()
	tests := []struct {
		name  string
		edit  func(w *matching.Weights)
		field string // "" = valid
	}{
		{"OK", func(w *matching.Weights) {}, ""},
		{"OKAllOnSector", func(w *matching.Weights) { *w = matching.Weights{Sector: 100} }, ""},
		{"ErrNegativeSector", func(w *matching.Weights) { w.Sector = -1; w.Stage += 1 }, "weights.sector"},
		{"ErrNegativeStage", func(w *matching.Weights) { w.Stage = -5; w.Sector += 15 }, "weights.stage"},
		{"ErrNegativeAmount", func(w *matching.Weights) { w.Amount = -1; w.Sector += 16 }, "weights.amount"},
		{"ErrNegativeInstrument", func(w *matching.Weights) { w.Instrument = -1; w.Sector += 21 }, "weights.instrument"},
		{"ErrNegativeRegion", func(w *matching.Weights) { w.Region = -1; w.Sector += 16 }, "weights.region"},
		{"ErrNegativeLabels", func(w *matching.Weights) { w.Labels = -1; w.Sector += 6 }, "weights.labels"},
		{"ErrNegativeInnovation", func(w *matching.Weights) { w.Innovation = -1; w.Sector += 6 }, "weights.innovation"},
		{"ErrSumBelow", func(w *matching.Weights) { w.Sector-- }, "weights"},
		{"ErrSumAbove", func(w *matching.Weights) { w.Region++ }, "weights"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := d
			tc.edit(&w)
			err := w.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate(%+v) = %v, want nil", w, err)
				}
				return
			}
			var fe *matching.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("Validate(%+v) = %v, want field %q", w, err, tc.field)
			}
		})
	}
}

func TestNewMatcher(t *testing.T) {
	p := matching.Pair{EnterpriseID: 1, InvestorID: 2}
	tests := []struct {
		name  string
		opts  matching.Options
		field string
	}{
		{"OKZero", matching.Options{}, ""},
		{"ErrNegativeK", matching.Options{K: -1}, "k"},
		{"ErrWeights", matching.Options{Weights: matching.Weights{Sector: 50}}, "weights"},
		{"ErrPenaltyNegative", matching.Options{Rules: matching.Rules{MetBeforePenalty: -1}}, "rules.met_before_penalty"},
		{"ErrPenaltyTooLarge", matching.Options{Rules: matching.Rules{MetBeforePenalty: 101}}, "rules.met_before_penalty"},
		{"ErrPinnedAndForbidden", matching.Options{Rules: matching.Rules{Pinned: []matching.Pair{p}, Forbidden: []matching.Pair{p}}}, "rules.pinned"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := matching.NewMatcher(tc.opts)
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if m.K() != matching.DefaultK || m.Weights() != matching.DefaultWeights() {
					t.Errorf("zero options gave K %d, weights %+v", m.K(), m.Weights())
				}
				return
			}
			var fe *matching.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("NewMatcher = %v, want field %q", err, tc.field)
			}
		})
	}
}
