package scheduler

// A participant's breaks are counted within each stretch of the day: the
// day is cut at every session boundary (the first slot of a session, the
// slot after its last), so the pause between a morning and an afternoon
// is never an idle gap. Within a stretch, breaks are the maximal runs of
// occupied slots less one; a participant's breaks are their sum over the
// stretches where it has meetings.

// dayStretches returns the stretches of a day of T slots cut at the
// sessions' boundaries, as 0-based slot sets in order.
func dayStretches(sessions []Session, T int) []uint64 {
	cut := uint64(0) // cut before slot s (0-based) when bit s is set
	for _, s := range sessions {
		if s.From > 1 && s.From <= T {
			cut |= 1 << uint(s.From-1)
		}
		if s.To >= 1 && s.To < T {
			cut |= 1 << uint(s.To)
		}
	}
	var out []uint64
	lo := 0
	for s := 1; s <= T; s++ {
		if s == T || cut&(1<<uint(s)) != 0 {
			out = append(out, rangeMask(lo, s-1))
			lo = s
		}
	}
	return out
}

// stretchBreaks is the number of breaks of a participant occupying x in a
// day cut into the given stretches.
func stretchBreaks(x uint64, stretches []uint64) int {
	n := 0
	for _, w := range stretches {
		if y := x & w; y != 0 {
			n += runs(y) - 1
		}
	}
	return n
}

// breaks is the number of breaks of a participant occupying x.
func (m *slotModel) breaks(x uint64) int {
	if len(m.stretches) == 1 {
		if x == 0 {
			return 0
		}
		return runs(x) - 1
	}
	return stretchBreaks(x, m.stretches)
}

// cost is the improvement objective of a real participant occupying x:
// breaks first, their square as the tie-breaker that evens them out.
func (m *slotModel) cost(x uint64) int64 {
	b := int64(m.breaks(x))
	return breakWeight*b + b*b
}

// stretchOf returns the stretch holding 0-based slot s.
func (m *slotModel) stretchOf(s int) uint64 {
	for _, w := range m.stretches {
		if w&(1<<uint(s)) != 0 {
			return w
		}
	}
	return 0
}
