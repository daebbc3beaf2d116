package scheduler

import (
	"fmt"
	"testing"
)

// TestSolve_CompactDay: a small event's six meetings fill the morning
// from the first slot, whatever the seed, and two investors' days both
// start at the first slot.
func TestSolve_CompactDay(t *testing.T) {
	p := Problem{Objective: MaxValue, Slots: 16, Tables: 2, Sessions: []Session{{"am", 1, 8}, {"pm", 9, 16}},
		Participants: []Participant{{ID: "i1", Host: true}, {ID: "i2", Host: true}}}
	for e := range 6 {
		id := fmt.Sprintf("e%d", e)
		p.Participants = append(p.Participants, Participant{ID: id, MaxMeetings: 1})
		inv := "i1"
		if e >= 3 {
			inv = "i2"
		}
		p.Meetings = append(p.Meetings, pair("m"+id, id, inv, int64(50+e)))
	}
	for seed := uint64(1); seed <= 8; seed++ {
		r, err := Solve(p, Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(p, r); err != nil {
			t.Fatal(err)
		}
		if len(r.Assignments) != 6 || r.Breaks.Total != 0 {
			t.Fatalf("seed %d: %d meetings, %d breaks", seed, len(r.Assignments), r.Breaks.Total)
		}
		for _, a := range r.Assignments {
			if a.Slot > 3 {
				t.Fatalf("seed %d: %v, want every meeting in slots 1–3", seed, r.Assignments)
			}
		}
	}
}

// TestCompact_KeepsPinnedAndTables: a component with a meeting pinned to
// a slot stays; another slides only as far as the tables allow.
func TestCompact_KeepsPinnedAndTables(t *testing.T) {
	p := Problem{Objective: MinBreaks, Slots: 6, Tables: 1,
		Participants: []Participant{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Meetings:     []Meeting{{ID: "m1", Participants: []string{"a", "b"}, FixedSlot: 2}, pair("m2", "c", "d", 1)}}
	m, err := compileModel(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newSlotState(m)
	st.place(0, 1)
	st.place(1, 4)
	st.compact()
	if st.slot[0] != 1 || st.slot[1] != 0 {
		t.Fatalf("slots %v, want the pinned meeting kept in slot 2 and the other moved to slot 1", st.slot)
	}
	st.unplace(1)
	st.place(1, 4)
	st.unplace(0)
	m.fixedSlot[0], m.allowed[0] = -1, fullMask(6)
	st.place(0, 3)
	st.compact()
	if st.slot[0] != 0 || st.slot[1] != 1 {
		t.Fatalf("slots %v, want both at the start, one table each slot", st.slot)
	}
}

// TestCompact_NeverAddsBreaks: an investor meeting in slots 3, 4 and 9 of
// a morning of 8 slots has no break (its afternoon meeting stands alone);
// sliding the three together would cut the afternoon one into the
// morning with a gap, so compaction pulls it alone next to the others
// and the day starts at slot 1 with no break.
func TestCompact_NeverAddsBreaks(t *testing.T) {
	p := Problem{Objective: MaxValue, Slots: 16, Tables: 2, Sessions: []Session{{"am", 1, 8}, {"pm", 9, 16}},
		Participants: []Participant{{ID: "i"}, {ID: "a"}, {ID: "b"}, {ID: "c"}},
		Meetings:     []Meeting{pair("m1", "i", "a", 1), pair("m2", "i", "b", 1), pair("m3", "i", "c", 1)}}
	m, err := compileModel(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newSlotState(m)
	st.place(0, 8)
	st.place(1, 2)
	st.place(2, 3)
	st.compact()
	if b := st.breakStats().Total; b != 0 {
		t.Fatalf("slots %v: %d breaks after compaction, want 0", st.slot, b)
	}
	for i, s := range st.slot {
		if s > 2 {
			t.Fatalf("slots %v: meeting %d in slot %d, want slots 1–3", st.slot, i, s+1)
		}
	}
}
