package scheduler

import (
	"fmt"
	"sort"
	"strings"
)

// CheckError lists every rule a Result breaks against its Problem.
type CheckError struct {
	Violations []string
}

// Error implements error; it names the first violations and their count.
func (e *CheckError) Error() string {
	const shown = 5
	v := e.Violations
	more := ""
	if len(v) > shown {
		more = fmt.Sprintf("; and %d more", len(v)-shown)
		v = v[:shown]
	}
	return fmt.Sprintf("scheduler: invalid schedule (%d violations): %s%s",
		len(e.Violations), strings.Join(v, "; "), more)
}

// Check verifies r against p independently of the solver. It returns nil
// when r is a valid answer, the *InputError of p when p itself is invalid,
// or a *CheckError listing every violation: a participant in two meetings
// in one slot, a slot over Tables, a table used twice in a slot, a slot or
// table out of range, an unavailable slot, a session or fixed slot/table
// not honoured, a cap exceeded, more meetings in a row than
// MaxConsecutive, a required meeting not placed without an
// infeasible status naming it, a meeting both assigned and unscheduled (or
// neither), a Value or Breaks that does not match the assignments, or an
// optimal status below the upper bound.
func Check(p Problem, r Result) error {
	if err := Validate(p); err != nil {
		return err
	}
	if v := violations(p, r); len(v) > 0 {
		return &CheckError{Violations: v}
	}
	return nil
}

// checker accumulates violations while walking a Result.
type checker struct {
	p        Problem
	meetings map[string]Meeting
	parts    map[string]Participant
	sessions map[string]Session
	placed   map[string]Assignment
	out      []string
}

func (c *checker) add(format string, args ...any) {
	c.out = append(c.out, fmt.Sprintf(format, args...))
}

func violations(p Problem, r Result) []string {
	c := &checker{
		p:        p,
		meetings: make(map[string]Meeting, len(p.Meetings)),
		parts:    make(map[string]Participant, len(p.Participants)),
		sessions: make(map[string]Session, len(p.Sessions)),
		placed:   make(map[string]Assignment, len(r.Assignments)),
	}
	for _, m := range p.Meetings {
		c.meetings[m.ID] = m
	}
	for _, q := range p.Participants {
		c.parts[q.ID] = q
	}
	for _, s := range p.Sessions {
		c.sessions[s.Name] = s
	}
	c.checkAssignments(r.Assignments)
	c.checkClashes()
	c.checkCaps()
	c.checkUnscheduled(r)
	c.checkTotals(r)
	return c.out
}

// checkAssignments checks each assignment on its own and records the
// valid-looking ones in c.placed.
func (c *checker) checkAssignments(as []Assignment) {
	for _, a := range as {
		m, ok := c.meetings[a.Meeting]
		if !ok {
			c.add("assignment of unknown meeting %q", a.Meeting)
			continue
		}
		if _, dup := c.placed[a.Meeting]; dup {
			c.add("meeting %s assigned twice", a.Meeting)
			continue
		}
		c.placed[a.Meeting] = a
		c.checkPlacement(m, a)
	}
}

func (c *checker) checkPlacement(m Meeting, a Assignment) {
	if a.Slot < 1 || a.Slot > c.p.Slots {
		c.add("meeting %s in slot %d outside 1..%d", m.ID, a.Slot, c.p.Slots)
	}
	if a.Table < 1 || a.Table > c.p.Tables {
		c.add("meeting %s at table %d outside 1..%d", m.ID, a.Table, c.p.Tables)
	}
	if m.FixedSlot > 0 && a.Slot != m.FixedSlot {
		c.add("meeting %s fixed to slot %d placed in slot %d", m.ID, m.FixedSlot, a.Slot)
	}
	if m.FixedTable > 0 && a.Table != m.FixedTable {
		c.add("meeting %s fixed to table %d placed at table %d", m.ID, m.FixedTable, a.Table)
	}
	if s, ok := c.sessions[m.Session]; m.Session != "" && ok && (a.Slot < s.From || a.Slot > s.To) {
		c.add("meeting %s of session %s placed in slot %d", m.ID, m.Session, a.Slot)
	}
	for _, id := range m.Participants {
		for _, u := range c.parts[id].Unavailable {
			if u == a.Slot {
				c.add("meeting %s in slot %d when %s is unavailable", m.ID, a.Slot, id)
			}
		}
	}
}

// checkClashes finds double-booked participants, tables and full slots.
func (c *checker) checkClashes() {
	type key struct {
		who  string
		slot int
	}
	seen := map[key]string{}
	tables := map[[2]int]string{}
	load := map[int]int{}
	for _, id := range c.sortedPlaced() {
		a := c.placed[id]
		for _, q := range c.meetings[id].Participants {
			k := key{q, a.Slot}
			if other, ok := seen[k]; ok {
				c.add("%s in meetings %s and %s in slot %d", q, other, id, a.Slot)
			}
			seen[k] = id
		}
		tk := [2]int{a.Slot, a.Table}
		if other, ok := tables[tk]; ok {
			c.add("meetings %s and %s at table %d in slot %d", other, id, a.Table, a.Slot)
		}
		tables[tk] = id
		load[a.Slot]++
	}
	for s, n := range load {
		if n > c.p.Tables {
			c.add("slot %d holds %d meetings, more than %d tables", s, n, c.p.Tables)
		}
	}
}

