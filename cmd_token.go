package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"roadshow/app"
)

func runToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{errors.New("usage: roadshow token create --role R [--zone|--branch|--enterprise|--investor ID] [--label L]")}
	}
	var role, label string
	var zone, branch, enterprise, investor int64
	if _, err := e.parse("token create", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&role, "role", "", "admin, organizer, enterprise or investor")
		fs.Int64Var(&zone, "zone", 0, "zone id (organizer of a zone)")
		fs.Int64Var(&branch, "branch", 0, "branch id (organizer of a branch)")
		fs.Int64Var(&enterprise, "enterprise", 0, "enterprise id")
		fs.Int64Var(&investor, "investor", 0, "investor id")
		fs.StringVar(&label, "label", "cli", "a note on who holds the token")
	}); err != nil {
		return err
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	t := &app.Token{Role: app.Role(role), ZoneID: optID(zone), BranchID: optID(branch), EnterpriseID: optID(enterprise),
		InvestorID: optID(investor), Label: label}
	secret, err := s.CreateToken(app.NewContextWithPrincipal(ctx, app.SystemPrincipal), t)
	if err != nil {
		if app.ErrorCode(err) == app.EINVALID {
			return usageError{err}
		}
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", secret)
	fmt.Fprintf(e.stderr, "token %d (%s) created; the secret above is shown only once\n", t.ID, t.Role)
	return nil
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
