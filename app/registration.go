package app

import (
	"context"
	"time"
)

// Registration roles.
const (
	RegPitcher  = "pitcher"  // an enterprise pitching at a roadshow
	RegMeeter   = "meeter"   // an enterprise asking for 1:1 meetings
	RegInvestor = "investor" // an investor taking meetings or judging pitches
	RegAttendee = "attendee" // either side, attending only
)

// Registration statuses.
const (
	RegSubmitted  = "submitted"
	RegApproved   = "approved"
	RegRejected   = "rejected"
	RegWaitlisted = "waitlisted"
	RegWithdrawn  = "withdrawn"
)

// RegistrationStatuses lists the valid registration statuses.
var RegistrationStatuses = []string{RegSubmitted, RegApproved, RegRejected, RegWaitlisted, RegWithdrawn}

// Interval is a span of time [From, To).
type Interval struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Registration is an enterprise applying to pitch or meet, or an investor
// attending an event.
type Registration struct {
	ID           int64      `json:"id"`
	EventID      int64      `json:"event_id"`
	EnterpriseID *int64     `json:"enterprise_id,omitempty"`
	InvestorID   *int64     `json:"investor_id,omitempty"`
	Role         string     `json:"role"`
	Status       string     `json:"status"`
	Availability []Interval `json:"availability"` // empty = the whole event
	Note         string     `json:"note"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Validate checks a registration against its event.
func (r *Registration) Validate(ev *Event) error {
	var val Validation
	if r.Availability == nil {
		r.Availability = []Interval{}
	}
	switch {
	case r.EnterpriseID != nil && r.InvestorID != nil:
		val.Add("enterprise_id", "give enterprise_id or investor_id, not both")
	case r.EnterpriseID != nil:
		val.Enum("role", r.Role, []string{RegPitcher, RegMeeter, RegAttendee})
	case r.InvestorID != nil:
		val.Enum("role", r.Role, []string{RegInvestor, RegAttendee})
	default:
		val.Add("enterprise_id", "enterprise_id or investor_id is required")
	}
	val.Check(len(r.Availability) <= 50, "availability", "at most 50 intervals")
	for i, iv := range r.Availability {
		f := "availability[" + itoa(i) + "]"
		val.Check(iv.To.After(iv.From), f+".to", "must be after from")
		val.Check(ev.Contains(iv.From, iv.To), f, "must lie within the event")
	}
	val.MaxMultiline("note", r.Note, 2000)
	return val.Err()
}

// RegistrationUpdate holds the fields of a PATCH; nil means unchanged.
// Organizers set approved, rejected or waitlisted; the registrant sets
// withdrawn (or submitted again after withdrawing).
type RegistrationUpdate struct {
	Status       *string     `json:"status"`
	Role         *string     `json:"role"`
	Availability *[]Interval `json:"availability"`
	Note         *string     `json:"note"`
}

// RegistrationFilter selects the registrations of an event.
type RegistrationFilter struct {
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	Role         string
	Status       string
	Page         Page
}

// RegistrationService manages registrations.
type RegistrationService interface {
	// FindRegistrationByID returns ENOTFOUND.
	FindRegistrationByID(ctx context.Context, id int64) (*Registration, error)
	// FindRegistrations lists an event's registrations: all of them for its
	// organizers, the caller's own for enterprises and investors.
	FindRegistrations(ctx context.Context, f RegistrationFilter) (List[*Registration], error)
	// CreateRegistration returns EINVALID, EFORBIDDEN, ECONFLICT (already
	// registered, registration closed, event full).
	CreateRegistration(ctx context.Context, r *Registration) error
	// UpdateRegistration returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT
	// (event full, illegal status change).
	UpdateRegistration(ctx context.Context, id int64, u RegistrationUpdate) (*Registration, error)
}
