// Package store implements roadshow's services on GORM: the embedded SQLite
// default (pure Go) and MySQL/MariaDB (or a MySQL-compatible engine such as
// TiDB) in production. It owns the schema migrations, the translation of
// database errors into app errors, and the authorization checks of each
// service, which read the caller from the request context.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"roadshow/app"
)

// Store is the database behind every service.
type Store struct {
	db      *gorm.DB
	sqlDB   *sql.DB
	dialect string // "sqlite" or "mysql"
	vocab   *app.Vocabulary

	// Now is the clock; tests replace it.
	Now func() time.Time
	// defaultTimeZone is given to events created without one.
	defaultTimeZone string
	// openRegistration lets anonymous callers register enterprises and
	// investors.
	openRegistration bool

	adminHash string // hash of the bootstrap admin token, if any
	// historyTables hold records that must outlive their parties; deleting
	// an enterprise or investor they refer to is refused.
	historyTables []string
	// uidDomain ends every calendar UID (uid@domain).
	uidDomain string
	// provinces caches the province of each zone for matching.
	provinces *provinceCache
	// notify renders the mails queued in the outbox (notify.go).
	notify notifier
	// connVars holds the session variables of new MySQL connections (set on
	// TiDB by checkEngine).
	connVars *sessionParams
	// maxIdle is the pool's idle limit.
	maxIdle int
	// calendarChunk is how many meetings or pitch slots one transaction
	// that queues calendar mails or reminders handles (0:
	// defaultCalendarChunk); beforeCalendarChunk, when set, runs before
	// each such transaction (tests).
	calendarChunk       int
	beforeCalendarChunk func(chunk int) error
}

// Options tune Open.
type Options struct {
	MaxOpenConns int
	Logger       *slog.Logger // slow queries and errors; nil = silent
	// LockTimeout bounds how long an SQLite statement waits for another
	// connection's write lock (its busy timeout, which ignores contexts);
	// 0 = 10 s. The server sets it to the request deadline.
	LockTimeout time.Duration
	// DefaultTimeZone is given to events created without one;
	// "" = Asia/Shanghai.
	DefaultTimeZone string
	// ClosedRegistration refuses anonymous registrations of enterprises
	// and investors (by default anyone may register).
	ClosedRegistration bool
	// AdminToken is accepted as an admin credential without being stored
	// (ROADSHOW_ADMIN_TOKEN); "" = none.
	AdminToken string
	// UIDDomain ends every new calendar UID (uid@domain);
	// "" = roadshow.local.
	UIDDomain string
	// Notify configures the mails queued in the outbox; nil = the defaults
	// of ConfigureNotifications.
	Notify *NotifyOptions
}

