package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"roadshow/app"
	"roadshow/config"
)

// TestOpenStore_Settings: the store every command opens carries the
// settings: the bootstrap admin token authenticates as admin, closed
// registration refuses anonymous enterprises.
func TestOpenStore_Settings(t *testing.T) {
	cfg := config.Default()
	cfg.DB = "sqlite:" + filepath.Join(t.TempDir(), "r.db")
	cfg.AdminToken = "settings-admin-token-0123456789abcdef"
	cfg.OpenRegistration = false
	e := &env{cfg: cfg, stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	s, err := e.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Authenticate(ctx, cfg.AdminToken)
	if err != nil || p.Role != app.RoleAdmin {
		t.Fatalf("admin token: %+v %v", p, err)
	}
	_, err = s.CreateEnterprise(ctx, &app.Enterprise{Name: "苏州示例科技有限公司"})
	if app.ErrorCode(err) != app.EUNAUTHORIZED {
		t.Fatalf("anonymous registration with registration closed: %v", err)
	}
}
