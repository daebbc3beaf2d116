package app

import (
	"context"
	"time"
)

// Meeting statuses.
const (
	MeetingScheduled = "scheduled"
	MeetingCancelled = "cancelled"
	MeetingDone      = "done"
)

// CancelledByOrganizer marks a meeting the event's organizers (or an
// admin) cancelled; a side's cancellation is marked SideEnterprise or
// SideInvestor.
const CancelledByOrganizer = "organizer"

// Meeting outcomes, recorded by either side after the meeting.
const (
	OutcomeNone      = "none"
	OutcomeFollowUp  = "follow_up"
	OutcomeTermSheet = "term_sheet"
	OutcomeDeal      = "deal"
	OutcomeNoFit     = "no_fit"
)

// MeetingOutcomes lists the outcomes a side may record.
var MeetingOutcomes = []string{OutcomeFollowUp, OutcomeTermSheet, OutcomeDeal, OutcomeNoFit}

// Meeting sources: how a meeting came to be.
const (
	SourceSchedule = "schedule" // the organizer's schedule
	SourceBooking  = "booking"  // self-service: a proposed slot accepted
	SourceManual   = "manual"   // placed or moved by hand
)

// Booking modes of a matchmaking event.
const (
	BookingOrganizer   = "organizer"    // the organizer's schedule decides
	BookingSelfService = "self_service" // a proposed slot is booked on acceptance
	BookingHybrid      = "hybrid"       // both: bookings are kept when the organizer schedules
)

// BookingModes lists the booking modes.
var BookingModes = []string{BookingOrganizer, BookingSelfService, BookingHybrid}

// Meeting is a 1:1 meeting between an enterprise and an investor, in one
// slot at one table. UID and Sequence identify it in calendars: the UID
// never changes, the sequence rises with every significant change.
type Meeting struct {
	ID           int64     `json:"id"`
	EventID      int64     `json:"event_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	InvestorID   int64     `json:"investor_id"`
	RequestID    *int64    `json:"request_id,omitempty"`
	Slot         int       `json:"slot"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	Table        int       `json:"table"`
	Status       string    `json:"status"`
	Sequence     int       `json:"sequence"`
	UID          string    `json:"uid"`
	Source       string    `json:"source"`
	Outcome      string    `json:"outcome"`
	OutcomeNote  string    `json:"outcome_note,omitempty"`
	CancelledBy  string    `json:"cancelled_by,omitempty"` // organizer, enterprise or investor; empty when a schedule cancelled it
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Pitch is an enterprise's place in a roadshow session.
type Pitch struct {
	ID           int64     `json:"id"`
	EventID      int64     `json:"event_id"`
	SessionID    int64     `json:"session_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Order        int       `json:"order"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	Status       string    `json:"status"`
	Sequence     int       `json:"sequence"`
	UID          string    `json:"uid"`
}

// Change kinds of meetings and pitches, for notifications.
const (
	ChangeCreated   = "created"
	ChangeUpdated   = "updated"
	ChangeCancelled = "cancelled"
)

// MeetingChange is one meeting created, moved or cancelled in a
// transaction; Before is the state before an update.
type MeetingChange struct {
	Kind    string
	Meeting Meeting
	Before  *Meeting
}

// PitchChange is one pitch created, moved or cancelled in a transaction.
type PitchChange struct {
	Kind   string
	Pitch  Pitch
	Before *Pitch
}

// MeetingUpdate moves a meeting: a new slot (by number or by start time)
// and/or a new table.
type MeetingUpdate struct {
	Slot     *int       `json:"slot"`
	StartsAt *time.Time `json:"starts_at"`
	Table    *int       `json:"table"`
}

// OutcomeUpdate records how a meeting went.
type OutcomeUpdate struct {
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
}

// MeetingFilter selects an event's meetings.
type MeetingFilter struct {
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	Status       string
}

// MeetingService reads and changes meetings and pitches.
type MeetingService interface {
	// FindMeetings lists an event's meetings: all for organizers, the
	// caller's own for enterprises and investors.
	FindMeetings(ctx context.Context, f MeetingFilter) ([]*Meeting, error)
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)
	// UpdateMeeting moves a meeting (organizers); ECONFLICT when a side or
	// the table is busy at an overlapping time, EINVALID for a slot off the
	// grid.
	UpdateMeeting(ctx context.Context, id int64, u MeetingUpdate) (*Meeting, error)
	// CancelMeeting cancels a meeting (organizers and either side) and
	// records who did; the pair then stays out of later schedules until
	// the organizer pins it again.
	CancelMeeting(ctx context.Context, id int64) (*Meeting, error)
	// RecordOutcome records the outcome (either side or organizers).
	RecordOutcome(ctx context.Context, id int64, u OutcomeUpdate) (*Meeting, error)
	// FindPitches lists an event's pitches in order; they are public.
	FindPitches(ctx context.Context, eventID int64) ([]*Pitch, error)
}
