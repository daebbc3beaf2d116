package scheduler

import (
	"math"
	"math/bits"
)

// lagrangian is the Lagrangian relaxation of the time-indexed model of a
// bipartite problem. Variables x[m,t] place meeting m in slot t. The side
// with fewer participants (the hosts, investors at a matchmaking event)
// keeps its constraints: at most one meeting per slot, its cap, each
// meeting at most once, only in slots where the meeting fits. The other
// side's constraints are relaxed with multipliers: its caps (mu), its
// one-meeting-per-slot rule (lam, per participant and slot), and the
// tables per slot (nu). For fixed multipliers the problem splits per host
// into a maximum-weight matching of slots to meetings with at most cap
// edges, solved exactly by min-cost flow, and
//
//	L(mu, lam, nu) = Σ_h sub_h + Σ_g cap_g·mu_g + Σ_{g,t} lam_{g,t} + Tables·Σ_t nu_t
//
// bounds every valid timetable for any multipliers ≥ 0. Subgradient steps
// (Polyak, with the step factor halved after five iterations without
// progress) lower it from a start at the flow duals of the availability
// bound.
type lagrangian struct {
	s       *Selector
	in      *selInstance
	nSlots  int
	tables  float64
	hosts   []int32 // host participants with a meeting
	hStart  []int32 // host k's meetings: hAdj[hStart[k]:hStart[k+1]]
	hAdj    []int32 // positions in in.act
	guest   []int32 // per position, the non-host participant
	slots   []uint64
	mu, nu  []float64
	lam     []float64 // guest g, slot t at g*nSlots+t
	target  float64
	guessed bool // target is a guess, not a schedule's value
	cntG    []int32
	cntGT   []int32
	cntT    []int32
	sub     hostSub
}

// profitScale turns fractional profits into integer flow costs; each is
// rounded up so that every subproblem value stays an upper bound.
const profitScale = 1 << 16

func newLagrangian(s *Selector, in *selInstance, target, avail int64) *lagrangian {
	lr := &lagrangian{s: s, in: in, nSlots: s.p.Slots, tables: float64(s.p.Tables)}
	hostSide := s.hostSide()
	lr.guest = make([]int32, len(in.act))
	lr.slots = make([]uint64, len(in.act))
	for i, m := range in.act {
		a, b := s.orient(m)
		lr.guest[i] = a
		if hostSide == 0 {
			lr.guest[i] = b
		}
		lr.slots[i] = s.slotsOf(int(m))
	}
	start, adj := s.positions(in)
	for v := range s.nPart {
		if s.side[v] == hostSide && start[v+1] > start[v] {
			lr.hosts = append(lr.hosts, int32(v))
			lr.hStart = append(lr.hStart, int32(len(lr.hAdj)))
			lr.hAdj = append(lr.hAdj, adj[start[v]:start[v+1]]...)
		}
	}
	lr.hStart = append(lr.hStart, int32(len(lr.hAdj)))
	lr.mu = make([]float64, s.nPart)
	lr.nu = make([]float64, lr.nSlots)
	lr.lam = make([]float64, s.nPart*lr.nSlots)
	lr.cntG = make([]int32, s.nPart)
	lr.cntGT = make([]int32, s.nPart*lr.nSlots)
	lr.cntT = make([]int32, lr.nSlots)
	lr.initFromFlow(hostSide)
	lr.target = float64(target)
	if target <= 0 {
		lr.target, lr.guessed = 0.97*float64(avail), true
	}
	return lr
}

// hostSide returns the side with fewer participants.
func (s *Selector) hostSide() int8 {
	n1 := 0
	for _, sd := range s.side {
		n1 += int(sd)
	}
	if n1 <= s.nPart-n1 {
		return 1
	}
	return 0
}

