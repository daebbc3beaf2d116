package scheduler

import "math/bits"

// slotModel is a Problem with ids mapped to int indices once, slots
// 0-based and each participant's day held as a 64-bit set.
//
// A meeting pinned to a table gets a pseudo participant for that table, so
// that "one meeting per table per slot" is the same rule as "one meeting
// per participant per slot". Pseudo participants follow the real ones
// (index ≥ nReal) and are ignored by caps and break counts.
type slotModel struct {
	T, L    int
	nReal   int
	nP      int
	partID  []string
	partIdx map[string]int32
	avail   []uint64 // per participant: available slots
	capOf   []int32  // per participant: cap, 0 = none
	maxRun  []int32  // per participant: most meetings in a row, 0 = any
	host    []bool
	// stretches cut the day at session boundaries; breaks are counted
	// within each (see breaks.go).
	stretches []uint64
	// spread bounds the spread of breaks (-1: none).
	spread int
	// meetings
	meetings   []Meeting // the problem's, for ids
	meetIdx    *idTable
	mOff       []int32 // mPart[mOff[i]:mOff[i+1]] are meeting i's participants
	mPart      []int32
	weight     []int64
	required   []bool
	allowed    []uint64 // slots allowed by availability, session and fixed slot
	fixedSlot  []int8   // 0-based, -1 when free
	fixedTable []int16  // 1-based, 0 when free
	// pMeet[pOff[p]:pOff[p+1]] are the meetings participant p is in.
	pOff  []int32
	pMeet []int32
}

// compileModel validates p and builds its slotModel.
func compileModel(p Problem) (*slotModel, error) {
	sessions, err := validateHeader(p)
	if err != nil {
		return nil, err
	}
	m := &slotModel{T: p.Slots, L: p.Tables, nReal: len(p.Participants), stretches: dayStretches(p.Sessions, p.Slots), spread: -1}
	if p.MaxBreakSpread != nil {
		m.spread = *p.MaxBreakSpread
	}
	if err := m.addParticipants(p); err != nil {
		return nil, err
	}
	if err := m.addMeetings(p, sessions); err != nil {
		return nil, err
	}
	m.indexParticipants()
	return m, nil
}

func (m *slotModel) addParticipants(p Problem) error {
	n := len(p.Participants)
	m.partID = make([]string, 0, n)
	m.partIdx = make(map[string]int32, n)
	m.avail = make([]uint64, 0, n)
	m.capOf = make([]int32, 0, n)
	m.host = make([]bool, 0, n)
	all := fullMask(m.T)
	for _, q := range p.Participants {
		if err := validateParticipant(p, q); err != nil {
			return err
		}
		if _, dup := m.partIdx[q.ID]; dup {
			return inputErr(q.ID, "duplicate participant")
		}
		av := all
		for _, s := range q.Unavailable {
			av &^= 1 << uint(s-1)
		}
		m.partIdx[q.ID] = int32(len(m.partID))
		m.partID = append(m.partID, q.ID)
		m.avail = append(m.avail, av)
		m.capOf = append(m.capOf, int32(q.MaxMeetings))
		m.maxRun = append(m.maxRun, int32(q.MaxConsecutive))
		m.host = append(m.host, q.Host)
	}
	return nil
}

func (m *slotModel) addMeetings(p Problem, sessions map[string]uint64) error {
	n := len(p.Meetings)
	m.meetings = p.Meetings
	m.meetIdx = newIDTable(p.Meetings)
	m.mOff = make([]int32, 1, n+1)
	m.mPart = make([]int32, 0, 2*n)
	m.weight = make([]int64, 0, n)
	m.required = make([]bool, 0, n)
	m.allowed = make([]uint64, 0, n)
	m.fixedSlot = make([]int8, 0, n)
	m.fixedTable = make([]int16, 0, n)
	tablePart := map[int]int32{}
	for k := range p.Meetings {
		mt := &p.Meetings[k]
		if err := validateMeeting(p, mt, sessions); err != nil {
			return err
		}
		if !m.meetIdx.add(int32(k)) {
			return inputErr(mt.ID, "duplicate meeting")
		}
		if err := m.addMeeting(p, mt, sessions, tablePart); err != nil {
			return err
		}
	}
	return nil
}

