package app

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Event kinds of the Five Ones campaign.
const (
	KindExchangeVisit = "exchange_visit" // 主任-行长面对面
	KindMatchmaking   = "matchmaking"    // 银企对接会
	KindRoadshow      = "roadshow"       // 融资路演
)

// EventKinds lists the valid event kinds.
var EventKinds = []string{KindExchangeVisit, KindMatchmaking, KindRoadshow}

// Event statuses.
const (
	StatusDraft     = "draft"
	StatusOpen      = "open"
	StatusScheduled = "scheduled"
	StatusClosed    = "closed"
	StatusCancelled = "cancelled"
)

// EventStatuses lists the valid event statuses.
var EventStatuses = []string{StatusDraft, StatusOpen, StatusScheduled, StatusClosed, StatusCancelled}

// eventTransitions lists, per status, the statuses an event may move to.
var eventTransitions = map[string][]string{
	StatusDraft:     {StatusOpen, StatusScheduled, StatusCancelled},
	StatusOpen:      {StatusDraft, StatusScheduled, StatusCancelled},
	StatusScheduled: {StatusOpen, StatusClosed, StatusCancelled},
}

// CanTransition reports whether an event may move from one status to another.
func CanTransition(from, to string) bool {
	return slices.Contains(eventTransitions[from], to)
}

// Event is an exchange visit, a matchmaking meeting or a roadshow.
type Event struct {
	ID                   int64           `json:"id"`
	Kind                 string          `json:"kind"`
	Title                string          `json:"title"`
	ZoneID               *int64          `json:"zone_id"`
	BranchID             *int64          `json:"branch_id"`
	CampaignID           *int64          `json:"campaign_id"`
	Venue                string          `json:"venue"`
	Description          string          `json:"description"`
	StartsAt             time.Time       `json:"starts_at"`
	EndsAt               time.Time       `json:"ends_at"`
	TimeZone             string          `json:"timezone"`
	Status               string          `json:"status"`
	RegistrationDeadline *time.Time      `json:"registration_deadline"`
	Capacity             int             `json:"capacity"` // approved registrations; 0 = unlimited
	ApprovedCount        int             `json:"approved_count"`
	Meeting              MeetingSettings `json:"meeting"`
	Pitch                PitchSettings   `json:"pitch"`
	Settings             EventSettings   `json:"settings"`
	CreatedAt            time.Time       `json:"created_at"`
	UpdatedAt            time.Time       `json:"updated_at"`
}

// MeetingSettings configure the 1:1 meetings of a matchmaking event.
type MeetingSettings struct {
	SlotMinutes      int `json:"slot_minutes"`
	BreakMinutes     int `json:"break_minutes"`
	Tables           int `json:"tables"`
	MaxPerEnterprise int `json:"max_per_enterprise"`
	MaxPerInvestor   int `json:"max_per_investor"`
	// MaxConsecutive gives every participant a free slot after that many
	// meetings in a row; 0 means no limit.
	MaxConsecutive int `json:"max_consecutive"`
}

// PitchSettings configure the pitches of a roadshow ("8+7").
type PitchSettings struct {
	PitchMinutes int `json:"pitch_minutes"`
	QAMinutes    int `json:"qa_minutes"`
}

