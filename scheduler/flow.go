package scheduler

import (
	"math"
	"math/bits"
)

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
	// Arcs after build, grouped by tail; arc fwd[e] is edge e's forward arc
	// and rev[a] is the partner of arc a.
	start []int32
	arcs  []arc
	rev   []int32
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
	heap  radixHeap
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
	if cap(g.arcs) < 2*m {
		g.arcs = make([]arc, 2*m)
	}
	g.arcs = g.arcs[:2*m]
	g.rev = resizeInt32(g.rev, 2*m)
	g.fwd = resizeInt32(g.fwd, m)
	next := g.iter
	copy(next, g.start[:g.n])
	for e := range m {
		u, v := g.eu[e], g.ev[e]
		a, b := next[u], next[v]
		next[u]++
		next[v]++
		g.arcs[a], g.rev[a] = arc{to: v, res: g.ecap[e], cost: g.ecost[e]}, b
		g.arcs[b], g.rev[b] = arc{to: u, res: 0, cost: -g.ecost[e]}, a
		g.fwd[e] = a
	}
}

// flow returns the flow on edge e.
func (g *flowNet) flow(e int) int32 { return g.arcs[g.rev[g.fwd[e]]].res }

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

// routeAll sends as much flow as possible from s to t along shortest
// paths whatever their cost, starting from the current flow and
// potentials, which must be valid (every residual arc of non-negative
// reduced cost). It returns the flow sent. It is how a pseudo-flow's
// excesses (joined to s) are routed to its deficits (joined to t).
func (g *flowNet) routeAll(s, t int) int64 {
	var flow int64
	for g.dijkstra(int32(s), int32(t)) {
		g.shift(g.dist[t])
		flow += g.blockingFlow(int32(s), int32(t))
	}
	g.shift(math.MaxInt64)
	return flow
}

// setFlow puts f units on edge e (0 ≤ f ≤ its capacity).
func (g *flowNet) setFlow(e int, f int32) {
	a := g.fwd[e]
	g.arcs[a].res = g.ecap[e] - f
	g.arcs[g.rev[a]].res = f
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
		for _, x := range g.arcs[g.start[u]:g.start[u+1]] {
			if x.res == 0 {
				continue
			}
			w := x.to
			if d := g.pot[u] + x.cost; d < g.pot[w] {
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

// dijkstra computes reduced distances from s into dist, stopping once the
// nodes as far as t are settled (all of them: the ties make shortest
// paths too), and reports whether t is reachable.
func (g *flowNet) dijkstra(s, t int32) bool {
	const inf = math.MaxInt64
	for v := range g.dist {
		g.dist[v] = inf
	}
	g.dist[s] = 0
	g.heap.reset()
	g.heap.push(0, s)
	for !g.heap.empty() {
		d, u := g.heap.pop()
		if d > g.dist[t] {
			break // every node at t's distance is settled
		}
		if d > g.dist[u] {
			continue
		}
		pu := g.pot[u] + d
		for _, x := range g.arcs[g.start[u]:g.start[u+1]] {
			if x.res == 0 {
				continue
			}
			if nd := x.cost + pu - g.pot[x.to]; nd < g.dist[x.to] {
				g.dist[x.to] = nd
				g.heap.push(nd, x.to)
			}
		}
	}
	return g.dist[t] != inf
}

// shift adds min(dist, limit) to every potential. With limit between 0 and
// the distance of t, reduced costs stay non-negative: nodes settled before
// t move by their distance, all others by limit. math.MaxInt64 stands for
// the farthest finite distance, for when t was not reached.
func (g *flowNet) shift(limit int64) {
	if limit == math.MaxInt64 { // t unreachable: shift by the farthest distance
		limit = 0
		for _, d := range g.dist {
			if d != math.MaxInt64 {
				limit = max(limit, d)
			}
		}
	}
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
			if x := &g.arcs[a]; x.cost+pu == g.pot[x.to] {
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
			w := g.arcs[a].to
			if g.level[w] < 0 && g.arcs[a].res > 0 {
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
		x := &g.arcs[a]
		if x.res == 0 || g.level[x.to] != g.level[u]+1 {
			continue
		}
		if d := g.push(x.to, t, min(f-sent, x.res)); d > 0 {
			x.res -= d
			g.arcs[g.rev[a]].res += d
			sent += d
			if sent == f {
				return sent
			}
		}
	}
	return sent
}

// arc is a residual arc: its head, residual capacity and cost per unit.
type arc struct {
	to   int32
	res  int32
	cost int64
}

// radixHeap is a monotone priority queue of (key, node) pairs for
// Dijkstra: keys never go below the last key popped, so an entry lives in
// the bucket of the highest bit where it differs from that key, and a pop
// redistributes one bucket. Push is O(1), pop amortised O(log C).
type radixHeap struct {
	buckets [65][]radixItem
	last    int64
	size    int
}

type radixItem struct {
	key int64
	v   int32
}

func (h *radixHeap) reset() {
	for i := range h.buckets {
		h.buckets[i] = h.buckets[i][:0]
	}
	h.last, h.size = 0, 0
}

func (h *radixHeap) empty() bool { return h.size == 0 }

func (h *radixHeap) bucket(key int64) int { return bits.Len64(uint64(key ^ h.last)) }

func (h *radixHeap) push(key int64, v int32) {
	b := h.bucket(key)
	h.buckets[b] = append(h.buckets[b], radixItem{key, v})
	h.size++
}

// pop removes an entry of the smallest key (ties by insertion order
// within a bucket, which is deterministic).
func (h *radixHeap) pop() (int64, int32) {
	if len(h.buckets[0]) == 0 {
		i := 1
		for len(h.buckets[i]) == 0 {
			i++
		}
		items := h.buckets[i]
		least := items[0].key
		for _, it := range items[1:] {
			least = min(least, it.key)
		}
		h.last = least
		for _, it := range items {
			b := h.bucket(it.key)
			h.buckets[b] = append(h.buckets[b], it)
		}
		h.buckets[i] = items[:0]
	}
	b0 := h.buckets[0]
	it := b0[len(b0)-1]
	h.buckets[0] = b0[:len(b0)-1]
	h.size--
	return it.key, it.v
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
