package app

import "time"

// Access rules: who may see and change what. They take domain values only;
// the store loads those values (an enterprise's zone and the zone's bank
// branch, the event of a deal…) and applies the answer.

// IsParty reports whether p is the enterprise or the investor named (a nil
// id names nobody).
func (p *Principal) IsParty(enterpriseID, investorID *int64) bool {
	return (enterpriseID != nil && p.IsEnterprise(*enterpriseID)) || (investorID != nil && p.IsInvestor(*investorID))
}

// SeesEvent reports whether p may see ev: every published event, and
// drafts only for those who manage them.
func SeesEvent(p *Principal, ev *Event) bool {
	return ev.Status != StatusDraft || p.CanManageEvent(ev)
}

// SeesPair reports whether p may see what concerns one enterprise and one
// investor at ev (a meeting, a meeting request): both sides and the
// event's organizers.
func SeesPair(p *Principal, ev *Event, enterpriseID, investorID int64) bool {
	return p.CanManageEvent(ev) || p.IsEnterprise(enterpriseID) || p.IsInvestor(investorID)
}

// PartyScope is the part of an event's meetings or meeting requests a
// caller sees: all of them, or those of one enterprise or one investor.
type PartyScope struct {
	All          bool
	EnterpriseID int64 // when not 0: this enterprise's only
	InvestorID   int64 // when not 0: this investor's only
}

// EventPartyScope returns what p sees of an event's meetings or meeting
// requests: all of them for those who manage the event, their own for an
// enterprise or an investor; EFORBIDDEN for others.
func EventPartyScope(p *Principal, ev *Event) (PartyScope, error) {
	switch {
	case p.CanManageEvent(ev):
		return PartyScope{All: true}, nil
	case p != nil && p.Role == RoleEnterprise:
		return PartyScope{EnterpriseID: p.EnterpriseID}, nil
	case p != nil && p.Role == RoleInvestor:
		return PartyScope{InvestorID: p.InvestorID}, nil
	}
	return PartyScope{}, Errorf(EFORBIDDEN, "you do not manage event %d", ev.ID)
}

// ScopeMatchFilter limits an enterprise or an investor to its own matches
// (filling f with its id); the event's organizers see every match.
// EFORBIDDEN for any other request.
func ScopeMatchFilter(p *Principal, ev *Event, f *MatchFilter) error {
	switch {
	case p.CanManageEvent(ev):
		return nil
	case p == nil:
	case p.Role == RoleEnterprise && (f.EnterpriseID == 0 || f.EnterpriseID == p.EnterpriseID) && f.InvestorID == 0:
		f.EnterpriseID = p.EnterpriseID
		return nil
	case p.Role == RoleInvestor && (f.InvestorID == 0 || f.InvestorID == p.InvestorID) && f.EnterpriseID == 0:
		f.InvestorID = p.InvestorID
		return nil
	}
	return Errorf(EFORBIDDEN, "you may only see your own matches")
}

// MayAnswerRequest checks who may move a pending meeting request to
// status: the recipient accepts or declines, the sender withdraws, the
// event's organizers may do all three. ECONFLICT when the request is no
// longer pending, EFORBIDDEN for the wrong side, EINVALID for another
// status.
func MayAnswerRequest(p *Principal, ev *Event, r *MeetingRequest, status string) error {
	if r.Status != RequestPending {
		return Errorf(ECONFLICT, "meeting request %d is %s, not pending", r.ID, r.Status)
	}
	sender := (r.From == SideEnterprise && p.IsEnterprise(r.EnterpriseID)) ||
		(r.From == SideInvestor && p.IsInvestor(r.InvestorID))
	recipient := (r.From == SideEnterprise && p.IsInvestor(r.InvestorID)) ||
		(r.From == SideInvestor && p.IsEnterprise(r.EnterpriseID))
	switch status {
	case RequestWithdrawn:
		if sender || p.CanManageEvent(ev) {
			return nil
		}
		return Errorf(EFORBIDDEN, "only the sender may withdraw a request")
	case RequestAccepted, RequestDeclined:
		if recipient || p.CanManageEvent(ev) {
			return nil
		}
		return Errorf(EFORBIDDEN, "only the recipient may %s a request", map[string]string{
			RequestAccepted: "accept", RequestDeclined: "decline"}[status])
	}
	return FieldError("status", "must be accepted, declined or withdrawn")
}

// MayApply checks a registration for ev at now: the event's organizers
// register anyone until it closes; an enterprise or an investor registers
// itself while the event is open and before its deadline.
func MayApply(p *Principal, ev *Event, x *Registration, now time.Time) error {
	if p.CanManageEvent(ev) {
		if ev.Status == StatusClosed || ev.Status == StatusCancelled {
			return Errorf(ECONFLICT, "event %d is %s", ev.ID, ev.Status)
		}
		return nil
	}
	if !p.IsParty(x.EnterpriseID, x.InvestorID) {
		return Errorf(EFORBIDDEN, "you may only register your own organization")
	}
	if ev.Status != StatusOpen {
		return Errorf(ECONFLICT, "registration for event %d is not open (status %s)", ev.ID, ev.Status)
	}
	if ev.RegistrationDeadline != nil && !now.Before(*ev.RegistrationDeadline) {
		return Errorf(ECONFLICT, "the registration deadline of event %d has passed", ev.ID)
	}
	return nil
}

