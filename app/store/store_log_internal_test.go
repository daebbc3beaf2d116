package store

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
)

// TestGormLogger_Levels: deadlocks and lock waits (retried), busy SQLite
// locks and duplicate keys are logged at DEBUG; any other error at ERROR.
func TestGormLogger_Levels(t *testing.T) {
	cases := []struct {
		name  string
		err   error
		level string
	}{
		{"Deadlock", &gomysql.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock"}, "DEBUG"},
		{"LockWaitTimeout", &gomysql.MySQLError{Number: 1205, Message: "Lock wait timeout exceeded"}, "DEBUG"},
		{"Duplicate", &gomysql.MySQLError{Number: 1062, Message: "Duplicate entry"}, "DEBUG"},
		{"SQLiteBusy", errors.New("database is locked (5) (SQLITE_BUSY)"), "DEBUG"},
		{"SQLiteUnique", errors.New("constraint failed: UNIQUE constraint failed: campaigns.name (2067)"), "DEBUG"},
		{"SyntaxError", &gomysql.MySQLError{Number: 1064, Message: "You have an error in your SQL syntax"}, "ERROR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := gormLogger(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
			l.Trace(context.Background(), time.Now(), func() (string, int64) { return "UPDATE x SET y = ?", 0 }, c.err)
			if !strings.Contains(buf.String(), `"level":"`+c.level+`"`) || c.level == "DEBUG" && strings.Contains(buf.String(), `"level":"ERROR"`) {
				t.Fatalf("logged %q, want level %s", buf.String(), c.level)
			}
		})
	}
}