func (m *slotModel) addMeeting(p Problem, mt *Meeting, sessions map[string]uint64, tablePart map[int]int32) error {
	allowed := fullMask(m.T)
	if mt.Session != "" {
		allowed &= sessions[mt.Session]
	}
	if mt.FixedSlot > 0 {
		allowed &= 1 << uint(mt.FixedSlot-1)
	}
	start := len(m.mPart)
	for _, id := range mt.Participants {
		pi, ok := m.partIdx[id]
		if !ok {
			return inputErr(mt.ID, "unknown participant %q", id)
		}
		for _, q := range m.mPart[start:] {
			if q == pi {
				return inputErr(mt.ID, "participant %q listed twice", id)
			}
		}
		m.mPart = append(m.mPart, pi)
		allowed &= m.avail[pi]
	}
	if mt.FixedTable > 0 {
		m.mPart = append(m.mPart, m.tableParticipant(mt.FixedTable, tablePart))
	}
	m.mOff = append(m.mOff, int32(len(m.mPart)))
	m.weight = append(m.weight, weightOf(*mt))
	m.required = append(m.required, mt.Required || p.Objective == MinBreaks)
	m.allowed = append(m.allowed, allowed)
	m.fixedSlot = append(m.fixedSlot, int8(mt.FixedSlot-1))
	m.fixedTable = append(m.fixedTable, int16(mt.FixedTable))
	return nil
}

// tableParticipant returns the pseudo participant standing for table t.
func (m *slotModel) tableParticipant(t int, tablePart map[int]int32) int32 {
	if pi, ok := tablePart[t]; ok {
		return pi
	}
	pi := int32(len(m.partID))
	tablePart[t] = pi
	m.partID = append(m.partID, "")
	m.avail = append(m.avail, fullMask(m.T))
	m.capOf = append(m.capOf, 0)
	m.maxRun = append(m.maxRun, 0)
	m.host = append(m.host, false)
	return pi
}

// indexParticipants builds the participant → meetings lists.
func (m *slotModel) indexParticipants() {
	m.nP = len(m.partID)
	m.pOff = make([]int32, m.nP+1)
	for _, q := range m.mPart {
		m.pOff[q+1]++
	}
	for i := 1; i <= m.nP; i++ {
		m.pOff[i] += m.pOff[i-1]
	}
	m.pMeet = make([]int32, len(m.mPart))
	fill := append([]int32(nil), m.pOff[:m.nP]...)
	for i := 0; i < m.numMeetings(); i++ {
		for _, q := range m.parts(int32(i)) {
			m.pMeet[fill[q]] = int32(i)
			fill[q]++
		}
	}
}

func (m *slotModel) numMeetings() int { return len(m.weight) }

// meetID is meeting i's id.
func (m *slotModel) meetID(i int32) string { return m.meetings[i].ID }

// parts lists meeting i's participants, pseudo table participants included.
func (m *slotModel) parts(i int32) []int32 { return m.mPart[m.mOff[i]:m.mOff[i+1]] }

// meetingsOf lists the meetings participant p is in.
func (m *slotModel) meetingsOf(p int32) []int32 { return m.pMeet[m.pOff[p]:m.pOff[p+1]] }

// effCap is the most meetings participant p can hold: its cap, bounded by
// its available slots. Pseudo participants are unbounded beyond T.
func (m *slotModel) effCap(p int32) int {
	c := bits.OnesCount64(m.avail[p])
	if m.capOf[p] > 0 && int(m.capOf[p]) < c {
		c = int(m.capOf[p])
	}
	return c
}

// restrict builds the model of the meetings in list only (meeting j of
// the result is list[j]), sharing the participants: a compact model keeps
// the improvement phase's working set in cache when there are millions of
// candidate meetings but thousands of placed ones.
func (m *slotModel) restrict(list []int32) *slotModel {
	r := &slotModel{
		T: m.T, L: m.L, nReal: m.nReal, partID: m.partID, partIdx: m.partIdx,
		avail: m.avail, capOf: m.capOf, maxRun: m.maxRun, host: m.host, stretches: m.stretches, spread: m.spread,
		mOff:       make([]int32, 1, len(list)+1),
		weight:     make([]int64, len(list)),
		required:   make([]bool, len(list)),
		allowed:    make([]uint64, len(list)),
		fixedSlot:  make([]int8, len(list)),
		fixedTable: make([]int16, len(list)),
	}
	for j, i := range list {
		r.mPart = append(r.mPart, m.parts(i)...)
		r.mOff = append(r.mOff, int32(len(r.mPart)))
		r.weight[j], r.required[j], r.allowed[j] = m.weight[i], m.required[i], m.allowed[i]
		r.fixedSlot[j], r.fixedTable[j] = m.fixedSlot[i], m.fixedTable[i]
	}
	r.indexParticipants()
	return r
}
