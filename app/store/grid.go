package store

import (
	"time"

	"roadshow/app"
)

// grid is an event's meeting slots (app.SlotGrid) under the names the
// store's callers use.
type grid struct {
	*app.SlotGrid
	slots []app.Slot
}

func newGrid(ev *app.Event, sessions []sessionRow) (*grid, error) {
	ss := make([]*app.Session, len(sessions))
	for i := range sessions {
		ss[i] = sessions[i].domain(ev.Location())
	}
	g, err := app.NewSlotGrid(ev, ss)
	if err != nil {
		return nil, err
	}
	return &grid{SlotGrid: g, slots: g.Slots}, nil
}

// slotAt returns the slot starting at t, or 0.
func (g *grid) slotAt(t time.Time) int { return g.SlotAt(t) }

// slot returns slot n (1-based).
func (g *grid) slot(n int) app.Slot { return g.Slot(n) }

// valid reports whether n is a slot of the grid.
func (g *grid) valid(n int) bool { return g.Valid(n) }

// unavailable lists the slots outside a registration's availability.
func (g *grid) unavailable(av []app.Interval) []int { return g.Unavailable(av) }
