package store

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"roadshow/app"
)

// jsonOf stores a Go value as JSON text in one column.
type jsonOf[T any] struct{ Val T }

// Scan implements sql.Scanner.
func (j *jsonOf[T]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		return nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("store: cannot scan %T into JSON", src)
	}
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, &j.Val)
}

// Value implements driver.Valuer.
func (j jsonOf[T]) Value() (driver.Value, error) {
	b, err := json.Marshal(j.Val)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func js[T any](v T) jsonOf[T] { return jsonOf[T]{Val: v} }

// strs returns a non-nil string list.
func strs(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// pageOf applies a cursor page to q: ids after the cursor, in id order, one
// more than the limit to know whether another page follows.
func pageOf(q *gorm.DB, p app.Page) *gorm.DB {
	if p.Limit == 0 {
		p.Limit = app.DefaultLimit
	}
	return q.Where("id > ?", p.AfterID).Order("id").Limit(p.Limit + 1)
}

// listOf converts a page of rows, cutting the extra row and setting the
// next cursor.
func listOf[R any, T any](rows []R, p app.Page, id func(*R) int64, conv func(*R) T) app.List[T] {
	if p.Limit == 0 {
		p.Limit = app.DefaultLimit
	}
	out := app.List[T]{Items: make([]T, 0, min(len(rows), p.Limit))}
	for i := range rows {
		if i == p.Limit {
			out.NextCursor = app.Cursor(id(&rows[i-1]))
			break
		}
		out.Items = append(out.Items, conv(&rows[i]))
	}
	return out
}

// likeArg escapes a user's search text for LIKE … ESCAPE '!', the escape
// character both dialects read the same way.
func likeArg(q string) string {
	r := make([]rune, 0, len(q)+2)
	r = append(r, '%')
	for _, c := range q {
		if c == '%' || c == '_' || c == '!' {
			r = append(r, '!')
		}
		r = append(r, c)
	}
	return string(append(r, '%'))
}

// jsonContains builds a LIKE argument matching a JSON string list holding v.
func jsonContains(v string) string { return likeArg(`"` + v + `"`) }
