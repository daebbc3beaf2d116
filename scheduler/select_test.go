package scheduler

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomSelectCase builds a small problem: nA × nB participants (a general
// graph with triples when general is set), up to 11 meetings, random caps,
// weights, must-hold meetings, availability, and random options.
func randomSelectCase(r *rand.Rand, general bool) (Problem, SelectOptions) {
	p := Problem{Objective: MaxValue, Slots: 1 + r.IntN(3), Tables: 3}
	if r.IntN(10) == 0 {
		p.Objective = MinBreaks // every meeting must be held
	}
	nA, nB := 1+r.IntN(4), 1+r.IntN(4)
	for v := range nA + nB {
		q := Participant{ID: fmt.Sprintf("p%d", v), MaxMeetings: r.IntN(4)}
		for t := 1; t <= p.Slots; t++ {
			if r.IntN(5) == 0 {
				q.Unavailable = append(q.Unavailable, t)
			}
		}
		p.Participants = append(p.Participants, q)
	}
	nm := 1 + r.IntN(11)
	for m := range nm {
		a, b := r.IntN(nA), nA+r.IntN(nB)
		ids := []string{fmt.Sprintf("p%d", a), fmt.Sprintf("p%d", b)}
		if general {
			ids = randomGroup(r, nA+nB)
		}
		mt := Meeting{ID: fmt.Sprintf("m%d", m), Participants: ids, Weight: int64(r.IntN(40) - 6)}
		mt.Required = r.IntN(7) == 0
		if r.IntN(9) == 0 {
			mt.FixedSlot = 1 + r.IntN(p.Slots)
		}
		p.Meetings = append(p.Meetings, mt)
	}
	return p, randomOptions(r, p)
}

// randomGroup returns two or three distinct participant ids.
func randomGroup(r *rand.Rand, n int) []string {
	size := 2
	if n >= 3 && r.IntN(4) == 0 {
		size = 3
	}
	perm := r.Perm(n)[:min(size, n)]
	if len(perm) < 2 {
		perm = []int{0, 1}
	}
	ids := make([]string, len(perm))
	for i, v := range perm {
		ids[i] = fmt.Sprintf("p%d", v)
	}
	return ids
}

func randomOptions(r *rand.Rand, p Problem) SelectOptions {
	var o SelectOptions
	for m := range p.Meetings {
		switch r.IntN(12) {
		case 0:
			o.Excluded = append(o.Excluded, m)
		case 1:
			o.Fixed = append(o.Fixed, m)
		}
	}
	if r.IntN(4) == 0 {
		o.Caps = make([]int, len(p.Participants))
		for v := range o.Caps {
			o.Caps[v] = r.IntN(5) - 1
		}
	}
	o.Availability = r.IntN(3) == 0
	if r.IntN(4) == 0 {
		o.MaxTotal = 1 + r.IntN(4)
	}
	return o
}

// bruteCase holds what brute force needs: per meeting its participants,
// weight, must flag and whether it may be held at all; per participant its
// cap (-1: none).
type bruteCase struct {
	parts  [][]int
	weight []int64
	must   []bool
	ok     []bool
	caps   []int
	total  int
}

func newBruteCase(t *testing.T, p Problem, o SelectOptions) bruteCase {
	t.Helper()
	s, err := NewSelector(&p)
	if err != nil {
		t.Fatal(err)
	}
	var bc bruteCase
	for v := range p.Participants {
		c := int(s.caps[v])
		if o.Caps != nil {
			c = max(o.Caps[v], -1)
		}
		if n := s.availableSlots(v); o.Availability && (c < 0 || c > n) {
			c = n
		}
		bc.caps = append(bc.caps, c)
	}
	scratch := make([]uint64, s.words)
	for m := range p.Meetings {
		var ps []int
		for _, v := range s.list[s.start[m]:s.start[m+1]] {
			ps = append(ps, int(v))
		}
		bc.parts = append(bc.parts, ps)
		bc.weight = append(bc.weight, s.weight[m])
		bc.must = append(bc.must, s.must[m] || slices.Contains(o.Fixed, m))
		bc.ok = append(bc.ok, !slices.Contains(o.Excluded, m) && (!o.Availability || s.fits(m, scratch)))
	}
	bc.total = o.MaxTotal
	return bc
}

// best enumerates every subset of meetings and returns the lexicographic
// optimum (must-hold meetings held, value) and the best value of any
// feasible subset regardless of must-hold meetings.
func (bc bruteCase) best() (bestMust int, bestValue, anyValue int64) {
	n := len(bc.weight)
	bestMust, bestValue, anyValue = -1, 0, 0
	load := make([]int, len(bc.caps))
	for mask := 0; mask < 1<<n; mask++ {
		clear(load)
		feasible, held, value, count := true, 0, int64(0), 0
		for m := 0; m < n && feasible; m++ {
			if mask&(1<<m) == 0 {
				continue
			}
			feasible = bc.ok[m]
			count++
			value += bc.weight[m]
			if bc.must[m] {
				held++
			}
			for _, v := range bc.parts[m] {
				load[v]++
				feasible = feasible && (bc.caps[v] < 0 || load[v] <= bc.caps[v])
			}
		}
		if !feasible || (bc.total > 0 && count > bc.total) {
			continue
		}
		anyValue = max(anyValue, value)
		if held > bestMust || (held == bestMust && value > bestValue) {
			bestMust, bestValue = held, value
		}
	}
	return bestMust, bestValue, anyValue
}

// checkSelection verifies the properties every selection must have: caps
// and the total respected, nothing excluded or unfit held, every must-hold
// meeting held or reported, the value summed right, and it returns the
// number of must-hold meetings held.
func (bc bruteCase) checkSelection(t *testing.T, sel Selection) int {
	t.Helper()
	load := make([]int, len(bc.caps))
	held, value := 0, int64(0)
	for _, m := range sel.Meetings {
		if !bc.ok[m] {
			t.Fatalf("meeting %d held but excluded or unfit", m)
		}
		for _, v := range bc.parts[m] {
			load[v]++
			if bc.caps[v] >= 0 && load[v] > bc.caps[v] {
				t.Fatalf("participant %d over cap %d", v, bc.caps[v])
			}
		}
		if bc.must[m] {
			held++
		}
		value += bc.weight[m]
	}
	if bc.total > 0 && len(sel.Meetings) > bc.total {
		t.Fatalf("%d meetings held, total cap %d", len(sel.Meetings), bc.total)
	}
	if value != sel.Value {
		t.Fatalf("value %d, meetings sum to %d", sel.Value, value)
	}
	for m, must := range bc.must {
		if must && slices.Contains(sel.Meetings, m) == slices.Contains(sel.Infeasible, m) {
			t.Fatalf("must-hold meeting %d: held %v, reported %v", m, slices.Contains(sel.Meetings, m), sel.Infeasible)
		}
	}
	return held
}

func TestSelect_BruteForceBipartite(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for c := range 1000 {
		p, o := randomSelectCase(r, false)
		bc := newBruteCase(t, p, o)
		sel, err := Select(&p, o)
		if err != nil {
			t.Fatal(err)
		}
		if !sel.Bipartite || !sel.Exact {
			t.Fatalf("case %d: bipartite problem not solved exactly", c)
		}
		held := bc.checkSelection(t, sel)
		wantMust, wantValue, _ := bc.best()
		if held != wantMust || sel.Value != wantValue || sel.UpperBound != wantValue {
			t.Fatalf("case %d: got must %d value %d bound %d, brute force must %d value %d\n%+v\n%+v",
				c, held, sel.Value, sel.UpperBound, wantMust, wantValue, p, o)
		}
	}
}

func TestSelect_GeneralBoundAndProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var got, best int64
	for c := range 1000 {
		p, o := randomSelectCase(r, true)
		bc := newBruteCase(t, p, o)
		sel, err := Select(&p, o)
		if err != nil {
			t.Fatal(err)
		}
		bc.checkSelection(t, sel)
		_, v, anyValue := bc.best()
		if sel.Exact {
			anyValue = v // exact: the bound is the lexicographic optimum
		}
		if sel.UpperBound < anyValue {
			t.Fatalf("case %d: bound %d below a feasible value %d\n%+v\n%+v", c, sel.UpperBound, anyValue, p, o)
		}
		if sel.Exact != sel.Bipartite {
			t.Fatalf("case %d: exact %v, bipartite %v", c, sel.Exact, sel.Bipartite)
		}
		got, best = got+sel.Value, best+v
	}
	t.Logf("general heuristic: %d of brute-force %d (%.2f%%)", got, best, 100*float64(got)/float64(best))
}

