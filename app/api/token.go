package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// tokenBody is the body of POST /tokens.
type tokenBody struct {
	Role         app.Role   `json:"role"`
	ZoneID       *int64     `json:"zone_id"`
	BranchID     *int64     `json:"branch_id"`
	EnterpriseID *int64     `json:"enterprise_id"`
	InvestorID   *int64     `json:"investor_id"`
	Label        string     `json:"label"`
	ExpiresAt    *time.Time `json:"expires_at"`
}

// tokenRecord lets tokenCreated embed app.Token beside a field named Token.
type tokenRecord = app.Token

// tokenCreated is the 201 body: the token's record and its secret, once.
type tokenCreated struct {
	tokenRecord
	Token string `json:"token"`
}

func (s *Server) registerTokenRoutes() {
	ts := s.svc.Tokens
	s.add(route{Method: "GET", Path: v1 + "/me", Summary: "Who the bearer token belongs to", Tag: "auth",
		Resp: app.Principal{}}, s.handleMe)
	s.add(route{Method: "POST", Path: v1 + "/tokens", Summary: "Create a token (admin: any; others: another token of their own scope)",
		Tag: "auth", Body: tokenBody{}, Resp: tokenCreated{}, Status: fiber.StatusCreated}, s.handleTokenCreate)
	s.add(route{Method: "GET", Path: v1 + "/tokens", Summary: "List tokens (never their secrets)", Tag: "auth",
		Resp: app.List[*app.Token]{}, Query: []string{"limit", "cursor"}},
		listOf(func(c *fiber.Ctx) (app.Page, error) { return queryPage(c) }, ts.FindTokens))
	s.add(route{Method: "DELETE", Path: v1 + "/tokens/:id", Summary: "Revoke a token", Tag: "auth",
		Status: fiber.StatusNoContent}, deleteByID(ts.RevokeToken))
}

func (s *Server) handleMe(c *fiber.Ctx) error {
	p := principal(c)
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *Server) handleTokenCreate(c *fiber.Ctx) error {
	if err := app.RequireAuth(principal(c)); err != nil {
		return err
	}
	var b tokenBody
	if err := s.decode(c, &b); err != nil {
		return err
	}
	t := &app.Token{Role: b.Role, ZoneID: b.ZoneID, BranchID: b.BranchID, EnterpriseID: b.EnterpriseID,
		InvestorID: b.InvestorID, Label: b.Label, ExpiresAt: b.ExpiresAt}
	secret, err := s.svc.Tokens.CreateToken(c.UserContext(), t)
	if err != nil {
		return err
	}
	return sendSecret(c, fiber.StatusCreated, tokenCreated{tokenRecord: *t, Token: secret})
}
