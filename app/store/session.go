package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
)

type sessionRow struct {
	ID       int64 `gorm:"primaryKey"`
	EventID  int64
	Title    string
	StartsAt time.Time
	EndsAt   time.Time
	Room     string
	Sectors  jsonOf[[]string]
}

func (sessionRow) TableName() string { return "sessions" }

func (r *sessionRow) domain(loc *time.Location) *app.Session {
	return &app.Session{ID: r.ID, EventID: r.EventID, Title: r.Title, StartsAt: r.StartsAt.In(loc),
		EndsAt: r.EndsAt.In(loc), Room: r.Room, Sectors: strs(r.Sectors.Val)}
}

func sessionRowOf(x *app.Session) sessionRow {
	return sessionRow{ID: x.ID, EventID: x.EventID, Title: x.Title, StartsAt: utc(x.StartsAt), EndsAt: utc(x.EndsAt),
		Room: x.Room, Sectors: js(strs(x.Sectors))}
}

var _ app.SessionService = (*Store)(nil)

// FindSessions lists the sessions of an event the caller can see.
func (s *Store) FindSessions(ctx context.Context, eventID int64) ([]*app.Session, error) {
	db := s.conn(ctx)
	e, err := s.visibleEvent(db, app.PrincipalFromContext(ctx), eventID)
	if err != nil {
		return nil, err
	}
	var rows []sessionRow
	if err := db.Where("event_id = ?", eventID).Order("starts_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]*app.Session, len(rows))
	for i := range rows {
		out[i] = rows[i].domain(e.Location())
	}
	return out, nil
}

// editableEvent loads an event the caller manages that is still open to
// changes (not closed or cancelled).
func (s *Store) editableEvent(db *gorm.DB, p *app.Principal, id int64) (*app.Event, error) {
	e, err := s.managedEvent(db, p, id)
	if err != nil {
		return nil, err
	}
	if e.Status == app.StatusClosed || e.Status == app.StatusCancelled {
		return nil, app.Errorf(app.ECONFLICT, "event %d is %s", id, e.Status)
	}
	return e, nil
}

// CreateSession adds a session to an event the caller manages.
func (s *Store) CreateSession(ctx context.Context, x *app.Session) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.lockEvent(tx, x.EventID); err != nil {
			return err
		}
		e, err := s.editableEvent(tx, p, x.EventID)
		if err != nil {
			return err
		}
		if err := x.Validate(s.vocab, e); err != nil {
			return err
		}
		if err := s.checkSessionChange(tx, e, 0, x); err != nil {
			return err
		}
		r := sessionRowOf(x)
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		*x = *r.domain(e.Location())
		return nil
	})
}

func (s *Store) session(db *gorm.DB, id int64) (*sessionRow, error) {
	var r sessionRow
	if err := db.First(&r, id).Error; err != nil {
		if isNotFound(err) {
			return nil, errNotFound("session")
		}
		return nil, translate(err)
	}
	return &r, nil
}

// UpdateSession applies a PATCH to a session of an event the caller manages.
func (s *Store) UpdateSession(ctx context.Context, id int64, u app.SessionUpdate) (*app.Session, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return nil, err
	}
	var out *app.Session
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.lockedSession(tx, id)
		if err != nil {
			return err
		}
		e, err := s.editableEvent(tx, p, r.EventID)
		if err != nil {
			return err
		}
		x := r.domain(e.Location())
		x.Apply(u)
		if err := x.Validate(s.vocab, e); err != nil {
			return err
		}
		if err := s.checkSessionChange(tx, e, id, x); err != nil {
			return err
		}
		row := sessionRowOf(x)
		if err := tx.Save(&row).Error; err != nil {
			return translate(err)
		}
		out = row.domain(e.Location())
		return nil
	})
	return out, err
}

// DeleteSession removes a session of an event the caller manages.
func (s *Store) DeleteSession(ctx context.Context, id int64) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := s.lockedSession(tx, id)
		if err != nil {
			return err
		}
		e, err := s.editableEvent(tx, p, r.EventID)
		if err != nil {
			return err
		}
		if err := s.checkSessionChange(tx, e, id, nil); err != nil {
			return err
		}
		if err := deleteDependants(tx, sessionDependants, id); err != nil {
			return err
		}
		return translate(tx.Delete(&sessionRow{}, id).Error)
	})
}
