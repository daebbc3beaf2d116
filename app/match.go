package app

import "context"

// EventSettings are an event's optional settings beyond the contract's
// columns: matching weights and request caps.
type EventSettings struct {
	Matching MatchingSettings `json:"matching"`
	Requests RequestSettings  `json:"requests"`
	// BookingMode says who places 1:1 meetings: organizer (default),
	// self_service or hybrid.
	BookingMode string `json:"booking_mode,omitempty"`
	// Reminders override the server's reminder lead times.
	Reminders ReminderSettings `json:"reminders"`
	// Schedule tunes the solver.
	Schedule ScheduleSettings `json:"schedule"`
}

// Booking returns the booking mode, organizer when unset.
func (s EventSettings) Booking() string {
	if s.BookingMode == "" {
		return BookingOrganizer
	}
	return s.BookingMode
}

// MatchingSettings override the matcher for one event. Zero values mean
// the defaults.
type MatchingSettings struct {
	// Weights of the score components; all zero means the defaults
	// (sector 30, instrument 20, region 15, amount 15, stage 10, labels 5,
	// innovation 5). Set, they must sum to 100.
	Weights          ScoreWeights `json:"weights"`
	MetBeforePenalty int          `json:"met_before_penalty"` // 0 = 20
}

// ScoreWeights are the maximum points of each score component.
type ScoreWeights struct {
	Sector     int `json:"sector"`
	Stage      int `json:"stage"`
	Amount     int `json:"amount"`
	Instrument int `json:"instrument"`
	Region     int `json:"region"`
	Labels     int `json:"labels"`
	Innovation int `json:"innovation"`
}

// IsZero reports whether no weight is set (the defaults apply).
func (w ScoreWeights) IsZero() bool { return w == ScoreWeights{} }

func (w ScoreWeights) validate(val *Validation, field string) {
	if w.IsZero() {
		return
	}
	parts := map[string]int{"sector": w.Sector, "stage": w.Stage, "amount": w.Amount, "instrument": w.Instrument,
		"region": w.Region, "labels": w.Labels, "innovation": w.Innovation}
	sum := 0
	for name, v := range parts {
		val.Check(v >= 0, field+"."+name, "must not be negative")
		sum += v
	}
	val.Check(sum == 100, field, "must sum to 100, got "+itoa(sum))
}

// RequestSettings cap the meeting requests each participant may have
// waiting for an answer. Zero values mean the defaults.
type RequestSettings struct {
	MaxOpenPerEnterprise int `json:"max_open_per_enterprise"` // 0 = 10
	MaxOpenPerInvestor   int `json:"max_open_per_investor"`   // 0 = 30
}

// Default request caps.
const (
	DefaultMaxOpenPerEnterprise = 10
	DefaultMaxOpenPerInvestor   = 30
)

// Cap returns the open-request cap of one side ("enterprise" or "investor").
func (r RequestSettings) Cap(side string) int {
	if side == SideEnterprise {
		if r.MaxOpenPerEnterprise > 0 {
			return r.MaxOpenPerEnterprise
		}
		return DefaultMaxOpenPerEnterprise
	}
	if r.MaxOpenPerInvestor > 0 {
		return r.MaxOpenPerInvestor
	}
	return DefaultMaxOpenPerInvestor
}

func (s *EventSettings) validate(val *Validation) {
	if s.BookingMode != "" {
		val.Enum("settings.booking_mode", s.BookingMode, BookingModes)
	}
	s.Matching.Weights.validate(val, "settings.matching.weights")
	val.Range("settings.matching.met_before_penalty", int64(s.Matching.MetBeforePenalty), 0, 100)
	val.Range("settings.requests.max_open_per_enterprise", int64(s.Requests.MaxOpenPerEnterprise), 0, 1000)
	val.Range("settings.requests.max_open_per_investor", int64(s.Requests.MaxOpenPerInvestor), 0, 1000)
	s.Reminders.validate(val)
	s.Schedule.validate(val)
}

// Reason is one component of a score; the points of a match's reasons add
// up to its score.
type Reason struct {
	Code   string `json:"code"`
	Points int    `json:"points"`
	TextZH string `json:"text_zh"`
	TextEN string `json:"text_en"`
}

// EligibilityRule is the outcome of one hard rule of a product.
type EligibilityRule struct {
	Rule   string `json:"rule"`
	Pass   bool   `json:"pass"`
	TextZH string `json:"text_zh"`
	TextEN string `json:"text_en"`
}

// Match is a ranked enterprise–investor pair.
type Match struct {
	EnterpriseID int64    `json:"enterprise_id"`
	InvestorID   int64    `json:"investor_id"`
	Score        int      `json:"score"`
	Pinned       bool     `json:"pinned,omitempty"`
	MetBefore    bool     `json:"met_before,omitempty"`
	Reasons      []Reason `json:"reasons"`
}

// ProductMatch is a ranked enterprise–product pair of an eligible product.
type ProductMatch struct {
	EnterpriseID int64             `json:"enterprise_id"`
	ProductID    int64             `json:"product_id"`
	InvestorID   int64             `json:"investor_id"`
	Score        int               `json:"score"`
	Reasons      []Reason          `json:"reasons"`
	Eligibility  []EligibilityRule `json:"eligibility"`
}

// ClosedProduct is a product an enterprise is not eligible for, with every
// rule so the enterprise sees why.
type ClosedProduct struct {
	ProductID   int64             `json:"product_id"`
	InvestorID  int64             `json:"investor_id"`
	Eligibility []EligibilityRule `json:"eligibility"`
}

// EnterpriseRecommendations are an enterprise's best investors and eligible
// products, and the products closed to it.
type EnterpriseRecommendations struct {
	EnterpriseID       int64           `json:"enterprise_id"`
	Investors          []Match         `json:"investors"`
	Products           []ProductMatch  `json:"products"`
	IneligibleProducts []ClosedProduct `json:"ineligible_products"`
}

// InvestorRecommendations are an investor's best enterprises.
type InvestorRecommendations struct {
	InvestorID  int64   `json:"investor_id"`
	Enterprises []Match `json:"enterprises"`
}

// MatchFilter selects the matches of an event.
type MatchFilter struct {
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	Limit        int // per list; 0 = 10
}

// RecommendationFilter scopes recommendations: to an event's registrants
// when EventID is set, else to every registered investor, product or
// enterprise.
type RecommendationFilter struct {
	EventID int64
	Limit   int
}

// MatchService ranks who should meet whom.
type MatchService interface {
	// FindMatches ranks an event's approved registrants: every enterprise's
	// investors, or one side's list. Enterprises and investors see their own
	// lists only. ENOTFOUND, EFORBIDDEN.
	FindMatches(ctx context.Context, f MatchFilter) ([]Match, error)
	// RecommendForEnterprise returns ENOTFOUND, EFORBIDDEN.
	RecommendForEnterprise(ctx context.Context, enterpriseID int64, f RecommendationFilter) (*EnterpriseRecommendations, error)
	// RecommendForInvestor returns ENOTFOUND, EFORBIDDEN.
	RecommendForInvestor(ctx context.Context, investorID int64, f RecommendationFilter) (*InvestorRecommendations, error)
}
