package scheduler

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestProbeExcess(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		t.Skip()
	}
	var p Problem
	b, _ := os.ReadFile(os.Getenv("PROBE"))
	json.Unmarshal(b, &p)
	r, _ := Solve(p, Options{Seed: 1, TimeLimit: 5 * time.Second})
	m, _ := compileModel(p)
	st := newSlotState(m)
	for _, a := range r.Assignments {
		i, _ := m.meetIdx.find(a.Meeting)
		st.place(i, a.Slot-1)
	}
	lb0, tot := staticBounds(st)
	t.Logf("breaks %d bound %d", r.Breaks.Total, tot)
	for q := 0; q < m.nReal; q++ {
		br := m.breaks(st.busy[q])
		if br > int(lb0[q]) {
			s := fmt.Sprintf("p%d breaks %d lb %d busy %022b avail %022b\n", q, br, lb0[q], rev(st.busy[q], m.T), rev(m.avail[q], m.T))
			for _, i := range m.meetingsOf(int32(q)) {
				o := m.parts(i)[0]
				if o == int32(q) {
					o = m.parts(i)[1]
				}
				s += fmt.Sprintf("   m slot %2d allowed %022b partner p%d breaks %d lb %d busy %022b fixed %d\n", st.slot[i]+1, rev(m.allowed[i], m.T), o, m.breaks(st.busy[o]), lb0[o], rev(st.busy[o], m.T), m.fixedSlot[i]+1)
			}
			t.Log(s)
		}
	}
}

func rev(x uint64, T int) uint64 {
	var y uint64
	for s := 0; s < T; s++ {
		if x&(1<<uint(s)) != 0 {
			y |= 1 << uint(T-1-s)
		}
	}
	return y
}
