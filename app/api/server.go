// Package api serves roadshow's HTTP API (base path /api/v1) with Fiber:
// authentication, request decoding, error mapping, metrics, structured
// logs and the OpenAPI document. Handlers translate HTTP to calls on the
// app services and back; every rule lives in those services.
package api

import (
	"context"
	"database/sql"
	"log/slog"
	"net/netip"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"roadshow/app"
)

// Services are the app services the API serves.
type Services struct {
	Zones           app.ZoneService
	Branches        app.BranchService
	Enterprises     app.EnterpriseService
	Investors       app.InvestorService
	Products        app.ProductService
	Events          app.EventService
	Sessions        app.SessionService
	Registrations   app.RegistrationService
	Deals           app.DealService
	Experiences     app.ExperienceService
	Campaigns       app.CampaignService
	Tokens          app.TokenService
	Matches         app.MatchService
	MeetingRequests app.MeetingRequestService
	Meetings        app.MeetingService
	Schedules       app.ScheduleService
	Notifications   app.NotificationService
	Calendars       app.CalendarService
	Progress        app.ProgressService
	Reports         app.ReportService
	Imports         app.ImportService
	WebSessions     app.WebSessionService // the web console's sessions (app/api/web)
	Idempotency     IdempotencyStore
	Health          interface {
		Ping(ctx context.Context) error
	}
	Vocabulary *app.Vocabulary
}

// Options configure a Server.
type Options struct {
	Logger    *slog.Logger
	BodyLimit int     // bytes; the largest upload
	JSONLimit int     // bytes; the largest JSON body
	DB        *sql.DB // for pool metrics; may be nil
	Now       func() time.Time
	Version   string
	// DBTimeout bounds each request's database work (bulk routes: 12
	// times); past it the answer is 503 unavailable. 0 = no deadline.
	DBTimeout time.Duration
	// TrustedProxies are the peers whose X-Forwarded-For names the client
	// (ClientIP); none by default.
	TrustedProxies []netip.Prefix
	// PublicURL is the external base URL; when it is https every answer
	// carries Strict-Transport-Security.
	PublicURL string
}

// Server is the HTTP API.
type Server struct {
	App      *fiber.App
	svc      Services
	opt      Options
	log      *slog.Logger
	metrics  *metrics
	registry *prometheus.Registry
	routes   []route
	uploads  []upload
}

// New builds the Fiber application with every route registered.
func New(svc Services, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.BodyLimit == 0 {
		opt.BodyLimit = 32 << 20
	}
	if opt.JSONLimit == 0 {
		opt.JSONLimit = 1 << 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Server{svc: svc, opt: opt, log: opt.Logger, registry: prometheus.NewRegistry()}
	s.metrics = newMetrics(s.registry, opt.DB)
	s.App = fiber.New(fiber.Config{
		AppName: "roadshow",
		// Immutable: every string Fiber hands out (method, path, params,
		// headers, query, form values) is a copy, never a view of a buffer
		// reused by the next request, so it may outlive its handler (in
		// metric labels, caches, goroutines). Decided here, once, for the
		// API, the console and the tests, which all build their app here.
		Immutable: true,
		BodyLimit: opt.BodyLimit,
		// The body is read by limitBody, within the route's limit, once
		// the caller is known; multipart forms are parsed only on demand.
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		ErrorHandler:                 s.handleError,
		DisableStartupMessage:        true,
		ReadTimeout:                  60 * time.Second,
		WriteTimeout:                 60 * time.Second,
		IdleTimeout:                  120 * time.Second,
	})
	s.App.Use(s.recoverPanics, s.requestID, s.clientAddress, s.responseHeaders, s.observe, s.dbDeadline, s.authenticate, s.limitBody, s.idempotent)
	s.registerRoutes()
	return s
}

// registerRoutes registers every resource's routes; each resource file
// has its own register function.
func (s *Server) registerRoutes() {
	for _, register := range []func(){
		s.registerHealthRoutes,
		s.registerZoneRoutes, s.registerBranchRoutes, s.registerEnterpriseRoutes, s.registerInvestorRoutes,
		s.registerProductRoutes, s.registerEventRoutes, s.registerSessionRoutes, s.registerRegistrationRoutes,
		s.registerDealRoutes, s.registerExperienceRoutes, s.registerCampaignRoutes, s.registerTokenRoutes,
		s.registerVocabularyRoutes, s.registerMatchRoutes, s.registerMeetingRequestRoutes,
		s.registerScheduleRoutes, s.registerNotificationRoutes, s.registerCalendarRoutes,
		s.registerProgressRoutes, s.registerImportRoutes, s.registerAgendaExportRoutes,
	} {
		register()
	}
}

// Listen serves on addr until Shutdown.
func (s *Server) Listen(addr string) error { return s.App.Listen(addr) }

// Shutdown stops accepting connections and waits for requests in flight,
// up to the context's deadline.
func (s *Server) Shutdown(ctx context.Context) error { return s.App.ShutdownWithContext(ctx) }
