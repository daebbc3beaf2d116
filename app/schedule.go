package app

import (
	"context"
	"strings"
	"time"
)

// ScheduleOptions ask for a schedule.
type ScheduleOptions struct {
	DryRun      bool          `json:"dry_run"`
	Seed        uint64        `json:"seed"`
	TimeLimitMS int           `json:"time_limit_ms"`
	TimeLimit   time.Duration `json:"-"`
}

// Slot is one meeting slot of an event's grid.
type Slot struct {
	Slot     int       `json:"slot"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Session  string    `json:"session,omitempty"`
}

// PlannedMeeting is a meeting of a plan with why it was chosen.
type PlannedMeeting struct {
	MeetingID    int64     `json:"meeting_id,omitempty"`
	EnterpriseID int64     `json:"enterprise_id"`
	InvestorID   int64     `json:"investor_id"`
	Slot         int       `json:"slot"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	Table        int       `json:"table"`
	Score        int       `json:"score"`
	Value        int64     `json:"value"`
	Requested    string    `json:"requested,omitempty"` // enterprise, investor, mutual
	Pinned       bool      `json:"pinned,omitempty"`
	Booked       bool      `json:"booked,omitempty"`
}

// UnscheduledRequest is a request, pin or booking the plan could not hold.
type UnscheduledRequest struct {
	EnterpriseID int64  `json:"enterprise_id"`
	InvestorID   int64  `json:"investor_id"`
	Requested    string `json:"requested,omitempty"`
	Pinned       bool   `json:"pinned,omitempty"`
	Reason       string `json:"reason"`
	ReasonZH     string `json:"reason_zh"`
}

// Reasons a requested, pinned or booked pair is left out of a plan
// (UnscheduledRequest), as codes; UnscheduledReason gives their words.
const (
	// UnscheduledNoCommonSlot: the two sides share no free slot.
	UnscheduledNoCommonSlot = "no_common_slot"
	// UnscheduledCapReached: one side has reached its cap of meetings.
	UnscheduledCapReached = "cap_reached"
	// UnscheduledSlotsTaken: every available slot of one side is taken.
	UnscheduledSlotsTaken = "slots_taken"
	// UnscheduledNoTable: no table is free when both sides are.
	UnscheduledNoTable = "no_table"
	// UnscheduledLowerValue: the pair is worth less than the meetings
	// chosen.
	UnscheduledLowerValue = "lower_value"
	// UnscheduledNoSlotLeft: the common free slots hold the two sides'
	// other meetings.
	UnscheduledNoSlotLeft = "no_slot_left"
)

// UnscheduledReason returns the English and Chinese explanation of an
// Unscheduled* code (the code itself when unknown); parties names, in
// English ("enterprise 12"), the sides the reason is about.
func UnscheduledReason(code string, parties ...string) (en, zh string) {
	names := strings.Join(parties, " and ")
	switch code {
	case UnscheduledNoCommonSlot:
		return "no common free slot for " + names, "双方没有共同的空闲时段"
	case UnscheduledCapReached:
		return "cap reached for " + names, "一方的会谈数已达上限"
	case UnscheduledSlotsTaken:
		return "every available slot of " + names + " taken", "一方的可用时段已排满"
	case UnscheduledNoTable:
		return "table capacity", "桌位不足"
	case UnscheduledLowerValue:
		return "lower value than the meetings chosen", "价值低于已安排的会谈"
	case UnscheduledNoSlotLeft:
		return "no common free slot left for " + names, "双方没有共同的空闲时段"
	}
	return code, code
}

// Reasons an approved participant gets no meeting
// (UnservedParticipant.Code).
const (
	// UnservedNoCandidate: no counterpart scores 40 or more and nobody
	// asked for a meeting with it.
	UnservedNoCandidate = "no_candidate"
	// UnservedNoCommonSlot: no candidate is free in a slot it is free in.
	UnservedNoCommonSlot = "no_common_slot"
	// UnservedPartnersFull: every candidate it shares a free slot with
	// has reached its cap of meetings.
	UnservedPartnersFull = "partners_full"
	// UnservedSlotsTaken: the slots it shares with its candidates are
	// taken by their other meetings.
	UnservedSlotsTaken = "slots_taken"
	// UnservedNoTable: every table is taken in the slots it shares with a
	// candidate.
	UnservedNoTable = "no_table"
)

// UnservedCodes lists the Unserved* codes.
var UnservedCodes = []string{UnservedNoCandidate, UnservedNoCommonSlot, UnservedPartnersFull, UnservedSlotsTaken, UnservedNoTable}

