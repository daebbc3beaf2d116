package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"roadshow/app"
	"roadshow/matching"
)

type meetingRequestRow struct {
	ID            int64 `gorm:"primaryKey"`
	EventID       int64
	FromSide      string
	EnterpriseID  int64
	InvestorID    int64
	Priority      int
	Status        string
	Note          string
	ProposedStart *time.Time
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
}

func (meetingRequestRow) TableName() string { return "meeting_requests" }

func (r *meetingRequestRow) domain(loc *time.Location) *app.MeetingRequest {
	out := &app.MeetingRequest{ID: r.ID, EventID: r.EventID, From: r.FromSide, EnterpriseID: r.EnterpriseID,
		InvestorID: r.InvestorID, Priority: r.Priority, Status: r.Status, Note: r.Note, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.ProposedStart != nil {
		t := r.ProposedStart.In(loc)
		out.ProposedStart = &t
	}
	return out
}

type pairRuleRow struct {
	ID           int64 `gorm:"primaryKey"`
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	Rule         string
	Note         string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
}

func (pairRuleRow) TableName() string { return "pair_rules" }

var _ app.MeetingRequestService = (*Store)(nil)

// CreateMeetingRequest records a request from the caller's side. Both sides
// must be approved registrants of the event; a forbidden pair is refused;
// the sender's open requests are capped (ETOOMANY), counted under a lock on
// the sender's registration so that concurrent requests cannot pass it.
func (s *Store) CreateMeetingRequest(ctx context.Context, r *app.MeetingRequest) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	if err := fillRequestSide(p, r); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		ev, err := s.visibleEvent(tx, p, r.EventID)
		if err != nil {
			return err
		}
		if err := s.checkRequestable(tx, p, ev, r); err != nil {
			return err
		}
		now := s.now()
		row := meetingRequestRow{EventID: r.EventID, FromSide: r.From, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID,
			Priority: r.Priority, Status: app.RequestPending, Note: r.Note, CreatedAt: now, UpdatedAt: now}
		if r.ProposedStart != nil {
			t := utc(*r.ProposedStart)
			row.ProposedStart = &t
		}
		if err := tx.Create(&row).Error; err != nil {
			return translate(err)
		}
		*r = *row.domain(ev.Location())
		return s.checkProposedSlot(tx, ev, r)
	})
}

// fillRequestSide sets the sender from the caller: an enterprise or an
// investor always sends as itself; organizers must say who sends.
func fillRequestSide(p *app.Principal, r *app.MeetingRequest) error {
	switch p.Role {
	case app.RoleEnterprise:
		if r.EnterpriseID != 0 && r.EnterpriseID != p.EnterpriseID {
			return app.Errorf(app.EFORBIDDEN, "you may only request meetings for your own enterprise")
		}
		r.From, r.EnterpriseID = app.SideEnterprise, p.EnterpriseID
	case app.RoleInvestor:
		if r.InvestorID != 0 && r.InvestorID != p.InvestorID {
			return app.Errorf(app.EFORBIDDEN, "you may only request meetings for your own organization")
		}
		r.From, r.InvestorID = app.SideInvestor, p.InvestorID
	}
	return nil
}

func (s *Store) checkRequestable(tx *gorm.DB, p *app.Principal, ev *app.Event, r *app.MeetingRequest) error {
	if p.IsStaff() && !p.CanManageEvent(ev) {
		return app.Errorf(app.EFORBIDDEN, "you do not manage event %d", ev.ID)
	}
	if ev.Status != app.StatusOpen && ev.Status != app.StatusScheduled {
		return app.Errorf(app.ECONFLICT, "event %d does not take meeting requests (status %s)", ev.ID, ev.Status)
	}
	sender, err := s.approvedRegistration(tx, ev.ID, r.From, r.EnterpriseID, r.InvestorID, true)
	if err != nil {
		return err
	}
	if _, err := s.approvedRegistration(tx, ev.ID, r.Recipient(), r.EnterpriseID, r.InvestorID, false); err != nil {
		return err
	}
	var rule pairRuleRow
	err = tx.Where("event_id = ? AND enterprise_id = ? AND investor_id = ? AND rule = ?", ev.ID, r.EnterpriseID, r.InvestorID, app.PairForbid).
		First(&rule).Error
	if err == nil {
		return app.Errorf(app.ECONFLICT, "the organizer has ruled out a meeting between these two")
	} else if !isNotFound(err) {
		return translate(err)
	}
	return s.checkRequestCap(tx, ev, r, sender)
}

