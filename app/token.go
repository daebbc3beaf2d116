package app

import (
	"context"
	"time"
)

// Token is a bearer credential. Its secret is shown once, at creation, and
// stored only as a hash.
type Token struct {
	ID           int64      `json:"id"`
	Role         Role       `json:"role"`
	ZoneID       *int64     `json:"zone_id,omitempty"`
	BranchID     *int64     `json:"branch_id,omitempty"`
	EnterpriseID *int64     `json:"enterprise_id,omitempty"`
	InvestorID   *int64     `json:"investor_id,omitempty"`
	Label        string     `json:"label"`
	CreatedAt    time.Time  `json:"created_at"`
	ExpiresAt    *time.Time `json:"expires_at,omitempty"`
	LastUsedAt   *time.Time `json:"last_used_at,omitempty"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	// MintedBy is the token that created this one; nil for tokens created
	// by the system (the command line, self-registration) or the bootstrap
	// admin token.
	MintedBy *int64 `json:"minted_by,omitempty"`
}

// Validate checks that the token's scope matches its role.
func (t *Token) Validate() error {
	var val Validation
	val.Enum("role", string(t.Role), Roles)
	n := 0
	for _, p := range []*int64{t.ZoneID, t.BranchID, t.EnterpriseID, t.InvestorID} {
		if p != nil {
			n++
		}
	}
	switch t.Role {
	case RoleAdmin:
		val.Check(n == 0, "role", "an admin token has no zone, branch, enterprise or investor")
	case RoleOrganizer:
		val.Check(n == 1 && (t.ZoneID != nil || t.BranchID != nil), "zone_id", "an organizer token needs exactly one of zone_id or branch_id")
	case RoleEnterprise:
		val.Check(n == 1 && t.EnterpriseID != nil, "enterprise_id", "an enterprise token needs enterprise_id only")
	case RoleInvestor:
		val.Check(n == 1 && t.InvestorID != nil, "investor_id", "an investor token needs investor_id only")
	}
	val.MaxText("label", t.Label, 100)
	return val.Err()
}

// Principal returns the caller a token stands for.
func (t *Token) Principal() *Principal {
	return &Principal{TokenID: t.ID, Role: t.Role, ZoneID: deref(t.ZoneID), BranchID: deref(t.BranchID),
		EnterpriseID: deref(t.EnterpriseID), InvestorID: deref(t.InvestorID)}
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// MayRevokeToken reports whether p may revoke token id, whose minters,
// nearest first, are minters: admins any token; anyone else the token it
// authenticates with and the tokens that token minted, directly or through
// tokens it minted — never a sibling's.
func MayRevokeToken(p *Principal, id int64, minters []int64) bool {
	if p.IsAdmin() {
		return true
	}
	if p == nil || p.TokenID == 0 {
		return false
	}
	if id == p.TokenID {
		return true
	}
	for _, m := range minters {
		if m == p.TokenID {
			return true
		}
	}
	return false
}

// TokenService issues, checks and revokes bearer tokens.
type TokenService interface {
	// CreateToken stores a new token and returns its secret; EINVALID,
	// ENOTFOUND for an unknown scope, EFORBIDDEN.
	CreateToken(ctx context.Context, t *Token) (secret string, err error)
	// Authenticate returns the principal of a secret; EUNAUTHORIZED when it
	// is unknown, expired or revoked.
	Authenticate(ctx context.Context, secret string) (*Principal, error)
	FindTokens(ctx context.Context, p Page) (List[*Token], error)
	// RevokeToken revokes a token and, transitively, every token it
	// minted (see MayRevokeToken); ENOTFOUND, EFORBIDDEN.
	RevokeToken(ctx context.Context, id int64) error
}
