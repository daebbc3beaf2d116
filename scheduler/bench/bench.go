// Package bench is the scheduling benchmark of SCHEDULING.md: a generator
// of enterprise × investor matchmaking events, deterministic from a seed,
// in three sizes (tiers S, M, L) and four availability regimes (R0–R3),
// and a runner that scores, selects, timetables and improves an event,
// checks the schedule and reports value against upper bounds, breaks,
// request coverage, wall time per phase, peak memory and a hash of the
// schedule.
package bench

import (
	"fmt"
	"runtime/debug"
	"time"

	"roadshow/scheduler"
)

// Options names one benchmark run.
type Options struct {
	Tier   string // S, M or L
	Regime string // R0, R1, R2 or R3
	Seed   int64
	// TightIterations caps the subgradient iterations of ub_tight; 0 means
	// scheduler.DefaultTightIterations.
	TightIterations int
}

// Phases is the wall time of each phase in seconds.
type Phases struct {
	Score     float64 `json:"score"`
	Select    float64 `json:"select"`
	Timetable float64 `json:"timetable"`
	Improve   float64 `json:"improve"`
}

// Report is the outcome of one run. Value is 0 when the schedule fails the
// validity checker (Invalid then says why).
type Report struct {
	Tier        string `json:"tier"`
	Regime      string `json:"regime"`
	Seed        int64  `json:"seed"`
	Enterprises int    `json:"enterprises"`
	Investors   int    `json:"investors"`
	Slots       int    `json:"slots"`
	Tables      int    `json:"tables"`
	Candidates  int    `json:"candidates"`
	Status      string `json:"status"`
	Invalid     string `json:"invalid,omitempty"`
	Meetings    int    `json:"meetings"`
	Value       int64  `json:"value"`
	UB1         int64  `json:"ub1"`
	UBTight     *int64 `json:"ub_tight"`
	// UBAvailability is the availability-aware b-matching bound, the
	// cheaper part of ub_tight (null when ub_tight is).
	UBAvailability *int64  `json:"ub_availability"`
	RatioUB1       float64 `json:"ratio_ub1"`
	// UnservedWithCandidates counts the participants with a candidate
	// meeting but none held; UnservedReasons splits them by reason code
	// (scheduler.Unserved*).
	UnservedWithCandidates int            `json:"unserved_with_candidates"`
	UnservedReasons        map[string]int `json:"unserved_reasons,omitempty"`
	// UBServed is the best value of a selection that serves as many
	// participants as possible (under the caps and availability): what the
	// serve-first objective can reach at most; RatioServed = value / it.
	UBServed     int64    `json:"ub_served"`
	RatioServed  float64  `json:"ratio_served"`
	RatioTight   *float64 `json:"ratio_tight"`
	Seconds      float64  `json:"seconds"`
	PeakMB       float64  `json:"peak_mb"`
	Hash         string   `json:"hash"`
	BreaksMean   float64  `json:"breaks_mean"`
	BreaksMax    int      `json:"breaks_max"`
	BreaksSpread int      `json:"breaks_spread"`
	// BreaksTotal is the final total of breaks; PlacedBreaks the total
	// placement left before the improvement phase, and BreaksRemoved the
	// share of those the improvement removed.
	BreaksTotal   int     `json:"breaks_total"`
	PlacedBreaks  int     `json:"placed_breaks"`
	BreaksRemoved float64 `json:"breaks_removed"`
	// BreaksLB is scheduler.BreaksLowerBound for the meetings held: no
	// timetable of them has fewer breaks.
	BreaksLB int `json:"breaks_lb"`
	// Shares of the mutual and of the priority-1 candidate pairs held, and
	// the enterprises with at least one meeting.
	MutualShare         float64 `json:"mutual_share"`
	Priority1Share      float64 `json:"priority1_share"`
	EnterprisesMet      int     `json:"enterprises_met"`
	EnterprisesMetShare float64 `json:"enterprises_met_share"`
	Phases              Phases  `json:"phases"`
	// UB1Seconds and TightSeconds time the bounds, outside Seconds.
	UB1Seconds   float64 `json:"ub1_seconds"`
	TightSeconds float64 `json:"tight_seconds"`
}

// Run generates the event of opts, solves it with scheduler.Solve, checks
// the schedule with scheduler.Check and reports. PeakMB covers this
// pipeline (generation, scoring, solving, checking); the bounds are
// computed afterwards, ub_tight on tiers S and M only.
func Run(opts Options) (Report, error) {
	mem := startMemorySampler(5 * time.Millisecond)
	in, res, err := solve(opts)
	peak := mem.Stop()
	// The checks and bounds below are evaluation, not pipeline: keep them
	// within the pipeline's footprint rather than let the heap double.
	debug.FreeOSMemory()
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(peak * 1.2 * (1 << 20))))
	if err != nil {
		return Report{}, err
	}
	p := in.Problem
	rep := Report{Tier: opts.Tier, Regime: opts.Regime, Seed: opts.Seed,
		Enterprises: in.Enterprises, Investors: in.Investors, Slots: p.Slots, Tables: p.Tables,
		Candidates: len(p.Meetings), PeakMB: peak}
	rep.result(in, res)
	if err := rep.bounds(in, res, opts); err != nil {
		return rep, err
	}
	return rep, nil
}

