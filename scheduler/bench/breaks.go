package bench

import (
	"fmt"
	"time"

	"roadshow/scheduler"
	"roadshow/scheduler/instances"
)

// BreaksOptions names one run of the brokerage break benchmark.
type BreaksOptions struct {
	// Seed offsets the instance seeds and seeds the solver.
	Seed int64
	// TimeLimit is the solver's limit per instance (10 s when zero).
	TimeLimit time.Duration
	// MaxSpread, when set, is every instance's max_break_spread.
	MaxSpread *int
}

// BreaksInstance is the outcome on one brokerage day.
type BreaksInstance struct {
	Name         string  `json:"name"`
	Participants int     `json:"participants"`
	Meetings     int     `json:"meetings"`
	Slots        int     `json:"slots"`
	Tables       int     `json:"tables"`
	Status       string  `json:"status"`
	Invalid      string  `json:"invalid,omitempty"`
	Breaks       int     `json:"breaks"`
	LowerBound   int     `json:"lower_bound"`
	Spread       int     `json:"spread"`
	Seconds      float64 `json:"seconds"`
}

// BreaksReport sums the break benchmark: breaks against the proven lower
// bounds, how many instances are at a proven optimum (status optimal),
// the widest spread of breaks between participants and the longest run.
type BreaksReport struct {
	Instances       int              `json:"instances"`
	BreaksTotal     int              `json:"breaks_total"`
	LowerBoundTotal int              `json:"lower_bound_total"`
	AtProvenOptimum int              `json:"at_proven_optimum"`
	SpreadMax       int              `json:"spread_max"`
	SecondsMax      float64          `json:"seconds_max"`
	Runs            []BreaksInstance `json:"runs"`
}

// breaksSet is the benchmark's set of brokerage days: larger events in
// the shape of the real ones, smaller ones with many full participants,
// and variants with a share of meetings fixed to a slot.
func breaksSet(seed int64) []struct {
	name string
	p    scheduler.Problem
} {
	var set []struct {
		name string
		p    scheduler.Problem
	}
	add := func(name string, c instances.DayConfig, k int) {
		s := uint64(seed)*1000 + uint64(k)
		set = append(set, struct {
			name string
			p    scheduler.Problem
		}{fmt.Sprintf("%s-%d", name, s), instances.BrokerageDay(c, s)})
	}
	for k := 1; k <= 10; k++ {
		add("large", instances.DayLarge, k)
	}
	for k := 1; k <= 6; k++ {
		add("small", instances.DaySmall, k)
	}
	fixed := instances.DayLarge
	fixed.FixedShare = 0.3
	for k := 1; k <= 4; k++ {
		add("fixed", fixed, k)
	}
	return set
}

// RunBreaks solves the brokerage days and checks every schedule.
func RunBreaks(o BreaksOptions) (BreaksReport, error) {
	limit := o.TimeLimit
	if limit == 0 {
		limit = 10 * time.Second
	}
	var rep BreaksReport
	for _, in := range breaksSet(o.Seed) {
		in.p.MaxBreakSpread = o.MaxSpread
		r, err := scheduler.Solve(in.p, scheduler.Options{Seed: uint64(o.Seed), TimeLimit: limit})
		if err != nil {
			return rep, fmt.Errorf("bench: breaks %s: %w", in.name, err)
		}
		run := BreaksInstance{Name: in.name, Participants: len(in.p.Participants), Meetings: len(in.p.Meetings),
			Slots: in.p.Slots, Tables: in.p.Tables, Status: string(r.Status), Breaks: r.Breaks.Total,
			LowerBound: r.BreaksBound, Spread: r.Breaks.Max - r.Breaks.Min, Seconds: r.Seconds}
		if err := scheduler.Check(in.p, r); err != nil {
			run.Invalid = err.Error()
		}
		rep.add(run)
	}
	return rep, nil
}

func (rep *BreaksReport) add(run BreaksInstance) {
	rep.Runs = append(rep.Runs, run)
	rep.Instances++
	rep.BreaksTotal += run.Breaks
	rep.LowerBoundTotal += run.LowerBound
	if run.Status == string(scheduler.Optimal) && run.Invalid == "" {
		rep.AtProvenOptimum++
	}
	rep.SpreadMax = max(rep.SpreadMax, run.Spread)
	rep.SecondsMax = max(rep.SecondsMax, run.Seconds)
}
