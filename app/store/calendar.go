package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// calendarTokenRow is the feed credential of one enterprise or investor,
// stored hashed like API tokens (the column keeps its name, token): the
// secret is shown once, when it is created or rotated; whoever needs the
// URL again replaces it.
type calendarTokenRow struct {
	ID        int64 `gorm:"primaryKey"`
	PartyType string
	PartyID   int64
	Hash      string    `gorm:"column:token"`
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (calendarTokenRow) TableName() string { return "calendar_tokens" }

var _ app.CalendarService = (*Store)(nil)

// calendarTokenBytes is the entropy of a feed token: 192 bits, 48 hex
// characters.
const calendarTokenBytes = 24

func newCalendarToken() (string, error) {
	var b [calendarTokenBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("store: calendar token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// feedParty returns the side and id of the participant calling.
func feedParty(p *app.Principal) (string, int64, error) {
	if err := app.RequireAuth(p); err != nil {
		return "", 0, err
	}
	switch p.Role {
	case app.RoleEnterprise:
		return app.SideEnterprise, p.EnterpriseID, nil
	case app.RoleInvestor:
		return app.SideInvestor, p.InvestorID, nil
	}
	return "", 0, app.Errorf(app.EFORBIDDEN, "calendar feeds belong to enterprises and investors")
}

// FindCalendarToken returns the caller's feed: with its secret URL when
// this call creates it, without it (created_at only) when it exists.
func (s *Store) FindCalendarToken(ctx context.Context) (*app.CalendarToken, error) {
	side, id, err := feedParty(app.PrincipalFromContext(ctx))
	if err != nil {
		return nil, err
	}
	tok, err := newCalendarToken()
	if err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	res := db.Exec(s.insertIgnore("calendar_tokens", "party_type, party_id, token, created_at", "?, ?, ?, ?"),
		side, id, HashSecret(tok), s.now())
	if res.Error != nil {
		return nil, translate(res.Error)
	}
	if res.RowsAffected == 0 {
		tok = "" // it exists: its secret is not kept
	}
	return s.calendarToken(db, side, id, tok)
}

// RotateCalendarToken gives the caller a new feed secret, returned once;
// the old URL stops working at once.
func (s *Store) RotateCalendarToken(ctx context.Context) (*app.CalendarToken, error) {
	side, id, err := feedParty(app.PrincipalFromContext(ctx))
	if err != nil {
		return nil, err
	}
	if created, err := s.FindCalendarToken(ctx); err != nil || created.Token != "" {
		return created, err
	}
	tok, err := newCalendarToken()
	if err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	err = db.Model(&calendarTokenRow{}).Where("party_type = ? AND party_id = ?", side, id).
		Updates(map[string]any{"token": HashSecret(tok), "created_at": s.now()}).Error
	if err != nil {
		return nil, translate(err)
	}
	return s.calendarToken(db, side, id, tok)
}

// calendarToken describes a party's feed; secret, when not empty, is its
// just-made secret and gives the URLs.
func (s *Store) calendarToken(db *gorm.DB, side string, id int64, secret string) (*app.CalendarToken, error) {
	var r calendarTokenRow
	if err := db.Where("party_type = ? AND party_id = ?", side, id).First(&r).Error; err != nil {
		return nil, translate(err)
	}
	out := &app.CalendarToken{CreatedAt: r.CreatedAt.UTC()}
	if secret == "" {
		return out, nil
	}
	_, o, err := s.mailer()
	if err != nil {
		return nil, err
	}
	out.Token = secret
	out.URL = o.PublicURL + "/api/v1/calendars/" + secret + ".ics"
	out.WebcalURL = "webcal://" + strings.TrimPrefix(strings.TrimPrefix(out.URL, "https://"), "http://")
	return out, nil
}

// ParticipantCalendar builds the feed of the participant holding token:
// their meetings and pitch slots (an investor's: the pitches of the
// sessions it is invited to), cancelled ones kept as STATUS:CANCELLED.
func (s *Store) ParticipantCalendar(ctx context.Context, token string) (*app.Calendar, error) {
	if len(token) != 2*calendarTokenBytes || strings.Trim(token, "0123456789abcdef") != "" {
		return nil, errNotFound("calendar")
	}
	db := s.conn(ctx)
	var r calendarTokenRow
	if err := db.Where("token = ?", HashSecret(token)).First(&r).Error; isNotFound(err) {
		return nil, errNotFound("calendar")
	} else if err != nil {
		return nil, translate(err)
	}
	c, _, err := s.mailer()
	if err != nil {
		return nil, err
	}
	owner, items, err := s.partyAppointments(db, r.PartyType, r.PartyID)
	if err != nil {
		return nil, err
	}
	to := notifications.Recipient{Name: owner.name}
	if len(owner.people) > 0 {
		to = owner.people[0]
	}
	ics, err := c.Feed(owner.name+" · 路演与对接日程", to, items)
	if err != nil {
		return nil, fmt.Errorf("store: calendar feed: %w", err)
	}
	return &app.Calendar{ICS: ics, ETag: etagOf(ics)}, nil
}

// partyAppointments loads a participant and what their feed lists.
func (s *Store) partyAppointments(db *gorm.DB, side string, id int64) (*party, []notifications.Appointment, error) {
	col := "enterprise_id"
	if side == app.SideInvestor {
		col = "investor_id"
	}
	meetings, err := meetingViews(db, "meetings."+col+" = ?", id)
	if err != nil {
		return nil, nil, err
	}
	var pitches []pitchView
	if side == app.SideEnterprise {
		pitches, err = pitchViews(db, "pitches.enterprise_id = ?", id)
	} else {
		pitches, err = pitchViews(db, "pitches.session_id IN (SELECT session_id FROM session_investors WHERE investor_id = ?)", id)
	}
	if err != nil {
		return nil, nil, err
	}
	entIDs, invIDs := []int64{}, []int64{}
	for _, m := range meetings {
		entIDs, invIDs = append(entIDs, m.EnterpriseID), append(invIDs, m.InvestorID)
	}
	for _, p := range pitches {
		entIDs = append(entIDs, p.EnterpriseID)
	}
	ents, invs, err := loadParties(db, append(entIDs, id), append(invIDs, id))
	if err != nil {
		return nil, nil, err
	}
	owner := ents[id]
	if side == app.SideInvestor {
		owner = invs[id]
	}
	if owner == nil {
		return nil, nil, errNotFound("calendar")
	}
	items := make([]notifications.Appointment, 0, len(meetings)+len(pitches))
	for i := range meetings {
		other := invs[meetings[i].InvestorID]
		if side == app.SideInvestor {
			other = ents[meetings[i].EnterpriseID]
		}
		items = append(items, meetings[i].appointment(other))
	}
	for i := range pitches {
		var pitcher *party
		if side == app.SideInvestor {
			pitcher = ents[pitches[i].EnterpriseID]
		}
		items = append(items, pitches[i].appointment(pitcher))
	}
	return owner, items, nil
}

// etagOf is a strong entity tag of b.
func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// EventAgendaCalendar builds the public agenda of an event: its sessions
// and pitches (the enterprises pitching are public), no personal data.
func (s *Store) EventAgendaCalendar(ctx context.Context, eventID int64) (*app.Calendar, error) {
	db := s.conn(ctx)
	ev, err := s.visibleEvent(db, app.PrincipalFromContext(ctx), eventID)
	if err != nil {
		return nil, err
	}
	_, o, err := s.mailer()
	if err != nil {
		return nil, err
	}
	var sessions []sessionRow
	if err := db.Where("event_id = ?", ev.ID).Order("starts_at, id").Find(&sessions).Error; err != nil {
		return nil, translate(err)
	}
	pitches, err := pitchViews(db, "pitches.event_id = ?", ev.ID)
	if err != nil {
		return nil, err
	}
	ents, _, err := loadParties(db, pitchEnterprises(pitches), nil)
	if err != nil {
		return nil, err
	}
	events := agendaSessions(ev, sessions, o.mailDomain())
	for i := range pitches {
		events = append(events, agendaPitch(&pitches[i], ents[pitches[i].EnterpriseID], ev))
	}
	ics, err := notifications.BuildFeed(notifications.Feed{Name: ev.Title, TimeZone: ev.TimeZone, Events: events})
	if err != nil {
		return nil, fmt.Errorf("store: agenda feed: %w", err)
	}
	return &app.Calendar{ICS: ics, ETag: etagOf(ics)}, nil
}

func pitchEnterprises(ps []pitchView) []int64 {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.EnterpriseID
	}
	return ids
}

// agendaStatus is CANCELLED for everything of a cancelled event.
func agendaStatus(ev *app.Event, cancelled bool) notifications.EventStatus {
	if cancelled || ev.Status == app.StatusCancelled {
		return notifications.EventCancelled
	}
	return notifications.EventConfirmed
}

func agendaSessions(ev *app.Event, sessions []sessionRow, domain string) []notifications.CalEvent {
	out := make([]notifications.CalEvent, 0, len(sessions))
	for _, r := range sessions {
		out = append(out, notifications.CalEvent{UID: fmt.Sprintf("session-%d-event-%d@%s", r.ID, ev.ID, domain),
			Summary: r.Title + " · " + ev.Title, Description: ev.Title + "\n" + r.Title, Location: joinNonEmpty(" · ", ev.Venue, r.Room),
			Start: r.StartsAt.UTC(), End: r.EndsAt.UTC(), TimeZone: ev.TimeZone, Status: agendaStatus(ev, false),
			Stamp: ev.UpdatedAt.UTC()})
	}
	return out
}

func agendaPitch(p *pitchView, ent *party, ev *app.Event) notifications.CalEvent {
	name := ""
	if ent != nil {
		name = ent.name
	}
	return notifications.CalEvent{UID: p.UID, Sequence: p.Sequence,
		Summary:     fmt.Sprintf("路演 #%d：%s | Pitch #%d: %s", p.Ord, name, p.Ord, name),
		Description: joinTitle(p.EventTitle, p.SessionTitle), Location: joinNonEmpty(" · ", p.Venue, p.Room),
		Start: p.StartsAt.UTC(), End: p.EndsAt.UTC(), TimeZone: p.Timezone,
		Status: agendaStatus(ev, p.Status == app.MeetingCancelled), Stamp: p.UpdatedAt.UTC()}
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
