package scheduler

// assignInf is the cost of a forbidden pairing in an assignment problem:
// far above any sum of real costs, far below overflow.
const assignInf = int64(1) << 50

// assigner solves square linear assignment problems (Hungarian method
// with potentials, O(n³)), keeping its scratch between calls.
type assigner struct {
	u, v     []int64
	p, way   []int
	minv     []int64
	used     []bool
	rowOfCol []int
}

// solve returns, for an n×n cost matrix (row-major), the column of each
// row in an assignment of least total cost.
func (a *assigner) solve(cost []int64, n int) []int {
	a.reset(n)
	for i := 1; i <= n; i++ {
		a.addRow(cost, n, i)
	}
	out := a.rowOfCol[:n]
	for j := 1; j <= n; j++ {
		out[a.p[j]-1] = j - 1
	}
	return out
}

func (a *assigner) reset(n int) {
	grow := func(xs []int64) []int64 {
		if cap(xs) < n+1 {
			return make([]int64, n+1)
		}
		xs = xs[:n+1]
		clear(xs)
		return xs
	}
	a.u, a.v, a.minv = grow(a.u), grow(a.v), grow(a.minv)
	if cap(a.p) < n+1 {
		a.p, a.way, a.used, a.rowOfCol = make([]int, n+1), make([]int, n+1), make([]bool, n+1), make([]int, n+1)
	}
	a.p, a.way, a.used = a.p[:n+1], a.way[:n+1], a.used[:n+1]
	clear(a.p)
	clear(a.way)
}

// addRow inserts row i (1-based) by a shortest augmenting path.
func (a *assigner) addRow(cost []int64, n, i int) {
	a.p[0] = i
	j0 := 0
	for j := range a.minv {
		a.minv[j], a.used[j] = assignInf*4, false
	}
	for a.p[j0] != 0 {
		a.used[j0] = true
		i0, delta, j1 := a.p[j0], assignInf*4, 0
		for j := 1; j <= n; j++ {
			if a.used[j] {
				continue
			}
			if cur := cost[(i0-1)*n+j-1] - a.u[i0] - a.v[j]; cur < a.minv[j] {
				a.minv[j], a.way[j] = cur, j0
			}
			if a.minv[j] < delta {
				delta, j1 = a.minv[j], j
			}
		}
		for j := 0; j <= n; j++ {
			if a.used[j] {
				a.u[a.p[j]] += delta
				a.v[j] -= delta
			} else {
				a.minv[j] -= delta
			}
		}
		j0 = j1
	}
	for j0 != 0 {
		j1 := a.way[j0]
		a.p[j0] = a.p[j1]
		j0 = j1
	}
}