// Open connects to driver ("sqlite" or "mysql") at dsn. For SQLite the
// file's directory is created, WAL, foreign keys and a busy timeout are
// switched on; for MySQL the DSN is forced to parseTime, UTC and utf8mb4.
// Open does not migrate.
func Open(driver, dsn string, opt Options) (*Store, error) {
	var dial gorm.Dialector
	session := &sessionParams{}
	switch driver {
	case "sqlite":
		path, err := sqliteDSN(dsn, opt.LockTimeout)
		if err != nil {
			return nil, err
		}
		dial = sqlite.Open(path)
	case "mysql":
		cfg, err := mysqlConfig(dsn)
		if err != nil {
			return nil, err
		}
		if err := cfg.Apply(gomysql.BeforeConnect(session.beforeConnect)); err != nil {
			return nil, fmt.Errorf("store: mysql DSN: %w", err)
		}
		conn, err := gomysql.NewConnector(cfg)
		if err != nil {
			return nil, fmt.Errorf("store: mysql DSN: %w", err)
		}
		dial = mysql.New(mysql.Config{Conn: sql.OpenDB(conn), SkipInitializeWithVersion: true})
	default:
		return nil, fmt.Errorf("store: unknown driver %q", driver)
	}
	db, err := gorm.Open(dial, &gorm.Config{
		Logger:                 gormLogger(opt.Logger),
		SkipDefaultTransaction: true,
		DisableAutomaticPing:   true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", driver, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	maxIdle := configurePool(sqlDB, driver, opt.MaxOpenConns)
	vocab, err := app.LoadVocabulary()
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, sqlDB: sqlDB, dialect: driver, connVars: session, maxIdle: maxIdle, vocab: vocab, Now: time.Now,
		defaultTimeZone: cmp.Or(opt.DefaultTimeZone, "Asia/Shanghai"), openRegistration: !opt.ClosedRegistration,
		adminHash: adminHash(opt.AdminToken), historyTables: []string{"deals", "meetings", "pitches"}, uidDomain: cmp.Or(opt.UIDDomain, "roadshow.local"),
		provinces: &provinceCache{}}
	if opt.Notify != nil {
		if err := s.ConfigureNotifications(*opt.Notify); err != nil {
			sqlDB.Close()
			return nil, err
		}
	}
	return s, nil
}

// configurePool sizes the pool and returns its idle limit.
func configurePool(sqlDB *sql.DB, driver string, maxOpen int) int {
	if maxOpen <= 0 {
		maxOpen = 20
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(min(maxOpen, 10))
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	if driver == "mysql" {
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	return min(maxOpen, 10)
}

func gormLogger(l *slog.Logger) logger.Interface {
	if l == nil {
		return logger.Discard
	}
	return expectedErrorLogger{Interface: logger.NewSlogLogger(l, logger.Config{SlowThreshold: 500 * time.Millisecond, LogLevel: logger.Warn,
		IgnoreRecordNotFoundError: true, ParameterizedQueries: true}), log: l}
}

// expectedErrorLogger logs the errors the store expects and handles — a
// duplicate key (a 409) and a deadlock or busy lock (retried) — at DEBUG;
// every other failure reaches GORM's logger, which logs it at ERROR.
type expectedErrorLogger struct {
	logger.Interface
	log *slog.Logger
}

// LogMode keeps the wrapper around GORM's logger.
func (e expectedErrorLogger) LogMode(level logger.LogLevel) logger.Interface {
	return expectedErrorLogger{Interface: e.Interface.LogMode(level), log: e.log}
}

// ParamsFilter keeps GORM's parameterized statements: values, which may be
// personal data, never reach the log.
func (e expectedErrorLogger) ParamsFilter(ctx context.Context, sql string, params ...any) (string, []any) {
	if f, ok := e.Interface.(gorm.ParamsFilter); ok {
		return f.ParamsFilter(ctx, sql, params...)
	}
	return sql, nil
}

// Trace logs one statement.
func (e expectedErrorLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if err != nil && (isUnique(err) || retryable(err)) {
		kind := "duplicate key" // the message would show the duplicate value
		if retryable(err) {
			kind = "lock conflict, retried"
		}
		sql, _ := fc()
		e.log.LogAttrs(ctx, slog.LevelDebug, "SQL expected error", slog.String("error", kind), slog.String("sql", sql),
			slog.Duration("duration", time.Since(begin)))
		err = nil // still logged if slow
	}
	e.Interface.Trace(ctx, begin, fc, err)
}

// sqliteDSN turns a path into a DSN with the pragmas roadshow relies on.
func sqliteDSN(path string, busy time.Duration) (string, error) {
	if busy <= 0 {
		busy = 10 * time.Second
	}
	if path != ":memory:" && !strings.HasPrefix(path, "file:") {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return "", fmt.Errorf("store: create %s: %w", dir, err)
			}
		}
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(" + strconv.FormatInt(busy.Milliseconds(), 10) + ")" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate", nil
}

// mysqlConfig parses a go-sql-driver DSN and forces the settings roadshow
// relies on: parseTime, UTC, utf8mb4.
func mysqlConfig(dsn string) (*gomysql.Config, error) {
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: mysql DSN: %w", err)
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.Collation = "utf8mb4_unicode_ci"
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Params["time_zone"] = "'+00:00'"
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	return cfg, nil
}

// Dialect returns "sqlite" or "mysql".
func (s *Store) Dialect() string { return s.dialect }

// Vocabulary returns the controlled vocabularies.
func (s *Store) Vocabulary() *app.Vocabulary { return s.vocab }

// DB returns the underlying pool, for metrics.
func (s *Store) DB() *sql.DB { return s.sqlDB }

// Close closes the pool.
func (s *Store) Close() error { return s.sqlDB.Close() }

// Ping checks that the database answers within ctx.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.sqlDB.PingContext(ctx); err != nil {
		return &app.Error{Code: app.EUNAVAILABLE, Message: "database unreachable"}
	}
	return nil
}

// now returns the store clock in UTC, truncated to microseconds so that both
// dialects store the same instant.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// conn returns a session bound to ctx.
func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// tx runs fn in a transaction, retrying a few times when the database
// reports a deadlock or a busy lock. fn must be safe to re-run.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = s.conn(ctx).Transaction(fn, s.txOptions())
		if !retryable(err) || ctx.Err() != nil {
			return translate(err)
		}
		time.Sleep(time.Duration(10*(attempt+1)) * time.Millisecond)
	}
	return translate(err)
}

// txOptions runs MySQL transactions at READ COMMITTED, so that a check made
// after taking a row lock sees the rows other transactions committed while
// it waited (InnoDB's REPEATABLE READ would show the snapshot of the first
// read). SQLite transactions are serialized by their immediate write lock.
func (s *Store) txOptions() *sql.TxOptions {
	if s.dialect == "mysql" {
		return &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	}
	return nil
}

// retryable reports whether a transaction failed only because another one
// got in its way, so that running it again may succeed: MySQL's deadlock
// (1213) and lock wait timeout (1205); TiDB's write conflict (9007), failed
// automatic retry (8002), retryable transaction error (8022) and schema
// changed during the transaction (8028); SQLite's busy lock.
func retryable(err error) bool {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1213, 1205, 9007, 8002, 8022, 8028:
			return true
		}
		return false
	}
	return err != nil && strings.Contains(err.Error(), "SQLITE_BUSY")
}

// errNotFound is what finders return when a row is missing.
func errNotFound(what string) error {
	return app.Errorf(app.ENOTFOUND, "%s not found", what)
}

func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }
