package scheduler

import "math"

// flowInf is the capacity used for arcs that are effectively unbounded.
const flowInf = math.MaxInt32 / 2

// flowNet is a compact min-cost flow network on nodes 0..n-1 with integer
// capacities and int64 costs. Edges are added with addEdge, then build lays
// them out in compressed sparse row form (each edge a forward arc and a
// residual reverse arc), and maxGain sends flow from s to t along paths of
// negative cost only: the result is a minimum-cost flow of any value, which
// is a maximum-weight b-matching when costs are negated weights.
//
// maxGain is primal–dual: node potentials keep reduced costs non-negative;
// each phase runs one Dijkstra from s and then a blocking flow (Dinic) over
// the admissible arcs, those of zero reduced cost, so every shortest path of
// the phase is augmented at once. The number of phases is bounded by the
// number of distinct shortest-path costs, not by the flow value.
//
// A flowNet is reusable: reset clears it and keeps the memory.
type flowNet struct {
	n int
	// Edges before build.
	eu, ev []int32
	ecap   []int32
	ecost  []int64
	// Arcs after build, grouped by tail; arc fwd[e] is edge e's forward arc.
	start []int32
	to    []int32
	rev   []int32
	res   []int32
	cost  []int64
	fwd   []int32
	// pot holds node potentials; after maxGain every residual arc has a
	// non-negative reduced cost cost + pot[tail] - pot[head].
	pot []int64
	// Scratch.
	dist  []int64
	level []int32
	iter  []int32
	queue []int32
	inq   []bool
	heap  distHeap
	// Tight arcs of the current phase, grouped by tail.
	tStart []int32
	tight  []int32
}

// reset empties the network and sizes it for n nodes.
func (g *flowNet) reset(n int) {
	g.n = n
	g.eu, g.ev, g.ecap, g.ecost = g.eu[:0], g.ev[:0], g.ecap[:0], g.ecost[:0]
	g.start = resizeInt32(g.start, n+1)
	g.pot = resizeInt64(g.pot, n)
	g.dist = resizeInt64(g.dist, n)
	g.level = resizeInt32(g.level, n)
	g.iter = resizeInt32(g.iter, n)
	if cap(g.inq) < n {
		g.inq = make([]bool, n)
	}
	g.inq = g.inq[:n]
}

// addEdge adds an arc u→v with the given capacity and cost per unit and
// returns its edge index.
func (g *flowNet) addEdge(u, v int, capacity int32, cost int64) int {
	g.eu = append(g.eu, int32(u))
	g.ev = append(g.ev, int32(v))
	g.ecap = append(g.ecap, capacity)
	g.ecost = append(g.ecost, cost)
	return len(g.eu) - 1
}

// build lays the edges out as arcs grouped by tail, in insertion order.
func (g *flowNet) build() {
	m := len(g.eu)
	clear(g.start)
	for e := range m {
		g.start[g.eu[e]+1]++
		g.start[g.ev[e]+1]++
	}
	for v := 0; v < g.n; v++ {
		g.start[v+1] += g.start[v]
	}
	g.to = resizeInt32(g.to, 2*m)
	g.rev = resizeInt32(g.rev, 2*m)
	g.res = resizeInt32(g.res, 2*m)
	g.cost = resizeInt64(g.cost, 2*m)
	g.fwd = resizeInt32(g.fwd, m)
	next := g.iter
	copy(next, g.start[:g.n])
	for e := range m {
		u, v := g.eu[e], g.ev[e]
		a, b := next[u], next[v]
		next[u]++
		next[v]++
		g.to[a], g.rev[a], g.res[a], g.cost[a] = v, b, g.ecap[e], g.ecost[e]
		g.to[b], g.rev[b], g.res[b], g.cost[b] = u, a, 0, -g.ecost[e]
		g.fwd[e] = a
	}
}

// flow returns the flow on edge e.
func (g *flowNet) flow(e int) int32 { return g.res[g.rev[g.fwd[e]]] }

// maxGain augments from s to t while a path of negative cost exists and
// returns the flow sent and its total cost. The network must have no
// negative-cost cycle at the start (true of any network with zero flow
// whose arcs form a DAG, such as a bipartite b-matching network).
//
// On return the potentials certify optimality among flows of any value:
// every residual arc has a non-negative reduced cost and pot[s] == pot[t],
// so adding an arc of cost 0 between s and t creates no negative cycle.
func (g *flowNet) maxGain(s, t int) (flow, cost int64) {
	g.initPotentials()
	for {
		d0 := g.pot[t] - g.pot[s] // ≤ 0: the previous path cost
		reached := g.dijkstra(int32(s), int32(t))
		if !reached || d0+g.dist[t] >= 0 {
			g.shift(-d0)
			return flow, cost
		}
		g.shift(g.dist[t])
		pathCost := g.pot[t] - g.pot[s]
		f := g.blockingFlow(int32(s), int32(t))
		flow += f
		cost += f * pathCost
	}
}

