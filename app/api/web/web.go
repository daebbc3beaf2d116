// Package web serves roadshow's web console: server-rendered pages in
// Chinese (English on request) for organizers, enterprises, investors and
// campaign staff, on top of the same app services as the HTTP API and with
// the same authorization — the principal of a page is the signed-in
// session's, and the services decide what it may see and do.
//
// Templates (html/template) and assets are embedded; the few scripts are
// progressive enhancements, so every form works without JavaScript. Public
// pages live at /, signed-in pages under /console. Sessions are HttpOnly,
// SameSite=Lax cookies (Secure behind https) backed by the store; every
// POST carries a CSRF token: the session's, or before sign-in a
// double-submit cookie signed with a key kept in the database.
package web

import (
	"context"
	"embed"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
	"roadshow/app/api"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure the console.
type Options struct {
	// PublicURL is the external base URL: links in mails, calendar
	// subscriptions, and Secure cookies when it is https.
	PublicURL string
	Logger    *slog.Logger
	// Now is the clock for "today" on the dashboard; time.Now when nil.
	Now func() time.Time
	// ScheduleTimeLimit bounds a dry run started from the console.
	ScheduleTimeLimit time.Duration
}

// Console is the web console.
type Console struct {
	svc    api.Services
	opt    Options
	log    *slog.Logger
	pages  *pageSet
	secure bool
	base   string // PublicURL without a trailing slash
	key    csrfKey
}

// New builds the console over the API's services; WebSessions must be set.
func New(svc api.Services, opt Options) (*Console, error) {
	if svc.WebSessions == nil {
		return nil, fmt.Errorf("web: the WebSessions service is required")
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.ScheduleTimeLimit == 0 {
		opt.ScheduleTimeLimit = 5 * time.Second
	}
	if opt.PublicURL == "" {
		opt.PublicURL = "http://127.0.0.1:8080"
	}
	u, err := url.Parse(opt.PublicURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("web: public URL %q: want https://host or http://host:port", opt.PublicURL)
	}
	pages, err := loadPages(svc.Vocabulary)
	if err != nil {
		return nil, err
	}
	return &Console{svc: svc, opt: opt, log: opt.Logger, pages: pages, secure: u.Scheme == "https",
		base: strings.TrimRight(opt.PublicURL, "/")}, nil
}

// Mount registers the console's routes on the API server, after the API's:
// public pages at /, signed-in pages under /console, assets under /static,
// and an HTML 404 for every other path outside /api. The spreadsheet
// upload is the one form that may send more than the JSON limit, and only
// from a signed-in browser.
func (w *Console) Mount(srv *api.Server) {
	srv.AcceptUploads("/console/imports", w.hasWebSession)
	r := srv.App
	r.Get("/static/*", w.handleStatic)
	r.Use(w.loadWebSession)
	w.registerPublicRoutes(r)
	w.registerSignInRoutes(r)
	w.registerParticipantRoutes(r)
	w.registerOrganizerRoutes(r)
	w.registerScheduleRoutes(r)
	w.registerStaffRoutes(r)
	r.Use(w.notFound)
}

// notFound answers unknown paths: the API's JSON 404 under /api, /healthz
// and the like, an HTML page elsewhere.
func (w *Console) notFound(c *fiber.Ctx) error {
	p := c.Path()
	if strings.HasPrefix(p, "/api/") || !acceptsHTML(c) {
		return fiber.ErrNotFound
	}
	return w.renderError(c, app.Errorf(app.ENOTFOUND, "page not found"))
}

func acceptsHTML(c *fiber.Ctx) bool {
	a := c.Get(fiber.HeaderAccept)
	return a == "" || strings.Contains(a, "text/html") || strings.Contains(a, "*/*")
}

// handler is a console handler; its error is rendered as a page.
type handler func(c *fiber.Ctx) error

// page wraps h so that an error becomes an HTML error page.
func (w *Console) page(h handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := h(c); err != nil {
			return w.renderError(c, err)
		}
		return nil
	}
}

// signedIn wraps h for pages that need a session: without one the browser
// goes to the sign-in page and comes back.
func (w *Console) signedIn(h handler) fiber.Handler {
	return w.page(func(c *fiber.Ctx) error {
		if webSessionOf(c) == nil {
			return c.Redirect("/signin?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
		}
		return h(c)
	})
}

// form is a state-changing handler: the CSRF token is checked first.
func (w *Console) form(h handler) fiber.Handler {
	return w.page(func(c *fiber.Ctx) error {
		if err := w.checkCSRF(c); err != nil {
			return err
		}
		return h(c)
	})
}

// signedInForm is form for signed-in pages. A browser whose session
// ended is asked to sign in again (before the CSRF check, which would
// otherwise call the form expired).
func (w *Console) signedInForm(h handler) fiber.Handler {
	return w.page(func(c *fiber.Ctx) error {
		if webSessionOf(c) == nil {
			return app.Errorf(app.EUNAUTHORIZED, "your session has ended; sign in again")
		}
		if err := w.checkCSRF(c); err != nil {
			return err
		}
		return h(c)
	})
}

// ctx is the request's context, carrying the session's principal.
func ctx(c *fiber.Ctx) context.Context { return c.UserContext() }

// principal is the signed-in caller, nil when anonymous.
func principal(c *fiber.Ctx) *app.Principal { return app.PrincipalFromContext(c.UserContext()) }
