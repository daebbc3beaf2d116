package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"strings"

	"roadshow/app/store"
	"roadshow/config"
)

// env is what every command gets: settings, output streams, a logger.
type env struct {
	cfg    config.Config
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// parse registers the settings flags and the command's own, parses args,
// validates the settings and builds the logger.
func (e *env) parse(name string, args []string, own func(fs *flag.FlagSet)) (*flag.FlagSet, error) {
	fs := flag.NewFlagSet("roadshow "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	e.cfg.RegisterFlags(fs)
	if own != nil {
		own(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, usageError{errors.New("help requested")}
		}
		return nil, usageError{err}
	}
	if err := e.cfg.Validate(); err != nil {
		return nil, usageError{err}
	}
	e.log = newLogger(e.stderr, e.cfg.LogLevel, e.cfg.LogFormat)
	return fs, nil
}

func newLogger(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(strings.ToUpper(level)))
	opt := &slog.HandlerOptions{Level: lv}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opt))
	}
	return slog.New(slog.NewJSONHandler(w, opt))
}

// storeOptions are the store's settings every command shares.
func (e *env) storeOptions() store.Options {
	return store.Options{MaxOpenConns: e.cfg.DBMaxOpenConns, Logger: e.log, LockTimeout: e.cfg.DBTimeout,
		DefaultTimeZone: e.cfg.TimeZone, ClosedRegistration: !e.cfg.OpenRegistration, AdminToken: e.cfg.AdminToken}
}

// openStore opens, migrates and seeds the configured database with the
// shared settings.
func (e *env) openStore(ctx context.Context) (*store.Store, error) {
	return e.openStoreWith(ctx, e.storeOptions())
}

// openStoreWith opens, migrates and seeds the configured database with opt.
func (e *env) openStoreWith(ctx context.Context, opt store.Options) (*store.Store, error) {
	driver, dsn, err := config.ParseDB(e.cfg.DB)
	if err != nil {
		return nil, usageError{err}
	}
	s, err := store.Open(driver, dsn, opt)
	if err != nil {
		return nil, err
	}
	st, err := s.Migrate(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	if len(st.Applied) > 0 {
		e.log.Info("schema migrated", "from", st.From, "to", st.To, "applied", strings.Join(st.Applied, ","))
	}
	if err := s.Seed(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
