package app

import (
	"context"
	"time"
)

// Deal statuses: intent → approved → disbursed.
const (
	DealIntent    = "intent"
	DealApproved  = "approved"
	DealDisbursed = "disbursed"
)

// DealStatuses lists the deal statuses in order.
var DealStatuses = []string{DealIntent, DealApproved, DealDisbursed}

// CanAdvanceDeal reports whether a deal may move from one status to another:
// only forward, one or more steps.
func CanAdvanceDeal(from, to string) bool {
	return indexOf(DealStatuses, to) > indexOf(DealStatuses, from)
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// Deal is financing landed (融资产品落地) for an enterprise.
type Deal struct {
	ID           int64     `json:"id"`
	CampaignID   *int64    `json:"campaign_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	InvestorID   int64     `json:"investor_id"`
	ProductID    *int64    `json:"product_id"`
	EventID      *int64    `json:"event_id"`
	MeetingID    *int64    `json:"meeting_id"`
	Instrument   string    `json:"instrument"`
	AmountCNY    int64     `json:"amount_cny"`
	Status       string    `json:"status"`
	Date         string    `json:"date"` // YYYY-MM-DD
	Note         string    `json:"note"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks a deal's own fields; the store checks the references.
func (d *Deal) Validate(v *Vocabulary) error {
	var val Validation
	if d.Status == "" {
		d.Status = DealIntent
	}
	val.Check(d.EnterpriseID > 0, "enterprise_id", "is required")
	val.Check(d.InvestorID > 0, "investor_id", "is required")
	val.Enum("instrument", d.Instrument, Codes(v.Instruments))
	val.Check(d.AmountCNY > 0, "amount_cny", "must be > 0")
	if d.AmountCNY > 0 {
		val.Amount("amount_cny", d.AmountCNY)
	}
	val.Enum("status", d.Status, DealStatuses)
	val.Check(ValidDate(d.Date), "date", "must be a date YYYY-MM-DD")
	val.MaxMultiline("note", d.Note, 2000)
	return val.Err()
}

// DealUpdate holds the fields of a PATCH; nil means unchanged.
type DealUpdate struct {
	Status    *string `json:"status"`
	AmountCNY *int64  `json:"amount_cny"`
	Date      *string `json:"date"`
	ProductID *int64  `json:"product_id"`
	Note      *string `json:"note"`
}

// DealFilter selects deals.
type DealFilter struct {
	CampaignID   int64
	ZoneID       int64
	EnterpriseID int64
	InvestorID   int64
	EventID      int64
	Status       string
	Instrument   string
	Page         Page
}

// DealService records financing landed.
type DealService interface {
	// FindDealByID returns ENOTFOUND.
	FindDealByID(ctx context.Context, id int64) (*Deal, error)
	FindDeals(ctx context.Context, f DealFilter) (List[*Deal], error)
	// CreateDeal returns EINVALID, EFORBIDDEN.
	CreateDeal(ctx context.Context, d *Deal) error
	// UpdateDeal returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT for a
	// status moving backwards.
	UpdateDeal(ctx context.Context, id int64, u DealUpdate) (*Deal, error)
}
