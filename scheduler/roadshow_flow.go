package scheduler

// pitchFlow is a small min-cost flow (successive shortest paths with a
// FIFO Bellman–Ford) for the pitcher → session assignment, which has at
// most a few thousand arcs.
type pitchFlow struct {
	head []int32
	next []int32
	to   []int32
	cap  []int32
	cost []int64
}

func newPitchFlow(n int) *pitchFlow {
	g := &pitchFlow{head: make([]int32, n)}
	for i := range g.head {
		g.head[i] = -1
	}
	return g
}

// add inserts the arc u→v and its residual twin; it returns the arc's id.
func (g *pitchFlow) add(u, v int, capacity int32, cost int64) int {
	id := len(g.to)
	for _, a := range [2]struct {
		from, to int
		cap      int32
		cost     int64
	}{{u, v, capacity, cost}, {v, u, 0, -cost}} {
		g.to = append(g.to, int32(a.to))
		g.cap = append(g.cap, a.cap)
		g.cost = append(g.cost, a.cost)
		g.next = append(g.next, g.head[a.from])
		g.head[a.from] = int32(len(g.to) - 1)
	}
	return id
}

// run pushes as much flow from s to t as possible at the least cost.
func (g *pitchFlow) run(s, t int) {
	n := len(g.head)
	dist := make([]int64, n)
	prev := make([]int32, n)
	inQueue := make([]bool, n)
	for g.shortest(s, t, dist, prev, inQueue) {
		for v := t; v != s; v = int(g.to[prev[v]^1]) {
			g.cap[prev[v]]--
			g.cap[prev[v]^1]++
		}
	}
}

// shortest finds a cheapest augmenting path by Bellman–Ford on the
// residual graph and reports whether t is reachable.
func (g *pitchFlow) shortest(s, t int, dist []int64, prev []int32, inQueue []bool) bool {
	const inf = int64(1) << 60
	for i := range dist {
		dist[i], prev[i] = inf, -1
	}
	dist[s] = 0
	queue := []int32{int32(s)}
	inQueue[s] = true
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		inQueue[u] = false
		for e := g.head[u]; e >= 0; e = g.next[e] {
			v := g.to[e]
			if g.cap[e] > 0 && dist[u]+g.cost[e] < dist[v] {
				dist[v], prev[v] = dist[u]+g.cost[e], e
				if !inQueue[v] {
					inQueue[v] = true
					queue = append(queue, v)
				}
			}
		}
	}
	return dist[t] < inf
}

// assignPitchers returns each pitcher's session index (-1 when none has
// room): the most pitchers placed, then the least total pitchCost; ties go
// to the earlier pitcher in input order (placed first, then the cheaper
// session). The tie-break terms are scaled below one unit of pitchCost.
func assignPitchers(in RoadshowInput, caps []int) []int {
	P, S := len(in.Pitchers), len(in.Sessions)
	src, sink := 0, P+S+1
	scale := int64(9 * (P + 1) * (P + 1))
	g := newPitchFlow(P + S + 2)
	arcs := make([][]int, P)
	for j, p := range in.Pitchers {
		g.add(src, 1+j, 1, int64(j))
		arcs[j] = make([]int, S)
		for k, s := range in.Sessions {
			c := pitchCost(p, s)
			arcs[j][k] = g.add(1+j, 1+P+k, 1, c*scale+c*int64(P-j))
		}
	}
	for k := range in.Sessions {
		g.add(1+P+k, sink, int32(caps[k]), 0)
	}
	g.run(src, sink)
	out := make([]int, P)
	for j := range out {
		out[j] = -1
		for k, e := range arcs[j] {
			if g.cap[e] == 0 {
				out[j] = k
			}
		}
	}
	return out
}
