package app

import (
	"context"
	"time"
)

// Sides of a meeting request.
const (
	SideEnterprise = "enterprise"
	SideInvestor   = "investor"
)

// Meeting request statuses.
const (
	RequestPending   = "pending"
	RequestAccepted  = "accepted"
	RequestDeclined  = "declined"
	RequestWithdrawn = "withdrawn"
)

// RequestStatuses lists the request statuses.
var RequestStatuses = []string{RequestPending, RequestAccepted, RequestDeclined, RequestWithdrawn}

// MeetingRequest is one side asking the other for a 1:1 meeting at an
// event.
type MeetingRequest struct {
	ID            int64      `json:"id"`
	EventID       int64      `json:"event_id"`
	From          string     `json:"from"` // enterprise or investor
	EnterpriseID  int64      `json:"enterprise_id"`
	InvestorID    int64      `json:"investor_id"`
	Priority      int        `json:"priority"` // 1 high – 3 low
	Status        string     `json:"status"`
	Note          string     `json:"note"`
	ProposedStart *time.Time `json:"proposed_start,omitempty"` // self-service booking: a slot start
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Validate checks a new request's own fields.
func (r *MeetingRequest) Validate() error {
	var val Validation
	if r.Priority == 0 {
		r.Priority = 2
	}
	val.Enum("from", r.From, []string{SideEnterprise, SideInvestor})
	val.Check(r.EnterpriseID > 0, "enterprise_id", "is required")
	val.Check(r.InvestorID > 0, "investor_id", "is required")
	val.Range("priority", int64(r.Priority), 1, 3)
	val.MaxMultiline("note", r.Note, 1000)
	return val.Err()
}

// Recipient returns the side that answers the request.
func (r *MeetingRequest) Recipient() string {
	if r.From == SideEnterprise {
		return SideInvestor
	}
	return SideEnterprise
}

// MeetingRequestFilter selects an event's requests.
type MeetingRequestFilter struct {
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	Status       string
	Page         Page
}

// Pair rules an organizer sets.
const (
	PairPin    = "pin"
	PairForbid = "forbid"
)

// PairRule pins (must meet) or forbids a pair at an event.
type PairRule struct {
	ID           int64  `json:"id"`
	EventID      int64  `json:"event_id"`
	EnterpriseID int64  `json:"enterprise_id"`
	InvestorID   int64  `json:"investor_id"`
	Rule         string `json:"rule"` // pin or forbid
	Note         string `json:"note"`
}

// MeetingRequestService handles requests and organizers' pair rules.
type MeetingRequestService interface {
	// CreateMeetingRequest returns EINVALID, EFORBIDDEN, ECONFLICT (same pair
	// and direction, not an approved registrant, forbidden pair),
	// ETOOMANY (over the open-request cap).
	CreateMeetingRequest(ctx context.Context, r *MeetingRequest) error
	FindMeetingRequestByID(ctx context.Context, id int64) (*MeetingRequest, error)
	FindMeetingRequests(ctx context.Context, f MeetingRequestFilter) (List[*MeetingRequest], error)
	// AnswerMeetingRequest moves a pending request to accepted, declined
	// (the recipient) or withdrawn (the sender); ECONFLICT when it is not
	// pending.
	AnswerMeetingRequest(ctx context.Context, id int64, status string) (*MeetingRequest, error)
	// PutPairRule pins or forbids a pair (organizers); ECONFLICT when a
	// rule already exists for the pair.
	PutPairRule(ctx context.Context, r *PairRule) error
	FindPairRules(ctx context.Context, eventID int64) ([]*PairRule, error)
	DeletePairRule(ctx context.Context, id int64) error
}