// approvedRegistration finds a side's approved registration; with lock it
// is locked for the rest of the transaction.
func (s *Store) approvedRegistration(tx *gorm.DB, eventID int64, side string, entID, invID int64, lock bool) (*registrationRow, error) {
	q := tx.Where("event_id = ? AND status = ?", eventID, app.RegApproved)
	if side == app.SideEnterprise {
		q = q.Where("enterprise_id = ? AND role IN ?", entID, []string{app.RegMeeter, app.RegPitcher})
	} else {
		q = q.Where("investor_id = ? AND role = ?", invID, app.RegInvestor)
	}
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var reg registrationRow
	if err := q.First(&reg).Error; err != nil {
		if isNotFound(err) {
			return nil, app.Errorf(app.ECONFLICT, "the %s is not an approved participant of event %d", side, eventID)
		}
		return nil, translate(err)
	}
	return &reg, nil
}

func (s *Store) checkRequestCap(tx *gorm.DB, ev *app.Event, r *app.MeetingRequest, sender *registrationRow) error {
	col, id := "enterprise_id", r.EnterpriseID
	if r.From == app.SideInvestor {
		col, id = "investor_id", r.InvestorID
	}
	var open int64
	err := tx.Model(&meetingRequestRow{}).Where("event_id = ? AND from_side = ? AND status = ? AND "+col+" = ?",
		ev.ID, r.From, app.RequestPending, id).Count(&open).Error
	if err != nil {
		return translate(err)
	}
	if limit := ev.Settings.Requests.Cap(r.From); int(open) >= limit {
		return app.Errorf(app.ETOOMANY, "you have %d meeting requests waiting for an answer; the event allows %d — withdraw one or wait for answers", open, limit)
	}
	return nil
}

func (s *Store) meetingRequest(db *gorm.DB, id int64) (*meetingRequestRow, error) {
	var r meetingRequestRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("meeting request")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// FindMeetingRequestByID returns a request to either side and the organizers.
func (s *Store) FindMeetingRequestByID(ctx context.Context, id int64) (*app.MeetingRequest, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	r, err := s.meetingRequest(db, id)
	if err != nil {
		return nil, err
	}
	ev, err := s.visibleEvent(db, p, r.EventID)
	if err != nil || !app.SeesPair(p, ev, r.EnterpriseID, r.InvestorID) {
		return nil, firstErr(err, errNotFound("meeting request"))
	}
	return r.domain(ev.Location()), nil
}

// FindMeetingRequests lists an event's requests: all for organizers, those
// involving the caller otherwise.
func (s *Store) FindMeetingRequests(ctx context.Context, f app.MeetingRequestFilter) (app.List[*app.MeetingRequest], error) {
	var none app.List[*app.MeetingRequest]
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return none, err
	}
	db := s.conn(ctx)
	ev, err := s.visibleEvent(db, p, f.EventID)
	if err != nil {
		return none, err
	}
	sc, err := app.EventPartyScope(p, ev)
	if err != nil {
		return none, err
	}
	q := whereParty(db.Model(&meetingRequestRow{}).Where("event_id = ?", ev.ID), sc)
	for col, v := range map[string]int64{"enterprise_id": f.EnterpriseID, "investor_id": f.InvestorID} {
		if v != 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var rows []meetingRequestRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return none, translate(err)
	}
	loc := ev.Location()
	return listOf(rows, f.Page, func(r *meetingRequestRow) int64 { return r.ID },
		func(r *meetingRequestRow) *app.MeetingRequest { return r.domain(loc) }), nil
}

