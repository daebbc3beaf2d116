package scheduler

import (
	"math/rand/v2"
	"testing"
)

// bruteAssign returns the least total cost over every permutation.
func bruteAssign(cost []int64, n int) int64 {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	best := int64(1) << 62
	var rec func(k int, sum int64)
	rec = func(k int, sum int64) {
		if k == n {
			if sum < best {
				best = sum
			}
			return
		}
		for j := k; j < n; j++ {
			perm[k], perm[j] = perm[j], perm[k]
			rec(k+1, sum+cost[k*n+perm[k]])
			perm[k], perm[j] = perm[j], perm[k]
		}
	}
	rec(0, 0)
	return best
}

// TestAssigner_AgainstBruteForce solves random matrices, some with
// forbidden cells and negative costs, and compares with enumeration.
func TestAssigner_AgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var a assigner
	for k := 0; k < 400; k++ {
		n := 1 + rng.IntN(7)
		cost := make([]int64, n*n)
		for i := range cost {
			cost[i] = int64(rng.IntN(200)) - 100
			if rng.IntN(4) == 0 {
				cost[i] = assignInf
			}
		}
		for i := 0; i < n; i++ {
			cost[i*n+i] = int64(rng.IntN(50)) // a finite assignment exists
		}
		perm := a.solve(cost, n)
		var got int64
		used := make([]bool, n)
		for i, j := range perm {
			if used[j] {
				t.Fatalf("case %d: column %d used twice: %v", k, j, perm)
			}
			used[j] = true
			got += cost[i*n+j]
		}
		if want := bruteAssign(cost, n); got != want {
			t.Fatalf("case %d (n=%d): cost %d, optimum %d", k, n, got, want)
		}
	}
}
