package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// meetingView is a meeting with its event, as mails and feeds show it.
type meetingView struct {
	ID           int64
	EventID      int64
	EnterpriseID int64
	InvestorID   int64
	StartsAt     time.Time
	EndsAt       time.Time
	TableNo      int
	Status       string
	Sequence     int
	UID          string
	UpdatedAt    time.Time
	EventTitle   string
	Venue        string
	Timezone     string
	EventStatus  string
}

// pitchView is a pitch with its session and event.
type pitchView struct {
	ID           int64
	EventID      int64
	SessionID    int64
	EnterpriseID int64
	Ord          int
	StartsAt     time.Time
	EndsAt       time.Time
	Status       string
	Sequence     int
	UID          string
	UpdatedAt    time.Time
	SessionTitle string
	Room         string
	EventTitle   string
	Venue        string
	Timezone     string
	EventStatus  string
}

const meetingViewColumns = "meetings.id, meetings.event_id, meetings.enterprise_id, meetings.investor_id, " +
	"meetings.starts_at, meetings.ends_at, meetings.table_no, meetings.status, meetings.sequence, meetings.uid, " +
	"meetings.updated_at, events.title AS event_title, events.venue, events.timezone, events.status AS event_status"

const pitchViewColumns = "pitches.id, pitches.event_id, pitches.session_id, pitches.enterprise_id, pitches.ord, " +
	"pitches.starts_at, pitches.ends_at, pitches.status, pitches.sequence, pitches.uid, pitches.updated_at, " +
	"sessions.title AS session_title, sessions.room, events.title AS event_title, events.venue, events.timezone, " +
	"events.status AS event_status"

// meetingViews loads meetings joined with their events; where filters
// them (e.g. "meetings.enterprise_id = ?").
func meetingViews(db *gorm.DB, where string, args ...any) ([]meetingView, error) {
	var out []meetingView
	err := db.Table("meetings").Select(meetingViewColumns).Joins("JOIN events ON events.id = meetings.event_id").
		Where(where, args...).Where("events.status <> ?", app.StatusDraft).Order("meetings.starts_at, meetings.id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: load meetings: %w", translate(err))
	}
	return out, nil
}

// pitchViews loads pitches joined with their sessions and events.
func pitchViews(db *gorm.DB, where string, args ...any) ([]pitchView, error) {
	var out []pitchView
	err := db.Table("pitches").Select(pitchViewColumns).Joins("JOIN sessions ON sessions.id = pitches.session_id").
		Joins("JOIN events ON events.id = pitches.event_id").Where(where, args...).
		Where("events.status <> ?", app.StatusDraft).Order("pitches.starts_at, pitches.id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: load pitches: %w", translate(err))
	}
	return out, nil
}

// tableLabel names a meeting table in both languages.
func tableLabel(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%d 号桌 Table %d", n, n)
}

// appointment is the meeting as one side sees it, the other side named by
// organization and person.
func (m *meetingView) appointment(other *party) notifications.Appointment {
	a := notifications.Appointment{UID: m.UID, Sequence: m.Sequence, Kind: notifications.AppointmentMeeting,
		EventTitle: m.EventTitle, Start: m.StartsAt.UTC(), End: m.EndsAt.UTC(), TimeZone: m.Timezone,
		Venue: m.Venue, Table: tableLabel(m.TableNo), Stamp: m.UpdatedAt.UTC(),
		Cancelled: m.Status == app.MeetingCancelled || m.EventStatus == app.StatusCancelled}
	if other != nil {
		a.Counterpart = other.asCounterpart()
	}
	return a
}

// appointment is the pitch slot as the pitcher (pitcher nil) or an invited
// investor sees it; the templates title pitches by event, so for investors
// the title names the enterprise pitching (public, like the agenda).
func (p *pitchView) appointment(pitcher *party) notifications.Appointment {
	a := notifications.Appointment{UID: p.UID, Sequence: p.Sequence, Kind: notifications.AppointmentPitch,
		EventTitle: joinTitle(p.EventTitle, p.SessionTitle), Start: p.StartsAt.UTC(), End: p.EndsAt.UTC(),
		TimeZone: p.Timezone, Venue: p.Venue, Table: p.Room, Stamp: p.UpdatedAt.UTC(),
		Cancelled: p.Status == app.MeetingCancelled || p.EventStatus == app.StatusCancelled}
	if pitcher != nil {
		a.Counterpart = pitcher.asCounterpart()
		a.EventTitle += " · " + pitcher.name
	}
	return a
}

func joinTitle(event, session string) string {
	if session == "" || session == event {
		return event
	}
	return event + " · " + session
}
