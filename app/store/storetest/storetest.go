// Package storetest opens real, migrated databases for tests: a fresh
// SQLite file per test, and — when ROADSHOW_TEST_MYSQL_DSN names a
// MySQL/MariaDB server — a fresh database on it that is dropped afterwards.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"roadshow/app/store"
)

// EnvMySQL names the variable holding a MySQL/MariaDB server DSN such as
// root@tcp(127.0.0.1:3306)/ . Tests that need it skip when it is unset.
const EnvMySQL = "ROADSHOW_TEST_MYSQL_DSN"

// Dialects lists the databases available to this test run: always sqlite,
// mysql too when EnvMySQL is set.
func Dialects() []string {
	if os.Getenv(EnvMySQL) != "" {
		return []string{"sqlite", "mysql"}
	}
	return []string{"sqlite"}
}

// Each runs fn as a subtest against a fresh, migrated and seeded store on
// every available dialect; the mysql subtest is reported as skipped when
// EnvMySQL is unset.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	EachWith(t, store.Options{}, fn)
}

// EachWith is Each with stores opened with opt (the pool size is the
// harness's when opt leaves it 0).
func EachWith(t *testing.T, opt store.Options, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range []string{"sqlite", "mysql"} {
		t.Run(d, func(t *testing.T) {
			fn(t, MustOpenWith(t, d, opt))
		})
	}
}

// MustOpen returns a migrated, seeded store on a fresh database of the
// dialect, closed (and for MySQL dropped) when the test ends.
func MustOpen(tb testing.TB, dialect string) *store.Store {
	tb.Helper()
	return MustOpenWith(tb, dialect, store.Options{})
}

// MustOpenWith is MustOpen with the store opened with opt.
func MustOpenWith(tb testing.TB, dialect string, opt store.Options) *store.Store {
	tb.Helper()
	s := OpenEmptyWith(tb, dialect, opt)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	if err := s.Seed(ctx); err != nil {
		tb.Fatalf("seed: %v", err)
	}
	return s
}

// OpenEmpty returns an unmigrated store on a fresh database.
func OpenEmpty(tb testing.TB, dialect string) *store.Store {
	tb.Helper()
	return OpenEmptyWith(tb, dialect, store.Options{})
}

// OpenEmptyWith is OpenEmpty with the store opened with opt.
func OpenEmptyWith(tb testing.TB, dialect string, opt store.Options) *store.Store {
	tb.Helper()
	var s *store.Store
	var err error
	switch dialect {
	case "sqlite":
		if opt.MaxOpenConns == 0 {
			opt.MaxOpenConns = 8
		}
		s, err = store.Open("sqlite", filepath.Join(tb.TempDir(), "test.db"), opt)
	case "mysql":
		if opt.MaxOpenConns == 0 {
			opt.MaxOpenConns = 16
		}
		s, err = store.Open("mysql", NewMySQLDatabase(tb), opt)
	default:
		tb.Fatalf("unknown dialect %q", dialect)
	}
	if err != nil {
		tb.Fatalf("open %s: %v", dialect, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// NewMySQLDatabase creates a uniquely named database on the server of
// EnvMySQL, drops it when the test ends, and returns its DSN. It skips the
// test when EnvMySQL is unset.
func NewMySQLDatabase(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvMySQL)
	if base == "" {
		tb.Skip(EnvMySQL + " is not set; skipping MySQL/MariaDB test")
	}
	cfg, err := gomysql.ParseDSN(base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvMySQL, err)
	}
	cfg.DBName = ""
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		tb.Fatalf("mysql: %v", err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "roadshow_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() { dropDatabase(tb, cfg.FormatDSN(), name) })
	cfg.DBName = name
	return cfg.FormatDSN()
}

func dropDatabase(tb testing.TB, dsn, name string) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		tb.Errorf("drop %s: %v", name, err)
		return
	}
	defer db.Close()
	if _, err := db.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
		tb.Errorf("drop %s: %v", name, err)
	}
}
