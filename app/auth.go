package app

import "context"

// Role is what a bearer token may do.
type Role string

// Roles of the API.
const (
	RoleAdmin      Role = "admin"      // Torch Center staff: everything
	RoleOrganizer  Role = "organizer"  // staff of one zone or one bank branch
	RoleEnterprise Role = "enterprise" // one enterprise
	RoleInvestor   Role = "investor"   // one investor organization
)

// Roles lists the valid roles.
var Roles = []string{string(RoleAdmin), string(RoleOrganizer), string(RoleEnterprise), string(RoleInvestor)}

// Principal is the authenticated caller. A nil *Principal is anonymous.
type Principal struct {
	TokenID      int64 `json:"token_id,omitempty"`
	Role         Role  `json:"role"`
	ZoneID       int64 `json:"zone_id,omitempty"`       // organizer of a zone
	BranchID     int64 `json:"branch_id,omitempty"`     // organizer of a branch
	EnterpriseID int64 `json:"enterprise_id,omitempty"` // enterprise
	InvestorID   int64 `json:"investor_id,omitempty"`   // investor
}

// SystemPrincipal is used by the command line and background jobs, which act
// with full rights.
var SystemPrincipal = &Principal{Role: RoleAdmin}

// IsAdmin reports whether p has the admin role.
func (p *Principal) IsAdmin() bool { return p != nil && p.Role == RoleAdmin }

// IsOrganizer reports whether p is an organizer.
func (p *Principal) IsOrganizer() bool { return p != nil && p.Role == RoleOrganizer }

// IsStaff reports whether p is an admin or an organizer.
func (p *Principal) IsStaff() bool { return p.IsAdmin() || p.IsOrganizer() }

// IsEnterprise reports whether p acts for enterprise id.
func (p *Principal) IsEnterprise(id int64) bool {
	return p != nil && p.Role == RoleEnterprise && p.EnterpriseID == id
}

// IsInvestor reports whether p acts for investor id.
func (p *Principal) IsInvestor(id int64) bool {
	return p != nil && p.Role == RoleInvestor && p.InvestorID == id
}

// CoversZone reports whether p may act for a zone whose bank branch is
// zoneBranchID: admins always, a zone organizer for its own zone, a branch
// organizer for every zone its branch covers.
func (p *Principal) CoversZone(zoneID, zoneBranchID int64) bool {
	switch {
	case p.IsAdmin():
		return true
	case !p.IsOrganizer():
		return false
	case p.ZoneID != 0:
		return p.ZoneID == zoneID
	default:
		return p.BranchID != 0 && p.BranchID == zoneBranchID
	}
}

// CheckEventBranch says whether an event of a zone may carry its bank
// branch: only the branch that covers the zone (zoneBranchID, 0 for none),
// unless an admin chose another. The branch's organizers manage the event
// and read its applicants, so any other choice is refused (EINVALID).
func CheckEventBranch(p *Principal, ev *Event, zoneBranchID int64) error {
	if ev.ZoneID == nil || ev.BranchID == nil || *ev.BranchID == zoneBranchID || p.IsAdmin() {
		return nil
	}
	return FieldError("branch_id", "is not the bank branch that covers the event's zone")
}

// CanManageEvent reports whether p may change ev: admins, the organizers of
// its zone, and the organizers of its branch.
func (p *Principal) CanManageEvent(ev *Event) bool {
	switch {
	case p.IsAdmin():
		return true
	case !p.IsOrganizer():
		return false
	case p.ZoneID != 0:
		return ev.ZoneID != nil && *ev.ZoneID == p.ZoneID
	default:
		return ev.BranchID != nil && *ev.BranchID == p.BranchID
	}
}

// RequireAuth returns EUNAUTHORIZED for an anonymous caller.
func RequireAuth(p *Principal) error {
	if p == nil {
		return Errorf(EUNAUTHORIZED, "a bearer token is required")
	}
	return nil
}

// RequireAdmin returns an error unless p is an admin.
func RequireAdmin(p *Principal) error {
	if err := RequireAuth(p); err != nil {
		return err
	}
	if !p.IsAdmin() {
		return Errorf(EFORBIDDEN, "admin role required")
	}
	return nil
}

// RequireStaff returns an error unless p is an admin or an organizer.
func RequireStaff(p *Principal) error {
	if err := RequireAuth(p); err != nil {
		return err
	}
	if !p.IsStaff() {
		return Errorf(EFORBIDDEN, "organizer or admin role required")
	}
	return nil
}

type principalKey struct{}

// NewContextWithPrincipal returns a context carrying p.
func NewContextWithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFromContext returns the caller stored in ctx, or nil.
func PrincipalFromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
