package scheduler

import "strings"

// ReasonCode says why a meeting is not in the timetable, as reported in
// Result.Explanations. The codes are stable; callers turn them into text.
type ReasonCode string

// Reasons a meeting is left out of the timetable.
const (
	// ReasonNoCommonSlot: its participants share no slot they are all
	// free in (availability, sessions, fixed slots).
	ReasonNoCommonSlot ReasonCode = "no_common_slot"
	// ReasonCapReached: a participant has reached its cap of meetings.
	ReasonCapReached ReasonCode = "cap_reached"
	// ReasonSlotsTaken: every available slot of a participant is taken.
	ReasonSlotsTaken ReasonCode = "slots_taken"
	// ReasonNoTable: a common slot is free but every table in it is taken.
	ReasonNoTable ReasonCode = "no_table"
	// ReasonLowerValue: the meeting is worth less than the meetings chosen.
	ReasonLowerValue ReasonCode = "lower_value"
	// ReasonNoSlotLeft: the common free slots are taken by the
	// participants' other meetings.
	ReasonNoSlotLeft ReasonCode = "no_slot_left"
)

// ReasonCodes lists the Reason* codes.
var ReasonCodes = []ReasonCode{ReasonNoCommonSlot, ReasonCapReached, ReasonSlotsTaken, ReasonNoTable, ReasonLowerValue, ReasonNoSlotLeft}

// Reason explains why one meeting is not held: a code and the
// participants it names — the meeting's participants (hosts of no table
// left out) for ReasonNoCommonSlot and ReasonNoSlotLeft, the participant
// whose cap or slots ran out for ReasonCapReached and ReasonSlotsTaken,
// none otherwise.
type Reason struct {
	Code         ReasonCode
	Participants []string
}

// Text is the reason in English, as Result.Reasons reports it.
func (r Reason) Text() string {
	names := strings.Join(r.Participants, " and ")
	switch r.Code {
	case ReasonNoCommonSlot:
		return "no common free slot for " + names
	case ReasonCapReached:
		return "cap reached for " + names
	case ReasonSlotsTaken:
		return "every available slot of " + names + " taken"
	case ReasonNoTable:
		return "table capacity"
	case ReasonLowerValue:
		return "lower value than the chosen meetings"
	case ReasonNoSlotLeft:
		return "no common free slot left for " + names
	}
	return string(r.Code)
}