func (c *checker) sortedPlaced() []string {
	ids := make([]string, 0, len(c.placed))
	for id := range c.placed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (c *checker) checkCaps() {
	count := map[string]int{}
	for id := range c.placed {
		for _, q := range c.meetings[id].Participants {
			count[q]++
		}
	}
	for _, q := range c.p.Participants {
		if q.MaxMeetings > 0 && count[q.ID] > q.MaxMeetings {
			c.add("%s has %d meetings, cap %d", q.ID, count[q.ID], q.MaxMeetings)
		}
	}
	c.checkRuns()
}

// checkRuns checks that nobody has more meetings in a row than its
// MaxConsecutive.
func (c *checker) checkRuns() {
	busy := map[string]map[int]bool{}
	for id, a := range c.placed {
		for _, q := range c.meetings[id].Participants {
			if c.parts[q].MaxConsecutive > 0 {
				if busy[q] == nil {
					busy[q] = map[int]bool{}
				}
				busy[q][a.Slot] = true
			}
		}
	}
	for _, q := range c.p.Participants {
		run, longest := 0, 0
		for t := 1; t <= c.p.Slots && busy[q.ID] != nil; t++ {
			run = (run + 1) * b2i(busy[q.ID][t])
			longest = max(longest, run)
		}
		if q.MaxConsecutive > 0 && longest > q.MaxConsecutive {
			c.add("%s has %d meetings in a row, at most %d", q.ID, longest, q.MaxConsecutive)
		}
	}
}

// checkUnscheduled checks that every meeting is either placed or listed as
// unscheduled, and that unplaced required meetings make the status
// infeasible.
func (c *checker) checkUnscheduled(r Result) {
	unsched := map[string]bool{}
	for _, id := range r.Unscheduled {
		if _, ok := c.meetings[id]; !ok {
			c.add("unknown meeting %q listed as unscheduled", id)
		}
		if _, ok := c.placed[id]; ok {
			c.add("meeting %s both assigned and unscheduled", id)
		}
		unsched[id] = true
	}
	for _, m := range c.p.Meetings {
		if _, ok := c.placed[m.ID]; ok {
			continue
		}
		if !unsched[m.ID] {
			c.add("meeting %s neither assigned nor unscheduled", m.ID)
		}
		if (m.Required || c.p.Objective == MinBreaks) && r.Status != Infeasible {
			c.add("required meeting %s not placed but status is %q", m.ID, r.Status)
		}
	}
}

// checkTotals recomputes the value and the break statistics.
func (c *checker) checkTotals(r Result) {
	var value int64
	for id := range c.placed {
		value += weightOf(c.meetings[id])
	}
	if value != r.Value {
		c.add("value %d, assignments sum to %d", r.Value, value)
	}
	if r.UpperBound != 0 && r.Value > r.UpperBound {
		c.add("value %d above upper bound %d", r.Value, r.UpperBound)
	}
	if r.Status == Optimal && r.Value != r.UpperBound {
		c.add("status optimal but value %d differs from upper bound %d", r.Value, r.UpperBound)
	}
	if r.Status != Optimal && r.Status != Feasible && r.Status != Infeasible {
		c.add("unknown status %q", r.Status)
	}
	as := make([]Assignment, 0, len(c.placed))
	for _, id := range c.sortedPlaced() {
		as = append(as, c.placed[id])
	}
	if b := Breaks(c.p, as); b != r.Breaks {
		c.add("breaks %+v, assignments give %+v", r.Breaks, b)
	}
	if d := c.p.MaxBreakSpread; d != nil && r.Status == Optimal && r.Breaks.Max-r.Breaks.Min > *d {
		c.add("status optimal with a spread of breaks %d above max_break_spread %d", r.Breaks.Max-r.Breaks.Min, *d)
	}
}

// ParticipantBreaks returns, for each participant with at least two
// assigned meetings, the number of times two consecutive meetings of
// theirs are not in consecutive slots of the same stretch of the day: the
// day is cut at every session boundary, so the pause between sessions is
// never an idle gap. Assignments of unknown meetings or slots out of
// range are ignored.
func ParticipantBreaks(p Problem, as []Assignment) map[string]int {
	byID := make(map[string]Meeting, len(p.Meetings))
	for _, m := range p.Meetings {
		byID[m.ID] = m
	}
	busy := map[string]uint64{}
	count := map[string]int{}
	for _, a := range as {
		if a.Slot < 1 || a.Slot > p.Slots || a.Slot > MaxSlots {
			continue
		}
		for _, q := range byID[a.Meeting].Participants {
			busy[q] |= 1 << uint(a.Slot-1)
			count[q]++
		}
	}
	stretches := dayStretches(p.Sessions, min(p.Slots, MaxSlots))
	out := make(map[string]int, len(busy))
	for q, x := range busy {
		if count[q] >= 2 {
			out[q] = stretchBreaks(x, stretches)
		}
	}
	return out
}

// Breaks summarises ParticipantBreaks: the total, and the largest and
// smallest count over participants with at least two meetings (0 and 0
// when there are none).
func Breaks(p Problem, as []Assignment) BreakStats {
	var b BreakStats
	first := true
	for _, n := range ParticipantBreaks(p, as) {
		b.Total += n
		if first || n > b.Max {
			b.Max = n
		}
		if first || n < b.Min {
			b.Min = n
		}
		first = false
	}
	return b
}
