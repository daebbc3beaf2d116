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
	"fmt"
	"io"
	"os"

	_ "time/tzdata" // IANA zones even where the system has none

	"roadshow/config"
)

// command is one subcommand.
type command struct {
	name, usage string
	run         func(ctx context.Context, env *env, args []string) error
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
