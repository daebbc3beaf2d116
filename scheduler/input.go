package scheduler

import (
	"fmt"
)

// MaxSlots is the largest number of slots Solve accepts: a participant's
// day is held as one 64-bit set of slots.
const MaxSlots = 64

// MaxWeight is the largest meeting weight: sums of millions of weights
// stay exact in int64.
const MaxWeight = 1 << 40

// InputError reports an invalid Problem. ID names the offending
// participant, meeting or session id, or the field ("slots", "tables",
// "objective") when the fault is not tied to an id.
type InputError struct {
	ID     string
	Reason string
}

// Error implements error.
func (e *InputError) Error() string {
	return fmt.Sprintf("scheduler: invalid input: %s: %s", e.ID, e.Reason)
}

func inputErr(id, format string, args ...any) *InputError {
	return &InputError{ID: id, Reason: fmt.Sprintf(format, args...)}
}

// Validate reports the first fault of p as an *InputError, or nil when p
// is a well-formed problem.
func Validate(p Problem) error {
	if _, err := compileModel(p); err != nil {
		return err
	}
	return nil
}

// weightOf reads a meeting's weight, 0 meaning 1.
func weightOf(m Meeting) int64 {
	if m.Weight == 0 {
		return 1
	}
	return m.Weight
}

// validateHeader checks the fields that are not tied to one participant or
// meeting, and returns each session's slot set.
func validateHeader(p Problem) (map[string]uint64, error) {
	if p.Objective != MinBreaks && p.Objective != MaxValue {
		return nil, inputErr("objective", "must be %q or %q, got %q", MinBreaks, MaxValue, p.Objective)
	}
	if p.Slots < 1 || p.Slots > MaxSlots {
		return nil, inputErr("slots", "must be within 1..%d, got %d", MaxSlots, p.Slots)
	}
	if d := p.MaxBreakSpread; d != nil && (*d < 0 || *d > MaxSlots) {
		return nil, inputErr("max_break_spread", "must be within 0..%d, got %d", MaxSlots, *d)
	}
	if p.Tables < 1 {
		return nil, inputErr("tables", "must be at least 1, got %d", p.Tables)
	}
	sessions := make(map[string]uint64, len(p.Sessions))
	for _, s := range p.Sessions {
		if s.Name == "" {
			return nil, inputErr("sessions", "a session has no name")
		}
		if _, dup := sessions[s.Name]; dup {
			return nil, inputErr(s.Name, "duplicate session")
		}
		if s.From < 1 || s.To > p.Slots || s.From > s.To {
			return nil, inputErr(s.Name, "slots %d..%d outside 1..%d", s.From, s.To, p.Slots)
		}
		sessions[s.Name] = rangeMask(s.From-1, s.To-1)
	}
	return sessions, nil
}

// rangeMask is the set of 0-based slots lo..hi.
func rangeMask(lo, hi int) uint64 {
	return fullMask(hi+1) &^ fullMask(lo)
}

// fullMask is the set of 0-based slots 0..n-1.
func fullMask(n int) uint64 {
	if n >= 64 {
		return ^uint64(0)
	}
	return uint64(1)<<uint(n) - 1
}

func validateParticipant(p Problem, q Participant) error {
	if q.ID == "" {
		return inputErr("participants", "a participant has no id")
	}
	for _, s := range q.Unavailable {
		if s < 1 || s > p.Slots {
			return inputErr(q.ID, "unavailable slot %d outside 1..%d", s, p.Slots)
		}
	}
	if q.MaxMeetings < 0 {
		return inputErr(q.ID, "negative max_meetings %d", q.MaxMeetings)
	}
	if q.MaxConsecutive < 0 {
		return inputErr(q.ID, "negative max_consecutive %d", q.MaxConsecutive)
	}
	return nil
}

func validateMeeting(p Problem, m *Meeting, sessions map[string]uint64) error {
	if m.ID == "" {
		return inputErr("meetings", "a meeting has no id")
	}
	if len(m.Participants) < 2 {
		return inputErr(m.ID, "a meeting needs at least two participants, got %d", len(m.Participants))
	}
	if m.Weight < 0 || m.Weight > MaxWeight {
		return inputErr(m.ID, "weight %d outside 0..%d", m.Weight, int64(MaxWeight))
	}
	if _, ok := sessions[m.Session]; m.Session != "" && !ok {
		return inputErr(m.ID, "unknown session %q", m.Session)
	}
	if m.FixedSlot < 0 || m.FixedSlot > p.Slots {
		return inputErr(m.ID, "fixed slot %d outside 1..%d", m.FixedSlot, p.Slots)
	}
	if m.FixedTable < 0 || m.FixedTable > p.Tables {
		return inputErr(m.ID, "fixed table %d outside 1..%d", m.FixedTable, p.Tables)
	}
	return nil
}
