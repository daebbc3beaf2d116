package main

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestBenchBreaks_BadFlags refuses a time limit or spread out of range
// with a usage error naming the flag, before any solving.
func TestBenchBreaks_BadFlags(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "r.db")
	for _, args := range [][]string{
		{"bench", "breaks", "--time-limit", "0s"},
		{"bench", "breaks", "--time-limit", "2m"},
		{"bench", "breaks", "--max-spread", "-2"},
		{"bench", "breaks", "--max-spread", "65"},
	} {
		_, _, err := roadshowCmd(t, db, args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Fatalf("%v: want a usage error, got %v", args, err)
		}
	}
}
