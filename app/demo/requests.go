package demo

import (
	"context"

	"roadshow/app"
	"roadshow/app/store"
)

// ensureRequests lets the upcoming matchmaking meeting start with meeting
// requests from both sides, some mutual and some already answered.
func ensureRequests(ctx context.Context, s *store.Store, d *Data) error {
	ev := d.Upcoming
	have, err := s.FindMeetingRequests(ctx, app.MeetingRequestFilter{EventID: ev.ID, Page: app.Page{Limit: 1}})
	if err != nil || len(have.Items) > 0 {
		return err
	}
	invs := d.Investors[:12]
	var reqs []*app.MeetingRequest
	for i, e := range d.Enterprises[:20] {
		for k, step := range []int{0, 5} {
			reqs = append(reqs, &app.MeetingRequest{EventID: ev.ID, From: app.SideEnterprise, EnterpriseID: e.ID,
				InvestorID: invs[(i+step)%len(invs)].ID, Priority: 1 + (i+k)%3})
		}
	}
	for j, inv := range invs[:4] {
		for _, i := range []int{j, j + 8} {
			reqs = append(reqs, &app.MeetingRequest{EventID: ev.ID, From: app.SideInvestor, EnterpriseID: d.Enterprises[i].ID,
				InvestorID: inv.ID, Priority: 1})
		}
	}
	for n, r := range reqs {
		if err := s.CreateMeetingRequest(ctx, r); err != nil {
			return err
		}
		if n%4 == 1 {
			if _, err := s.AnswerMeetingRequest(ctx, r.ID, app.RequestAccepted); err != nil {
				return err
			}
		}
	}
	return nil
}
