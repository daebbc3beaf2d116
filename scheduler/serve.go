package scheduler

import (
	"cmp"
	"slices"
)

// Reasons a participant with candidate meetings was left without any,
// as reported in Result.Unserved. The codes are stable; callers turn
// them into text.
const (
	// UnservedNoCommonSlot: no candidate shares a free slot with the
	// participant (availability, sessions, fixed slots).
	UnservedNoCommonSlot = "no_common_slot"
	// UnservedPartnersFull: every candidate it shares a slot with has
	// reached its cap.
	UnservedPartnersFull = "partners_full"
	// UnservedSlotsTaken: the common free slots are taken by the
	// candidates' other meetings.
	UnservedSlotsTaken = "slots_taken"
	// UnservedNoTable: some common slot is free for both sides but every
	// table is taken in it.
	UnservedNoTable = "no_table"
)

// Unserved names a participant who has candidate meetings but none in
// the timetable, and why (one of the Unserved* codes).
type Unserved struct {
	Participant string `json:"participant"`
	Reason      string `json:"reason"`
}

// serveLeftOut gives a meeting to each participant who has none although
// a candidate fits: first where the participants have room, moving at
// most chain others; else by releasing a meeting of a full partner whose
// other side keeps another meeting. It returns the meetings added.
func (sv *solver) serveLeftOut(chain int) int {
	m, st := sv.m, sv.st
	added := 0
	for p := int32(0); int(p) < m.nReal; p++ {
		if st.count[p] > 0 || m.pOff[p+1] == m.pOff[p] {
			continue
		}
		cands := sv.fitting(p)
		if sv.serveWithRoom(cands, chain) || sv.serveByRelease(p, cands, chain) {
			added++
		}
	}
	return added
}

// fitting returns p's meetings that fit some slot, heaviest first.
func (sv *solver) fitting(p int32) []int32 {
	var out []int32
	for _, i := range sv.m.meetingsOf(p) {
		if sv.m.allowed[i] != 0 {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int32) int { return cmp.Compare(sv.m.weight[b], sv.m.weight[a]) })
	return out
}

// serveWithRoom places the first candidate whose participants have room.
func (sv *solver) serveWithRoom(cands []int32, chain int) bool {
	for _, i := range cands {
		if sv.capRoom(i, sv.st.count) && sv.st.insert(i, chain) {
			return true
		}
	}
	return false
}

// serveByRelease places a candidate of p in the place of a partner's
// meeting, the lightest whose other participants all keep another
// meeting; it undoes the release when the candidate still does not fit.
func (sv *solver) serveByRelease(p int32, cands []int32, chain int) bool {
	st := sv.st
	for _, i := range cands {
		j := sv.releasable(p, i)
		if j < 0 {
			continue
		}
		s := int(st.slot[j])
		st.unplace(j)
		if sv.capRoom(i, st.count) && st.insert(i, chain) {
			return true
		}
		if st.freeSlots(j)&(1<<uint(s)) != 0 {
			st.place(j, s)
		} else {
			st.insert(j, chain)
		}
	}
	return false
}

// releasable returns the lightest placed meeting of a full partner of
// meeting i (other than p) whose participants all have another meeting,
// or -1. It needs exactly one full partner.
func (sv *solver) releasable(p, i int32) int32 {
	m, st := sv.m, sv.st
	full := int32(-1)
	for _, q := range m.parts(i) {
		if q == p || int(q) >= m.nReal || int(st.count[q]) < m.effCap(q) {
			continue
		}
		if full >= 0 {
			return -1
		}
		full = q
	}
	if full < 0 {
		return -1
	}
	best := int32(-1)
	for _, j := range m.meetingsOf(full) {
		if st.slot[j] < 0 || m.required[j] || m.fixedSlot[j] >= 0 || !sv.othersKeep(j, full) {
			continue
		}
		if best < 0 || m.weight[j] < m.weight[best] {
			best = j
		}
	}
	return best
}

// othersKeep reports whether every real participant of j but q has
// another meeting placed.
func (sv *solver) othersKeep(j, q int32) bool {
	for _, r := range sv.m.parts(j) {
		if r != q && int(r) < sv.m.nReal && sv.st.count[r] < 2 {
			return false
		}
	}
	return true
}

// unserved lists the real participants with candidate meetings and none
// placed, and why.
func (sv *solver) unserved() []Unserved {
	var out []Unserved
	for p := int32(0); int(p) < sv.m.nReal; p++ {
		if sv.st.count[p] == 0 && sv.m.pOff[p+1] > sv.m.pOff[p] {
			out = append(out, Unserved{Participant: sv.m.partID[p], Reason: sv.unservedReason(p)})
		}
	}
	return out
}

// unservedReason classifies why p has no meeting.
func (sv *solver) unservedReason(p int32) string {
	m, st := sv.m, sv.st
	reason := UnservedNoCommonSlot
	for _, i := range m.meetingsOf(p) {
		if m.allowed[i] == 0 {
			continue
		}
		if !sv.capRoom(i, st.count) {
			if reason == UnservedNoCommonSlot {
				reason = UnservedPartnersFull
			}
			continue
		}
		free := m.allowed[i]
		for _, q := range m.parts(i) {
			free &^= st.busy[q]
		}
		if free != 0 {
			return UnservedNoTable
		}
		reason = UnservedSlotsTaken
	}
	return reason
}
