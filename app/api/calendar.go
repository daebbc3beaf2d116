package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerCalendarRoutes() {
	cs := s.svc.Calendars
	s.add(route{Method: "GET", Path: v1 + "/calendar-token", Summary: "Your calendar feed, created on first use: its secret URL only then (stored hashed); later only created_at — rotate for a new URL (enterprises and investors)",
		Tag: "calendar", Resp: app.CalendarToken{}}, s.handleCalendarToken(cs.FindCalendarToken))
	s.add(route{Method: "POST", Path: v1 + "/calendar-token/rotate", Summary: "Replace your calendar feed URL and show the new one, once; the old one stops working at once",
		Tag: "calendar", Resp: app.CalendarToken{}}, s.handleCalendarToken(cs.RotateCalendarToken))
	s.add(route{Method: "GET", Path: v1 + "/calendars/:token.ics", Summary: "A participant's subscribable feed of meetings and pitch slots (the token is the credential; ETag, 304)",
		Tag: "calendar", Auth: authNone, Raw: "text/calendar"}, s.handleCalendarFeed)
	s.add(route{Method: "GET", Path: "/calendars/:token.ics", Summary: "The same feed outside the versioned API, as CALENDAR.md names it",
		Tag: "calendar", Auth: authNone, Raw: "text/calendar"}, s.handleCalendarFeed)
	s.add(route{Method: "GET", Path: v1 + "/events/:id/agenda.ics", Summary: "An event's public agenda: sessions and pitches, no personal data (ETag, 304)",
		Tag: "calendar", Auth: authOptional, Raw: "text/calendar"}, s.handleAgendaFeed)
}

func (s *Server) handleCalendarToken(get func(context.Context) (*app.CalendarToken, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		tok, err := get(c.UserContext())
		if err != nil {
			return err
		}
		return sendSecret(c, fiber.StatusOK, tok)
	}
}

func (s *Server) handleCalendarFeed(c *fiber.Ctx) error {
	cal, err := s.svc.Calendars.ParticipantCalendar(c.UserContext(), strings.Clone(c.Params("token")))
	if err != nil {
		return err
	}
	// Revalidate every time: the feed changes when a meeting does.
	return sendCalendar(c, cal, "private, no-cache", "roadshow.ics")
}

func (s *Server) handleAgendaFeed(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	cal, err := s.svc.Calendars.EventAgendaCalendar(c.UserContext(), id)
	if err != nil {
		return err
	}
	cache := "public, max-age=300"
	if principal(c) != nil {
		cache = "private, no-cache" // drafts are visible to their organizers only
	}
	return sendCalendar(c, cal, cache, "agenda-"+strconv.FormatInt(id, 10)+".ics")
}

// sendCalendar answers with the feed, or 304 when the client's
// If-None-Match already names its entity tag.
func sendCalendar(c *fiber.Ctx, cal *app.Calendar, cache, filename string) error {
	c.Set(fiber.HeaderETag, cal.ETag)
	c.Set(fiber.HeaderCacheControl, cache)
	if etagMatches(c.Get(fiber.HeaderIfNoneMatch), cal.ETag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+filename+`"`)
	return c.Send(cal.ICS)
}

// etagMatches applies If-None-Match's weak comparison: "*" or any listed
// tag equal to etag, with or without W/.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
