package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"

	"roadshow/app"
)

// fakeTiDB answers the queries setupEngine makes as a TiDB server would:
// global values, and session values that take effect once useSession has
// been called (the server sets them on every new connection).
type fakeTiDB struct {
	answers  map[string]string // query → answer, before the session variables
	session  map[string]string // query → answer once they apply
	ignore   bool              // the session variables do not take effect
	applied  bool
	queries  []string
	failWith error
}

func (f *fakeTiDB) query(_ context.Context, q string) (string, error) {
	f.queries = append(f.queries, q)
	if f.failWith != nil {
		return "", f.failWith
	}
	if v, ok := f.session[q]; ok && f.applied && !f.ignore {
		return v, nil
	}
	v, ok := f.answers[q]
	if !ok {
		return "", fmt.Errorf("unexpected query %q", q)
	}
	return v, nil
}

// goodTiDB is a v8.5.6 cluster upgraded from an old release: optimistic
// transactions and foreign key checks off by default, the rest as
// roadshow needs it.
func goodTiDB() *fakeTiDB {
	return &fakeTiDB{
		answers: map[string]string{
			"SELECT VERSION()":                                    "8.0.11-TiDB-v8.5.6",
			"SELECT @@tidb_txn_mode":                              "optimistic",
			"SELECT @@foreign_key_checks":                         "0",
			"SELECT @@tidb_constraint_check_in_place_pessimistic": "OFF",
			"SELECT VARIABLE_VALUE FROM mysql.tidb WHERE VARIABLE_NAME = 'new_collation_enabled'": "True",
			"SELECT @@GLOBAL.tidb_enable_foreign_key":                                             "ON",
		},
		session: map[string]string{
			"SELECT @@tidb_txn_mode":                              "pessimistic",
			"SELECT @@foreign_key_checks":                         "1",
			"SELECT @@tidb_constraint_check_in_place_pessimistic": "ON",
		},
	}
}

func TestSetupEngine(t *testing.T) {
	tests := []struct {
		name    string
		fake    func() *fakeTiDB
		tidb    bool
		wantErr string // "" for none; else a part of the message
	}{
		{"MariaDB", func() *fakeTiDB {
			return &fakeTiDB{answers: map[string]string{"SELECT VERSION()": "10.11.6-MariaDB-0+deb12u1"}}
		}, false, ""},
		{"MySQL", func() *fakeTiDB { return &fakeTiDB{answers: map[string]string{"SELECT VERSION()": "8.4.3"}} }, false, ""},
		{"TiDB set on each connection", goodTiDB, true, ""},
		{"TiDB serverless suffix", func() *fakeTiDB {
			f := goodTiDB()
			f.answers["SELECT VERSION()"] = "8.0.11-TiDB-v7.5.0-serverless"
			return f
		}, true, ""},
		{"TiDB too old", func() *fakeTiDB {
			f := goodTiDB()
			f.answers["SELECT VERSION()"] = "5.7.25-TiDB-v6.5.3"
			return f
		}, true, "TiDB v6.5.3 is older than v7.5.0"},
		{"TiDB unreadable version", func() *fakeTiDB {
			f := goodTiDB()
			f.answers["SELECT VERSION()"] = "8.0.11-TiDB-None"
			return f
		}, true, "older than v7.5.0"},
		{"TiDB optimistic despite the session setting", func() *fakeTiDB {
			f := goodTiDB()
			f.ignore = true
			return f
		}, true, `tidb_txn_mode is "optimistic", not pessimistic`},
		{"TiDB empty txn mode", func() *fakeTiDB {
			f := goodTiDB()
			f.session["SELECT @@tidb_txn_mode"] = ""
			return f
		}, true, `tidb_txn_mode is ""`},
		{"TiDB constraint check at commit", func() *fakeTiDB {
			f := goodTiDB()
			f.session["SELECT @@tidb_constraint_check_in_place_pessimistic"] = "OFF"
			return f
		}, true, "tidb_constraint_check_in_place_pessimistic"},
		{"TiDB old collations", func() *fakeTiDB {
			f := goodTiDB()
			f.answers["SELECT VARIABLE_VALUE FROM mysql.tidb WHERE VARIABLE_NAME = 'new_collation_enabled'"] = "False"
			return f
		}, true, "new_collations_enabled_on_first_bootstrap"},
		{"TiDB foreign keys disabled", func() *fakeTiDB {
			f := goodTiDB()
			f.answers["SELECT @@GLOBAL.tidb_enable_foreign_key"] = "OFF"
			return f
		}, true, "SET GLOBAL tidb_enable_foreign_key = ON"},
		{"TiDB foreign key checks off", func() *fakeTiDB {
			f := goodTiDB()
			f.session["SELECT @@foreign_key_checks"] = "0"
			return f
		}, true, "foreign_key_checks is \"0\""},
		{"TiDB mysql.tidb unreadable", func() *fakeTiDB {
			f := goodTiDB()
			delete(f.answers, "SELECT VARIABLE_VALUE FROM mysql.tidb WHERE VARIABLE_NAME = 'new_collation_enabled'")
			return f
		}, true, "must be allowed to read it"},
		{"unreachable", func() *fakeTiDB { return &fakeTiDB{failWith: driver.ErrBadConn} }, false, "read the server version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.fake()
			var set map[string]string
			tidb, err := setupEngine(context.Background(), f.query, func(v map[string]string) { set, f.applied = v, true })
			if tidb != tt.tidb {
				t.Errorf("tidb = %v, want %v", tidb, tt.tidb)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), "\n"):
				t.Errorf("the message is not one line: %q", err)
			}
			if !tt.tidb && (len(f.queries) != 1 || set != nil) {
				t.Errorf("not TiDB: queries %q, session %v; want one VERSION() and nothing set", f.queries, set)
			}
			if tt.tidb && tt.wantErr == "" && set["tidb_txn_mode"] != "'pessimistic'" {
				t.Errorf("session variables %v lack tidb_txn_mode", set)
			}
		})
	}
}