// AnswerMeetingRequest accepts, declines (the recipient) or withdraws (the
// sender) a pending request. The update is conditional on the request
// still being pending, so two answers cannot both win.
func (s *Store) AnswerMeetingRequest(ctx context.Context, id int64, status string) (*app.MeetingRequest, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	var out *app.MeetingRequest
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.meetingRequest(tx, id)
		if err != nil {
			return err
		}
		ev, err := s.visibleEvent(tx, p, r.EventID)
		if err != nil || !app.SeesPair(p, ev, r.EnterpriseID, r.InvestorID) {
			return firstErr(err, errNotFound("meeting request"))
		}
		if err := app.MayAnswerRequest(p, ev, r.domain(ev.Location()), status); err != nil {
			return err
		}
		res := tx.Model(&meetingRequestRow{}).Where("id = ? AND status = ?", id, app.RequestPending).
			Updates(map[string]any{"status": status, "updated_at": s.now()})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return app.Errorf(app.ECONFLICT, "meeting request %d is no longer pending", id)
		}
		r.Status, r.UpdatedAt = status, s.now()
		out = r.domain(ev.Location())
		return s.bookAcceptedRequest(tx, ev, out)
	})
	return out, err
}

// PutPairRule pins or forbids a pair at an event the caller manages.
func (s *Store) PutPairRule(ctx context.Context, r *app.PairRule) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return err
	}
	var val app.Validation
	val.Enum("rule", r.Rule, []string{app.PairPin, app.PairForbid})
	val.Check(r.EnterpriseID > 0, "enterprise_id", "is required")
	val.Check(r.InvestorID > 0, "investor_id", "is required")
	val.MaxText("note", r.Note, 500)
	if err := val.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.editableEvent(tx, p, r.EventID); err != nil {
			return err
		}
		if err := s.checkParty(tx, &app.Registration{EnterpriseID: &r.EnterpriseID, InvestorID: &r.InvestorID}); err != nil {
			return err
		}
		row := pairRuleRow{EventID: r.EventID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID, Rule: r.Rule,
			Note: r.Note, CreatedAt: s.now()}
		if err := tx.Create(&row).Error; err != nil {
			return translate(err)
		}
		r.ID = row.ID
		return nil
	})
}

// FindPairRules lists an event's pair rules for its organizers.
func (s *Store) FindPairRules(ctx context.Context, eventID int64) ([]*app.PairRule, error) {
	p := app.PrincipalFromContext(ctx)
	db := s.conn(ctx)
	if _, err := s.managedEvent(db, p, eventID); err != nil {
		return nil, err
	}
	var rows []pairRuleRow
	if err := db.Where("event_id = ?", eventID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.PairRule, len(rows))
	for i, r := range rows {
		out[i] = &app.PairRule{ID: r.ID, EventID: r.EventID, EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID, Rule: r.Rule, Note: r.Note}
	}
	return out, nil
}

// DeletePairRule removes a pair rule of an event the caller manages.
func (s *Store) DeletePairRule(ctx context.Context, id int64) error {
	p := app.PrincipalFromContext(ctx)
	return s.tx(ctx, func(tx *gorm.DB) error {
		var r pairRuleRow
		if err := tx.First(&r, id).Error; isNotFound(err) {
			return errNotFound("pair rule")
		} else if err != nil {
			return translate(err)
		}
		if _, err := s.editableEvent(tx, p, r.EventID); err != nil {
			return err
		}
		return translate(tx.Delete(&pairRuleRow{}, id).Error)
	})
}

// metBefore lists the pairs that had an accepted meeting request at an
// event that started before this one.
func (s *Store) metBefore(db *gorm.DB, ev *app.Event) ([]matching.Pair, error) {
	var pairs []matching.Pair
	err := db.Model(&meetingRequestRow{}).Distinct("meeting_requests.enterprise_id", "meeting_requests.investor_id").
		Joins("JOIN events e ON e.id = meeting_requests.event_id").
		Where("meeting_requests.status = ? AND e.starts_at < ? AND e.id <> ?", app.RequestAccepted, utc(ev.StartsAt), ev.ID).
		Scan(&pairs).Error
	return pairs, translate(err)
}
