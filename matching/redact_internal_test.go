package matching

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRedact_PublicFieldsOnly checks, over random investors and
// enterprises, that a redacted enterprise's score and reasons do not
// depend on its need or wanted instruments: two enterprises that differ
// only there give byte-identical results, and the reasons add up.
func TestRedact_PublicFieldsOnly(t *testing.T) {
	r := rand.New(rand.NewPCG(23_000_000, 37))
	for _, w := range []Weights{DefaultWeights(), {Amount: 40, Instrument: 30, Sector: 30}} {
		m, err := NewMatcher(Options{Weights: w, K: 10})
		if err != nil {
			t.Fatal(err)
		}
		sensitive := 0
		for i := range 400 {
			a := randomEnterprise(r, 1)
			b := a
			b.NeedAmount, b.Instruments = randomAmount(r), randomCodes(r, instrumentNames[:], 3)
			inv := randomInvestor(r, int64(i))
			ra, rb := Redact([]Enterprise{a}), Redact([]Enterprise{b})
			sa, sb := m.ScoreInvestor(ra[0], inv), m.ScoreInvestor(rb[0], inv)
			if ja, jb := marshal(t, sa), marshal(t, sb); ja != jb {
				t.Fatalf("need %d %v vs %d %v, investor %+v:\n%s\n%s", a.NeedAmount, a.Instruments, b.NeedAmount, b.Instruments, inv, ja, jb)
			}
			checkExplained(t, sa.Reasons, sa.Score)
			for _, rs := range sa.Reasons {
				if (rs.Code == CodeAmount || rs.Code == CodeInstrument) && !strings.Contains(rs.TextEN, "not disclosed") {
					t.Fatalf("a redacted reason speaks of the private field: %+v", rs)
				}
			}
			if marshal(t, m.ScoreInvestor(a, inv)) != marshal(t, m.ScoreInvestor(b, inv)) {
				sensitive++
			}
			la, err := m.RecommendForInvestor(inv, ra)
			if err != nil {
				t.Fatal(err)
			}
			lb, _ := m.RecommendForInvestor(inv, rb)
			if ja, jb := marshal(t, la), marshal(t, lb); ja != jb {
				t.Fatalf("recommendations differ:\n%s\n%s", ja, jb)
			}
		}
		if sensitive < 100 {
			t.Fatalf("only %d of 400 unredacted pairs differ: the cases do not exercise the private fields", sensitive)
		}
	}
}

// TestRedact_KeepsOriginal checks that Redact copies: the caller's
// enterprises keep their need for the views that show it.
func TestRedact_KeepsOriginal(t *testing.T) {
	in := []Enterprise{{ID: 1, NeedAmount: 23_000_000, Instruments: []string{"loan"}}}
	out := Redact(in)
	if in[0].NeedAmount != 23_000_000 || in[0].Redacted || out[0].NeedAmount != 0 || out[0].Instruments != nil || !out[0].Redacted {
		t.Fatalf("in %+v out %+v", in, out)
	}
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
