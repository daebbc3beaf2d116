package demo

import (
	"context"
	"fmt"
	"time"

	"roadshow/app"
	"roadshow/app/store"
)

// campaignEvent is one 2025 event of a demo zone and the status it reached.
type campaignEvent struct {
	zone   int
	kind   string
	title  string
	start  time.Time
	hours  int
	status string
}

// campaignEvents give each zone a different state of the campaign: 苏州
// held everything, 武汉 is missing its matchmaking meeting, 西安 has only
// plans.
var campaignEvents = []campaignEvent{
	{0, app.KindExchangeVisit, "苏州高新区管委会主任与交通银行苏州分行行长面对面", at(2025, 3, 20, 14, 0), 2, app.StatusClosed},
	{0, app.KindMatchmaking, "苏州高新区2025春季银企对接会", at(2025, 4, 18, 9, 0), 8, app.StatusClosed},
	{0, app.KindRoadshow, "苏州高新区科技企业融资路演", at(2025, 5, 16, 14, 0), 4, app.StatusClosed},
	{1, app.KindExchangeVisit, "东湖高新区主任-行长面对面交流", at(2025, 4, 2, 10, 0), 2, app.StatusClosed},
	{1, app.KindMatchmaking, "东湖高新区银企对接会", at(2025, 6, 26, 9, 0), 8, app.StatusOpen},
	{1, app.KindRoadshow, "光谷科技企业融资路演", at(2025, 6, 12, 14, 0), 4, app.StatusScheduled},
	{2, app.KindExchangeVisit, "西安高新区主任-行长面对面", at(2025, 6, 24, 10, 0), 2, app.StatusDraft},
	{2, app.KindMatchmaking, "西安高新区银企对接会", at(2025, 6, 27, 9, 0), 8, app.StatusCancelled},
	{2, app.KindRoadshow, "西安高新区硬科技融资路演", at(2025, 6, 28, 14, 0), 4, app.StatusDraft},
}

// statusPath is the way from draft to each status.
var statusPath = map[string][]string{
	app.StatusDraft:     nil,
	app.StatusOpen:      {app.StatusOpen},
	app.StatusScheduled: {app.StatusOpen, app.StatusScheduled},
	app.StatusClosed:    {app.StatusOpen, app.StatusScheduled, app.StatusClosed},
	app.StatusCancelled: {app.StatusCancelled},
}

func loadCampaignEvents(ctx context.Context, s *store.Store, d *Data, _ time.Time) error {
	for _, ce := range campaignEvents {
		e := &app.Event{Kind: ce.kind, Title: ce.title, ZoneID: &d.Zones[ce.zone].ID, BranchID: d.Zones[ce.zone].BranchID,
			Venue: d.Zones[ce.zone].NameZH + "管委会", StartsAt: ce.start, EndsAt: ce.start.Add(time.Duration(ce.hours) * time.Hour)}
		got, err := ensureEvent(ctx, s, e, ce.status)
		if err != nil {
			return err
		}
		d.Events = append(d.Events, got)
	}
	return nil
}

// ensureEvent creates the event unless one with its title exists in its
// zone, and walks it to the wanted status.
func ensureEvent(ctx context.Context, s *store.Store, e *app.Event, status string) (*app.Event, error) {
	found, err := s.FindEvents(ctx, app.EventFilter{ZoneID: *e.ZoneID, Q: e.Title, Page: app.Page{Limit: 10}})
	if err != nil {
		return nil, err
	}
	for _, f := range found.Items {
		if f.Title == e.Title {
			return f, nil
		}
	}
	if err := s.CreateEvent(ctx, e); err != nil {
		return nil, fmt.Errorf("%s: %w", e.Title, err)
	}
	for _, st := range statusPath[status] {
		st := st
		if e, err = s.UpdateEvent(ctx, e.ID, app.EventUpdate{Status: &st}); err != nil {
			return nil, fmt.Errorf("%s → %s: %w", e.Title, st, err)
		}
	}
	return e, nil
}

// nextWeekday returns the date of the first given weekday at least three
// days after now, at hour:minute Beijing time.
func nextWeekday(now time.Time, wd time.Weekday, hour, minute int) time.Time {
	d := now.In(beijing).AddDate(0, 0, 3)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, beijing)
}

