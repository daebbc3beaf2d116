package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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

// localSecret marks a response that carries a secret (sendSecret).
const localSecret = "api.secret"

// sendSecret answers with a body that carries a secret (a token, a feed
// URL): never cached, never stored for an idempotent replay.
func sendSecret(c *fiber.Ctx, status int, body any) error {
	c.Locals(localSecret, true)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(status).JSON(body)
}

// idempotent replays the stored response of a POST retried with the same
// Idempotency-Key by the same caller: a token's bearer, or any anonymous
// caller. A response that carried a secret is not stored: its retries are
// told the first request succeeded (409), so no secret is replayed, to
// anyone, nor kept in clear.
func (s *Server) idempotent(c *fiber.Ctx) error {
	key := c.Get(idempotencyHeader)
	if c.Method() != fiber.MethodPost || key == "" || s.svc.Idempotency == nil {
		return c.Next()
	}
	if len(key) > 200 {
		return app.FieldError(idempotencyHeader, "must be at most 200 characters")
	}
	scope := "anonymous"
	if p := principal(c); p != nil {
		scope = "token:" + strconv.FormatInt(p.TokenID, 10) + ":" + string(p.Role)
	}
	ctx := c.UserContext()
	status, body, err := s.svc.Idempotency.ReserveIdempotencyKey(ctx, scope, key, requestHash(c))
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
	status, body = c.Response().StatusCode(), c.Response().Body()
	if status >= 500 {
		return s.svc.Idempotency.ReleaseIdempotencyKey(ctx, scope, key)
	}
	if c.Locals(localSecret) != nil {
		status, body = secretReplay()
	}
	return s.svc.Idempotency.CompleteIdempotencyKey(ctx, scope, key, status, body)
}

// secretReplay is what a retry gets instead of a response that carried a
// secret.
func secretReplay() (int, []byte) {
	body, _ := json.Marshal(errorBody{Error: newErrorDetail(app.ECONFLICT,
		"a request with this Idempotency-Key already succeeded; its response carried a secret, which is shown only once", nil)})
	return fiber.StatusConflict, body
}

// requestHash identifies a request: its method, path, query string and
// body.
func requestHash(c *fiber.Ctx) string {
	h := sha256.New()
	h.Write([]byte(c.Method() + " " + c.Path() + "?"))
	h.Write(c.Request().URI().QueryString())
	h.Write([]byte{'\n'})
	h.Write(c.Body())
	return hex.EncodeToString(h.Sum(nil))
}
