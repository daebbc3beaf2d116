package scheduler_test

import (
	"fmt"
	"slices"
	"testing"

	"roadshow/scheduler"
	"roadshow/scheduler/bench"
	"roadshow/scheduler/instances"
)

// withoutParticipant is p after participant id cancels: it and its
// meetings are gone.
func withoutParticipant(p scheduler.Problem, id string) scheduler.Problem {
	q := p
	q.Participants = slices.DeleteFunc(slices.Clone(p.Participants), func(x scheduler.Participant) bool { return x.ID == id })
	q.Meetings = slices.DeleteFunc(slices.Clone(p.Meetings), func(m scheduler.Meeting) bool { return slices.Contains(m.Participants, id) })
	return q
}

// busiestInvestor is the host participant with the most assignments in r.
func busiestInvestor(p scheduler.Problem, r scheduler.Result) string {
	hosts := map[string]bool{}
	for _, q := range p.Participants {
		hosts[q.ID] = q.Host
	}
	parts := map[string][]string{}
	for _, m := range p.Meetings {
		parts[m.ID] = m.Participants
	}
	n := map[string]int{}
	best := ""
	for _, a := range r.Assignments {
		for _, h := range parts[a.Meeting] {
			if !hosts[h] {
				continue
			}
			n[h]++
			if best == "" || n[h] > n[best] || n[h] == n[best] && h < best {
				best = h
			}
		}
	}
	return best
}

func mustRepair(t testing.TB, p scheduler.Problem, prev scheduler.Result) scheduler.Result {
	t.Helper()
	r, err := scheduler.Repair(p, prev, scheduler.Options{Seed: 1})
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	if err := scheduler.Check(p, r); err != nil {
		t.Fatalf("Check: %v", err)
	}
	return r
}

func TestRepair_Cancellation(t *testing.T) {
	for _, reg := range []instances.Regime{instances.R0, instances.R1, instances.R2} {
		t.Run(reg.String(), func(t *testing.T) {
			p := instances.Matchmaking(instances.TierS, reg, 4)
			prev := mustSolve(t, p, scheduler.Options{Seed: 1})
			q := withoutParticipant(p, busiestInvestor(p, prev))
			next := mustRepair(t, q, prev)
			kept := len(prev.Assignments) - (len(p.Meetings) - len(q.Meetings))
			if moved := scheduler.Moved(prev, next); moved*20 > kept {
				t.Fatalf("moved %d of about %d meetings", moved, kept)
			}
			if next.Value < prev.Value*9/10 {
				t.Fatalf("value fell from %d to %d", prev.Value, next.Value)
			}
		})
	}
}

func TestRepair_AvailabilityChange(t *testing.T) {
	p := instances.Matchmaking(instances.TierS, instances.R1, 5)
	prev := mustSolve(t, p, scheduler.Options{Seed: 1})
	q := p
	q.Participants = slices.Clone(p.Participants)
	inv := busiestInvestor(p, prev)
	for k := range q.Participants {
		if q.Participants[k].ID == inv {
			q.Participants[k].Unavailable = []int{1, 2, 3}
		}
	}
	next := mustRepair(t, q, prev)
	if moved := scheduler.Moved(prev, next); moved > len(prev.Assignments)/10 {
		t.Fatalf("moved %d of %d", moved, len(prev.Assignments))
	}
}

func TestRepair_NewRegistration(t *testing.T) {
	p := instances.Brokerage(instances.BrokerageConfig{MaxLoad: 0.7}, 3)
	prev := mustSolve(t, p, scheduler.Options{Seed: 1})
	q := p
	q.Participants = append(slices.Clone(p.Participants), scheduler.Participant{ID: "new"})
	q.Meetings = slices.Clone(p.Meetings)
	for k := 0; k < 3; k++ {
		q.Meetings = append(q.Meetings, scheduler.Meeting{ID: fmt.Sprintf("new%d", k), Participants: []string{"new", p.Participants[k].ID}})
	}
	next := mustRepair(t, q, prev)
	if next.Status == scheduler.Infeasible || len(next.Unscheduled) > 0 {
		t.Fatalf("status %s: %v", next.Status, next.Reasons)
	}
}

func TestRepair_InputError(t *testing.T) {
	p := instances.Brokerage(instances.BrokerageConfig{}, 1)
	p.Meetings[0].Participants = []string{"ghost", p.Participants[0].ID}
	if _, err := scheduler.Repair(p, scheduler.Result{}, scheduler.Options{}); err == nil {
		t.Fatal("Repair accepted an unknown participant")
	}
}

// benchRepair cancels the busiest investor of p and repairs; it reports
// the share of the previous meetings moved and of the new upper bound.
func benchRepair(b *testing.B, p scheduler.Problem) {
	prev := mustSolve(b, p, scheduler.Options{Seed: 1})
	q := withoutParticipant(p, busiestInvestor(p, prev))
	var next scheduler.Result
	b.ResetTimer()
	for range b.N {
		var err error
		if next, err = scheduler.Repair(q, prev, scheduler.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := scheduler.Check(q, next); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(100*float64(scheduler.Moved(prev, next))/float64(len(prev.Assignments)), "%moved")
	b.ReportMetric(100*float64(next.Value)/float64(next.UpperBound), "%ub")
}

// BenchmarkRepair_M repairs a tier-M standard event of the local
// generator after its busiest investor cancels.
func BenchmarkRepair_M(b *testing.B) {
	benchRepair(b, instances.Matchmaking(instances.TierM, instances.R1, 1))
}

// BenchmarkRepair_BenchM does the same on the scheduling benchmark's
// tier-M standard event (about 100,000 candidate meetings).
func BenchmarkRepair_BenchM(b *testing.B) {
	in, err := bench.Generate("M", "R1", 1)
	if err != nil {
		b.Fatal(err)
	}
	benchRepair(b, in.Problem)
}
