package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// roadshowFixture is a committed roadshow: two sessions, three pitchers
// and one investor, which the plan invites to sessions.
type roadshowFixture struct {
	event    int64
	entToken string
	invToken string
	invID    int64
	sessions map[int64][]int64 // session → invited investors, from the plan
	pitches  int
}

func newRoadshow(h *harness) roadshowFixture {
	h.t.Helper()
	b := h.eventBody()
	b["kind"], b["title"] = "roadshow", "苏州高新区融资路演"
	id := int64(h.must(201, "POST", "/api/v1/events", h.org, b).JSON()["id"].(float64))
	ev := path("/api/v1/events/%d", id)
	h.must(200, "PATCH", ev, h.org, map[string]any{"status": "open"})
	start, _ := time.Parse(time.RFC3339, b["starts_at"].(string))
	for i, sectors := range [][]string{{"new_generation_it"}, {"biotech"}} {
		h.must(201, "POST", ev+"/sessions", h.org, map[string]any{"title": []string{"信息技术专场", "生物医药专场"}[i],
			"starts_at": start.Add(time.Duration(i) * 2 * time.Hour).Format(time.RFC3339), "room": "路演厅",
			"ends_at": start.Add(time.Duration(i)*2*time.Hour + time.Hour).Format(time.RFC3339), "sectors": sectors})
	}
	f := roadshowFixture{event: id, sessions: map[int64][]int64{}}
	for i := uint64(1); i <= 3; i++ {
		_, tok := h.registerEnterprise(i)
		h.join(id, tok, "pitcher")
		f.entToken = tok
	}
	inv := investorBody("路演评委银行")
	inv["sectors"] = []string{"new_generation_it", "biotech"}
	var created struct {
		ID    int64
		Token string
	}
	h.must(201, "POST", "/api/v1/investors", "", inv).Decode(h.t, &created)
	f.invToken, f.invID = created.Token, created.ID
	h.join(id, f.invToken, "investor")
	var plan struct {
		Committed bool
		Pitches   []struct {
			SessionID int64 `json:"session_id"`
		}
		Sessions []struct {
			SessionID   int64   `json:"session_id"`
			InvestorIDs []int64 `json:"investor_ids"`
		}
	}
	h.must(200, "POST", ev+"/schedule", h.org, map[string]any{}).Decode(h.t, &plan)
	if !plan.Committed || len(plan.Pitches) != 3 {
		h.t.Fatalf("roadshow plan: %+v", plan)
	}
	for _, s := range plan.Sessions {
		f.sessions[s.SessionID] = s.InvestorIDs
	}
	f.pitches = len(plan.Pitches)
	return f
}

// TestCalendarAPI_Roadshow: a committed roadshow invites each pitcher to
// its slot and the investors invited to a session to each of its pitches;
// the public agenda.ics lists sessions and pitches without personal data
// and answers 304 to its ETag; cancelling the event cancels every invite
// that went out.
func TestCalendarAPI_Roadshow(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		f := newRoadshow(h)
		box := newMailbox(h)
		invites := box.drain(time.Now())
		toInvestor, toPitchers := 0, 0
		for _, m := range invites {
			inv := parseInvite(t, m)
			if inv.method != "REQUEST" || !strings.Contains(prop(inv.event, ical.PropSummary), "路演") {
				t.Fatalf("pitch invite: %s %q", inv.method, prop(inv.event, ical.PropSummary))
			}
			if m.To[0] == invMail {
				toInvestor++
			} else {
				toPitchers++
			}
		}
		invited := 0
		var plan struct {
			Items []struct {
				SessionID int64 `json:"session_id"`
			}
		}
		h.must(200, "GET", path("/api/v1/events/%d/pitches", f.event), "", nil).Decode(t, &plan)
		for _, p := range plan.Items {
			invited += len(f.sessions[p.SessionID])
		}
		if toPitchers != f.pitches || toInvestor != invited || invited == 0 {
			t.Fatalf("%d pitcher and %d investor invites, want %d and %d", toPitchers, toInvestor, f.pitches, invited)
		}

		agenda := path("/api/v1/events/%d/agenda.ics", f.event)
		r := h.must(200, "GET", agenda, "", nil)
		body := string(r.Body)
		for _, private := range []string{"@example.cn", "13800138000", "13900000001", "ATTENDEE", "METHOD"} {
			if strings.Contains(body, private) {
				t.Fatalf("the public agenda holds %q:\n%s", private, body)
			}
		}
		cal, err := ical.NewDecoder(strings.NewReader(body)).Decode()
		if err != nil || len(cal.Events()) != 2+f.pitches {
			t.Fatalf("agenda: %v, %d events, want 2 sessions and %d pitches", err, len(cal.Events()), f.pitches)
		}
		if again := h.do("GET", agenda, "", nil, "If-None-Match", r.Header.Get("ETag")); again.Status != 304 {
			t.Fatalf("agenda If-None-Match: %d", again.Status)
		}
		draft := int64(h.must(201, "POST", "/api/v1/events", h.org, h.eventBody()).JSON()["id"].(float64))
		if r := h.do("GET", path("/api/v1/events/%d/agenda.ics", draft), "", nil); r.Status != 404 {
			t.Fatalf("a draft's agenda, anonymously: %d", r.Status)
		}

		// The investor no longer fits any session: re-planning uninvites it.
		// It gets cancellations, the pitchers of its sessions updates; the
		// pitches themselves did not move, so their sequence rises once.
		h.must(200, "PATCH", path("/api/v1/investors/%d", f.invID), f.invToken, map[string]any{"sectors": []string{"new_materials"}})
		h.must(200, "POST", path("/api/v1/events/%d/schedule", f.event), h.org, map[string]any{})
		for _, m := range box.drain(time.Now()) {
			inv := parseInvite(t, m)
			want := "REQUEST"
			if m.To[0] == invMail {
				want = "CANCEL"
			}
			if inv.method != want || seqOf(t, inv) != 1 {
				t.Fatalf("after uninviting the investor, %s got %s SEQUENCE %d", m.To[0], inv.method, seqOf(t, inv))
			}
		}
		if n := len(h.notifications(path("kind=cancel&event_id=%d", f.event), h.admin)); n != toInvestor {
			t.Fatalf("%d cancellations to the uninvited investor, want %d", n, toInvestor)
		}
		if n := len(h.notifications(path("kind=update&event_id=%d", f.event), h.admin)); n == 0 || n > toPitchers {
			t.Fatalf("%d updates to the pitchers whose session lost the investor", n)
		}

		h.must(200, "POST", path("/api/v1/events/%d/cancel", f.event), h.org, nil)
		cancels := box.drain(time.Now())
		if len(cancels) != toPitchers {
			t.Fatalf("%d cancellations for %d pitchers holding an invite", len(cancels), toPitchers)
		}
		for _, m := range cancels {
			if inv := parseInvite(t, m); inv.method != "CANCEL" || prop(inv.event, ical.PropStatus) != "CANCELLED" {
				t.Fatalf("after the event's cancellation: %s %s", inv.method, prop(inv.event, ical.PropStatus))
			}
		}
		r = h.must(200, "GET", agenda, "", nil)
		if strings.Contains(string(r.Body), "STATUS:CONFIRMED") {
			t.Fatal("the cancelled event's agenda still has confirmed entries")
		}
	})
}
