package store

import (
	"fmt"
	"time"

	"roadshow/app"
)

// maxSlots is the solver's limit on slots per event.
const maxSlots = 64

// grid is an event's meeting slots: consecutive slots of slot_minutes with
// break_minutes between them, inside each session (or the whole event when
// it has none).
type grid struct {
	slots []app.Slot
	byKey map[int64]int // start (unix seconds) → slot number
}

func newGrid(ev *app.Event, sessions []sessionRow) (*grid, error) {
	ss := make([]*app.Session, len(sessions))
	for i := range sessions {
		ss[i] = sessions[i].domain(ev.Location())
	}
	g := &grid{slots: app.MeetingSlots(ev, ss), byKey: map[int64]int{}}
	for _, sl := range g.slots {
		g.byKey[sl.StartsAt.Unix()] = sl.Slot
	}
	if len(g.slots) == 0 {
		return nil, app.FieldError("meeting.slot_minutes", "no meeting slot fits the event's sessions")
	}
	if len(g.slots) > maxSlots {
		return nil, app.FieldError("meeting.slot_minutes", fmt.Sprintf(
			"the event has %d meeting slots or more; a schedule holds at most %d — use longer slots or shorter sessions", len(g.slots), maxSlots))
	}
	return g, nil
}

// slotAt returns the slot starting at t, or 0.
func (g *grid) slotAt(t time.Time) int { return g.byKey[t.Unix()] }

// slot returns slot n (1-based).
func (g *grid) slot(n int) app.Slot { return g.slots[n-1] }

// valid reports whether n is a slot of the grid.
func (g *grid) valid(n int) bool { return n >= 1 && n <= len(g.slots) }

// unavailable lists the slots outside a registration's availability
// (none when it gave no availability: the whole event).
func (g *grid) unavailable(av []app.Interval) []int {
	if len(av) == 0 {
		return nil
	}
	var out []int
	for _, s := range g.slots {
		if !g.fits(av, s) {
			out = append(out, s.Slot)
		}
	}
	return out
}

func (g *grid) fits(av []app.Interval, s app.Slot) bool {
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
