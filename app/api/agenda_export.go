package api

import (
	"bytes"
	"context"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
	"roadshow/app/export"
)

func (s *Server) registerAgendaExportRoutes() {
	s.add(route{Method: "GET", Path: v1 + "/events/:id/agenda.xlsx", Summary: "The agenda as an Excel workbook: tables × slots, meetings, pitch order (the meetings you may see)",
		Tag: "schedule", Raw: mimeXLSX}, s.handleAgendaXLSX)
	s.add(route{Method: "GET", Path: v1 + "/events/:id/matches.xlsx", Summary: "An event's ranked pairs with their reasons as an Excel workbook (organizers)",
		Tag: "matching", Raw: mimeXLSX, Query: []string{"limit"}}, s.handleMatchesXLSX)
}

func (s *Server) handleAgendaXLSX(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := app.RequireAuth(principal(c)); err != nil {
		return err
	}
	ctx := c.UserContext()
	a, err := s.svc.Schedules.Agenda(ctx, id)
	if err != nil {
		return err
	}
	var ents, invs []int64
	for _, m := range a.Meetings {
		ents, invs = append(ents, m.EnterpriseID), append(invs, m.InvestorID)
	}
	for _, p := range a.Pitches {
		ents = append(ents, p.EnterpriseID)
	}
	var buf bytes.Buffer
	if err := s.writeWithNames(ctx, ents, invs, func(n app.PartyNames) error { return export.WriteAgenda(&buf, a, n) }); err != nil {
		return err
	}
	return sendXLSX(c, fmt.Sprintf("agenda-%d.xlsx", id), a.Event.Title+" 日程.xlsx", buf.Bytes())
}

func (s *Server) handleMatchesXLSX(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := app.RequireStaff(principal(c)); err != nil {
		return err
	}
	var limit int64
	if err := queryInts(c, map[string]*int64{"limit": &limit}); err != nil {
		return err
	}
	n, err := listLimit(limit)
	if err != nil {
		return err
	}
	ms, err := s.svc.Matches.FindMatches(c.UserContext(), app.MatchFilter{EventID: id, Limit: n})
	if err != nil {
		return err
	}
	var ents, invs []int64
	for _, m := range ms {
		ents, invs = append(ents, m.EnterpriseID), append(invs, m.InvestorID)
	}
	var buf bytes.Buffer
	if err := s.writeWithNames(c.UserContext(), ents, invs, func(n app.PartyNames) error { return export.WriteMatches(&buf, ms, n) }); err != nil {
		return err
	}
	return sendXLSX(c, fmt.Sprintf("matches-%d.xlsx", id), fmt.Sprintf("活动%d 匹配结果.xlsx", id), buf.Bytes())
}

// writeWithNames looks up the parties' names and writes a workbook.
func (s *Server) writeWithNames(ctx context.Context, ents, invs []int64, write func(app.PartyNames) error) error {
	names, err := s.svc.Reports.PartyNames(ctx, ents, invs)
	if err != nil {
		return err
	}
	return write(names)
}
