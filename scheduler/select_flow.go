package scheduler

import (
	"fmt"
	"math"
	"slices"
)

// selInstance is a selection problem reduced to the meetings that may be
// held: act lists them (ascending meeting indices) and eff their effective
// weights, must-hold ones raised by a bonus larger than any total of plain
// weights and serve bonuses so that holding one more of them always pays.
// serve, when positive, is the bonus for each participant with a meeting,
// larger than any total of plain weights so that serving one more
// participant always pays.
type selInstance struct {
	act        []int32
	eff        []int64
	must       []bool // aligned with act
	caps       []int32
	infeasible []int
	maxTotal   int
	serve      int64
	// valueOpt is set by selectBipartite: the best value with no serve
	// bonus.
	valueOpt int64
}

// Select chooses the meetings to hold under opts; see the package-level
// Select for the rules.
func (s *Selector) Select(opts SelectOptions) (Selection, error) {
	in, err := s.prepare(opts)
	if err != nil {
		return Selection{}, err
	}
	var sel Selection
	if s.bipartite {
		chosen := s.selectBipartite(in, defaultPrune())
		sel = s.selection(in, chosen)
		sel.Exact = true
		sel.UpperBound = sel.Value
		if in.serve > 0 {
			sel.UpperBound = in.valueOpt
		}
	} else {
		chosen, x := s.selectGeneral(in)
		sel = s.selection(in, chosen)
		sel.UpperBound = max(s.generalBound(in, x), sel.Value)
	}
	sel.Bipartite = s.bipartite
	return sel, nil
}

// prepare applies the options: which meetings may be held, with which
// effective weights, under which caps.
func (s *Selector) prepare(opts SelectOptions) (*selInstance, error) {
	nm := len(s.weight)
	excluded := make([]bool, nm)
	for _, m := range opts.Excluded {
		if m < 0 || m >= nm {
			return nil, fmt.Errorf("scheduler: select: excluded meeting index %d out of range", m)
		}
		excluded[m] = true
	}
	must := s.must
	if len(opts.Fixed) > 0 {
		must = slices.Clone(s.must)
		for _, m := range opts.Fixed {
			if m < 0 || m >= nm {
				return nil, fmt.Errorf("scheduler: select: fixed meeting index %d out of range", m)
			}
			must[m] = true
		}
	}
	caps, err := s.effectiveCaps(opts)
	if err != nil {
		return nil, err
	}
	in := &selInstance{caps: caps, maxTotal: opts.MaxTotal}
	scratch := make([]uint64, s.words)
	for m := range nm {
		if s.admit(m, excluded[m], must[m], caps, opts.Availability, scratch) {
			in.act = append(in.act, int32(m))
			in.must = append(in.must, must[m])
		} else if must[m] {
			in.infeasible = append(in.infeasible, m)
		}
	}
	in.eff = s.effectiveWeights(in, opts.ServeFirst)
	return in, nil
}

// admit reports whether meeting m may be held at all.
func (s *Selector) admit(m int, excluded, must bool, caps []int32, avail bool, scratch []uint64) bool {
	if excluded || (!must && s.weight[m] < 1) {
		return false
	}
	for _, v := range s.list[s.start[m]:s.start[m+1]] {
		if caps[v] == 0 {
			return false
		}
	}
	return !avail || s.fits(m, scratch)
}

// effectiveCaps returns each participant's cap under opts (-1: no cap).
func (s *Selector) effectiveCaps(opts SelectOptions) ([]int32, error) {
	caps := slices.Clone(s.caps)
	if opts.Caps != nil {
		if len(opts.Caps) != s.nPart {
			return nil, fmt.Errorf("scheduler: select: %d caps for %d participants", len(opts.Caps), s.nPart)
		}
		for v, c := range opts.Caps {
			caps[v] = int32(max(c, -1))
		}
	}
	if opts.Availability {
		for v := range caps {
			n := int32(s.availableSlots(v))
			if caps[v] < 0 || caps[v] > n {
				caps[v] = n
			}
		}
	}
	return caps, nil
}

