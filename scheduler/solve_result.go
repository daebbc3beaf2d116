package scheduler

import (
	"math/bits"
	"strings"
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
	capMsg := map[int32]string{} // one "cap reached" string per participant
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
			r.Reasons = map[string]string{}
		}
		r.Reasons[id] = sv.reason(int32(i), capMsg)
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

// reason explains why meeting i is not in the timetable.
func (sv *solver) reason(i int32, capMsg map[int32]string) string {
	m, st := sv.m, sv.st
	if m.allowed[i] == 0 {
		return "no common free slot for " + sv.names(i)
	}
	for _, q := range m.parts(i) {
		if int(q) >= m.nReal {
			continue
		}
		if c := m.capOf[q]; c > 0 && st.count[q] >= c {
			msg, ok := capMsg[q]
			if !ok {
				msg = "cap reached for " + m.partID[q]
				capMsg[q] = msg
			}
			return msg
		}
		if int(st.count[q]) >= bits.OnesCount64(m.avail[q]) {
			return "every available slot of " + m.partID[q] + " taken"
		}
	}
	free := m.allowed[i]
	for _, q := range m.parts(i) {
		free &^= st.busy[q]
	}
	switch {
	case free != 0:
		return "table capacity"
	case sv.p.Objective == MaxValue && !sv.chosen[i]:
		return "lower value than the chosen meetings"
	}
	return "no common free slot left for " + sv.names(i)
}

// names joins the real participants of meeting i with "and".
func (sv *solver) names(i int32) string {
	var ids []string
	for _, q := range sv.m.parts(i) {
		if int(q) < sv.m.nReal {
			ids = append(ids, sv.m.partID[q])
		}
	}
	return strings.Join(ids, " and ")
}
