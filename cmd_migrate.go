package main

import (
	"context"
	"fmt"
)

// runMigrate applies the schema migrations and seeds (roadshow migrate).
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
