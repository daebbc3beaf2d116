package store

import (
	"context"
	"testing"
	"time"
)

func TestSolverBudget(t *testing.T) {
	if got := solverBudget(context.Background(), 10*time.Second); got != 10*time.Second {
		t.Errorf("no deadline: %v, want the limit", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	if got := solverBudget(ctx, 60*time.Second); got > 4*time.Second || got < 3*time.Second {
		t.Errorf("8 s left, limit 60 s: %v, want about half the time left", got)
	}
	if got := solverBudget(ctx, time.Second); got != time.Second {
		t.Errorf("8 s left, limit 1 s: %v, want the limit", got)
	}
	past, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	if got := solverBudget(past, time.Second); got != time.Millisecond {
		t.Errorf("deadline passed: %v, want the 1 ms floor", got)
	}
}
