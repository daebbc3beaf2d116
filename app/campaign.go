package app

import (
	"context"
	"strings"
	"time"
)

// Campaign is an edition of the Five Ones campaign.
type Campaign struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	StartsOn    string    `json:"starts_on"`    // YYYY-MM-DD
	ContactsDue string    `json:"contacts_due"` // YYYY-MM-DD
	EndsOn      string    `json:"ends_on"`      // YYYY-MM-DD
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks a campaign's fields and the order of its dates.
func (c *Campaign) Validate() error {
	var val Validation
	c.Name = strings.TrimSpace(c.Name)
	val.RequireText("name", c.Name, 200)
	for f, d := range map[string]string{"starts_on": c.StartsOn, "contacts_due": c.ContactsDue, "ends_on": c.EndsOn} {
		val.Check(ValidDate(d), f, "must be a date YYYY-MM-DD")
	}
	if val.Err() == nil {
		val.Check(c.StartsOn <= c.ContactsDue, "contacts_due", "must not be before starts_on")
		val.Check(c.ContactsDue <= c.EndsOn, "ends_on", "must not be before contacts_due")
	}
	return val.Err()
}

// Covers reports whether the campaign's dates include day (YYYY-MM-DD).
func (c *Campaign) Covers(day string) bool {
	return c.StartsOn <= day && day <= c.EndsOn
}

// OrgContact is the contact receipt (联系人回执) of a zone or a branch for a
// campaign.
type OrgContact struct {
	CampaignID  int64     `json:"campaign_id"`
	ZoneID      *int64    `json:"zone_id,omitempty"`
	BranchID    *int64    `json:"branch_id,omitempty"`
	Name        string    `json:"name"`
	Title       string    `json:"title"`
	Phone       string    `json:"phone"`
	Email       string    `json:"email"`
	SubmittedAt time.Time `json:"submitted_at"`
	OnTime      bool      `json:"on_time"`
}

// Validate checks a contact receipt.
func (c *OrgContact) Validate() error {
	var val Validation
	c.Name = strings.TrimSpace(c.Name)
	val.RequireText("name", c.Name, 50)
	val.MaxText("title", c.Title, 50)
	val.Check(c.Phone != "", "phone", "is required")
	val.Phone("phone", c.Phone)
	val.Email("email", c.Email, true)
	return val.Err()
}

// CampaignService manages campaigns and contact receipts.
type CampaignService interface {
	// CurrentCampaign returns the campaign covering today, else the latest;
	// ENOTFOUND when there is none.
	CurrentCampaign(ctx context.Context, today string) (*Campaign, error)
	FindCampaigns(ctx context.Context) ([]*Campaign, error)
	// FindCampaignByID returns ENOTFOUND.
	FindCampaignByID(ctx context.Context, id int64) (*Campaign, error)
	// CreateCampaign returns EINVALID, EFORBIDDEN, ECONFLICT (same name).
	CreateCampaign(ctx context.Context, c *Campaign) error
	// PutContact records or replaces the contact of a zone or a branch;
	// ENOTFOUND, EFORBIDDEN, EINVALID.
	PutContact(ctx context.Context, c *OrgContact) error
	// FindContact returns a zone's or a branch's contact; ENOTFOUND.
	FindContact(ctx context.Context, campaignID int64, zoneID, branchID int64) (*OrgContact, error)
}