// unservedText holds the English and Chinese words for each code.
var unservedText = map[string][2]string{
	UnservedNoCandidate:  {"no counterpart scores 40 or more and no meeting was requested", "没有匹配分达到 40 的对象，也没有会谈请求"},
	UnservedNoCommonSlot: {"no candidate is free at the same time", "与所有候选对象都没有共同的空闲时段"},
	UnservedPartnersFull: {"every candidate has reached its cap of meetings", "所有候选对象的会谈数均已达上限"},
	UnservedSlotsTaken:   {"the common free slots are taken by the candidates' other meetings", "共同的空闲时段已被候选对象的其他会谈占用"},
	UnservedNoTable:      {"no table is free when both sides are", "双方都空闲的时段没有空余桌位"},
}

// UnservedReason returns the English and Chinese explanation of an
// Unserved* code (the code itself when unknown).
func UnservedReason(code string) (en, zh string) {
	if t, ok := unservedText[code]; ok {
		return t[0], t[1]
	}
	return code, code
}

// UnservedParticipant is an approved enterprise or investor the plan
// gives no meeting, and why: Code is one of the Unserved* codes, Reason
// and ReasonZH its words.
type UnservedParticipant struct {
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
	InvestorID   int64  `json:"investor_id,omitempty"`
	Code         string `json:"code"`
	Reason       string `json:"reason"`
	ReasonZH     string `json:"reason_zh"`
}

// BreakFigures summarise idle gaps between a participant's meetings.
type BreakFigures struct {
	Total int     `json:"total"`
	Max   int     `json:"max"`
	Min   int     `json:"min"`
	Mean  float64 `json:"mean"`
}

// PlannedPitch is a pitch of a roadshow plan.
type PlannedPitch struct {
	SessionID    int64     `json:"session_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Order        int       `json:"order"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	SectorMatch  bool      `json:"sector_match"`
}

// SessionInvitation lists the investors invited to a roadshow session.
type SessionInvitation struct {
	SessionID   int64   `json:"session_id"`
	Capacity    int     `json:"capacity"`
	InvestorIDs []int64 `json:"investor_ids"`
}

// ScheduleChanges counts what a commit changed.
type ScheduleChanges struct {
	Created   int `json:"created"`
	Moved     int `json:"moved"`
	Kept      int `json:"kept"`
	Cancelled int `json:"cancelled"`
}

// SchedulePlan is a proposed (dry run) or committed schedule with its
// quality figures: Value against UpperBound (the best any schedule could
// reach), their Ratio, idle gaps, and what could not be held and why.
type SchedulePlan struct {
	EventID     int64                `json:"event_id"`
	Kind        string               `json:"kind"`
	Committed   bool                 `json:"committed"`
	Status      string               `json:"status"`
	Value       int64                `json:"value"`
	UpperBound  int64                `json:"upper_bound"`
	Ratio       float64              `json:"ratio"`
	Seconds     float64              `json:"seconds"`
	Candidates  int                  `json:"candidates"`
	Slots       []Slot               `json:"slots,omitempty"`
	Tables      int                  `json:"tables,omitempty"`
	Meetings    []PlannedMeeting     `json:"meetings,omitempty"`
	Unscheduled []UnscheduledRequest `json:"unscheduled,omitempty"`
	// Unserved lists the approved participants without any meeting.
	Unserved []UnservedParticipant `json:"unserved,omitempty"`
	Breaks   *BreakFigures         `json:"breaks,omitempty"`
	Pitches  []PlannedPitch        `json:"pitches,omitempty"`
	Sessions []SessionInvitation   `json:"sessions,omitempty"`
	Unplaced []int64               `json:"unplaced_pitchers,omitempty"`
	Changes  *ScheduleChanges      `json:"changes,omitempty"`
}

// Agenda is an event's programme as the caller may see it: sessions and
// pitches are public; meetings are the organizers' (all) or the caller's
// own.
type Agenda struct {
	Event    *Event     `json:"event"`
	Slots    []Slot     `json:"slots,omitempty"` // a matchmaking event's meeting grid
	Sessions []*Session `json:"sessions"`
	Pitches  []*Pitch   `json:"pitches"`
	Meetings []*Meeting `json:"meetings"`
}

// ScheduleService plans and commits an event's schedule.
type ScheduleService interface {
	// Schedule plans the event's meetings (matchmaking) or pitches
	// (roadshow); without DryRun it commits the plan in one transaction and
	// moves an open event to scheduled. A pair whose meeting a person
	// cancelled stays out unless pinned since. EFORBIDDEN, ECONFLICT (an
	// exchange visit, a closed or cancelled event, meetings or the grid
	// changed while planning), EINVALID (a grid of more than 64 slots, no
	// sessions for a roadshow).
	Schedule(ctx context.Context, eventID int64, o ScheduleOptions) (*SchedulePlan, error)
	// Agenda returns the event's programme as the caller may see it.
	Agenda(ctx context.Context, eventID int64) (*Agenda, error)
}