// effectiveWeights returns the weights of the admitted meetings, must-hold
// ones raised by a bonus above the sum of all plain weights and serve
// bonuses. With serveFirst it sets in.serve to a bonus above the sum of
// all plain weights, unless the weights are so large that the bonuses
// could overflow (then the selection maximises value alone).
func (s *Selector) effectiveWeights(in *selInstance, serveFirst bool) []int64 {
	eff := make([]int64, len(in.act))
	bonus := int64(1)
	anyMust := false
	for i, m := range in.act {
		eff[i] = s.weight[m]
		bonus += max(eff[i], -eff[i])
		anyMust = anyMust || in.must[i]
	}
	in.serve = 0
	if serveFirst && serveFits(bonus, int64(s.nPart)+2, anyMust) {
		in.serve = bonus
		bonus += int64(s.nPart+2) * in.serve
	}
	if anyMust {
		for i := range eff {
			if in.must[i] {
				eff[i] += bonus
			}
		}
	}
	return eff
}

// serveFits reports whether a serve bonus of b (with n nodes, and
// must-hold meetings raised by n·b more) keeps every path cost, at most
// about 2n arcs of the largest cost, far inside int64.
func serveFits(b, n int64, anyMust bool) bool {
	limit := int64(math.MaxInt64) / 8 / (2*n + 8)
	if anyMust {
		limit /= n + 2
	}
	return b < limit
}