// randomBipartite builds nA × nB participants with nm random meetings.
func randomBipartite(r *rand.Rand, nA, nB, nm int) Problem {
	p := Problem{Objective: MaxValue, Slots: 16, Tables: nB}
	for v := range nA {
		p.Participants = append(p.Participants, Participant{ID: fmt.Sprintf("a%d", v), MaxMeetings: 1 + r.IntN(4)})
	}
	for v := range nB {
		p.Participants = append(p.Participants, Participant{ID: fmt.Sprintf("b%d", v), MaxMeetings: 2 + r.IntN(8)})
	}
	for m := range nm {
		ids := []string{fmt.Sprintf("a%d", r.IntN(nA)), fmt.Sprintf("b%d", r.IntN(nB))}
		p.Meetings = append(p.Meetings, Meeting{ID: fmt.Sprintf("m%d", m), Participants: ids,
			Weight: int64(1 + r.IntN(100)), Required: r.IntN(50) == 0})
	}
	return p
}

func TestSelectBipartite_PruningMatchesFull(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for c := range 200 {
		p := randomBipartite(r, 30, 10, 50+r.IntN(300))
		s, err := NewSelector(&p)
		if err != nil {
			t.Fatal(err)
		}
		opts := SelectOptions{}
		if c%4 == 0 {
			opts.MaxTotal = 20 + c%30 // the total cap binds
		}
		opts.ServeFirst = c%3 == 0
		in, err := s.prepare(opts)
		if err != nil {
			t.Fatal(err)
		}
		full := s.selection(in, s.selectBipartite(in, pruneRule{min: 1 << 30}))
		pruned := s.selection(in, s.selectBipartite(in, pruneRule{factor: int32(c % 2), extra: int32(c % 3), hostFactor: int32(c % 3), hostExtra: int32(c % 2)}))
		if full.Value != pruned.Value || (opts.ServeFirst && full.Served != pruned.Served) || len(full.Infeasible) != len(pruned.Infeasible) {
			t.Fatalf("case %d: full value %d served %d (%d infeasible), pruned %d served %d (%d infeasible)",
				c, full.Value, full.Served, len(full.Infeasible), pruned.Value, pruned.Served, len(pruned.Infeasible))
		}
	}
}