// initPotentials sets pot to shortest distances from a virtual source
// joined to every node at cost 0 (Bellman–Ford with a FIFO queue), so that
// every residual arc, reachable from s or not, has a non-negative reduced
// cost.
func (g *flowNet) initPotentials() {
	g.queue = g.queue[:0]
	for v := 0; v < g.n; v++ {
		g.pot[v] = 0
		g.inq[v] = true
		g.queue = append(g.queue, int32(v))
	}
	for head := 0; head < len(g.queue); head++ {
		u := g.queue[head]
		g.inq[u] = false
		for a := g.start[u]; a < g.start[u+1]; a++ {
			if g.res[a] == 0 {
				continue
			}
			w := g.to[a]
			if d := g.pot[u] + g.cost[a]; d < g.pot[w] {
				g.pot[w] = d
				if !g.inq[w] {
					g.inq[w] = true
					g.queue = append(g.queue, w)
				}
			}
		}
		if head > 4096 && head*2 > len(g.queue) {
			g.queue = append(g.queue[:0], g.queue[head+1:]...)
			head = -1
		}
	}
}

// dijkstra computes reduced distances from s into dist, stopping once t is
// settled, and reports whether t is reachable.
func (g *flowNet) dijkstra(s, t int32) bool {
	const inf = math.MaxInt64
	for v := range g.dist {
		g.dist[v] = inf
	}
	g.dist[s] = 0
	g.heap = append(g.heap[:0], distItem{0, s})
	for len(g.heap) > 0 {
		it := g.heap.pop()
		u := it.v
		if it.d > g.dist[u] {
			continue
		}
		if u == t {
			break
		}
		pu := g.pot[u]
		for a := g.start[u]; a < g.start[u+1]; a++ {
			if g.res[a] == 0 {
				continue
			}
			w := g.to[a]
			if d := it.d + g.cost[a] + pu - g.pot[w]; d < g.dist[w] {
				g.dist[w] = d
				g.heap.push(distItem{d, w})
			}
		}
	}
	return g.dist[t] != inf
}

// shift adds min(dist, limit) to every potential. With limit between 0 and
// the distance of t, reduced costs stay non-negative: nodes settled before
// t move by their distance, all others by limit.
func (g *flowNet) shift(limit int64) {
	for v, d := range g.dist {
		g.pot[v] += min(d, limit)
	}
}

// blockingFlow sends a maximum flow from s to t over the tight arcs, those
// of zero reduced cost (Dinic: BFS levels, then depth-first pushes with
// current-arc pointers, repeated until t is cut off), and returns its
// value. Tight arcs stay tight while the potentials are fixed, so they are
// listed once per phase.
func (g *flowNet) blockingFlow(s, t int32) int64 {
	g.tightArcs(g.dist[t])
	var total int64
	for g.levels(s, t) {
		copy(g.iter, g.tStart[:g.n])
		total += int64(g.push(s, t, flowInf))
	}
	return total
}

// tightArcs lists, per node within distance limit of the last Dijkstra
// (only those lie on shortest paths), its arcs of zero reduced cost.
func (g *flowNet) tightArcs(limit int64) {
	g.tStart = resizeInt32(g.tStart, g.n+1)
	g.tight = g.tight[:0]
	for u := range g.n {
		g.tStart[u] = int32(len(g.tight))
		if g.dist[u] > limit {
			continue
		}
		pu := g.pot[u]
		for a := g.start[u]; a < g.start[u+1]; a++ {
			if g.cost[a]+pu == g.pot[g.to[a]] {
				g.tight = append(g.tight, a)
			}
		}
	}
	g.tStart[g.n] = int32(len(g.tight))
}

// levels labels nodes with their BFS depth from s over tight arcs with
// residual capacity, up to t's depth, and reports whether t is reached.
func (g *flowNet) levels(s, t int32) bool {
	for v := range g.level {
		g.level[v] = -1
	}
	g.level[s] = 0
	g.queue = append(g.queue[:0], s)
	for head := 0; head < len(g.queue); head++ {
		u := g.queue[head]
		if g.level[t] >= 0 && g.level[u] >= g.level[t] {
			break
		}
		for _, a := range g.tight[g.tStart[u]:g.tStart[u+1]] {
			w := g.to[a]
			if g.level[w] < 0 && g.res[a] > 0 {
				g.level[w] = g.level[u] + 1
				g.queue = append(g.queue, w)
			}
		}
	}
	return g.level[t] >= 0
}

// push sends up to f units from u to t along level-increasing tight arcs
// and returns the amount sent.
func (g *flowNet) push(u, t int32, f int32) int32 {
	if u == t {
		return f
	}
	sent := int32(0)
	for ; g.iter[u] < g.tStart[u+1]; g.iter[u]++ {
		a := g.tight[g.iter[u]]
		w := g.to[a]
		if g.res[a] == 0 || g.level[w] != g.level[u]+1 {
			continue
		}
		if d := g.push(w, t, min(f-sent, g.res[a])); d > 0 {
			g.res[a] -= d
			g.res[g.rev[a]] += d
			sent += d
			if sent == f {
				return sent
			}
		}
	}
	return sent
}

// distItem is a heap entry: a node and a tentative distance.
type distItem struct {
	d int64
	v int32
}

// distHeap is a binary min-heap of distItems ordered by distance, then node.
type distHeap []distItem

func (h distItem) less(o distItem) bool {
	return h.d < o.d || (h.d == o.d && h.v < o.v)
}

func (h *distHeap) push(x distItem) {
	*h = append(*h, x)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s[i].less(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *distHeap) pop() distItem {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		c := l
		if r := l + 1; r < n && s[r].less(s[l]) {
			c = r
		}
		if !s[c].less(s[i]) {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	*h = s
	return top
}

func resizeInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func resizeInt64(s []int64, n int) []int64 {
	if cap(s) < n {
		return make([]int64, n)
	}
	return s[:n]
}
