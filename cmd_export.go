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
// progress|deals [--campaign ID] [--province P] [--branch ID] --out FILE,
// or agenda|matches --event ID --out FILE.
func runExport(ctx context.Context, e *env, args []string) error {
	var out, province string
	var campaign, branch, event int64
	fs, err := e.parse("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "the .xlsx file to write")
		fs.Int64Var(&campaign, "campaign", 0, "campaign id (progress default: the current campaign; deals default: all)")
		fs.StringVar(&province, "province", "", "only the zones of this province, such as 江苏省")
		fs.Int64Var(&branch, "branch", 0, "progress only: only the zones of this bank branch")
		fs.Int64Var(&event, "event", 0, "agenda and matches: the event")
	})
	if err != nil {
		return err
	}
	pos, err := positionals(fs)
	if err != nil {
		return err
	}
	kinds := map[string]bool{"progress": true, "deals": true, "agenda": event > 0, "matches": event > 0}
	if len(pos) != 1 || !kinds[pos[0]] || out == "" {
		return usageError{errors.New("usage: roadshow export progress|deals [--campaign ID] [--province P] [--branch ID] --out FILE\n" +
			"       roadshow export agenda|matches --event ID --out FILE")}
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx = app.NewContextWithPrincipal(ctx, app.SystemPrincipal)
	var buf bytes.Buffer
	var summary string
	switch pos[0] {
	case "progress":
		summary, err = exportProgress(ctx, s, &buf, app.ProgressFilter{CampaignID: campaign, Province: province, BranchID: branch})
	case "deals":
		summary, err = exportDeals(ctx, s, &buf, app.DealReportFilter{CampaignID: campaign, Province: province})
	case "agenda":
		summary, err = exportAgenda(ctx, s, &buf, event)
	default:
		summary, err = exportMatches(ctx, s, &buf, event)
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

func exportAgenda(ctx context.Context, s *store.Store, buf *bytes.Buffer, event int64) (string, error) {
	a, err := s.Agenda(ctx, event)
	if err != nil {
		return "", err
	}
	var ents, invs []int64
	for _, m := range a.Meetings {
		ents, invs = append(ents, m.EnterpriseID), append(invs, m.InvestorID)
	}
	for _, p := range a.Pitches {
		ents = append(ents, p.EnterpriseID)
	}
	names, err := s.PartyNames(ctx, ents, invs)
	if err != nil {
		return "", err
	}
	if err := export.WriteAgenda(buf, a, names); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s: %d meetings, %d pitches", a.Event.Title, len(a.Meetings), len(a.Pitches)), nil
}

func exportMatches(ctx context.Context, s *store.Store, buf *bytes.Buffer, event int64) (string, error) {
	ms, err := s.FindMatches(ctx, app.MatchFilter{EventID: event})
	if err != nil {
		return "", err
	}
	var ents, invs []int64
	for _, m := range ms {
		ents, invs = append(ents, m.EnterpriseID), append(invs, m.InvestorID)
	}
	names, err := s.PartyNames(ctx, ents, invs)
	if err != nil {
		return "", err
	}
	if err := export.WriteMatches(buf, ms, names); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d ranked pairs", len(ms)), nil
}
