package bench

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestGenerate_Deterministic(t *testing.T) {
	a, err := Generate("S", "R1", 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate("S", "R1", 3)
	if err != nil {
		t.Fatal(err)
	}
	a.ScoreSeconds, b.ScoreSeconds = 0, 0
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generations from one seed differ")
	}
	c, err := Generate("S", "R1", 4)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Problem.Meetings, c.Problem.Meetings) {
		t.Fatal("seeds 3 and 4 give the same meetings")
	}
}

func TestGenerate_Shape(t *testing.T) {
	for _, regime := range []string{"R0", "R1", "R2", "R3"} {
		t.Run(regime, func(t *testing.T) {
			in, err := Generate("S", regime, 1)
			if err != nil {
				t.Fatal(err)
			}
			checkFrame(t, in)
			checkParticipants(t, in)
			checkMeetings(t, in)
		})
	}
}

func checkFrame(t *testing.T, in *Instance) {
	t.Helper()
	p := in.Problem
	wantSlots, wantTables := 16, in.Investors
	switch in.Regime {
	case "R2":
		wantTables = in.Investors / 2
	case "R3":
		wantSlots = 8
	}
	if p.Slots != wantSlots || p.Tables != wantTables {
		t.Fatalf("slots %d tables %d, want %d and %d", p.Slots, p.Tables, wantSlots, wantTables)
	}
	if in.Enterprises != 200 || in.Investors != 30 || len(p.Participants) != 230 {
		t.Fatalf("%d enterprises, %d investors, %d participants", in.Enterprises, in.Investors, len(p.Participants))
	}
}

func checkParticipants(t *testing.T, in *Instance) {
	t.Helper()
	busy := 0
	for v, q := range in.Problem.Participants {
		lo, hi := 2, 6
		if v >= in.Enterprises {
			lo, hi = 8, 16
			if !q.Host {
				t.Fatalf("investor %s is not a host", q.ID)
			}
		}
		free := in.Problem.Slots - len(q.Unavailable)
		if q.MaxMeetings > hi || q.MaxMeetings > free || (q.MaxMeetings < lo && q.MaxMeetings != free) {
			t.Fatalf("%s: cap %d with %d free slots, want %d–%d", q.ID, q.MaxMeetings, free, lo, hi)
		}
		if len(q.Unavailable) > 0 {
			busy++
		}
	}
	n := len(in.Problem.Participants)
	switch in.Regime {
	case "R0":
		if busy != 0 {
			t.Fatalf("R0: %d participants with unavailable slots", busy)
		}
	case "R2":
		if busy != n {
			t.Fatalf("R2: only %d of %d participants block slots", busy, n)
		}
	default:
		if busy < n/3 || busy > n*9/10 {
			t.Fatalf("%s: %d of %d participants block slots", in.Regime, busy, n)
		}
	}
}

func checkMeetings(t *testing.T, in *Instance) {
	t.Helper()
	ms := in.Problem.Meetings
	if len(ms) < 500 {
		t.Fatalf("only %d candidates", len(ms))
	}
	var mutual, requested int
	for m, mt := range ms {
		if len(mt.Participants) != 2 || !strings.HasPrefix(mt.Participants[0], "e") || !strings.HasPrefix(mt.Participants[1], "i") {
			t.Fatalf("meeting %s: participants %v", mt.ID, mt.Participants)
		}
		if mt.Weight < Threshold && !in.Requested[m] {
			t.Fatalf("meeting %s: weight %d below the threshold and not requested", mt.ID, mt.Weight)
		}
		if in.Mutual[m] && !in.Requested[m] {
			t.Fatalf("meeting %s: mutual but not requested", mt.ID)
		}
		mutual += b2i(in.Mutual[m])
		requested += b2i(in.Requested[m])
	}
	if requested < 3*in.Enterprises || mutual == 0 || mutual > requested/2 {
		t.Fatalf("%d requested, %d mutual", requested, mutual)
	}
}

func TestRun_S(t *testing.T) {
	for _, regime := range []string{"R0", "R1", "R2", "R3"} {
		t.Run(regime, func(t *testing.T) {
			rep, err := Run(Options{Tier: "S", Regime: regime, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Invalid != "" {
				t.Fatalf("invalid schedule: %s", rep.Invalid)
			}
			if rep.UBTight == nil || rep.Value > *rep.UBTight || *rep.UBTight > rep.UB1 {
				t.Fatalf("value %d, ub_tight %v, ub1 %d", rep.Value, rep.UBTight, rep.UB1)
			}
			if regime == "R0" && (rep.Value != rep.UBServed || rep.UnservedWithCandidates != 0) {
				t.Fatalf("R0: value %d below ub_served %d (ub1 %d), %d unserved", rep.Value, rep.UBServed, rep.UB1, rep.UnservedWithCandidates)
			}
			if rep.Meetings == 0 || rep.Hash == "" || rep.PeakMB <= 0 || rep.EnterprisesMet == 0 {
				t.Fatalf("empty report fields: %+v", rep)
			}
			t.Logf("value %d ub1 %d ub_tight %d ratio %.4f/%.4f breaks %.2f", rep.Value, rep.UB1, *rep.UBTight, rep.RatioUB1, *rep.RatioTight, rep.BreaksMean)
		})
	}
}

func TestRun_DeterministicAcrossProcs(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var first Report
	for k, procs := range []int{1, 2, 1} {
		runtime.GOMAXPROCS(procs)
		rep, err := Run(Options{Tier: "S", Regime: "R2", Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		if k == 0 {
			first = rep
			continue
		}
		if rep.Hash != first.Hash || rep.Value != first.Value || *rep.UBTight != *first.UBTight {
			t.Fatalf("GOMAXPROCS %d: hash %s value %d tight %d, first run %s %d %d",
				procs, rep.Hash, rep.Value, *rep.UBTight, first.Hash, first.Value, *first.UBTight)
		}
	}
}

func TestRun_Errors(t *testing.T) {
	if _, err := Run(Options{Tier: "XL", Regime: "R1"}); err == nil {
		t.Fatal("unknown tier accepted")
	}
	if _, err := Run(Options{Tier: "S", Regime: "R9"}); err == nil {
		t.Fatal("unknown regime accepted")
	}
}
