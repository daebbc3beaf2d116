package app

import (
	"testing"
	"time"
)

func TestMeetingSlots(t *testing.T) {
	day := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return day.Add(time.Duration(min) * time.Minute) }
	ev := &Event{StartsAt: at(0), EndsAt: at(480), TimeZone: "Asia/Shanghai", Meeting: MeetingSettings{SlotMinutes: 20, BreakMinutes: 5}}
	session := func(id int64, from, to int) *Session { return &Session{ID: id, StartsAt: at(from), EndsAt: at(to)} }
	for _, tc := range []struct {
		name     string
		sessions []*Session
		starts   []int // minutes after the day's start
	}{
		{"WholeEvent", nil, []int{0, 25, 50, 75, 100, 125, 150, 175, 200, 225, 250, 275, 300, 325, 350, 375, 400, 425, 450}},
		{"Sessions", []*Session{session(2, 240, 300), session(1, 0, 60)}, []int{0, 25, 240, 265}},
		{"SameTimes", []*Session{session(1, 0, 60), session(2, 0, 60)}, []int{0, 25}},
		{"Overlapping", []*Session{session(1, 0, 60), session(2, 30, 120)}, []int{0, 25, 55, 80}},
		{"Inside", []*Session{session(1, 0, 120), session(2, 10, 40)}, []int{0, 25, 50, 75, 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			slots := MeetingSlots(ev, tc.sessions)
			if len(slots) != len(tc.starts) {
				t.Fatalf("%d slots, want %d: %+v", len(slots), len(tc.starts), slots)
			}
			for i, s := range slots {
				if s.Slot != i+1 || !s.StartsAt.Equal(at(tc.starts[i])) || !s.EndsAt.Equal(at(tc.starts[i]+20)) {
					t.Fatalf("slot %d: %+v, want start +%d min", i+1, s, tc.starts[i])
				}
				if i > 0 && s.StartsAt.Before(slots[i-1].EndsAt) {
					t.Fatalf("slot %d overlaps slot %d", i+1, i)
				}
			}
		})
	}
}

func TestSlotFits(t *testing.T) {
	day := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return day.Add(time.Duration(min) * time.Minute) }
	slot := Slot{Slot: 1, StartsAt: at(60), EndsAt: at(80)}
	for _, tc := range []struct {
		name string
		av   []Interval
		want bool
	}{
		{"WholeEvent", nil, true},
		{"Inside", []Interval{{at(0), at(120)}}, true},
		{"Exact", []Interval{{at(60), at(80)}}, true},
		{"StartsLate", []Interval{{at(61), at(120)}}, false},
		{"EndsEarly", []Interval{{at(0), at(79)}}, false},
		{"Before", []Interval{{at(0), at(30)}}, false},
		{"SpansTwoIntervals", []Interval{{at(0), at(70)}, {at(70), at(120)}}, false},
		{"SecondInterval", []Interval{{at(0), at(30)}, {at(50), at(90)}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SlotFits(tc.av, slot); got != tc.want {
				t.Fatalf("SlotFits = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNewSlotGrid(t *testing.T) {
	day := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return day.Add(time.Duration(min) * time.Minute) }
	ev := &Event{StartsAt: at(0), EndsAt: at(120), TimeZone: "Asia/Shanghai", Meeting: MeetingSettings{SlotMinutes: 20, BreakMinutes: 10}}
	g, err := NewSlotGrid(ev, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Slots) != 4 { // 0, 30, 60, 90
		t.Fatalf("%d slots, want 4", len(g.Slots))
	}
	for _, tc := range []struct {
		at   time.Time
		want int
	}{{at(0), 1}, {at(30), 2}, {at(90), 4}, {at(20), 0}, {at(120), 0}, {at(30).In(ev.Location()), 2}} {
		if got := g.SlotAt(tc.at); got != tc.want {
			t.Errorf("SlotAt(%v) = %d, want %d", tc.at, got, tc.want)
		}
	}
	for n, want := range map[int]bool{0: false, 1: true, 4: true, 5: false, -1: false} {
		if g.Valid(n) != want {
			t.Errorf("Valid(%d) = %v", n, !want)
		}
	}
	if s := g.Slot(3); !s.StartsAt.Equal(at(60)) || s.Slot != 3 {
		t.Errorf("Slot(3) = %+v", s)
	}
	if got := g.Unavailable(nil); got != nil {
		t.Errorf("Unavailable(whole event) = %v", got)
	}
	if got := g.Unavailable([]Interval{{at(25), at(85)}}); len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("Unavailable = %v, want [1 4]", got)
	}
	t.Run("ErrNoSlot", func(t *testing.T) {
		short := *ev
		short.Meeting.SlotMinutes = 180
		if _, err := NewSlotGrid(&short, nil); ErrorFields(err)["meeting.slot_minutes"] == "" {
			t.Fatalf("err = %v, want a field error on meeting.slot_minutes", err)
		}
	})
	t.Run("ErrTooManySlots", func(t *testing.T) {
		long := *ev
		long.EndsAt = at(40 * 60) // 80 slots
		if _, err := NewSlotGrid(&long, nil); ErrorFields(err)["meeting.slot_minutes"] == "" {
			t.Fatalf("err = %v, want a field error on meeting.slot_minutes", err)
		}
	})
}