// solve generates the event and solves it.
func solve(opts Options) (*Instance, scheduler.Result, error) {
	in, err := Generate(opts.Tier, opts.Regime, opts.Seed)
	if err != nil {
		return nil, scheduler.Result{}, err
	}
	// Like the event scheduler: serve first, explain only the requested
	// pairs left out.
	in.Problem.ServeFirst = true
	requested := map[string]bool{}
	for m, mt := range in.Problem.Meetings {
		if in.Requested[m] {
			requested[mt.ID] = true
		}
	}
	explain := func(id string) bool { return requested[id] }
	res, err := scheduler.Solve(in.Problem, scheduler.Options{Seed: uint64(opts.Seed), Explain: explain})
	if err != nil {
		return nil, res, fmt.Errorf("bench: solve %s/%s/%d: %w", opts.Tier, opts.Regime, opts.Seed, err)
	}
	return in, res, nil
}

// result fills the report from the solver's result.
func (rep *Report) result(in *Instance, res scheduler.Result) {
	rep.Status = string(res.Status)
	rep.Phases.Score = in.ScoreSeconds
	if st := res.Stats; st != nil {
		rep.Phases.Select, rep.Phases.Timetable, rep.Phases.Improve = st.SelectSeconds, st.TimetableSeconds, st.ImproveSeconds
	}
	rep.Seconds = in.ScoreSeconds + res.Seconds
	if err := scheduler.Check(in.Problem, res); err != nil {
		rep.Invalid = err.Error()
		return
	}
	rep.UnservedWithCandidates = len(res.Unserved)
	for _, u := range res.Unserved {
		if rep.UnservedReasons == nil {
			rep.UnservedReasons = map[string]int{}
		}
		rep.UnservedReasons[u.Reason]++
	}
	rep.Meetings = len(res.Assignments)
	rep.Value = res.Value
	rep.Hash = scheduleHash(res.Assignments)
	rep.BreaksMean, rep.BreaksMax, rep.BreaksSpread = breakStats(in.Problem, res.Assignments)
	rep.BreaksTotal = res.Breaks.Total
	if st := res.Stats; st != nil && st.PlacedBreaks > 0 {
		rep.PlacedBreaks = st.PlacedBreaks
		rep.BreaksRemoved = float64(st.PlacedBreaks-res.Breaks.Total) / float64(st.PlacedBreaks)
	}
	rep.shares(in, res.Assignments)
}

// bounds computes ub1, the breaks bound and, on tiers S and M, ub_tight,
// and the ratios.
func (rep *Report) bounds(in *Instance, res scheduler.Result, opts Options) error {
	t0 := time.Now()
	sel, err := scheduler.Select(&in.Problem, scheduler.SelectOptions{})
	if err != nil {
		return fmt.Errorf("bench: ub1: %w", err)
	}
	rep.UB1Seconds = time.Since(t0).Seconds()
	if rep.Invalid == "" {
		lb, err := scheduler.BreaksLowerBound(in.Problem, res.Assignments)
		if err != nil {
			return fmt.Errorf("bench: breaks bound: %w", err)
		}
		rep.BreaksLB = lb
	}
	rep.UB1 = sel.UpperBound
	rep.RatioUB1 = ratio(rep.Value, rep.UB1)
	p := &in.Problem
	served, err := scheduler.Select(p, scheduler.SelectOptions{Availability: true, MaxTotal: p.Slots * p.Tables, ServeFirst: true})
	if err != nil {
		return fmt.Errorf("bench: ub_served: %w", err)
	}
	rep.UBServed = served.Value
	rep.RatioServed = ratio(rep.Value, rep.UBServed)
	if opts.Tier == "L" {
		return nil
	}
	t1 := time.Now()
	b, err := scheduler.TightBound(&in.Problem, scheduler.BoundOptions{Iterations: opts.TightIterations, Target: rep.Value})
	if err != nil {
		return fmt.Errorf("bench: ub_tight: %w", err)
	}
	rep.TightSeconds = time.Since(t1).Seconds()
	tight, avail := min(b.Value, rep.UB1), b.Availability
	r := ratio(rep.Value, tight)
	rep.UBTight, rep.RatioTight, rep.UBAvailability = &tight, &r, &avail
	return nil
}
