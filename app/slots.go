package app

import (
	"fmt"
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

// MaxScheduleSlots is the scheduler's limit on meeting slots per event.
const MaxScheduleSlots = 64

// SlotGrid is an event's meeting slots (MeetingSlots) with a look-up by
// start time.
type SlotGrid struct {
	Slots []Slot
	byKey map[int64]int // start (unix seconds) → slot number
}

// NewSlotGrid lays out an event's meeting slots; EINVALID on
// meeting.slot_minutes when none fits its sessions or there are more than
// MaxScheduleSlots.
func NewSlotGrid(ev *Event, sessions []*Session) (*SlotGrid, error) {
	g := &SlotGrid{Slots: MeetingSlots(ev, sessions), byKey: map[int64]int{}}
	for _, sl := range g.Slots {
		g.byKey[sl.StartsAt.Unix()] = sl.Slot
	}
	if len(g.Slots) == 0 {
		return nil, FieldError("meeting.slot_minutes", "no meeting slot fits the event's sessions")
	}
	if len(g.Slots) > MaxScheduleSlots {
		return nil, FieldError("meeting.slot_minutes", fmt.Sprintf(
			"the event has %d meeting slots or more; a schedule holds at most %d — use longer slots or shorter sessions", len(g.Slots), MaxScheduleSlots))
	}
	return g, nil
}

// SlotAt returns the number of the slot starting at t, or 0.
func (g *SlotGrid) SlotAt(t time.Time) int { return g.byKey[t.Unix()] }

// Slot returns slot n (1-based; n must be Valid).
func (g *SlotGrid) Slot(n int) Slot { return g.Slots[n-1] }

// Valid reports whether n is a slot of the grid.
func (g *SlotGrid) Valid(n int) bool { return n >= 1 && n <= len(g.Slots) }

// Unavailable lists the slots outside an availability (none when it is
// empty: the whole event).
func (g *SlotGrid) Unavailable(av []Interval) []int {
	if len(av) == 0 {
		return nil
	}
	var out []int
	for _, s := range g.Slots {
		if !SlotFits(av, s) {
			out = append(out, s.Slot)
		}
	}
	return out
}

// SlotFits reports whether slot s lies wholly inside one interval of an
// availability; an empty availability is the whole event and fits every
// slot.
func SlotFits(av []Interval, s Slot) bool {
	if len(av) == 0 {
		return true
	}
	for _, iv := range av {
		if !s.StartsAt.Before(iv.From) && !s.EndsAt.After(iv.To) {
			return true
		}
	}
	return false
}