// Location returns the event's time zone, UTC when it cannot be loaded.
func (e *Event) Location() *time.Location {
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// SetDefaults fills unset settings: defaultTZ, 20-minute slots with 5-minute
// breaks, 10 tables, 6 meetings per enterprise, 16 per investor, "8+7".
func (e *Event) SetDefaults(defaultTZ string) {
	e.Title = strings.TrimSpace(e.Title)
	if e.TimeZone == "" {
		e.TimeZone = defaultTZ
	}
	if e.Status == "" {
		e.Status = StatusDraft
	}
	m := &e.Meeting
	defaultInt(&m.SlotMinutes, 20)
	defaultInt(&m.BreakMinutes, 5)
	defaultInt(&m.Tables, 10)
	defaultInt(&m.MaxPerEnterprise, 6)
	defaultInt(&m.MaxPerInvestor, 16)
	defaultInt(&e.Pitch.PitchMinutes, 8)
	defaultInt(&e.Pitch.QAMinutes, 7)
}

func defaultInt(p *int, v int) {
	if *p == 0 {
		*p = v
	}
}

// Validate checks an event's fields; the store checks the zone and branch.
func (e *Event) Validate() error {
	var val Validation
	val.Enum("kind", e.Kind, EventKinds)
	val.RequireText("title", e.Title, 200)
	val.Check(e.ZoneID != nil || e.BranchID != nil, "zone_id", "zone_id or branch_id is required")
	val.MaxText("venue", e.Venue, 200)
	val.MaxMultiline("description", e.Description, 8000)
	val.Check(!e.StartsAt.IsZero(), "starts_at", "is required")
	val.Check(!e.EndsAt.IsZero(), "ends_at", "is required")
	if !e.StartsAt.IsZero() && !e.EndsAt.IsZero() {
		val.Check(e.EndsAt.After(e.StartsAt), "ends_at", "must be after starts_at")
		val.Check(e.EndsAt.Sub(e.StartsAt) <= 31*24*time.Hour, "ends_at", "an event lasts at most 31 days")
	}
	val.Check(ValidTimeZone(e.TimeZone), "timezone", "is not an IANA time zone such as Asia/Shanghai")
	val.Enum("status", e.Status, EventStatuses)
	if e.RegistrationDeadline != nil && !e.EndsAt.IsZero() {
		val.Check(!e.RegistrationDeadline.After(e.EndsAt), "registration_deadline", "must not be after ends_at")
	}
	val.Range("capacity", int64(e.Capacity), 0, 100000)
	e.Meeting.validate(&val)
	val.Range("pitch.pitch_minutes", int64(e.Pitch.PitchMinutes), 1, 120)
	val.Range("pitch.qa_minutes", int64(e.Pitch.QAMinutes), 0, 120)
	e.Settings.validate(&val)
	return val.Err()
}

func (m *MeetingSettings) validate(val *Validation) {
	val.Range("meeting.slot_minutes", int64(m.SlotMinutes), 5, 240)
	val.Range("meeting.break_minutes", int64(m.BreakMinutes), 0, 120)
	val.Range("meeting.tables", int64(m.Tables), 1, 1000)
	val.Range("meeting.max_per_enterprise", int64(m.MaxPerEnterprise), 1, 100)
	val.Range("meeting.max_per_investor", int64(m.MaxPerInvestor), 1, 200)
	val.Range("meeting.max_consecutive", int64(m.MaxConsecutive), 0, 64)
}

// Contains reports whether [from, to) lies within the event.
func (e *Event) Contains(from, to time.Time) bool {
	return !from.Before(e.StartsAt) && !to.After(e.EndsAt)
}

// EventUpdate holds the fields of a PATCH; nil means unchanged. A status
// change is checked against the allowed transitions.
type EventUpdate struct {
	Kind                 *string          `json:"kind"`
	Title                *string          `json:"title"`
	ZoneID               *int64           `json:"zone_id"`
	BranchID             *int64           `json:"branch_id"`
	Venue                *string          `json:"venue"`
	Description          *string          `json:"description"`
	StartsAt             *time.Time       `json:"starts_at"`
	EndsAt               *time.Time       `json:"ends_at"`
	TimeZone             *string          `json:"timezone"`
	Status               *string          `json:"status"`
	RegistrationDeadline *time.Time       `json:"registration_deadline"`
	Capacity             *int             `json:"capacity"`
	Meeting              *MeetingSettings `json:"meeting"`
	Pitch                *PitchSettings   `json:"pitch"`
	Settings             *EventSettings   `json:"settings"`
}

// Apply copies the set fields of u onto e, except Status, which the caller
// checks with CanTransition first.
func (e *Event) Apply(u EventUpdate) {
	setIf(&e.Kind, u.Kind)
	setIf(&e.Title, u.Title)
	if u.ZoneID != nil {
		e.ZoneID = nonZero(*u.ZoneID)
	}
	if u.BranchID != nil {
		e.BranchID = nonZero(*u.BranchID)
	}
	setIf(&e.Venue, u.Venue)
	setIf(&e.Description, u.Description)
	setIf(&e.StartsAt, u.StartsAt)
	setIf(&e.EndsAt, u.EndsAt)
	setIf(&e.TimeZone, u.TimeZone)
	if u.RegistrationDeadline != nil {
		e.RegistrationDeadline = u.RegistrationDeadline
	}
	setIf(&e.Capacity, u.Capacity)
	if u.Meeting != nil {
		e.Meeting = *u.Meeting
	}
	if u.Pitch != nil {
		e.Pitch = *u.Pitch
	}
	if u.Settings != nil {
		e.Settings = *u.Settings
	}
}

func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// EventFilter selects events.
type EventFilter struct {
	ZoneID     int64
	BranchID   int64
	CampaignID int64
	Kind       string
	Status     string
	Q          string
	From, To   *time.Time // events overlapping [From, To)
	Page       Page
}

// EventService manages events. Anonymous callers see events that are not
// drafts.
type EventService interface {
	// FindEventByID returns ENOTFOUND (also for a draft the caller may not see).
	FindEventByID(ctx context.Context, id int64) (*Event, error)
	FindEvents(ctx context.Context, f EventFilter) (List[*Event], error)
	// CreateEvent returns EINVALID, EFORBIDDEN.
	CreateEvent(ctx context.Context, e *Event) error
	// UpdateEvent returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT for an
	// illegal status transition or a change of times, slot settings or
	// tables that would move a booked meeting.
	UpdateEvent(ctx context.Context, id int64, u EventUpdate) (*Event, error)
	// CancelEvent moves the event to cancelled; ECONFLICT when it is closed
	// or already cancelled.
	CancelEvent(ctx context.Context, id int64) (*Event, error)
}
