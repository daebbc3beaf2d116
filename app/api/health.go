package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"roadshow/app"
)

type healthResponse struct {
	Status string `json:"status"`
}

func (s *Server) registerHealthRoutes() {
	s.add(route{Method: "GET", Path: "/healthz", Summary: "Liveness", Tag: "operations", Auth: authNone, Resp: healthResponse{}},
		func(c *fiber.Ctx) error { return c.JSON(healthResponse{Status: "ok"}) })
	s.add(route{Method: "GET", Path: "/readyz", Summary: "Readiness: the database answers (503 when it does not)", Tag: "operations",
		Auth: authNone, Resp: healthResponse{}}, s.handleReady)
	s.add(route{Method: "GET", Path: "/metrics", Summary: "Prometheus metrics", Tag: "operations", Auth: authNone, Raw: "text/plain"},
		adaptor.HTTPHandler(promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})))
	s.add(route{Method: "GET", Path: "/openapi.json", Summary: "This API's OpenAPI 3.0 document", Tag: "operations", Auth: authNone,
		Raw: "application/json"}, s.handleOpenAPI)
}

func (s *Server) handleReady(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := s.svc.Health.Ping(ctx); err != nil {
		return &app.Error{Code: app.EUNAVAILABLE, Message: "database unreachable"}
	}
	return c.JSON(healthResponse{Status: "ready"})
}
