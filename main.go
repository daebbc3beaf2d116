// Command roadshow schedules Torch Empowers (火炬赋能) financing roadshows and
// bank–enterprise matchmaking meetings. One binary, several subcommands:
//
//	roadshow serve [--demo]     run the HTTP API (migrates first)
//	roadshow migrate            apply schema migrations
//	roadshow demo               load the demo data
//	roadshow token create ...   create a bearer token
//
// Run "roadshow help" for the rest.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	_ "time/tzdata" // IANA zones even where the system has none

	"roadshow/app/store"
	"roadshow/config"
)

// command is one subcommand.
type command struct {
	name, usage string
	run         func(ctx context.Context, env *env, args []string) error
}

// env is what every command gets: settings, output streams, a logger.
type env struct {
	cfg    config.Config
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

func commands() []command {
	return []command{
		{"serve", "run the HTTP API and background jobs (--demo loads demo data first)", runServe},
		{"migrate", "apply schema migrations and seed zones, branches and the campaign", runMigrate},
		{"demo", "load the demo data (idempotent)", runDemo},
		{"token", "token create --role R [--zone|--branch|--enterprise|--investor ID] [--label L]", runToken},
		{"match", "match --event ID [--limit K] [--lang zh|en|both]: print an event's ranked pairs with reasons", runMatch},
		{"schedule", "schedule solve --in problem.json [--time-limit 10s] [--seed 1]: solve a problem in the solver format", runSchedule},
		{"bench", "bench match|schedule ... --json: run a benchmark and print its JSON report", runBench},
		{"import", "import enterprises|investors|products FILE [--dry-run] [--keep-valid]: a .xlsx or .csv file", runImport},
		{"export", "export progress|deals [--campaign ID] [--province P] --out FILE: an .xlsx report", runExport},
		{"healthcheck", "exit 0 when the local server answers /healthz (for containers)", runHealthcheck},
	}
}

func main() {
	ctx := context.Background()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "roadshow:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError marks bad command lines and bad settings (exit code 2).
type usageError struct{ error }

// run dispatches to a subcommand. It is main without os.Exit, for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		cfg := config.Default()
		if err := cfg.LoadEnv(getenv); err != nil {
			return usageError{err}
		}
		e := &env{cfg: cfg, stdout: stdout, stderr: stderr}
		return c.run(ctx, e, args[1:])
	}
	printHelp(stderr)
	return usageError{fmt.Errorf("unknown command %q", args[0])}
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: roadshow <command> [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nEvery command takes the settings flags (roadshow serve -h lists them) and ROADSHOW_* variables.")
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

// openStore opens, migrates and seeds the configured database.
func (e *env) openStore(ctx context.Context) (*store.Store, error) {
	driver, dsn, err := config.ParseDB(e.cfg.DB)
	if err != nil {
		return nil, usageError{err}
	}
	s, err := store.Open(driver, dsn, store.Options{MaxOpenConns: e.cfg.DBMaxOpenConns, Logger: e.log, LockTimeout: e.cfg.DBTimeout,
		DefaultTimeZone: e.cfg.TimeZone, ClosedRegistration: !e.cfg.OpenRegistration, AdminToken: e.cfg.AdminToken})
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

func runMigrate(ctx context.Context, e *env, args []string) error {
	if _, err := e.parse("migrate", args, nil); err != nil {
		return err
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema at version %d (%s)\n", v, s.Dialect())
	return nil
}
