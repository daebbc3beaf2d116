package app

import (
	"sort"
	"strconv"
	"time"
)

// MeetingSlots lays out a matchmaking event's meeting slots: consecutive
// slots of Meeting.SlotMinutes with Meeting.BreakMinutes between them,
// inside each session in time order (or across the whole event when it has
// no sessions). Slots are numbered from 1 and shown in the event's zone;
// a slot's Session is "s" and the session id. Slots never overlap: where
// sessions overlap, a slot that would start before the end of the slot
// laid out before it is left out.
func MeetingSlots(ev *Event, sessions []*Session) []Slot {
	type span struct {
		name     string
		from, to time.Time
	}
	spans := []span{{"", ev.StartsAt, ev.EndsAt}}
	if len(sessions) > 0 {
		spans = spans[:0]
		for _, s := range sessions {
			spans = append(spans, span{"s" + strconv.FormatInt(s.ID, 10), s.StartsAt, s.EndsAt})
		}
		sort.SliceStable(spans, func(i, j int) bool { return spans[i].from.Before(spans[j].from) })
	}
	loc := ev.Location()
	length := time.Duration(ev.Meeting.SlotMinutes) * time.Minute
	step := length + time.Duration(ev.Meeting.BreakMinutes)*time.Minute
	var out []Slot
	var free time.Time // the end of the last slot laid out
	for _, sp := range spans {
		for t := sp.from; length > 0 && !t.Add(length).After(sp.to) && len(out) <= maxGridSlots; t = t.Add(step) {
			if t.Before(free) { // overlapping sessions share one timeline
				t = t.Add((free.Sub(t) - 1) / step * step) // the loop adds the last step
				continue
			}
			out = append(out, Slot{Slot: len(out) + 1, StartsAt: t.In(loc), EndsAt: t.Add(length).In(loc), Session: sp.name})
			free = t.Add(length)
		}
	}
	return out
}

// maxGridSlots stops MeetingSlots on absurd settings; the scheduler takes
// at most 64 slots and says so.
const maxGridSlots = 1000
