package scheduler

import (
	"math/bits"
	"math/rand/v2"
)

// Sample sizes of the ejection search on large events: unplaced meetings
// weighed per move, and meetings of a full slot considered for making
// room.
const (
	sampleOut  = 24
	sampleSlot = 48
)

// ejectSearch is a tabu search over partial timetables (PartialCol): it
// places an unplaced meeting into a slot and ejects whatever it collides
// with, forbidding an ejected meeting to return to that slot for a while,
// and keeps the best partial timetable seen. Used when greedy insertion
// and Kempe swaps leave required meetings out.
type ejectSearch struct {
	st    *slotState
	prio  func(i int32) int64
	tabu  map[int64]int32 // meeting×T+slot: iteration until which it may not enter
	out   []int32         // unplaced meetings in scope
	inOut []int32         // per meeting: index in out, or -1
	cost  int64           // sum of prio over out
	rng   *rand.Rand
	iter  int32
	buf   []int32
}

// ejectPlace runs the search on the unplaced meetings want, ejecting any
// placed meeting that is not fixed, for at most iters moves. prio weighs a
// meeting left out. It returns the meetings left out of the best timetable
// found, which st then holds.
func (st *slotState) ejectPlace(want []int32, prio func(int32) int64, iters int, rng *rand.Rand) []int32 {
	nM := st.m.numMeetings()
	s := &ejectSearch{st: st, prio: prio, rng: rng,
		tabu: map[int64]int32{}, inOut: make([]int32, nM)}
	for i := range s.inOut {
		s.inOut[i] = -1
	}
	for _, i := range want {
		if st.slot[i] < 0 && st.m.allowed[i] != 0 {
			s.add(i)
		}
	}
	best, bestCost := append([]int8(nil), st.slot...), s.cost
	for ; int(s.iter) < iters && len(s.out) > 0; s.iter++ {
		if !s.step(bestCost) {
			break
		}
		if s.cost < bestCost {
			bestCost = s.cost
			copy(best, st.slot)
		}
	}
	st.restore(best)
	var left []int32
	for _, i := range want {
		if st.slot[i] < 0 {
			left = append(left, i)
		}
	}
	return left
}

func (s *ejectSearch) add(i int32) {
	s.inOut[i] = int32(len(s.out))
	s.out = append(s.out, i)
	s.cost += s.prio(i)
}

func (s *ejectSearch) remove(i int32) {
	j := s.inOut[i]
	last := s.out[len(s.out)-1]
	s.out[j] = last
	s.inOut[last] = j
	s.out = s.out[:len(s.out)-1]
	s.inOut[i] = -1
	s.cost -= s.prio(i)
}

// step makes the best non-tabu move (or a tabu one that beats the best
// cost); it reports false when no move exists.
func (s *ejectSearch) step(bestCost int64) bool {
	st := s.st
	T := st.m.T
	bu, bs, bx, bm := int32(-1), -1, int32(-1), false
	var bd int64
	ties := 0
	n, off := len(s.out), 0
	if n > sampleOut {
		n, off = sampleOut, s.rng.IntN(len(s.out))
	}
	for k := 0; k < n; k++ {
		u := s.out[(off+k)%len(s.out)]
		for f := st.m.allowed[u]; f != 0; f &= f - 1 {
			slot := bits.TrailingZeros64(f)
			d, extra, move, ok := s.delta(u, slot)
			if !ok {
				continue
			}
			if s.tabu[int64(u)*int64(T)+int64(slot)] > s.iter && s.cost+d >= bestCost {
				continue
			}
			if bu < 0 || d < bd {
				bu, bs, bx, bm, bd, ties = u, slot, extra, move, d, 1
			} else if d == bd {
				ties++
				if s.rng.IntN(ties) == 0 {
					bu, bs, bx, bm = u, slot, extra, move
				}
			}
		}
	}
	if bu < 0 {
		return false
	}
	s.apply(bu, bs, bx, bm)
	return true
}

// delta is the change of cost when u enters slot, ejecting its conflicts
// and, if the slot would overflow, making room: extra is a meeting of the
// slot that moves to a free slot of its own at no cost when one can
// (move true), else the cheapest one to eject (or -1).
func (s *ejectSearch) delta(u int32, slot int) (d int64, extra int32, move bool, ok bool) {
	st := s.st
	s.buf = st.conflictsAt(u, slot, s.buf)
	d = -s.prio(u)
	for _, c := range s.buf {
		if st.m.fixedSlot[c] >= 0 {
			return 0, -1, false, false
		}
		d += s.prio(c)
	}
	if int(st.load[slot])-len(s.buf)+1 <= st.m.L {
		return d, -1, false, true
	}
	extra, ep := int32(-1), int64(0)
	list := st.inSl[slot]
	n, off := len(list), 0
	if n > sampleSlot {
		n, off = sampleSlot, s.rng.IntN(len(list))
	}
	for k := 0; k < n; k++ {
		x := list[(off+k)%len(list)]
		if st.m.fixedSlot[x] >= 0 || containsMeeting(s.buf, x) {
			continue
		}
		if st.freeSlots(x) != 0 {
			return d, x, true, true
		}
		if p := s.prio(x); extra < 0 || p < ep || (p == ep && x < extra) {
			extra, ep = x, p
		}
	}
	if extra < 0 {
		return 0, -1, false, false
	}
	return d + ep, extra, false, true
}

func (s *ejectSearch) apply(u int32, slot int, extra int32, move bool) {
	st := s.st
	T := st.m.T
	tenure := int32(len(s.out)*6/10 + s.rng.IntN(10) + 1)
	s.buf = st.conflictsAt(u, slot, s.buf)
	if extra >= 0 && move {
		to := st.bestSlot(extra, st.freeSlots(extra))
		st.unplace(extra)
		st.place(extra, to)
		s.tabu[int64(extra)*int64(T)+int64(slot)] = s.iter + tenure
	} else if extra >= 0 {
		s.buf = append(s.buf, extra)
	}
	for _, c := range s.buf {
		st.unplace(c)
		s.tabu[int64(c)*int64(T)+int64(slot)] = s.iter + tenure
		s.add(c)
	}
	s.remove(u)
	st.place(u, slot)
}

// restore makes st hold exactly the slots of snap.
func (st *slotState) restore(snap []int8) {
	for i := range st.slot {
		if st.slot[i] >= 0 && st.slot[i] != snap[i] {
			st.unplace(int32(i))
		}
	}
	for i, s := range snap {
		if s >= 0 && st.slot[i] < 0 {
			st.place(int32(i), int(s))
		}
	}
}
