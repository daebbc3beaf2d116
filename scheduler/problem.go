// Package scheduler decides when things happen: which 1:1 meetings are held
// and in which slot and at which table, and the pitch order of a roadshow.
//
// Everything is pure: plain structs in, plain structs out,
// standard library only, no clock and no randomness beyond an explicit seed,
// so that the same input always yields the same output.
package scheduler

// Objective names what Solve optimises.
type Objective string

// Objectives understood by Solve.
const (
	// MinBreaks schedules every meeting (all are required) and then
	// minimises the participants' idle gaps.
	MinBreaks Objective = "min_breaks"
	// MaxValue chooses the meetings to hold so that their total weight is
	// maximal under the caps (required meetings must be held), then
	// minimises idle gaps.
	MaxValue Objective = "max_value"
)

// Problem is a scheduling instance in the solver format of SCHEDULING.md.
// Slots are numbered 1..Slots; tables 1..Tables.
type Problem struct {
	Objective    Objective     `json:"objective"`
	Slots        int           `json:"slots"`
	Sessions     []Session     `json:"sessions,omitempty"`
	Tables       int           `json:"tables"`
	Participants []Participant `json:"participants"`
	Meetings     []Meeting     `json:"meetings"`
	// MaxBreakSpread, when set, bounds the spread of breaks: every
	// participant with two meetings or more has breaks within this many
	// of every other's (the fairness bound of Bofill et al.). The search
	// then minimises the total of breaks among such timetables, the spread
	// next.
	MaxBreakSpread *int `json:"max_break_spread,omitempty"`
	// ServeFirst (max_value) first gives as many participants as possible
	// at least one meeting, and only then maximises the value: nobody
	// with a candidate is left out for a few points elsewhere. The event
	// scheduler sets it.
	ServeFirst bool `json:"serve_first,omitempty"`
}

// Session is a named, contiguous range of slots, From..To inclusive.
type Session struct {
	Name string `json:"name"`
	From int    `json:"from"`
	To   int    `json:"to"`
}

// Participant is someone who attends meetings.
type Participant struct {
	ID string `json:"id"`
	// Unavailable lists the slots the participant cannot attend.
	Unavailable []int `json:"unavailable,omitempty"`
	// MaxMeetings caps the participant's meetings; 0 means no cap.
	MaxMeetings int `json:"max_meetings,omitempty"`
	// MaxConsecutive caps the meetings the participant has in a row
	// (consecutive slots) before a free slot, a rest; 0 means no cap.
	MaxConsecutive int `json:"max_consecutive,omitempty"`
	// Host marks a participant who stays at a table while others come to
	// it (an investor at a matchmaking event). The improvement phase keeps
	// a host at one table where it can.
	Host bool `json:"host,omitempty"`
}

// Meeting is a candidate or required meeting between two or more
// participants.
type Meeting struct {
	ID           string   `json:"id"`
	Participants []string `json:"participants"`
	// Weight is the value of holding the meeting; 0 is read as 1.
	Weight   int64  `json:"weight,omitempty"`
	Required bool   `json:"required,omitempty"`
	Session  string `json:"session,omitempty"`
	// FixedSlot pins the meeting to one slot; 0 means free.
	FixedSlot int `json:"fixed_slot,omitempty"`
	// FixedTable pins the meeting to one table; 0 means free.
	FixedTable int `json:"fixed_table,omitempty"`
}

// Status is the outcome class of a solve.
type Status string

// Statuses reported by Solve.
const (
	Optimal    Status = "optimal"
	Feasible   Status = "feasible"
	Infeasible Status = "infeasible"
)

// Result is the solver's answer in the format of SCHEDULING.md.
type Result struct {
	Status      Status       `json:"status"`
	Assignments []Assignment `json:"assignments"`
	Unscheduled []string     `json:"unscheduled"`
	// Reasons explains, per unscheduled meeting id, why it was not held.
	Reasons map[string]string `json:"reasons,omitempty"`
	// Explanations holds the same reasons as codes (Reason.Text is the
	// English of Reasons); it is not part of the solver's JSON format.
	Explanations map[string]Reason `json:"-"`
	// Unserved lists the participants who have candidate meetings but
	// none in the timetable, with a reason code each.
	Unserved   []Unserved `json:"unserved,omitempty"`
	Value      int64      `json:"value"`
	UpperBound int64      `json:"upper_bound"`
	Breaks     BreakStats `json:"breaks"`
	// BreaksBound is a lower bound on the total breaks of any timetable
	// of the meetings held (each participant's fewest on its own); on a
	// min_breaks problem the status is optimal only when the breaks are
	// proven least, by this bound or by a complete search.
	BreaksBound int     `json:"breaks_bound"`
	Seconds     float64 `json:"seconds"`
	// Stats reports what each phase of Solve did and how long it took.
	Stats *SolveStats `json:"stats,omitempty"`
}

// SolveStats reports the phases of a solve: wall time of selection,
// timetabling and improvement, and what placement left to improvement.
type SolveStats struct {
	SelectSeconds    float64 `json:"select_seconds"`
	TimetableSeconds float64 `json:"timetable_seconds"`
	ImproveSeconds   float64 `json:"improve_seconds"`
	// Selected counts the meetings the first selection chose.
	Selected int `json:"selected"`
	// Dropped counts chosen meetings that found no slot.
	Dropped int `json:"dropped"`
	// Added counts meetings placed after the first selection to use the
	// capacity freed by dropped ones.
	Added int `json:"added"`
	// PlacedBreaks is the total of breaks before the improvement phase.
	PlacedBreaks int `json:"placed_breaks"`
}

// Assignment places one meeting in a slot at a table.
type Assignment struct {
	Meeting string `json:"meeting"`
	Slot    int    `json:"slot"`
	Table   int    `json:"table"`
}

// BreakStats summarises idle gaps. A participant's breaks are the number of
// times two consecutive meetings of theirs are not in consecutive slots.
type BreakStats struct {
	Total int `json:"total"`
	Max   int `json:"max"`
	Min   int `json:"min"`
}
