package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"roadshow/matching/matchbench"
	"roadshow/scheduler"
	schedbench "roadshow/scheduler/bench"
)

// runBench dispatches the benchmark subcommands; each prints one JSON
// report.
func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{errors.New("usage: roadshow bench match|schedule|breaks [flags]")}
	}
	switch args[0] {
	case "match":
		return benchMatch(e, args[1:])
	case "schedule":
		return benchSchedule(e, args[1:])
	case "breaks":
		return benchBreaks(e, args[1:])
	}
	return usageError{fmt.Errorf("unknown benchmark %q; want match, schedule or breaks", args[0])}
}

func benchMatch(e *env, args []string) error {
	var o matchbench.Options
	if _, err := e.parse("bench match", args, func(fs *flag.FlagSet) {
		fs.IntVar(&o.Enterprises, "enterprises", 10000, "enterprises")
		fs.IntVar(&o.Investors, "investors", 1000, "investors")
		fs.IntVar(&o.Products, "products", 200, "financing products")
		fs.Int64Var(&o.Seed, "seed", 1, "population seed")
		fs.IntVar(&o.K, "k", 10, "list length")
		fs.Bool("json", true, "print JSON (always)")
	}); err != nil {
		return err
	}
	if o.Enterprises < 1 || o.Investors < 1 || o.Products < 0 {
		return usageError{errors.New("--enterprises and --investors must be positive, --products not negative")}
	}
	rep, err := matchbench.Run(o)
	if err != nil {
		return usageError{err}
	}
	return printJSON(e, rep)
}

func benchSchedule(e *env, args []string) error {
	var o schedbench.Options
	if _, err := e.parse("bench schedule", args, func(fs *flag.FlagSet) {
		fs.StringVar(&o.Tier, "tier", "M", "S (200×30), M (2,000×300) or L (10,000×1,500)")
		fs.StringVar(&o.Regime, "regime", "R1", "R0 full availability, R1 standard, R2 stressed, R3 short event")
		fs.Int64Var(&o.Seed, "seed", 1, "instance seed")
		fs.Bool("json", true, "print JSON (always)")
	}); err != nil {
		return err
	}
	rep, err := schedbench.Run(o)
	if err != nil {
		return usageError{err}
	}
	return printJSON(e, rep)
}

func benchBreaks(e *env, args []string) error {
	var o schedbench.BreaksOptions
	spread := -1
	if _, err := e.parse("bench breaks", args, func(fs *flag.FlagSet) {
		fs.Int64Var(&o.Seed, "seed", 1, "instance seed")
		fs.DurationVar(&o.TimeLimit, "time-limit", 10*time.Second, "solver time limit per instance (1s–60s)")
		fs.IntVar(&spread, "max-spread", -1, "bound the spread of breaks per instance (-1: none)")
		fs.Bool("json", true, "print JSON (always)")
	}); err != nil {
		return err
	}
	if o.TimeLimit < time.Second || o.TimeLimit > time.Minute {
		return usageError{errors.New("--time-limit must be within 1s..60s")}
	}
	if spread < -1 || spread > scheduler.MaxSlots {
		return usageError{fmt.Errorf("--max-spread must be within -1..%d", scheduler.MaxSlots)}
	}
	if spread >= 0 {
		o.MaxSpread = &spread
	}
	rep, err := schedbench.RunBreaks(o)
	if err != nil {
		return usageError{err}
	}
	return printJSON(e, rep)
}

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
