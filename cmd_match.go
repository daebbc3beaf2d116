package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"roadshow/app"
)

// runMatch prints an event's ranked pairs with their reasons.
func runMatch(ctx context.Context, e *env, args []string) error {
	var eventID int64
	var limit int
	var lang string
	if _, err := e.parse("match", args, func(fs *flag.FlagSet) {
		fs.Int64Var(&eventID, "event", 0, "event id")
		fs.IntVar(&limit, "limit", 5, "pairs per list")
		fs.StringVar(&lang, "lang", "both", "reasons in zh, en or both")
	}); err != nil {
		return err
	}
	if eventID == 0 {
		return usageError{fmt.Errorf("--event is required")}
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx = app.NewContextWithPrincipal(ctx, app.SystemPrincipal)
	ev, err := s.FindEventByID(ctx, eventID)
	if err != nil {
		return err
	}
	matches, err := s.FindMatches(ctx, app.MatchFilter{EventID: eventID, Limit: limit})
	if err != nil {
		return err
	}
	var ents, invs []int64
	for _, m := range matches {
		ents, invs = append(ents, m.EnterpriseID), append(invs, m.InvestorID)
	}
	names, err := s.PartyNames(ctx, ents, invs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s (event %d): %d ranked pairs, top %d per enterprise; score = the sum of the points listed\n", ev.Title, ev.ID, len(matches), limit)
	printMatches(e.stdout, matches, names, lang)
	return nil
}

func printMatches(w io.Writer, ms []app.Match, n app.PartyNames, lang string) {
	last := int64(-1)
	rank := 0
	for _, m := range ms {
		if m.EnterpriseID != last {
			fmt.Fprintf(w, "\n%s\n", n.Enterprises[m.EnterpriseID])
			last, rank = m.EnterpriseID, 0
		}
		rank++
		flag := ""
		if m.Pinned {
			flag = "  [pinned 必见]"
		}
		fmt.Fprintf(w, "  %d. %-3d %s%s\n", rank, m.Score, n.Investors[m.InvestorID], flag)
		for _, r := range m.Reasons {
			if r.Points != 0 {
				fmt.Fprintf(w, "         %+3d  %s\n", r.Points, reasonText(r, lang))
			}
		}
	}
}

// reasonText shows a reason in the chosen language(s).
func reasonText(r app.Reason, lang string) string {
	switch lang {
	case "zh":
		return r.TextZH
	case "en":
		return r.TextEN
	}
	return r.TextZH + " | " + r.TextEN
}
