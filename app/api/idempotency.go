package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// IdempotencyStore keeps the first response of a POST sent with an
// Idempotency-Key, so that a retry returns it instead of acting twice.
type IdempotencyStore interface {
	// ReserveIdempotencyKey returns a stored status and body to replay, or
	// status 0 when the caller now owns the key; ECONFLICT while the first
	// request runs, EINVALID when the key was used for another request.
	ReserveIdempotencyKey(ctx context.Context, scope, key, requestHash string) (int, []byte, error)
	CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, body []byte) error
	ReleaseIdempotencyKey(ctx context.Context, scope, key string) error
}

const idempotencyHeader = "Idempotency-Key"

// idempotencyRecordTimeout bounds recording a request's outcome.
const idempotencyRecordTimeout = 5 * time.Second

// idempotent replays the stored response of a POST retried with the same
// Idempotency-Key by the same caller.
func (s *Server) idempotent(c *fiber.Ctx) error {
	key := c.Get(idempotencyHeader)
	if c.Method() != fiber.MethodPost || key == "" || s.svc.Idempotency == nil {
		return c.Next()
	}
	if len(key) > 200 {
		return app.FieldError(idempotencyHeader, "must be at most 200 characters")
	}
	key = string([]byte(key))
	scope := "anonymous"
	if p := principal(c); p != nil {
		scope = "token:" + strconv.FormatInt(p.TokenID, 10) + ":" + string(p.Role)
	}
	h := sha256.Sum256(append([]byte(c.Method()+" "+c.Path()+"\n"), c.Body()...))
	ctx := c.UserContext()
	status, body, err := s.svc.Idempotency.ReserveIdempotencyKey(ctx, scope, key, hex.EncodeToString(h[:]))
	if err != nil {
		return err
	}
	if status != 0 {
		c.Set("Idempotent-Replayed", "true")
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
		return c.Status(status).Send(body)
	}
	if err := c.Next(); err != nil {
		if herr := s.App.Config().ErrorHandler(c, err); herr != nil {
			return herr
		}
	}
	// The outcome is recorded even when the request's database deadline
	// has passed (a 503), or the key would stay "in progress" for good.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), idempotencyRecordTimeout)
	defer cancel()
	if status := c.Response().StatusCode(); status >= 500 {
		return s.svc.Idempotency.ReleaseIdempotencyKey(ctx, scope, key)
	}
	return s.svc.Idempotency.CompleteIdempotencyKey(ctx, scope, key, c.Response().StatusCode(), c.Response().Body())
}