// initFromFlow starts mu at the guests' dual prices in the availability
// bound's flow and nu, in slots where tables are scarcer than hosts, at
// the dual price of its total cap.
func (lr *lagrangian) initFromFlow(hostSide int8) {
	pot := lr.s.flow.pot
	for v := range lr.s.nPart {
		if lr.s.side[v] == hostSide {
			continue
		}
		if lr.s.side[v] == 0 {
			lr.mu[v] = float64(max(0, pot[nodeFirst+v]-pot[nodeSource]))
		} else {
			lr.mu[v] = float64(max(0, pot[nodeSink]-pot[nodeFirst+v]))
		}
	}
	rho := float64(max(0, pot[nodeSource]-pot[nodeSupply]))
	hosts := make([]int, lr.nSlots)
	for _, h := range lr.hosts {
		for t := range lr.nSlots {
			if lr.s.avail[int(h)*lr.s.words]&(1<<t) != 0 {
				hosts[t]++
			}
		}
	}
	for t := range lr.nu {
		if float64(hosts[t]) > lr.tables {
			lr.nu[t] = rho // the tables, not the hosts, limit this slot
		}
	}
}

// run performs up to iters subgradient iterations and returns the best
// bound, rounded down to an integer (values are integers), and the
// iterations done.
func (lr *lagrangian) run(iters int) (int64, int) {
	best := math.Inf(1)
	theta, stale := 1.0, 0
	k := 0
	for k < iters {
		k++
		val := lr.evaluate()
		if val < best-1e-9 {
			best, stale = val, 0
		} else if stale++; stale >= 5 {
			theta, stale = theta/2, 0
		}
		norm := lr.projectedNorm()
		if norm == 0 {
			break
		}
		if val <= lr.target {
			if !lr.guessed {
				break // at a known schedule's value: optimal
			}
			lr.target = 0.99 * val
		}
		lr.step(theta * (val - lr.target) / norm)
	}
	return int64(math.Floor(best + 1e-6)), k
}

// evaluate solves every host's subproblem at the current multipliers,
// counts what the solutions use, and returns L.
func (lr *lagrangian) evaluate() float64 {
	clear(lr.cntG)
	clear(lr.cntGT)
	clear(lr.cntT)
	val := 0.0
	for g, c := range lr.in.caps {
		if lr.mu[g] > 0 {
			val += float64(c) * lr.mu[g]
		}
	}
	for _, x := range lr.lam {
		val += x
	}
	for _, x := range lr.nu {
		val += lr.tables * x
	}
	var scaled int64
	for k := range lr.hosts {
		scaled += lr.solveHost(k)
	}
	return val + float64(scaled)/profitScale
}

// profit returns the reduced profit of the meeting at position i in slot t.
func (lr *lagrangian) profit(i int32, t int) float64 {
	g := int(lr.guest[i])
	return float64(lr.in.eff[i]) - lr.mu[g] - lr.lam[g*lr.nSlots+t] - lr.nu[t]
}

// projectedNorm returns the squared norm of the subgradient, leaving out
// components that would push a zero multiplier below zero.
func (lr *lagrangian) projectedNorm() float64 {
	norm := 0.0
	add := func(x, g float64) {
		if x > 0 || g < 0 {
			norm += g * g
		}
	}
	for g, c := range lr.in.caps {
		if lr.s.side[g] != lr.s.side[lr.hosts[0]] {
			add(lr.mu[g], float64(c-lr.cntG[g]))
		}
	}
	for j, x := range lr.lam {
		add(x, float64(1-lr.cntGT[j]))
	}
	for t, x := range lr.nu {
		add(x, lr.tables-float64(lr.cntT[t]))
	}
	return norm
}

// step moves every multiplier against its subgradient by size, keeping it
// non-negative.
func (lr *lagrangian) step(size float64) {
	host := lr.s.side[lr.hosts[0]]
	for g, c := range lr.in.caps {
		if lr.s.side[g] != host {
			lr.mu[g] = max(0, lr.mu[g]-size*float64(c-lr.cntG[g]))
		}
	}
	for j := range lr.lam {
		lr.lam[j] = max(0, lr.lam[j]-size*float64(1-lr.cntGT[j]))
	}
	for t := range lr.nu {
		lr.nu[t] = max(0, lr.nu[t]-size*(lr.tables-float64(lr.cntT[t])))
	}
}

// hostSub is the scratch space of one host's subproblem.
type hostSub struct {
	heaps [][]slotCand // per slot, the best candidates (a min-heap)
	local []int32      // per position, its node in the flow, or -1
	nodes []int32      // positions in node order
	g     flowNet
}

// slotCand is a candidate meeting for a slot with its scaled profit.
type slotCand struct {
	q int64
	i int32
}

func (a slotCand) worse(b slotCand) bool { return a.q < b.q || (a.q == b.q && a.i > b.i) }