// MayRegister allows staff to register enterprises and investors, and
// anonymous callers when self-registration is open.
func MayRegister(p *Principal, open bool) error {
	switch {
	case p == nil && open:
		return nil
	case p == nil:
		return Errorf(EUNAUTHORIZED, "registration is closed; ask an organizer for an account")
	case p.IsStaff():
		return nil
	default:
		return Errorf(EFORBIDDEN, "enterprises and investors cannot register other organizations")
	}
}

// MayEditInvestor allows admins and the investor itself.
func MayEditInvestor(p *Principal, id int64) error {
	if err := RequireAuth(p); err != nil {
		return err
	}
	if p.IsAdmin() || p.IsInvestor(id) {
		return nil
	}
	return Errorf(EFORBIDDEN, "you may not change investor %d", id)
}

// MayEditEnterprise allows admins, the enterprise itself and the
// organizers covering its zone (zoneBranchID is the zone's bank branch).
func MayEditEnterprise(p *Principal, id, zoneID, zoneBranchID int64) error {
	if err := RequireAuth(p); err != nil {
		return err
	}
	if p.IsAdmin() || p.IsEnterprise(id) || p.CoversZone(zoneID, zoneBranchID) {
		return nil
	}
	return Errorf(EFORBIDDEN, "you may not change enterprise %d", id)
}

// SeesEnterprise reports whether p may see an enterprise's private fields:
// admins, the enterprise itself, the organizers covering its zone and,
// when registered says the enterprise registered for an event p manages,
// that event's organizers.
func SeesEnterprise(p *Principal, id, zoneID, zoneBranchID int64, registered bool) bool {
	switch {
	case p.IsAdmin() || p.IsEnterprise(id):
		return true
	case !p.IsOrganizer():
		return false
	}
	return p.CoversZone(zoneID, zoneBranchID) || registered
}

// MayRecordDeal allows admins, both sides of the deal, the organizers
// covering the deal's zone and the organizers of its event (ev, nil when
// the deal names none or it cannot be read).
func MayRecordDeal(p *Principal, d *Deal, zoneID, zoneBranchID int64, ev *Event) error {
	if p.IsAdmin() || p.IsEnterprise(d.EnterpriseID) || p.IsInvestor(d.InvestorID) {
		return nil
	}
	if p.IsOrganizer() && (p.CoversZone(zoneID, zoneBranchID) || (ev != nil && p.CanManageEvent(ev))) {
		return nil
	}
	return Errorf(EFORBIDDEN, "you may not record deals of enterprise %d", d.EnterpriseID)
}

// MayActForZone allows admins and the organizers covering the zone.
func MayActForZone(p *Principal, zoneID, zoneBranchID int64) error {
	if err := RequireStaff(p); err != nil {
		return err
	}
	if p.CoversZone(zoneID, zoneBranchID) {
		return nil
	}
	return Errorf(EFORBIDDEN, "zone %d is not yours", zoneID)
}

// MayActForBranch allows admins and the organizers of the bank branch.
func MayActForBranch(p *Principal, branchID int64) error {
	if err := RequireStaff(p); err != nil {
		return err
	}
	if p.IsAdmin() || p.BranchID == branchID {
		return nil
	}
	return Errorf(EFORBIDDEN, "branch %d is not yours", branchID)
}

// SeesInvestor reports whether p may see an investor's contacts: admins,
// the investor itself and, when registered says the investor registered
// for an event p manages, that event's organizers.
func SeesInvestor(p *Principal, id int64, registered bool) bool {
	return p.IsAdmin() || p.IsInvestor(id) || (p.IsOrganizer() && registered)
}

// SeesNotification reports whether p may see an outbox row about ev (nil
// when the row concerns no event): admins every row, organizers the rows
// of the events they manage.
func SeesNotification(p *Principal, ev *Event) bool {
	return p.IsAdmin() || (ev != nil && p.IsOrganizer() && p.CanManageEvent(ev))
}

// SeesToken reports whether p may see token t: admins every token, others
// the tokens of exactly their own role and organization.
func SeesToken(p *Principal, t *Token) bool {
	if p.IsAdmin() {
		return true
	}
	return p != nil && t.Role == p.Role && idOf(t.ZoneID) == p.ZoneID && idOf(t.BranchID) == p.BranchID &&
		idOf(t.EnterpriseID) == p.EnterpriseID && idOf(t.InvestorID) == p.InvestorID
}

func idOf(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}
