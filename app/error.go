package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error codes shared by every layer. The HTTP layer maps each to a status.
const (
	EBADREQUEST   = "bad_request"       // malformed input: 400
	EUNAUTHORIZED = "unauthorized"      // no or bad credentials: 401
	EFORBIDDEN    = "forbidden"         // authenticated, not allowed: 403
	ENOTFOUND     = "not_found"         // 404
	ECONFLICT     = "conflict"          // duplicate, double booking, stale state: 409
	ETOOLARGE     = "payload_too_large" // 413
	EINVALID      = "validation_failed" // field-level validation: 422
	ETOOMANY      = "too_many_requests" // 429
	EINTERNAL     = "internal"          // 500
	EUNAVAILABLE  = "unavailable"       // database down: 503
)

// EMETHOD: the path exists, but not with the request's method (405).
const EMETHOD = "method_not_allowed"

// Error is a domain error with a machine-readable code, a human message and,
// for validation failures, one message per offending field.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns a validation error for a single field.
func FieldError(field, msg string) *Error {
	return &Error{Code: EINVALID, Message: field + ": " + msg, Fields: map[string]string{field: msg}}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of the first *Error in err's chain,
// or "internal error" for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorFields returns the field messages of the first *Error in err's chain.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
