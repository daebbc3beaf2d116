package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"roadshow/app/api"
	"roadshow/app/api/web"
	"roadshow/app/store"
	"roadshow/app/wire"
)

func runServe(ctx context.Context, e *env, args []string) error {
	var demo bool
	if _, err := e.parse("serve", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&demo, "demo", false, "load the demo data before serving")
	}); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	opt := e.storeOptions()
	if err := withMail(e, &opt); err != nil {
		return err
	}
	s, err := e.openStoreWith(ctx, opt)
	if err != nil {
		return err
	}
	defer s.Close()
	bg, err := startBackground(e, s) // mailer, dispatcher, cron jobs
	if err != nil {
		return err
	}
	if demo {
		if err := loadDemo(ctx, e, s); err != nil {
			return err
		}
	}
	srv, err := newServer(e, s)
	if err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Listen(e.cfg.Addr) }()
	e.log.Info("serving", "addr", e.cfg.Addr, "db", s.Dialect(), "url", "http://"+e.cfg.Addr+"/api/v1/events")
	fmt.Fprintf(e.stdout, "roadshow listening on http://%s (API under /api/v1, OpenAPI at /openapi.json)\n", e.cfg.Addr)
	fmt.Fprintf(e.stdout, "web console: http://%s/ (sign in at http://%s/signin)\n", e.cfg.Addr, e.cfg.Addr)
	select {
	case err := <-errc:
		return fmt.Errorf("listen %s: %w", e.cfg.Addr, err)
	case <-ctx.Done():
	}
	e.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if berr := bg.stop(shutdownCtx); err == nil {
		err = berr
	}
	return err
}

// newServer wires the store's services into the HTTP API and mounts the
// web console on it.
func newServer(e *env, s *store.Store) (*api.Server, error) {
	svc := wire.Services(s)
	srv := api.New(svc, api.Options{Logger: e.log, BodyLimit: e.cfg.BodyLimit, JSONLimit: e.cfg.JSONLimit, DB: s.DB(),
		DBTimeout: e.cfg.DBTimeout, TrustedProxies: e.cfg.TrustedProxies, PublicURL: e.cfg.PublicURL})
	console, err := web.New(svc, web.Options{PublicURL: e.cfg.PublicURL, Logger: e.log})
	if err != nil {
		return nil, err
	}
	console.Mount(srv)
	return srv, nil
}

// hostname names this process in logs and claims.
func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "roadshow"
	}
	return h
}
