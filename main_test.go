package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// roadshowCmd runs the command line in-process with a private database.
func roadshowCmd(t *testing.T, db string, args ...string) (string, string, error) {
	var out, errOut bytes.Buffer
	env := map[string]string{"ROADSHOW_DB": db, "ROADSHOW_LOG_LEVEL": "warn"}
	err := run(context.Background(), args, &out, &errOut, func(k string) string { return env[k] })
	return out.String(), errOut.String(), err
}

func TestMigrate_Twice(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "r.db")
	for i := 0; i < 2; i++ {
		out, _, err := roadshowCmd(t, db, "migrate")
		if err != nil || !strings.Contains(out, "schema at version") {
			t.Fatalf("migrate run %d: %q %v", i+1, out, err)
		}
	}
}

func TestBadSetting_UsageError(t *testing.T) {
	_, _, err := roadshowCmd(t, "sqlite:x.db", "migrate", "--addr", "nope")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "ROADSHOW_ADDR") {
		t.Fatalf("want a usage error naming ROADSHOW_ADDR, got %v", err)
	}
	if _, _, err := roadshowCmd(t, "sqlite:x.db", "frobnicate"); !errors.As(err, &ue) {
		t.Fatalf("unknown command: %v", err)
	}
}

func TestTokenCreate(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "r.db")
	out, _, err := roadshowCmd(t, db, "token", "create", "--role", "organizer", "--zone", "1", "--label", "苏州")
	if err != nil || !strings.HasPrefix(out, "rs_") {
		t.Fatalf("token create: %q %v", out, err)
	}
	_, _, err = roadshowCmd(t, db, "token", "create", "--role", "organizer")
	var ue usageError
	if !errors.As(err, &ue) {
		t.Fatalf("organizer without scope: %v", err)
	}
}

func TestDemo_Twice(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	db := "sqlite:" + filepath.Join(t.TempDir(), "r.db")
	first, _, err := roadshowCmd(t, db, "demo")
	if err != nil {
		t.Fatal(err)
	}
	second, _, err := roadshowCmd(t, db, "demo")
	if err != nil || first != second || !strings.Contains(first, "60 enterprises, 15 investors, 8 products, 9 campaign events") {
		t.Fatalf("demo twice:\n%s\n%s\n%v", first, second, err)
	}
}

// TestServe_GracefulShutdown serves on a free port, answers, and returns
// cleanly when its context ends (as on SIGTERM).
func TestServe_GracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	env := map[string]string{"ROADSHOW_DB": "sqlite:" + filepath.Join(t.TempDir(), "r.db"), "ROADSHOW_ADDR": addr, "ROADSHOW_LOG_LEVEL": "warn"}
	var out bytes.Buffer
	go func() { done <- run(ctx, []string{"serve"}, &out, &out, func(k string) string { return env[k] }) }()
	url := fmt.Sprintf("http://%s/readyz", addr)
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not become ready: %v\n%s", err, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("serve did not shut down")
	}
}
