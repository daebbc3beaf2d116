package scheduler

import (
	"math/bits"
	"time"
)

// refillChain bounds the Kempe component moved to insert one meeting
// while re-filling capacity.
const refillChain = 64

// result assembles the Result from the final timetable.
func (sv *solver) result() Result {
	m, st := sv.m, sv.st
	tables := st.assignTables(sv.prev)
	r := Result{
		Assignments: make([]Assignment, 0, m.numMeetings()),
		Unscheduled: []string{},
		UpperBound:  sv.upper,
		Breaks:      st.breakStats(),
		BreaksBound: sv.proof.Bound,
	}
	infeasible := false
	text := map[textKey]string{} // one string per participant and code
	for i := 0; i < m.numMeetings(); i++ {
		if s := st.slot[i]; s >= 0 {
			r.Assignments = append(r.Assignments, Assignment{Meeting: m.meetID(int32(i)), Slot: int(s) + 1, Table: int(tables[i])})
			r.Value += m.weight[i]
			continue
		}
		id := m.meetID(int32(i))
		r.Unscheduled = append(r.Unscheduled, id)
		infeasible = infeasible || m.required[i]
		if sv.opt.Explain != nil && !sv.opt.Explain(id) {
			continue
		}
		if r.Reasons == nil {
			r.Reasons, r.Explanations = map[string]string{}, map[string]Reason{}
		}
		why, q := sv.reason(int32(i))
		r.Explanations[id] = why
		r.Reasons[id] = reasonText(why, q, text)
	}
	r.Unserved = sv.unserved()
	switch {
	case infeasible:
		r.Status = Infeasible
	case r.Value == r.UpperBound && (sv.p.Objective != MinBreaks || sv.proof.Optimal):
		r.Status = Optimal
	default:
		r.Status = Feasible
	}
	stats := sv.stats
	r.Stats = &stats
	r.Seconds = time.Since(sv.start).Seconds()
	return r
}

// reason explains why meeting i is not in the timetable, with the
// participant the reason is about (-1 when about the whole meeting).
func (sv *solver) reason(i int32) (Reason, int32) {
	m, st := sv.m, sv.st
	if m.allowed[i] == 0 {
		return Reason{Code: ReasonNoCommonSlot, Participants: sv.names(i)}, -1
	}
	for _, q := range m.parts(i) {
		if int(q) >= m.nReal {
			continue
		}
		if c := m.capOf[q]; c > 0 && st.count[q] >= c {
			return Reason{Code: ReasonCapReached, Participants: []string{m.partID[q]}}, q
		}
		if int(st.count[q]) >= bits.OnesCount64(m.avail[q]) {
			return Reason{Code: ReasonSlotsTaken, Participants: []string{m.partID[q]}}, q
		}
	}
	free := m.allowed[i]
	for _, q := range m.parts(i) {
		free &^= st.busy[q]
	}
	switch {
	case free != 0:
		return Reason{Code: ReasonNoTable}, -1
	case sv.p.Objective == MaxValue && !sv.chosen[i]:
		return Reason{Code: ReasonLowerValue}, -1
	}
	return Reason{Code: ReasonNoSlotLeft, Participants: sv.names(i)}, -1
}

// textKey names the English of a reason about one participant.
type textKey struct {
	q    int32
	code ReasonCode
}

// reasonText renders why in English, sharing one string per participant
// q (when q >= 0) and code among the meetings it explains.
func reasonText(why Reason, q int32, text map[textKey]string) string {
	if q < 0 {
		return why.Text()
	}
	key := textKey{q, why.Code}
	msg, ok := text[key]
	if !ok {
		msg = why.Text()
		text[key] = msg
	}
	return msg
}

// names lists the real participants of meeting i.
func (sv *solver) names(i int32) []string {
	var ids []string
	for _, q := range sv.m.parts(i) {
		if int(q) < sv.m.nReal {
			ids = append(ids, sv.m.partID[q])
		}
	}
	return ids
}
