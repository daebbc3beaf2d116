package api

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// statusOf maps app error codes to HTTP statuses.
var statusOf = map[string]int{
	app.EBADREQUEST:   fiber.StatusBadRequest,
	app.EUNAUTHORIZED: fiber.StatusUnauthorized,
	app.EFORBIDDEN:    fiber.StatusForbidden,
	app.ENOTFOUND:     fiber.StatusNotFound,
	app.ECONFLICT:     fiber.StatusConflict,
	app.ETOOLARGE:     fiber.StatusRequestEntityTooLarge,
	app.EINVALID:      fiber.StatusUnprocessableEntity,
	app.ETOOMANY:      fiber.StatusTooManyRequests,
	app.EINTERNAL:     fiber.StatusInternalServerError,
	app.EUNAVAILABLE:  fiber.StatusServiceUnavailable,
}

// StatusOf returns the HTTP status of an app error code, 500 for an
// internal or unknown code. The web console answers with the same statuses.
func StatusOf(code string) int {
	if st, ok := statusOf[code]; ok {
		return st
	}
	return fiber.StatusInternalServerError
}

// codeOfStatus maps Fiber's own errors (unknown route, oversize body…) to
// app codes.
var codeOfStatus = map[int]string{
	fiber.StatusBadRequest:            app.EBADREQUEST,
	fiber.StatusUnauthorized:          app.EUNAUTHORIZED,
	fiber.StatusForbidden:             app.EFORBIDDEN,
	fiber.StatusNotFound:              app.ENOTFOUND,
	fiber.StatusMethodNotAllowed:      app.ENOTFOUND,
	fiber.StatusConflict:              app.ECONFLICT,
	fiber.StatusRequestEntityTooLarge: app.ETOOLARGE,
	fiber.StatusUnprocessableEntity:   app.EINVALID,
	fiber.StatusTooManyRequests:       app.ETOOMANY,
	fiber.StatusServiceUnavailable:    app.EUNAVAILABLE,
}

// errorBody is the contract's error envelope.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// handleError is Fiber's single error handler: it writes the contract's
// error body and logs internal errors with the request id.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	body := errorBody{Error: errorDetail{Code: app.ErrorCode(err), Message: app.ErrorMessage(err), Fields: app.ErrorFields(err)}}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		body.Error.Code = codeOfStatus[fe.Code]
		body.Error.Message = fe.Message
		if body.Error.Code == "" {
			body.Error.Code = app.EBADREQUEST
		}
	}
	if body.Error.Code == app.EINTERNAL && deadlinePassed(c, err) {
		body.Error = errorDetail{Code: app.EUNAVAILABLE, Message: "the database did not answer in time"}
	}
	status := statusOf[body.Error.Code]
	if status == 0 {
		status = fiber.StatusInternalServerError
	}
	if status >= 500 && body.Error.Code != app.EUNAVAILABLE {
		s.log.Error("request failed", slog.String("request_id", requestIDOf(c)), slog.String("error", err.Error()))
		body.Error.Message = "internal error"
		body.Error.Fields = nil
	}
	return c.Status(status).JSON(body)
}