// solveHost solves host k's subproblem: the best matching of its slots to
// its meetings with at most cap edges, under the reduced profits. Only the
// cap best meetings of each slot can matter (any other could be swapped
// for an unused better one), so the matching runs on those. It records
// what the solution uses and returns its value times profitScale.
func (lr *lagrangian) solveHost(k int) int64 {
	h := lr.hosts[k]
	K := int(lr.in.caps[h])
	if K <= 0 {
		return 0
	}
	sub := &lr.sub
	lr.fillHeaps(k, K)
	if len(sub.local) < len(lr.in.act) {
		sub.local = make([]int32, len(lr.in.act))
		for i := range sub.local {
			sub.local[i] = -1
		}
	}
	sub.nodes = sub.nodes[:0]
	for _, hp := range sub.heaps {
		for _, c := range hp {
			if sub.local[c.i] < 0 {
				sub.local[c.i] = int32(len(sub.nodes))
				sub.nodes = append(sub.nodes, c.i)
			}
		}
	}
	value := lr.matchSlots(K)
	for _, i := range sub.nodes {
		sub.local[i] = -1
	}
	return value
}

// fillHeaps keeps, per slot, the K meetings of host k with the largest
// positive profits.
func (lr *lagrangian) fillHeaps(k, K int) {
	sub := &lr.sub
	if len(sub.heaps) < lr.nSlots {
		sub.heaps = make([][]slotCand, lr.nSlots)
	}
	for t := range sub.heaps {
		sub.heaps[t] = sub.heaps[t][:0]
	}
	for _, i := range lr.hAdj[lr.hStart[k]:lr.hStart[k+1]] {
		for set := lr.slots[i]; set != 0; set &= set - 1 {
			t := bits.TrailingZeros64(set)
			p := lr.profit(i, t)
			if p <= 0 {
				continue
			}
			c := slotCand{q: int64(math.Ceil(p * profitScale)), i: i}
			sub.heaps[t] = pushBounded(sub.heaps[t], c, K)
		}
	}
}

// pushBounded adds c to the min-heap h holding at most k candidates.
func pushBounded(h []slotCand, c slotCand, k int) []slotCand {
	if len(h) < k {
		h = append(h, c)
		for j := len(h) - 1; j > 0; {
			p := (j - 1) / 2
			if !h[j].worse(h[p]) {
				break
			}
			h[j], h[p] = h[p], h[j]
			j = p
		}
		return h
	}
	if !h[0].worse(c) {
		return h
	}
	h[0] = c
	for j := 0; ; {
		l := 2*j + 1
		if l >= len(h) {
			break
		}
		if r := l + 1; r < len(h) && h[r].worse(h[l]) {
			l = r
		}
		if !h[l].worse(h[j]) {
			break
		}
		h[j], h[l] = h[l], h[j]
		j = l
	}
	return h
}

// matchSlots runs the slot–meeting matching of the current host with at
// most K edges, records its use of guests and slots, and returns its value
// times profitScale.
func (lr *lagrangian) matchSlots(K int) int64 {
	sub := &lr.sub
	g := &sub.g
	slotNode := func(t int) int { return nodeFirst + t }
	meetNode := func(j int32) int { return nodeFirst + lr.nSlots + int(j) }
	g.reset(nodeFirst + lr.nSlots + len(sub.nodes))
	g.addEdge(nodeSupply, nodeSource, int32(K), 0)
	for t := range lr.nSlots {
		if len(sub.heaps[t]) > 0 {
			g.addEdge(nodeSource, slotNode(t), 1, 0)
		}
	}
	for j := range sub.nodes {
		g.addEdge(meetNode(int32(j)), nodeSink, 1, 0)
	}
	base := len(g.eu)
	for t, hp := range sub.heaps {
		for _, c := range hp {
			g.addEdge(slotNode(t), meetNode(sub.local[c.i]), 1, -c.q)
		}
	}
	g.build()
	_, cost := g.maxGain(nodeSupply, nodeSink)
	e := base
	for t, hp := range sub.heaps {
		for _, c := range hp {
			if g.flow(e) > 0 {
				gi := int(lr.guest[c.i])
				lr.cntG[gi]++
				lr.cntGT[gi*lr.nSlots+t]++
				lr.cntT[t]++
			}
			e++
		}
	}
	return -cost
}
