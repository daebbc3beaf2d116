package store_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// openLogged opens a migrated store whose GORM log goes to buf.
func openLogged(t *testing.T, dialect string, buf *bytes.Buffer) *store.Store {
	t.Helper()
	opt := store.Options{Logger: slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	var s *store.Store
	var err error
	if dialect == "sqlite" {
		s, err = store.Open("sqlite", filepath.Join(t.TempDir(), "log.db"), opt)
	} else {
		s, err = store.Open("mysql", storetest.NewMySQLDatabase(t), opt)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGormLog_DuplicateNotError: a duplicate key is an expected conflict
// (409), not a database failure: GORM does not log it at ERROR.
func TestGormLog_DuplicateNotError(t *testing.T) {
	for _, d := range []string{"sqlite", "mysql"} {
		t.Run(d, func(t *testing.T) {
			var buf bytes.Buffer
			s := openLogged(t, d, &buf)
			c := func() *app.Campaign {
				return &app.Campaign{Name: "2031 火炬赋能", StartsOn: "2031-01-01", ContactsDue: "2031-03-01", EndsOn: "2031-12-31"}
			}
			if err := s.CreateCampaign(admin(), c()); err != nil {
				t.Fatal(err)
			}
			buf.Reset()
			if err := s.CreateCampaign(admin(), c()); app.ErrorCode(err) != app.ECONFLICT {
				t.Fatalf("duplicate campaign: %v", err)
			}
			if strings.Contains(buf.String(), `"level":"ERROR"`) {
				t.Fatalf("duplicate logged as an error: %s", buf.String())
			}
			if !strings.Contains(buf.String(), `"level":"DEBUG"`) {
				t.Fatalf("duplicate not logged at debug: %q", buf.String())
			}
			buf.Reset()
			other := &app.Campaign{Name: "2032 火炬赋能", StartsOn: "2032-01-01", ContactsDue: "2032-03-01", EndsOn: "2032-12-31"}
			if err := s.CreateCampaign(admin(), other); err != nil {
				t.Fatal(err)
			}
			_ = s.DB().Close() // the next statement fails and is logged at ERROR
			_ = s.CreateCampaign(admin(), c())
			if log := buf.String(); !strings.Contains(log, `"level":"ERROR"`) || strings.Contains(log, "火炬赋能") {
				t.Fatalf("a failing statement: want an ERROR line without the values, got %s", log)
			}
		})
	}
}
