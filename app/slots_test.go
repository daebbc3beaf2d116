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
