package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"roadshow/app"
	"roadshow/app/export"
	"roadshow/app/store"
)

// runExport writes a report as an .xlsx workbook: roadshow export
// progress|deals [--campaign ID] [--province P] [--branch ID] --out FILE.
func runExport(ctx context.Context, e *env, args []string) error {
	var out, province string
	var campaign, branch int64
	fs, err := e.parse("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "the .xlsx file to write")
		fs.Int64Var(&campaign, "campaign", 0, "campaign id (progress default: the current campaign; deals default: all)")
		fs.StringVar(&province, "province", "", "only the zones of this province, such as 江苏省")
		fs.Int64Var(&branch, "branch", 0, "progress only: only the zones of this bank branch")
	})
	if err != nil {
		return err
	}
	pos, err := positionals(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "progress" && pos[0] != "deals") || out == "" {
		return usageError{errors.New("usage: roadshow export progress|deals [--campaign ID] [--province P] [--branch ID] --out FILE")}
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx = app.NewContextWithPrincipal(ctx, app.SystemPrincipal)
	var buf bytes.Buffer
	var summary string
	if pos[0] == "progress" {
		summary, err = exportProgress(ctx, s, &buf, app.ProgressFilter{CampaignID: campaign, Province: province, BranchID: branch})
	} else {
		summary, err = exportDeals(ctx, s, &buf, app.DealReportFilter{CampaignID: campaign, Province: province})
	}
	if err != nil {
		if app.ErrorCode(err) == app.EINVALID {
			return usageError{err}
		}
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s\n", out, summary)
	return nil
}

func exportProgress(ctx context.Context, s *store.Store, buf *bytes.Buffer, f app.ProgressFilter) (string, error) {
	p, err := s.CampaignProgress(ctx, f)
	if err != nil {
		return "", err
	}
	if err := export.WriteProgress(buf, p, s.Vocabulary()); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s, %d zones, %d complete, %d at risk (as of %s)", p.Campaign.Name, p.National.Zones, p.National.Complete,
		p.National.AtRisk, p.AsOf), nil
}

func exportDeals(ctx context.Context, s *store.Store, buf *bytes.Buffer, f app.DealReportFilter) (string, error) {
	lines, err := s.DealLines(ctx, f)
	if err != nil {
		return "", err
	}
	if err := export.WriteDeals(buf, lines, s.Vocabulary()); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d deals", len(lines)), nil
}
