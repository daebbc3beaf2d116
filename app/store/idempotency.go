package store

import (
	"context"
	"time"

	"roadshow/app"
)

type idempotencyRow struct {
	ID          int64 `gorm:"primaryKey"`
	Scope       string
	IdemKey     string
	RequestHash string
	StatusCode  int
	Body        []byte
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

// ReserveIdempotencyKey claims key for scope (the caller's token). It
// returns the stored response when the key was used before with the same
// request, ECONFLICT while the first request is still running, and
// EINVALID when the key was used for a different request. A zero status
// and nil error mean the caller owns the key and must Complete or Release it.
func (s *Store) ReserveIdempotencyKey(ctx context.Context, scope, key, requestHash string) (int, []byte, error) {
	r := idempotencyRow{Scope: scope, IdemKey: key, RequestHash: requestHash, CreatedAt: s.now()}
	err := s.conn(ctx).Create(&r).Error
	if err == nil {
		return 0, nil, nil
	}
	if app.ErrorCode(translate(err)) != app.ECONFLICT {
		return 0, nil, translate(err)
	}
	var old idempotencyRow
	if err := s.conn(ctx).Where("scope = ? AND idem_key = ?", scope, key).First(&old).Error; err != nil {
		return 0, nil, translate(err)
	}
	switch {
	case old.RequestHash != requestHash:
		return 0, nil, app.FieldError("Idempotency-Key", "was already used for a different request")
	case old.StatusCode == 0:
		return 0, nil, app.Errorf(app.ECONFLICT, "a request with this Idempotency-Key is still in progress")
	}
	return old.StatusCode, old.Body, nil
}

// CompleteIdempotencyKey stores the response of the request that owns key.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, body []byte) error {
	return translate(s.conn(ctx).Model(&idempotencyRow{}).Where("scope = ? AND idem_key = ?", scope, key).
		Updates(map[string]any{"status_code": status, "body": body}).Error)
}

// ReleaseIdempotencyKey forgets a reservation whose request failed, so that
// a retry runs again.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, scope, key string) error {
	return translate(s.conn(ctx).Where("scope = ? AND idem_key = ? AND status_code = 0", scope, key).Delete(&idempotencyRow{}).Error)
}

// PurgeIdempotencyKeys deletes keys older than the cutoff.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int64, error) {
	res := s.conn(ctx).Where("created_at < ?", utc(before)).Delete(&idempotencyRow{})
	return res.RowsAffected, translate(res.Error)
}