func loadUpcoming(ctx context.Context, s *store.Store, d *Data, now time.Time) error {
	z := d.Zones[0]
	start := nextWeekday(now, time.Wednesday, 9, 0)
	mm := &app.Event{Kind: app.KindMatchmaking, Title: "苏州高新区冬季银企对接会", ZoneID: &z.ID, BranchID: z.BranchID,
		Venue: "苏州高新区科技城会议中心", StartsAt: start, EndsAt: start.Add(8 * time.Hour),
		Meeting: app.MeetingSettings{SlotMinutes: 20, BreakMinutes: 5, Tables: 8, MaxPerEnterprise: 4, MaxPerInvestor: 12}}
	var err error
	if d.Upcoming, err = ensureEvent(ctx, s, mm, app.StatusOpen); err != nil {
		return err
	}
	rs := &app.Event{Kind: app.KindRoadshow, Title: "苏州高新区冬季融资路演", ZoneID: &z.ID, BranchID: z.BranchID,
		Venue: "苏州高新区科技城路演厅", StartsAt: start.AddDate(0, 0, 1).Add(5 * time.Hour),
		EndsAt: start.AddDate(0, 0, 1).Add(8*time.Hour + 30*time.Minute)}
	if d.Roadshow, err = ensureEvent(ctx, s, rs, app.StatusOpen); err != nil {
		return err
	}
	if err := ensureSessions(ctx, s, d); err != nil {
		return err
	}
	if err := ensureRegistrations(ctx, s, d); err != nil {
		return err
	}
	return ensureRequests(ctx, s, d)
}

func ensureSessions(ctx context.Context, s *store.Store, d *Data) error {
	mm, rs := d.Upcoming, d.Roadshow
	want := []app.Session{
		{EventID: mm.ID, Title: "上午场", StartsAt: mm.StartsAt, EndsAt: mm.StartsAt.Add(3 * time.Hour), Room: "一号厅"},
		{EventID: mm.ID, Title: "下午场", StartsAt: mm.StartsAt.Add(4*time.Hour + 30*time.Minute), EndsAt: mm.EndsAt, Room: "一号厅"},
		{EventID: rs.ID, Title: "新一代信息技术与高端装备专场", StartsAt: rs.StartsAt, EndsAt: rs.StartsAt.Add(90 * time.Minute),
			Room: "路演厅A", Sectors: []string{"new_generation_it", "high_end_equipment", "digital_creative"}},
		{EventID: rs.ID, Title: "生物医药与新材料专场", StartsAt: rs.StartsAt.Add(105 * time.Minute), EndsAt: rs.EndsAt,
			Room: "路演厅A", Sectors: []string{"biotech", "new_materials", "new_energy", "new_energy_vehicles", "energy_saving_environmental", "related_services"}},
	}
	for _, ev := range []*app.Event{mm, rs} {
		have, err := s.FindSessions(ctx, ev.ID)
		if err != nil {
			return err
		}
		if len(have) > 0 {
			continue
		}
		for i := range want {
			if want[i].EventID == ev.ID {
				if err := s.CreateSession(ctx, &want[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// ensureRegistrations registers the 苏州 enterprises and twelve investors
// for the upcoming events and approves them. Some enterprises can only come
// in the morning.
func ensureRegistrations(ctx context.Context, s *store.Store, d *Data) error {
	approved := app.RegApproved
	for _, ev := range []*app.Event{d.Upcoming, d.Roadshow} {
		existing, err := s.FindRegistrations(ctx, app.RegistrationFilter{EventID: ev.ID, Page: app.Page{Limit: 1}})
		if err != nil || len(existing.Items) > 0 {
			continue
		}
		for _, r := range demoRegistrations(d, ev) {
			if err := s.CreateRegistration(ctx, r); err != nil {
				return err
			}
			if _, err := s.UpdateRegistration(ctx, r.ID, app.RegistrationUpdate{Status: &approved}); err != nil {
				return err
			}
		}
	}
	return nil
}

func demoRegistrations(d *Data, ev *app.Event) []*app.Registration {
	var out []*app.Registration
	role := app.RegMeeter
	if ev.Kind == app.KindRoadshow {
		role = app.RegPitcher
	}
	for i, e := range d.Enterprises[:20] {
		if ev.Kind == app.KindRoadshow && i >= 12 {
			break
		}
		r := &app.Registration{EventID: ev.ID, EnterpriseID: &e.ID, Role: role}
		if ev.Kind == app.KindMatchmaking && i%5 == 4 {
			r.Availability = []app.Interval{{From: ev.StartsAt, To: ev.StartsAt.Add(3 * time.Hour)}}
		}
		out = append(out, r)
	}
	for _, inv := range d.Investors[:12] {
		out = append(out, &app.Registration{EventID: ev.ID, InvestorID: &inv.ID, Role: app.RegInvestor})
	}
	return out
}
