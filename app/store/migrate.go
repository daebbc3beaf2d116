package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	gomysql "github.com/go-sql-driver/mysql"
)

//go:embed migrations
var migrationsFS embed.FS

// migration is one numbered schema change, split into statements.
type migration struct {
	version    int
	name       string
	statements []string
}

// loadMigrations reads the dialect's numbered .sql files in order.
func loadMigrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationsFS, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations for %s: %w", dialect, err)
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration file %q is not NNNN_name.sql", e.Name())
		}
		b, err := migrationsFS.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: read %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: v, name: name, statements: splitSQL(string(b))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("store: two migrations numbered %d", out[i].version)
		}
	}
	return out, nil
}

// splitSQL drops comment lines and splits a script at semicolons that end a
// line.
func splitSQL(script string) []string {
	var stmts []string
	var cur strings.Builder
	for _, line := range strings.Split(script, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(t, ";") {
			stmts = append(stmts, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}

// MigrationStatus reports the schema version before and after Migrate.
type MigrationStatus struct {
	From, To int
	Applied  []string
}

// Migrate checks the engine (on TiDB: its release and settings, see
// setupEngine), then applies every migration newer than the recorded
// version. Each statement is idempotent (IF NOT EXISTS), because MySQL
// commits DDL implicitly; the version is recorded after its statements
// succeed, so a second run, or a run that crashed half-way, is safe.
func (s *Store) Migrate(ctx context.Context) (MigrationStatus, error) {
	var st MigrationStatus
	if err := s.checkEngine(ctx); err != nil {
		return st, err
	}
	ms, err := loadMigrations(s.dialect)
	if err != nil {
		return st, err
	}
	db := s.conn(ctx)
	if err := db.Exec(schemaTableDDL(s.dialect)).Error; err != nil {
		return st, fmt.Errorf("store: create schema_migrations: %w", translate(err))
	}
	applied := map[int]bool{}
	var versions []int
	if err := db.Raw("SELECT version FROM schema_migrations").Scan(&versions).Error; err != nil {
		return st, fmt.Errorf("store: read schema version: %w", translate(err))
	}
	for _, v := range versions {
		applied[v] = true
		st.From = max(st.From, v)
	}
	st.To = st.From
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		for i, stmt := range m.statements {
			if err := db.Exec(stmt).Error; err != nil && !alreadyApplied(stmt, err) {
				return st, fmt.Errorf("store: migration %04d_%s statement %d: %w", m.version, m.name, i+1, err)
			}
		}
		err := db.Exec(s.insertIgnore("schema_migrations", "version, name, applied_at", "?, ?, ?"),
			m.version, m.name, s.now()).Error
		if err != nil {
			return st, fmt.Errorf("store: record migration %d: %w", m.version, err)
		}
		st.Applied = append(st.Applied, fmt.Sprintf("%04d_%s", m.version, m.name))
		st.To = max(st.To, m.version)
	}
	return st, nil
}

// alreadyApplied reports whether a failed ALTER TABLE … ADD COLUMN or
// CREATE INDEX failed only because an earlier, interrupted run added the
// column or the index: the DDL statements that have no IF NOT EXISTS form
// in MySQL 8.
func alreadyApplied(stmt string, err error) bool {
	up := strings.TrimSpace(strings.ToUpper(stmt))
	if strings.HasPrefix(up, "CREATE INDEX") || strings.HasPrefix(up, "CREATE UNIQUE INDEX") {
		var me *gomysql.MySQLError
		return errors.As(err, &me) && me.Number == 1061 // duplicate key name
	}
	if !strings.HasPrefix(up, "ALTER TABLE") || !strings.Contains(up, "ADD COLUMN") {
		return false
	}
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1060 // duplicate column name
	}
	return strings.Contains(err.Error(), "duplicate column name")
}

func schemaTableDDL(dialect string) string {
	if dialect == "mysql" {
		return `CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY,
			name VARCHAR(200) NOT NULL, applied_at DATETIME(6) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*T![auto_id_cache] AUTO_ID_CACHE=1 */`
	}
	return `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY,
		name TEXT NOT NULL, applied_at DATETIME NOT NULL)`
}

// insertIgnore returns an INSERT that does nothing when a unique key already
// holds the row, in the dialect's syntax.
func (s *Store) insertIgnore(table, cols, vals string) string {
	if s.dialect == "mysql" {
		return "INSERT IGNORE INTO " + table + " (" + cols + ") VALUES (" + vals + ")"
	}
	return "INSERT OR IGNORE INTO " + table + " (" + cols + ") VALUES (" + vals + ")"
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	if err := s.conn(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error; err != nil {
		return 0, translate(err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}
