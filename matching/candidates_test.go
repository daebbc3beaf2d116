package matching_test

import (
	"reflect"
	"runtime"
	"testing"

	"roadshow/matching"
)

func TestCandidates_MatchBruteForce(t *testing.T) {
	for _, seed := range seeds {
		in := population(seed, 150, 60, 0)
		rules := randomRules(seed, in, 30)
		m := mustMatcher(t, matching.Options{Rules: rules})
		const threshold = 40
		got, err := m.Candidates(in.Enterprises, in.Investors, threshold)
		if err != nil {
			t.Fatal(err)
		}
		pinned := map[matching.Pair]bool{}
		for _, p := range rules.Pinned {
			pinned[p] = true
		}
		var want []matching.Candidate
		for _, e := range in.Enterprises { // synth ids are ascending
			for _, inv := range in.Investors {
				p := matching.Pair{EnterpriseID: e.ID, InvestorID: inv.ID}
				s := m.ScoreInvestor(e, inv).Score
				if !m.Forbidden(p) && (s >= threshold || pinned[p]) {
					want = append(want, matching.Candidate{EnterpriseID: e.ID, InvestorID: inv.ID, Score: s})
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: %d candidates, want %d", seed, len(got), len(want))
		}
		if len(want) == 0 || len(want) == len(in.Enterprises)*len(in.Investors) {
			t.Fatalf("seed %d: threshold selects %d of all pairs; the test says nothing", seed, len(want))
		}
	}
}

func TestCandidates_Deterministic(t *testing.T) {
	in := population(3, 500, 70, 0)
	m := mustMatcher(t, matching.Options{Rules: randomRules(3, in, 20)})
	want, _ := m.Candidates(in.Enterprises, in.Investors, 30)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	for i, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		s := shuffled(in, uint64(i))
		got, _ := m.Candidates(s.Enterprises, s.Investors, 30)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("GOMAXPROCS %d: candidates differ", procs)
		}
	}
}
