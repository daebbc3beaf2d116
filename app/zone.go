package app

import "context"

// Zone is a national high-tech zone (国家高新区).
type Zone struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"` // GB/T 37028 code; empty for zones listed without one
	NameZH      string `json:"name_zh"`
	ShortNameZH string `json:"short_name_zh"`
	NameEN      string `json:"name_en"`
	Province    string `json:"province"`
	City        string `json:"city"`
	BranchID    *int64 `json:"branch_id"`
}

// ZoneFilter selects zones.
type ZoneFilter struct {
	Province string
	BranchID int64
	Q        string // substring of the Chinese name or the code
	Page     Page
}

// ZoneService reads the seeded zones.
type ZoneService interface {
	// FindZoneByID returns ENOTFOUND for an unknown id.
	FindZoneByID(ctx context.Context, id int64) (*Zone, error)
	FindZones(ctx context.Context, f ZoneFilter) (List[*Zone], error)
}

// Branch is a Bank of Communications branch.
type Branch struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"` // provincial or direct
	Province string `json:"province"`
	City     string `json:"city"`
}

// BranchKinds are the kinds of branch.
var BranchKinds = []string{"provincial", "direct"}

// Validate checks a branch about to be created.
func (b *Branch) Validate(v *Vocabulary) error {
	var val Validation
	val.RequireText("name", b.Name, 100)
	if b.Kind == "" {
		b.Kind = "provincial"
	}
	val.Enum("kind", b.Kind, BranchKinds)
	val.Check(v.ValidProvince(b.Province), "province", "unknown province; use the Chinese name such as 江苏省")
	val.MaxText("city", b.City, 50)
	return val.Err()
}

// BranchFilter selects branches.
type BranchFilter struct {
	Province string
	Q        string
	Page     Page
}

// BranchService manages bank branches.
type BranchService interface {
	// FindBranchByID returns ENOTFOUND for an unknown id.
	FindBranchByID(ctx context.Context, id int64) (*Branch, error)
	FindBranches(ctx context.Context, f BranchFilter) (List[*Branch], error)
	// CreateBranch returns EINVALID, ECONFLICT for a duplicate name, EFORBIDDEN.
	CreateBranch(ctx context.Context, b *Branch) error
}
