package api

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// matchList is the body of GET /events/{id}/matches.
type matchList struct {
	Items []app.Match `json:"items"`
}

func (s *Server) registerMatchRoutes() {
	s.add(route{Method: "GET", Path: v1 + "/events/:id/matches", Summary: "Ranked enterprise–investor pairs of an event's approved registrants, with reasons",
		Tag: "matching", Resp: matchList{}, Query: []string{"enterprise_id", "investor_id", "limit"}}, s.handleMatches)
	s.add(route{Method: "GET", Path: v1 + "/enterprises/:id/recommendations", Summary: "Investors and eligible products for an enterprise, and the products closed to it with the failing rules",
		Tag: "matching", Resp: app.EnterpriseRecommendations{}, Query: []string{"event_id", "limit"}},
		recommend(s.svc.Matches.RecommendForEnterprise))
	s.add(route{Method: "GET", Path: v1 + "/investors/:id/recommendations", Summary: "Enterprises for an investor",
		Tag: "matching", Resp: app.InvestorRecommendations{}, Query: []string{"event_id", "limit"}},
		recommend(s.svc.Matches.RecommendForInvestor))
}

func (s *Server) handleMatches(c *fiber.Ctx) error {
	var f app.MatchFilter
	var err error
	if f.EventID, err = paramID(c, "id"); err != nil {
		return err
	}
	var limit int64
	if err := queryInts(c, map[string]*int64{"enterprise_id": &f.EnterpriseID, "investor_id": &f.InvestorID, "limit": &limit}); err != nil {
		return err
	}
	if f.Limit, err = listLimit(limit); err != nil {
		return err
	}
	items, err := s.svc.Matches.FindMatches(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(matchList{Items: items})
}

// listLimit checks a ranked list's length: 1–100, 0 for the default.
func listLimit(n int64) (int, error) {
	if n > 100 {
		return 0, app.FieldError("limit", "must be between 1 and 100")
	}
	return int(n), nil
}

// recommend serves GET …/{id}/recommendations.
func recommend[T any](find func(ctx context.Context, id int64, f app.RecommendationFilter) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := paramID(c, "id")
		if err != nil {
			return err
		}
		var f app.RecommendationFilter
		var limit int64
		if err := queryInts(c, map[string]*int64{"event_id": &f.EventID, "limit": &limit}); err != nil {
			return err
		}
		if f.Limit, err = listLimit(limit); err != nil {
			return err
		}
		v, err := find(c.UserContext(), id, f)
		if err != nil {
			return err
		}
		return c.JSON(v)
	}
}
