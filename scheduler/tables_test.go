package scheduler_test

import (
	"slices"
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/instances"
)

// multiTableHosts lists the hosts whose meetings in r sit at more than one
// table.
func multiTableHosts(p scheduler.Problem, r scheduler.Result) []string {
	isHost := map[string]bool{}
	for _, q := range p.Participants {
		isHost[q.ID] = q.Host
	}
	parts := map[string][]string{}
	for _, m := range p.Meetings {
		parts[m.ID] = m.Participants
	}
	tables := map[string]map[int]bool{}
	for _, a := range r.Assignments {
		for _, h := range parts[a.Meeting] {
			if !isHost[h] {
				continue
			}
			if tables[h] == nil {
				tables[h] = map[int]bool{}
			}
			tables[h][a.Table] = true
		}
	}
	var out []string
	for h, ts := range tables {
		if len(ts) > 1 {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// withTablesPerHost is p with exactly one table per host: scarce (a slot
// where every host meets is full) but sufficient for each host to keep
// its own table.
func withTablesPerHost(p scheduler.Problem) scheduler.Problem {
	p.Tables = 0
	for _, q := range p.Participants {
		if q.Host {
			p.Tables++
		}
	}
	return p
}

// TestSolve_HostKeepsTableScarce solves matchmaking events of every
// regime with one table per host: each host stays at one table.
func TestSolve_HostKeepsTableScarce(t *testing.T) {
	for _, reg := range []instances.Regime{instances.R0, instances.R1, instances.R2, instances.R3} {
		for seed := uint64(1); seed <= 3; seed++ {
			p := withTablesPerHost(instances.Matchmaking(instances.TierS, reg, seed))
			r := mustSolve(t, p, scheduler.Options{Seed: seed})
			if hs := multiTableHosts(p, r); len(hs) > 0 {
				t.Fatalf("%v seed %d: hosts %v use several tables", reg, seed, hs)
			}
		}
	}
}

// TestRepair_HostKeepsTable repairs such events after an enterprise
// cancels and an investor's availability shrinks: each host still uses one
// table, the one it had where it can.
func TestRepair_HostKeepsTable(t *testing.T) {
	seeds := uint64(10)
	if testing.Short() {
		seeds = 3
	}
	for _, reg := range []instances.Regime{instances.R1, instances.R2, instances.R3} {
		for seed := uint64(1); seed <= seeds; seed++ {
			p := withTablesPerHost(instances.Matchmaking(instances.TierS, reg, seed))
			prev := mustSolve(t, p, scheduler.Options{Seed: seed})
			q := withoutParticipant(p, "e1")
			q.Participants = slices.Clone(q.Participants)
			for k := range q.Participants {
				if q.Participants[k].ID == "i3" {
					q.Participants[k].Unavailable = []int{1, 2}
				}
			}
			next := mustRepair(t, q, prev)
			if hs := multiTableHosts(q, next); len(hs) > 0 {
				t.Fatalf("%v seed %d: hosts %v use several tables after repair", reg, seed, hs)
			}
		}
	}
}
