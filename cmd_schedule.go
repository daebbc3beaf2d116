package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"roadshow/scheduler"
)

// runSchedule dispatches "schedule solve".
func runSchedule(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "solve" {
		return usageError{errors.New("usage: roadshow schedule solve --in problem.json [--time-limit 10s] [--seed 1]")}
	}
	var in string
	var limit time.Duration
	var seed uint64
	if _, err := e.parse("schedule solve", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&in, "in", "-", "problem file in the solver format (- for standard input)")
		fs.DurationVar(&limit, "time-limit", scheduler.DefaultTimeLimit, "wall-time cap of the search phases")
		fs.Uint64Var(&seed, "seed", 1, "seed of the search's random choices")
	}); err != nil {
		return err
	}
	p, err := readProblem(in)
	if err != nil {
		return usageError{err}
	}
	res, err := scheduler.Solve(p, scheduler.Options{Seed: seed, TimeLimit: limit})
	var ie *scheduler.InputError
	if errors.As(err, &ie) {
		return usageError{fmt.Errorf("problem: %w", err)}
	}
	if err != nil {
		return err
	}
	if err := scheduler.Check(p, res); err != nil {
		return fmt.Errorf("internal: the schedule fails its own check: %w", err)
	}
	return printJSON(e, res)
}

func readProblem(name string) (scheduler.Problem, error) {
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return scheduler.Problem{}, err
		}
		defer f.Close()
		r = f
	}
	var p scheduler.Problem
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, fmt.Errorf("problem %s: %w", name, err)
	}
	return p, nil
}
