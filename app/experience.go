package app

import (
	"context"
	"strings"
	"time"
)

// Experience is a replicable experience (可复制推广的经验) written up by a
// zone or a branch.
type Experience struct {
	ID         int64     `json:"id"`
	CampaignID *int64    `json:"campaign_id"`
	ZoneID     *int64    `json:"zone_id"`
	BranchID   *int64    `json:"branch_id"`
	Title      string    `json:"title"`
	Body       string    `json:"body"` // Markdown
	Tags       []string  `json:"tags"`
	EventIDs   []int64   `json:"event_ids"`
	DealIDs    []int64   `json:"deal_ids"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks an experience's own fields.
func (x *Experience) Validate() error {
	var val Validation
	x.Title = strings.TrimSpace(x.Title)
	for _, l := range []*[]int64{&x.EventIDs, &x.DealIDs} {
		if *l == nil {
			*l = []int64{}
		}
	}
	if x.Tags == nil {
		x.Tags = []string{}
	}
	val.Check(x.ZoneID != nil || x.BranchID != nil, "zone_id", "zone_id or branch_id is required")
	val.RequireText("title", x.Title, 200)
	val.RequireMultiline("body", x.Body, 50000)
	val.Check(len(x.Tags) <= 20, "tags", "at most 20 tags")
	for _, t := range x.Tags {
		if strings.TrimSpace(t) == "" || len([]rune(t)) > 30 || !SingleLine(t) {
			val.Add("tags", "each tag is 1 to 30 characters on one line")
		}
	}
	val.Check(len(x.EventIDs) <= 50, "event_ids", "at most 50 events")
	val.Check(len(x.DealIDs) <= 200, "deal_ids", "at most 200 deals")
	return val.Err()
}

// ExperienceUpdate holds the fields of a PATCH; nil means unchanged.
type ExperienceUpdate struct {
	Title    *string   `json:"title"`
	Body     *string   `json:"body"`
	Tags     *[]string `json:"tags"`
	EventIDs *[]int64  `json:"event_ids"`
	DealIDs  *[]int64  `json:"deal_ids"`
}

// Apply copies the set fields of u onto x.
func (x *Experience) Apply(u ExperienceUpdate) {
	setIf(&x.Title, u.Title)
	setIf(&x.Body, u.Body)
	setIf(&x.Tags, u.Tags)
	setIf(&x.EventIDs, u.EventIDs)
	setIf(&x.DealIDs, u.DealIDs)
}

// ExperienceFilter selects experiences.
type ExperienceFilter struct {
	CampaignID int64
	ZoneID     int64
	BranchID   int64
	Tag        string
	Q          string // in title and body
	Page       Page
}

// ExperienceService manages experiences. They are public.
type ExperienceService interface {
	// FindExperienceByID returns ENOTFOUND.
	FindExperienceByID(ctx context.Context, id int64) (*Experience, error)
	FindExperiences(ctx context.Context, f ExperienceFilter) (List[*Experience], error)
	// CreateExperience returns EINVALID, EFORBIDDEN.
	CreateExperience(ctx context.Context, x *Experience) error
	// UpdateExperience returns ENOTFOUND, EFORBIDDEN, EINVALID.
	UpdateExperience(ctx context.Context, id int64, u ExperienceUpdate) (*Experience, error)
}