func TestWithoutForbidden(t *testing.T) {
	ms := []Meeting{
		{ID: "m1", Participants: []string{"a", "b"}},
		{ID: "m2", Participants: []string{"b", "a"}},
		{ID: "m3", Participants: []string{"a", "c"}},
		{ID: "m4", Participants: []string{"c", "d", "b"}},
		{ID: "m5", Participants: []string{"c", "d"}},
	}
	got := WithoutForbidden(ms, []Pair{{"a", "b"}, {"b", "d"}})
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if !slices.Equal(ids, []string{"m3", "m5"}) {
		t.Fatalf("kept %v, want [m3 m5]", ids)
	}
}

func TestNewSelector_Errors(t *testing.T) {
	base := func() Problem {
		return Problem{Objective: MaxValue, Slots: 4, Tables: 1,
			Participants: []Participant{{ID: "a"}, {ID: "b"}},
			Meetings:     []Meeting{{ID: "m1", Participants: []string{"a", "b"}}}}
	}
	tests := []struct {
		name   string
		change func(p *Problem)
	}{
		{"UnknownParticipant", func(p *Problem) { p.Meetings[0].Participants[1] = "x" }},
		{"OnePerson", func(p *Problem) { p.Meetings[0].Participants = []string{"a"} }},
		{"SamePersonTwice", func(p *Problem) { p.Meetings[0].Participants = []string{"a", "a"} }},
		{"UnknownSession", func(p *Problem) { p.Meetings[0].Session = "pm" }},
		{"FixedSlotOutOfRange", func(p *Problem) { p.Meetings[0].FixedSlot = 5 }},
		{"UnavailableOutOfRange", func(p *Problem) { p.Participants[0].Unavailable = []int{0} }},
		{"DuplicateParticipant", func(p *Problem) { p.Participants[1].ID = "a" }},
		{"HugeWeight", func(p *Problem) { p.Meetings[0].Weight = 1 << 50 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			if _, err := NewSelector(&p); err != nil {
				t.Fatalf("base problem: %v", err)
			}
			tt.change(&p)
			if _, err := NewSelector(&p); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestSelect_Empty(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
	}{
		{"NoMeetings", Problem{Objective: MaxValue, Slots: 2, Tables: 1, Participants: []Participant{{ID: "a"}}}},
		{"NoParticipants", Problem{Objective: MaxValue, Slots: 2, Tables: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := Select(&tt.p, SelectOptions{Availability: true})
			if err != nil || len(sel.Meetings) != 0 || sel.Value != 0 || sel.UpperBound != 0 {
				t.Fatalf("got %+v, %v", sel, err)
			}
			b, err := TightBound(&tt.p, BoundOptions{})
			if err != nil || b.Value != 0 {
				t.Fatalf("bound %+v, %v", b, err)
			}
		})
	}
}

// bestServed enumerates every subset of meetings and returns the
// lexicographic optimum (must-hold meetings held, participants served,
// value).
func (bc bruteCase) bestServed() (bestMust, bestServed int, bestValue int64) {
	n := len(bc.weight)
	bestMust = -1
	load := make([]int, len(bc.caps))
	for mask := 0; mask < 1<<n; mask++ {
		clear(load)
		feasible, held, value, count := true, 0, int64(0), 0
		for m := 0; m < n && feasible; m++ {
			if mask&(1<<m) == 0 {
				continue
			}
			feasible = bc.ok[m] && (bc.must[m] || bc.weight[m] >= 1)
			count++
			value += bc.weight[m]
			held += b2i(bc.must[m])
			for _, v := range bc.parts[m] {
				load[v]++
				feasible = feasible && (bc.caps[v] < 0 || load[v] <= bc.caps[v])
			}
		}
		if !feasible || (bc.total > 0 && count > bc.total) {
			continue
		}
		served := 0
		for _, l := range load {
			served += b2i(l > 0)
		}
		if held > bestMust || (held == bestMust && (served > bestServed || (served == bestServed && value > bestValue))) {
			bestMust, bestServed, bestValue = held, served, value
		}
	}
	return bestMust, bestServed, bestValue
}

// servedBy counts the participants with a meeting in sel.
func (bc bruteCase) servedBy(sel Selection) int {
	seen := make([]bool, len(bc.caps))
	n := 0
	for _, m := range sel.Meetings {
		for _, v := range bc.parts[m] {
			n += b2i(!seen[v])
			seen[v] = true
		}
	}
	return n
}

func TestSelect_ServeFirstBruteForceBipartite(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for c := range 1000 {
		p, o := randomSelectCase(r, false)
		o.ServeFirst = true
		bc := newBruteCase(t, p, o)
		sel, err := Select(&p, o)
		if err != nil {
			t.Fatal(err)
		}
		held := bc.checkSelection(t, sel)
		wantMust, wantServed, wantValue := bc.bestServed()
		_, valueOnly, _ := bc.best()
		if held != wantMust || sel.Served != wantServed || bc.servedBy(sel) != sel.Served || sel.Value != wantValue || sel.UpperBound != valueOnly {
			t.Fatalf("case %d: got must %d served %d value %d bound %d, brute force must %d served %d value %d bound %d\n%+v\n%+v",
				c, held, sel.Served, sel.Value, sel.UpperBound, wantMust, wantServed, wantValue, valueOnly, p, o)
		}
	}
}

func TestSelect_ServeFirstGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var got, best int
	for c := range 1000 {
		p, o := randomSelectCase(r, true)
		o.ServeFirst = true
		bc := newBruteCase(t, p, o)
		sel, err := Select(&p, o)
		if err != nil {
			t.Fatal(err)
		}
		bc.checkSelection(t, sel)
		if bc.servedBy(sel) != sel.Served {
			t.Fatalf("case %d: served %d, meetings serve %d", c, sel.Served, bc.servedBy(sel))
		}
		_, v, anyValue := bc.best()
		if sel.Exact {
			anyValue = v // exact: the bound is the lexicographic optimum
		}
		if sel.UpperBound < anyValue {
			t.Fatalf("case %d: bound %d below a feasible value %d", c, sel.UpperBound, anyValue)
		}
		_, s, _ := bc.bestServed()
		got, best = got+sel.Served, best+s
	}
	t.Logf("general heuristic serves %d of brute-force %d (%.2f%%)", got, best, 100*float64(got)/float64(best))
}

func TestServeFits(t *testing.T) {
	tests := []struct {
		b, n    int64
		anyMust bool
		want    bool
	}{
		{300_000_000, 11_502, false, true}, // tier L: 2.5 M pairs of about 120
		{300_000_000, 11_502, true, true},
		{1 << 45, 11_502, false, true},
		{1 << 45, 11_502, true, false}, // must-hold bonuses n·b would overflow a path
		{1 << 60, 4, false, false},
	}
	for _, tt := range tests {
		if got := serveFits(tt.b, tt.n, tt.anyMust); got != tt.want {
			t.Errorf("serveFits(%d, %d, %v) = %v", tt.b, tt.n, tt.anyMust, got)
		}
	}
}
