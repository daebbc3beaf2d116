package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerNotificationRoutes() {
	ns := s.svc.Notifications
	s.add(route{Method: "GET", Path: v1 + "/notifications", Summary: "The outbox: mails queued and sent, with delivery state (admins: all; organizers: their events')",
		Tag: "notifications", Resp: app.List[*app.Notification]{}, Query: []string{"status", "kind", "event_id", "limit", "cursor"}},
		listOf(parseNotificationFilter, ns.FindNotifications))
	s.add(route{Method: "GET", Path: v1 + "/notifications/:id", Summary: "One outbox row (never the message itself)",
		Tag: "notifications", Resp: app.Notification{}}, getByID(ns.FindNotificationByID))
	s.add(route{Method: "POST", Path: v1 + "/notifications/:id/retry", Summary: "Requeue a dead or failed notification: pending, due now, attempts reset (409 for other states)",
		Tag: "notifications", Resp: app.Notification{}}, postByID(ns.RetryNotification))
}

func parseNotificationFilter(c *fiber.Ctx) (f app.NotificationFilter, err error) {
	if f.Status, err = queryEnum(c, "status", app.NotificationStatuses); err != nil {
		return f, err
	}
	if f.Kind, err = queryEnum(c, "kind", app.NotificationKinds); err != nil {
		return f, err
	}
	if f.EventID, err = queryInt(c, "event_id"); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
