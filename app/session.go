package app

import (
	"context"
	"strings"
	"time"
)

// Session is a part of an event: a morning roadshow block, a room.
type Session struct {
	ID       int64     `json:"id"`
	EventID  int64     `json:"event_id"`
	Title    string    `json:"title"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Room     string    `json:"room"`
	Sectors  []string  `json:"sectors"`
}

// Validate checks a session against its event.
func (s *Session) Validate(v *Vocabulary, ev *Event) error {
	var val Validation
	s.Title = strings.TrimSpace(s.Title)
	if s.Sectors == nil {
		s.Sectors = []string{}
	}
	val.RequireText("title", s.Title, 200)
	val.MaxText("room", s.Room, 100)
	val.Check(!s.StartsAt.IsZero(), "starts_at", "is required")
	val.Check(!s.EndsAt.IsZero(), "ends_at", "is required")
	if !val.Has("starts_at") && !val.Has("ends_at") {
		val.Check(s.EndsAt.After(s.StartsAt), "ends_at", "must be after starts_at")
		val.Check(!s.StartsAt.Before(ev.StartsAt), "starts_at", "must not be before the event starts")
		val.Check(!s.EndsAt.After(ev.EndsAt), "ends_at", "must not be after the event ends")
	}
	validateSectors(&val, v, "sectors", s.Sectors)
	return val.Err()
}

// SessionUpdate holds the fields of a PATCH; nil means unchanged.
type SessionUpdate struct {
	Title    *string    `json:"title"`
	StartsAt *time.Time `json:"starts_at"`
	EndsAt   *time.Time `json:"ends_at"`
	Room     *string    `json:"room"`
	Sectors  *[]string  `json:"sectors"`
}

// Apply copies the set fields of u onto s.
func (s *Session) Apply(u SessionUpdate) {
	setIf(&s.Title, u.Title)
	setIf(&s.StartsAt, u.StartsAt)
	setIf(&s.EndsAt, u.EndsAt)
	setIf(&s.Room, u.Room)
	setIf(&s.Sectors, u.Sectors)
}

// SessionService manages the sessions of events.
type SessionService interface {
	// FindSessions lists an event's sessions in time order; ENOTFOUND for an
	// event the caller cannot see.
	FindSessions(ctx context.Context, eventID int64) ([]*Session, error)
	// CreateSession returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT when
	// the event is closed or cancelled, or when the new session would move
	// a booked meeting to another time.
	CreateSession(ctx context.Context, s *Session) error
	// UpdateSession returns ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT when
	// the change would move a booked meeting to another time.
	UpdateSession(ctx context.Context, id int64, u SessionUpdate) (*Session, error)
	// DeleteSession returns ENOTFOUND, EFORBIDDEN, ECONFLICT when the
	// deletion would move a booked meeting to another time.
	DeleteSession(ctx context.Context, id int64) error
}
