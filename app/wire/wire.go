// Package wire builds the services of the HTTP API and the web console
// from one store: the single wiring used by `roadshow serve` and by the
// test harnesses of app/api and app/api/web.
package wire

import (
	"roadshow/app/api"
	"roadshow/app/importer"
	"roadshow/app/store"
)

// Services returns every service the API and the console need, each backed
// by s (imports validate against s's vocabulary and write through s).
func Services(s *store.Store) api.Services {
	return api.Services{
		Zones: s, Branches: s, Enterprises: s, Investors: s, Products: s, Events: s, Sessions: s,
		Registrations: s, Deals: s, Experiences: s, Campaigns: s, Tokens: s, Matches: s,
		MeetingRequests: s, Meetings: s, Schedules: s, Notifications: s, Calendars: s,
		Progress: s, Reports: s, Imports: importer.New(s, s.Vocabulary()), WebSessions: s,
		Idempotency: s, Health: s, Vocabulary: s.Vocabulary(),
	}
}