// TestSetupEngine_MariaDB runs the check against the real server: one
// VERSION() query, nothing set.
func TestSetupEngine_MariaDB(t *testing.T) {
	dsn := os.Getenv("ROADSHOW_TEST_MYSQL_DSN")
	if dsn == "" {
		t.Skip("ROADSHOW_TEST_MYSQL_DSN not set")
	}
	s, err := Open("mysql", dsn, Options{MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var queries []string
	q := func(ctx context.Context, query string) (string, error) {
		queries = append(queries, query)
		return s.queryOne(ctx, query)
	}
	tidb, err := setupEngine(context.Background(), q, func(map[string]string) { t.Error("session variables set on MariaDB") })
	if err != nil || tidb || len(queries) != 1 {
		t.Fatalf("tidb %v, err %v, queries %q; want a no-op after one query", tidb, err, queries)
	}
	if err := s.checkEngine(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestSessionParams_BeforeConnect(t *testing.T) {
	var p sessionParams
	cfg := gomysql.NewConfig()
	if err := p.beforeConnect(context.Background(), cfg); err != nil || len(cfg.Params) != 0 {
		t.Fatalf("before TiDB: params %v, %v", cfg.Params, err)
	}
	p.set(tidbSession)
	if err := p.beforeConnect(context.Background(), cfg); err != nil || cfg.Params["tidb_txn_mode"] != "'pessimistic'" {
		t.Fatalf("after TiDB: params %v, %v", cfg.Params, err)
	}
}

func TestRetryable_TiDB(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&gomysql.MySQLError{Number: 1213}, true},
		{&gomysql.MySQLError{Number: 1205}, true},
		{&gomysql.MySQLError{Number: 9007, Message: "Write conflict"}, true},
		{&gomysql.MySQLError{Number: 8002}, true},
		{&gomysql.MySQLError{Number: 8022}, true},
		{fmt.Errorf("store: x: %w", &gomysql.MySQLError{Number: 8028, Message: "Information schema is changed"}), true},
		{&gomysql.MySQLError{Number: 1062}, false},
		{&gomysql.MySQLError{Number: 9005}, false},
		{errors.New("SQLITE_BUSY"), true},
		{nil, false},
	} {
		if got := retryable(tt.err); got != tt.want {
			t.Errorf("retryable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestTranslate_Unavailable(t *testing.T) {
	for _, err := range []error{
		&gomysql.MySQLError{Number: 9001, Message: "PD server timeout"},
		&gomysql.MySQLError{Number: 9002, Message: "TiKV server timeout"},
		&gomysql.MySQLError{Number: 9005, Message: "Region is unavailable"},
		&gomysql.MySQLError{Number: 9007, Message: "Write conflict"}, // still there after the retries
		&gomysql.MySQLError{Number: 1213, Message: "Deadlock found"},
		fmt.Errorf("exec: %w", driver.ErrBadConn),
		gomysql.ErrInvalidConn,
	} {
		if got := app.ErrorCode(translate(err)); got != app.EUNAVAILABLE {
			t.Errorf("translate(%v) code %q, want %q", err, got, app.EUNAVAILABLE)
		}
	}
	if got := app.ErrorCode(translate(&gomysql.MySQLError{Number: 1064})); got == app.EUNAVAILABLE {
		t.Errorf("a syntax error is not unavailability")
	}
}

// TestMigrations_AutoIDCache: every table the MySQL migrations create
// carries TiDB's AUTO_ID_CACHE=1, so that ids are allocated in order across
// TiDB servers (MySQL and MariaDB read it as a comment).
func TestMigrations_AutoIDCache(t *testing.T) {
	entries, err := fs.ReadDir(migrationsFS, "migrations/mysql")
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile(`(?i)^CREATE TABLE (IF NOT EXISTS )?(\w+)`)
	n := 0
	for _, e := range entries {
		b, err := migrationsFS.ReadFile(path.Join("migrations/mysql", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range splitSQL(string(b)) {
			m := table.FindStringSubmatch(strings.TrimSpace(stmt))
			if m == nil {
				continue
			}
			n++
			if !strings.HasSuffix(strings.TrimSpace(stmt), "/*T![auto_id_cache] AUTO_ID_CACHE=1 */") {
				t.Errorf("%s: CREATE TABLE %s lacks /*T![auto_id_cache] AUTO_ID_CACHE=1 */ after its options", e.Name(), m[2])
			}
		}
	}
	if n == 0 {
		t.Fatal("no CREATE TABLE found")
	}
}

// TestDependants_CoverCascades: every foreign key that cascades (or sets
// NULL) from a table roadshow deletes rows of is matched by an explicit
// delete in its dependants list, so nothing relies on the cascade; keys
// from tables roadshow never deletes rows of are listed here.
func TestDependants_CoverCascades(t *testing.T) {
	explicit := map[string][]dependant{
		"enterprises": enterpriseDependants,
		"investors":   investorDependants,
		"sessions":    sessionDependants,
		"products":    {{"deals", "product_id = ?"}}, // DeleteProduct unlinks them
		// tokens go with their party: web_sessions by token_id.
		"tokens": {{"web_sessions", "token_id IN (SELECT id FROM tokens WHERE enterprise_id = ?)"}},
	}
	neverDeleted := map[string]string{
		"events":           "events are cancelled, never deleted",
		"campaigns":        "campaigns are never deleted",
		"meeting_requests": "deleted only with a party that has no meetings, so no meeting refers to them",
	}
	fk := regexp.MustCompile(`(?i)FOREIGN KEY \((\w+)\) REFERENCES (\w+)\(id\) ON DELETE (CASCADE|SET NULL)`)
	table := regexp.MustCompile(`(?i)^CREATE TABLE (IF NOT EXISTS )?(\w+)`)
	entries, err := fs.ReadDir(migrationsFS, "migrations/mysql")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := migrationsFS.ReadFile(path.Join("migrations/mysql", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range splitSQL(string(b)) {
			tm := table.FindStringSubmatch(strings.TrimSpace(stmt))
			if tm == nil {
				continue
			}
			for _, m := range fk.FindAllStringSubmatch(stmt, -1) {
				child, col, parent := tm[2], m[1], m[2]
				if _, ok := neverDeleted[parent]; ok {
					continue
				}
				found := false
				for _, d := range explicit[parent] {
					found = found || (d.table == child && strings.Contains(d.where, col))
				}
				if !found {
					t.Errorf("%s: %s.%s cascades from %s, which no explicit delete covers (dependants.go)", e.Name(), child, col, parent)
				}
			}
		}
	}
}
