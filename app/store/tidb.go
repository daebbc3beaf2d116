package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	gomysql "github.com/go-sql-driver/mysql"
)

// TiDBMinVersion is the oldest TiDB release roadshow runs on: the 7.5 LTS.
// It has AUTO_ID_CACHE=1 (v6.4: ids allocated in order across servers),
// enforced foreign keys (v6.6), pessimistic transactions and the new
// collation framework by default.
const TiDBMinVersion = "v7.5.0"

// tidbSession holds the session variables roadshow sets on every TiDB
// connection: pessimistic transactions (READ COMMITTED is honoured only in
// that mode), unique keys checked when a row is written rather than at
// commit, and foreign keys checked.
var tidbSession = map[string]string{
	"tidb_txn_mode": "'pessimistic'",
	"tidb_constraint_check_in_place_pessimistic": "ON",
	"foreign_key_checks":                         "ON",
}

// tidbCheck is one setting verified on TiDB once the session variables
// apply: the query reading it, the answers accepted, and what to tell the
// operator otherwise (%q is the answer).
type tidbCheck struct {
	query   string
	want    []string // accepted answers, compared case-insensitively
	problem string
}

var tidbChecks = []tidbCheck{
	{"SELECT @@tidb_txn_mode", []string{"pessimistic"},
		"TiDB: tidb_txn_mode is %q, not pessimistic, although roadshow sets it on each connection; remove what overrides it (write transactions at READ COMMITTED need pessimistic mode)"},
	{"SELECT @@tidb_constraint_check_in_place_pessimistic", []string{"1", "ON"},
		"TiDB: tidb_constraint_check_in_place_pessimistic is %q, not ON, although roadshow sets it on each connection; remove what overrides it (duplicate keys must be refused when the row is written)"},
	{"SELECT VARIABLE_VALUE FROM mysql.tidb WHERE VARIABLE_NAME = 'new_collation_enabled'", []string{"true"},
		"TiDB: the new collation framework is off (mysql.tidb new_collation_enabled = %q), so utf8mb4_unicode_ci compares case-sensitively; it can only be switched on when a cluster is first bootstrapped (new_collations_enabled_on_first_bootstrap = true): run roadshow on a cluster created with it"},
	{"SELECT @@GLOBAL.tidb_enable_foreign_key", []string{"1", "ON"},
		"TiDB: tidb_enable_foreign_key is %q, so foreign keys are not enforced; run SET GLOBAL tidb_enable_foreign_key = ON"},
	{"SELECT @@foreign_key_checks", []string{"1", "ON"},
		"TiDB: foreign_key_checks is %q, not ON, although roadshow sets it on each connection; remove what overrides it"},
}

// engineQuery runs a query that returns one value and gives it as text
// ("" when it returns no row).
type engineQuery func(ctx context.Context, query string) (string, error)

// setupEngine detects the engine behind a MySQL connection with one
// VERSION() query. On MySQL and MariaDB it does nothing more. On TiDB it
// refuses a release older than TiDBMinVersion, calls useSession with the
// session variables every later connection must set, and then verifies each
// setting roadshow relies on, returning a one-line error naming the first
// that is wrong and how to fix it.
func setupEngine(ctx context.Context, q engineQuery, useSession func(map[string]string)) (tidb bool, err error) {
	v, err := q(ctx, "SELECT VERSION()")
	if err != nil {
		return false, fmt.Errorf("store: read the server version: %w", err)
	}
	ver, ok := tidbVersion(v)
	if !ok {
		return false, nil
	}
	if !versionAtLeast(ver, TiDBMinVersion) {
		return true, fmt.Errorf("store: TiDB %s is older than %s, the oldest release roadshow runs on; upgrade the cluster", ver, TiDBMinVersion)
	}
	useSession(tidbSession)
	for _, c := range tidbChecks {
		got, err := q(ctx, c.query)
		if err != nil {
			return true, fmt.Errorf("store: TiDB check %q (the database user must be allowed to read it): %w", c.query, err)
		}
		if !containsFold(c.want, strings.TrimSpace(got)) {
			return true, fmt.Errorf("store: "+c.problem, got)
		}
	}
	return true, nil
}

// tidbVersion finds TiDB's release in a VERSION() answer such as
// "8.0.11-TiDB-v8.5.6" (the MySQL version it emulates comes first).
func tidbVersion(v string) (string, bool) {
	_, rel, ok := strings.Cut(v, "-TiDB-")
	if !ok {
		return "", false
	}
	if i := strings.IndexAny(rel, "-+ "); i >= 0 {
		rel = rel[:i] // v7.5.0-serverless, v8.5.6+build
	}
	return rel, true
}

// versionAtLeast compares "vX.Y.Z" releases; an unreadable one is too old.
func versionAtLeast(v, least string) bool {
	a, okA := versionParts(v)
	b, _ := versionParts(least)
	if !okA {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return true
}

func versionParts(v string) ([3]int, bool) {
	var out [3]int
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if len(parts) < 2 || len(parts) > 3 {
		return out, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// sessionParams are session variables added to every new MySQL connection
// (go-sql-driver sends them as SET statements right after connecting). They
// are empty until the engine turns out to be TiDB.
type sessionParams struct {
	mu   sync.Mutex
	vals map[string]string
}

func (p *sessionParams) set(vals map[string]string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.vals = vals
}

// beforeConnect is the driver's hook: it adds the parameters to the copy of
// the configuration a new connection is made with.
func (p *sessionParams) beforeConnect(_ context.Context, cfg *gomysql.Config) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.vals) > 0 && cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	for k, v := range p.vals {
		cfg.Params[k] = v
	}
	return nil
}

// checkEngine is the start-up check Migrate runs first: nothing on SQLite,
// one VERSION() query on MySQL and MariaDB, and on TiDB the session
// variables set on every connection (the connections opened before are
// closed) and the settings verified.
func (s *Store) checkEngine(ctx context.Context) error {
	if s.dialect != "mysql" || s.connVars == nil {
		return nil
	}
	_, err := setupEngine(ctx, s.queryOne, func(vals map[string]string) {
		s.connVars.set(vals)
		s.sqlDB.SetMaxIdleConns(0) // closes the idle connections opened without them
		s.sqlDB.SetMaxIdleConns(s.maxIdle)
	})
	return err
}

// queryOne runs a query returning one value as text.
func (s *Store) queryOne(ctx context.Context, query string) (string, error) {
	var v sql.NullString
	err := s.sqlDB.QueryRowContext(ctx, query).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v.String, err
}
