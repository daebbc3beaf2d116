package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"roadshow/app"
	"roadshow/app/importer"
)

// runImport imports a spreadsheet: roadshow import KIND FILE [--dry-run]
// [--keep-valid]. It prints the JSON report on stdout, the problems and a
// progress bar on stderr, and fails when anything was rejected.
func runImport(ctx context.Context, e *env, args []string) error {
	var dryRun, keepValid bool
	fs, err := e.parse("import", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "check every row, write nothing")
		fs.BoolVar(&keepValid, "keep-valid", false, "write the valid rows even when others are rejected")
	})
	if err != nil {
		return err
	}
	pos, err := positionals(fs)
	if err != nil {
		return err
	}
	if len(pos) != 2 || !slices.Contains(app.ImportKinds, pos[0]) {
		return usageError{errors.New("usage: roadshow import enterprises|investors|products FILE [--dry-run] [--keep-valid]")}
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return usageError{err}
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgressBar(e.stderr)
	opt := app.ImportOptions{DryRun: dryRun, KeepValid: keepValid, Progress: bar.update}
	rep, err := importer.New(s, s.Vocabulary()).Import(app.NewContextWithPrincipal(ctx, app.SystemPrincipal), pos[0], data, opt)
	bar.finish()
	if err != nil {
		return err
	}
	return printImportReport(e, pos[1], rep)
}

// positionals returns the arguments that are not flags, parsing flags that
// follow them too (roadshow import enterprises f.xlsx --dry-run).
func positionals(fs *flag.FlagSet) ([]string, error) {
	var pos []string
	for rest := fs.Args(); len(rest) > 0; rest = fs.Args() {
		pos = append(pos, rest[0])
		if err := fs.Parse(rest[1:]); err != nil {
			return nil, usageError{err}
		}
	}
	return pos, nil
}

func printImportReport(e *env, file string, rep *app.ImportReport) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return err
	}
	for _, x := range rep.Errors {
		where := fmt.Sprintf("row %d", x.Row)
		if x.Row == 0 {
			where = "file"
		}
		if x.Column != "" {
			where += ", " + strings.TrimSpace(x.Header+" ("+x.Column+")")
		}
		fmt.Fprintf(e.stderr, "%s: %s: %s\n", file, where, x.Message)
	}
	verb := "written"
	if rep.DryRun {
		verb = "checked (dry run, nothing written)"
	} else if !rep.Written {
		verb = "nothing written"
	}
	fmt.Fprintf(e.stderr, "%s: %d rows, %d created, %d updated, %d problems; %s\n", rep.Kind, rep.Rows, rep.Created, rep.Updated,
		len(rep.Errors), verb)
	if rep.Rejected() {
		return fmt.Errorf("%s: %d problem(s) rejected", file, len(rep.Errors))
	}
	return nil
}

// progressBar draws "phase [#####     ] done/total" on one terminal line,
// at most ten times a second.
type progressBar struct {
	w     io.Writer
	last  time.Time
	shown bool
}

func newProgressBar(w io.Writer) *progressBar { return &progressBar{w: w} }

func (b *progressBar) update(phase string, done, total int) {
	if total <= 0 || (done < total && time.Since(b.last) < 100*time.Millisecond) {
		return
	}
	b.last = time.Now()
	const width = 30
	fill := width * done / total
	label := map[string]string{"check": "checking", "write": "writing "}[phase]
	fmt.Fprintf(b.w, "\r%s [%s%s] %d/%d rows", label, strings.Repeat("#", fill), strings.Repeat(" ", width-fill), done, total)
	b.shown = true
}

// finish ends the bar's line.
func (b *progressBar) finish() {
	if b.shown {
		fmt.Fprintln(b.w)
	}
}