// selection turns chosen positions in in.act into a Selection.
func (s *Selector) selection(in *selInstance, chosen []int32) Selection {
	sel := Selection{Meetings: make([]int, 0, len(chosen))}
	held := make([]bool, len(in.act))
	for _, i := range chosen {
		held[i] = true
	}
	infeasible := slices.Clone(in.infeasible)
	served := make([]bool, s.nPart)
	for i, m := range in.act {
		if held[i] {
			sel.Meetings = append(sel.Meetings, int(m))
			sel.Value += s.weight[m]
			for _, v := range s.list[s.start[m]:s.start[m+1]] {
				sel.Served += b2i(!served[v])
				served[v] = true
			}
		} else if in.must[i] {
			infeasible = append(infeasible, int(m))
		}
	}
	slices.Sort(infeasible)
	sel.Infeasible = infeasible
	for _, m := range infeasible {
		sel.InfeasibleIDs = append(sel.InfeasibleIDs, s.p.Meetings[m].ID)
	}
	return sel
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pruneRule says when and how far selectBipartite thins the graph: above
// min admitted meetings, each participant keeps its factor·cap+extra
// heaviest meetings; participants of the smaller side (the hosts, who
// each see many candidates) keep hostFactor·cap+hostExtra.
type pruneRule struct{ min, factor, extra, hostFactor, hostExtra int32 }

// defaultPrune keeps cap+3 meetings per participant of the larger side and
// 3·cap+2 of the smaller on graphs with 20,000 meetings or more; smaller
// graphs are solved whole. On generated matchmaking events tier M needs
// one round and tier L two (about a hundred meetings join).
func defaultPrune() pruneRule {
	return pruneRule{min: 20000, factor: 1, extra: 3, hostFactor: 3, hostExtra: 2}
}

// selectBipartite solves the bipartite selection exactly and returns the
// chosen positions in in.act. Under rule it first solves on a sparse
// subgraph (each participant's heaviest meetings) and then checks every
// other meeting against the node potentials, which are an optimal dual:
// when no dropped meeting has a negative reduced cost the sparse optimum
// is optimal for the whole graph; otherwise the violators join the
// subgraph and it is solved again.
//
// With a serve bonus it first solves without it, which sets in.valueOpt,
// then adds the bonus to the solved network (serveRepair) and settles
// again: the value optimum is a warm start that leaves only the
// participants left out to route.
func (s *Selector) selectBipartite(in *selInstance, rule pruneRule) []int32 {
	kept := make([]bool, len(in.act))
	if len(in.act) < int(rule.min) {
		for i := range kept {
			kept[i] = true
		}
	} else {
		s.keepHeaviest(in, kept, rule)
	}
	serve := in.serve
	in.serve = 0
	base, edges := s.solveFlow(in, kept)
	base = s.settle(in, kept, base, &edges)
	in.valueOpt = 0
	for k, i := range edges {
		if s.flow.flow(base+k) > 0 {
			in.valueOpt += s.weight[in.act[i]]
		}
	}
	in.serve = serve
	if serve > 0 {
		if b, ok := s.serveRepair(in, base, edges); ok {
			base = b
		} else {
			base, edges = s.solveFlow(in, kept)
		}
		base = s.settle(in, kept, base, &edges)
	}
	var chosen []int32
	for k, i := range edges {
		if s.flow.flow(base+k) > 0 {
			chosen = append(chosen, i)
		}
	}
	return chosen
}

// settle adds the dropped meetings that violate the duals until none
// does, and returns the network index of the first meeting edge.
func (s *Selector) settle(in *selInstance, kept []bool, base int, edges *[]int32) int {
	for {
		violators := s.violators(in, kept)
		if len(violators) == 0 {
			return base
		}
		for _, i := range violators {
			kept[i] = true
		}
		if !s.repairFlow(in, base, edges, violators) {
			base, *edges = s.solveFlow(in, kept)
		}
	}
}

// serveRepair turns the solved network without serve bonus into one with
// it, keeping the flow: each participant's capacity arc splits into a
// first unit at cost −serve and the rest at cost 0. The first-unit arcs
// of participants without a meeting whose reduced cost is negative get
// saturated too, which keeps every reduced cost non-negative and leaves a
// unit of excess or deficit at each such participant; these are
// routed along shortest paths, through the meetings or straight back
// (the participant stays without a meeting), as in repairFlow. It
// returns the new index of the first meeting edge, and false if some
// excess could not be routed, which cannot happen for a valid network.
func (s *Selector) serveRepair(in *selInstance, base int, edges []int32) (int, bool) {
	g := &s.flow
	nOld, mOld := g.n, base+len(edges)
	old := snapshotEdges(g, mOld)
	g.reset(nOld + 2)
	copy(g.pot, old.pot)
	excess, deficit := nOld, nOld+1
	type flowOf struct {
		e int
		f int32
	}
	var flows []flowOf
	var open [][2]int32 // tail and head of saturated arcs without flow
	flows = append(flows, flowOf{g.addEdge(int(old.u[0]), int(old.v[0]), old.cap[0], old.cost[0]), old.flow[0]})
	for e := 1; e < base; e++ {
		u, v, c, f := int(old.u[e]), int(old.v[e]), old.cap[e], old.flow[e]
		first := min(f, 1)
		if f == 0 && -in.serve+old.pot[u]-old.pot[v] < 0 {
			first = 1
			open = append(open, [2]int32{int32(u), int32(v)})
		}
		flows = append(flows, flowOf{g.addEdge(u, v, 1, -in.serve), first})
		if c > 1 {
			flows = append(flows, flowOf{g.addEdge(u, v, c-1, 0), max(f-1, 0)})
		}
	}
	newBase := len(g.eu)
	for e := base; e < mOld; e++ {
		flows = append(flows, flowOf{g.addEdge(int(old.u[e]), int(old.v[e]), old.cap[e], old.cost[e]), old.flow[e]})
	}
	back := g.addEdge(nodeSink, nodeSupply, flowInf, 0)
	first := len(g.eu)
	for _, a := range open {
		g.addEdge(excess, int(a[1]), 1, 0)
		g.addEdge(int(a[0]), deficit, 1, 0)
	}
	g.build()
	for _, x := range flows {
		g.setFlow(x.e, x.f)
	}
	g.setFlow(back, old.flow[0])
	if len(open) == 0 {
		return newBase, true
	}
	g.pot[excess], g.pot[deficit] = math.MinInt64, math.MaxInt64
	for e := first; e < len(g.eu); e += 2 {
		g.pot[excess] = max(g.pot[excess], g.pot[g.ev[e]])
		g.pot[deficit] = min(g.pot[deficit], g.pot[g.eu[e+1]])
	}
	return newBase, g.routeAll(excess, deficit) == int64(len(open))
}

// repairFlow adds the violating meetings to the solved network without
// starting over: it saturates each (a unit too many leaves its source-side
// participant, a unit too many reaches its sink-side one), which keeps
// every reduced cost non-negative, then routes the excesses to the
// deficits along shortest paths, with an arc from the sink back to the
// supply so that the flow value may change. The result is optimal on the
// enlarged graph (its potentials are valid on a circulation). It reports
// false if some excess could not be routed, which cannot happen for a
// valid network; the caller then solves from scratch.
func (s *Selector) repairFlow(in *selInstance, base int, edges *[]int32, violators []int32) bool {
	g := &s.flow
	nOld, mOld := g.n, base+len(*edges)
	old := snapshotEdges(g, mOld)
	g.reset(nOld + 2)
	copy(g.pot, old.pot)
	excess, deficit := nOld, nOld+1
	for e := range mOld {
		g.addEdge(int(old.u[e]), int(old.v[e]), old.cap[e], old.cost[e])
	}
	for _, i := range violators {
		u, v := s.orient(in.act[i])
		g.addEdge(nodeFirst+int(u), nodeFirst+int(v), 1, -in.eff[i])
		*edges = append(*edges, i)
	}
	back := g.addEdge(nodeSink, nodeSupply, flowInf, 0)
	first := len(g.eu)
	for _, i := range violators {
		u, v := s.orient(in.act[i])
		g.addEdge(excess, nodeFirst+int(v), 1, 0)
		g.addEdge(nodeFirst+int(u), deficit, 1, 0)
	}
	g.build()
	for e := range mOld {
		g.setFlow(e, old.flow[e])
	}
	for k := range violators {
		g.setFlow(mOld+k, 1)
	}
	g.setFlow(back, old.flow[0]) // edge 0 feeds the source from the supply
	g.pot[excess], g.pot[deficit] = math.MinInt64, math.MaxInt64
	for e := first; e < len(g.eu); e += 2 {
		g.pot[excess] = max(g.pot[excess], g.pot[g.ev[e]])
		g.pot[deficit] = min(g.pot[deficit], g.pot[g.eu[e+1]])
	}
	return g.routeAll(excess, deficit) == int64(len(violators))
}

// edgeSnapshot holds a network's first edges, their flows and the
// potentials, to rebuild it larger.
type edgeSnapshot struct {
	u, v, cap []int32
	cost      []int64
	flow      []int32
	pot       []int64
}

func snapshotEdges(g *flowNet, m int) edgeSnapshot {
	sn := edgeSnapshot{u: slices.Clone(g.eu[:m]), v: slices.Clone(g.ev[:m]), cap: slices.Clone(g.ecap[:m]),
		cost: slices.Clone(g.ecost[:m]), flow: make([]int32, m), pot: slices.Clone(g.pot)}
	for e := range m {
		sn.flow[e] = g.flow(e)
	}
	return sn
}

// flow network layout for selectBipartite.
const (
	nodeSource = 0
	nodeSink   = 1
	nodeSupply = 2 // feeds the source, capped at maxTotal
	nodeFirst  = 3 // participant v is node nodeFirst+v
)

// solveFlow solves the b-matching on the kept meetings; network edge
// base+k is the meeting at position edges[k] of in.act.
func (s *Selector) solveFlow(in *selInstance, kept []bool) (base int, edges []int32) {
	g := &s.flow
	g.reset(nodeFirst + s.nPart)
	deg := make([]int32, s.nPart)
	for _, m := range in.act {
		for _, v := range s.list[s.start[m]:s.start[m+1]] {
			deg[v]++
		}
	}
	total := int32(flowInf)
	if in.maxTotal > 0 {
		total = int32(min(in.maxTotal, flowInf))
	}
	g.addEdge(nodeSupply, nodeSource, total, 0)
	for v := range s.nPart {
		c := in.caps[v]
		if c < 0 || c > deg[v] {
			c = deg[v]
		}
		s.addCapacity(in, v, c)
	}
	base = len(g.eu)
	edges = make([]int32, 0, len(in.act))
	for i, m := range in.act {
		if !kept[i] {
			continue
		}
		u, v := s.orient(m)
		g.addEdge(nodeFirst+int(u), nodeFirst+int(v), 1, -in.eff[i])
		edges = append(edges, int32(i))
	}
	g.build()
	g.maxGain(nodeSupply, nodeSink)
	return base, edges
}

// addCapacity joins participant v to the source or the sink with
// capacity c; with a serve bonus its first meeting earns the bonus.
func (s *Selector) addCapacity(in *selInstance, v int, c int32) {
	from, to := nodeSource, nodeFirst+v
	if s.side[v] != 0 {
		from, to = nodeFirst+v, nodeSink
	}
	if in.serve > 0 && c > 0 {
		g := &s.flow
		g.addEdge(from, to, 1, -in.serve)
		c--
	}
	if c > 0 {
		s.flow.addEdge(from, to, c, 0)
	}
}

// orient returns meeting m's participants as (source side, sink side).
func (s *Selector) orient(m int32) (int32, int32) {
	a, b := s.list[s.start[m]], s.list[s.start[m]+1]
	if s.side[a] != 0 {
		return b, a
	}
	return a, b
}

// violators returns the positions of dropped meetings whose forward arc has
// a negative reduced cost under the final potentials.
func (s *Selector) violators(in *selInstance, kept []bool) []int32 {
	var out []int32
	pot := s.flow.pot
	for i, m := range in.act {
		if kept[i] {
			continue
		}
		u, v := s.orient(m)
		if -in.eff[i]+pot[nodeFirst+int(u)]-pot[nodeFirst+int(v)] < 0 {
			out = append(out, int32(i))
		}
	}
	return out
}

// keepHeaviest marks, for every participant, its heaviest admitted
// meetings as many as rule says (all of them when uncapped) and every
// must-hold one.
func (s *Selector) keepHeaviest(in *selInstance, kept []bool, rule pruneRule) {
	start, adj := s.positions(in)
	host := s.hostSide()
	better := func(i, j int32) bool {
		return in.eff[i] > in.eff[j] || (in.eff[i] == in.eff[j] && i < j)
	}
	var h []int32
	for v := range s.nPart {
		list := adj[start[v]:start[v+1]]
		k := int(rule.factor*in.caps[v] + rule.extra)
		if s.side[v] == host {
			k = int(rule.hostFactor*in.caps[v] + rule.hostExtra)
		}
		if in.caps[v] < 0 || len(list) <= k {
			for _, i := range list {
				kept[i] = true
			}
			continue
		}
		h = topK(h[:0], list, k, better)
		for _, i := range h {
			kept[i] = true
		}
	}
	for i, must := range in.must {
		kept[i] = kept[i] || must
	}
}

// positions returns each participant's admitted meetings, as positions in
// in.act, in CSR form.
func (s *Selector) positions(in *selInstance) (start, adj []int32) {
	start = make([]int32, s.nPart+1)
	for _, m := range in.act {
		for _, v := range s.list[s.start[m]:s.start[m+1]] {
			start[v+1]++
		}
	}
	for v := range s.nPart {
		start[v+1] += start[v]
	}
	adj = make([]int32, start[s.nPart])
	next := slices.Clone(start[:s.nPart])
	for i, m := range in.act {
		for _, v := range s.list[s.start[m]:s.start[m+1]] {
			adj[next[v]] = int32(i)
			next[v]++
		}
	}
	return start, adj
}

// topK returns (in h) the k best items of list under better, using a heap
// whose root is the worst item kept so far.
func topK(h, list []int32, k int, better func(i, j int32) bool) []int32 {
	if k <= 0 {
		return h
	}
	for _, x := range list {
		if len(h) < k {
			h = append(h, x)
			for c := len(h) - 1; c > 0; {
				p := (c - 1) / 2
				if !better(h[p], h[c]) {
					break
				}
				h[p], h[c] = h[c], h[p]
				c = p
			}
			continue
		}
		if !better(x, h[0]) {
			continue
		}
		h[0] = x
		for p := 0; ; {
			c := 2*p + 1
			if c >= len(h) {
				break
			}
			if r := c + 1; r < len(h) && better(h[c], h[r]) {
				c = r
			}
			if !better(h[p], h[c]) {
				break
			}
			h[p], h[c] = h[c], h[p]
			p = c
		}
	}
	return h
}
