package app

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Page limits of list endpoints.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page selects a window of a list: up to Limit items with ids after
// AfterID, in id order.
type Page struct {
	Limit   int
	AfterID int64
}

// NewPage validates a limit and an opaque cursor from a request.
func NewPage(limit int, cursor string) (Page, error) {
	p := Page{Limit: limit}
	if p.Limit == 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit < 1 || p.Limit > MaxLimit {
		return p, FieldError("limit", "must be between 1 and "+itoa(MaxLimit))
	}
	if cursor == "" {
		return p, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	id, err2 := strconv.ParseInt(strings.TrimPrefix(string(b), "id:"), 10, 64)
	if err != nil || err2 != nil || !strings.HasPrefix(string(b), "id:") || id < 0 {
		return p, FieldError("cursor", "is not a cursor returned by this list")
	}
	p.AfterID = id
	return p, nil
}

// Cursor encodes the position after id.
func Cursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + strconv.FormatInt(id, 10)))
}

// List is one page of results and the cursor of the next page ("" at the end).
type List[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}
