package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

var slotOption = regexp.MustCompile(`<option value="(\d{4}-\d\d-\d\dT[^"]+)"( selected)?>`)

// TestConsole_MeetingMove: the organizer moves a meeting to a free slot
// and table from the meeting's page; a slot where the investor is busy is
// refused with a message; a party may not move it; a malformed slot is a
// 422 naming the field.
func TestConsole_MeetingMove(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		others, err := k.store.FindMeetings(system(), app.MeetingFilter{EventID: m.event.ID, EnterpriseID: m.b.ID})
		if err != nil || len(others) == 0 {
			t.Fatalf("no meeting for b: %v", err)
		}
		busy := others[0].StartsAt.UTC()
		org := k.browser()
		csrf := org.signIn(k.token(app.Token{Role: app.RoleOrganizer, ZoneID: &m.zone.ID}))
		path := fmt.Sprintf("/console/meetings/%d", m.meeting.ID)
		p := org.get(path)
		opts := slotOption.FindAllStringSubmatch(p.Body, -1)
		if p.Status != http.StatusOK || len(opts) < 3 || !strings.Contains(p.Body, `action="`+path+`/move"`) {
			t.Fatalf("the organizer's meeting page (%d) should offer the event's slots (%d)", p.Status, len(opts))
		}
		var free string
		for _, o := range opts {
			at, _ := time.Parse(time.RFC3339, o[1])
			if o[2] == "" && !at.Equal(busy) {
				free = o[1]
			}
		}
		if free == "" {
			t.Fatal("no free slot offered")
		}
		schedule := fmt.Sprintf("/console/events/%d/schedule", m.event.ID)

		// A party may not move its meeting.
		a := k.browser()
		ac := a.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &m.a.ID}))
		if p := a.get(path); strings.Contains(p.Body, `action="`+path+`/move"`) {
			t.Error("a party's meeting page offers to move the meeting")
		}
		r := a.post(path+"/move", ac, url.Values{"starts_at": {free}, "table": {"2"}})
		if kind, _ := a.follow(r); r.Location != path || kind != "error" {
			t.Fatalf("a party moves the meeting: %q flash %s, want an error", r.Location, kind)
		}
		if got, _ := k.store.FindMeetingByID(system(), m.meeting.ID); !got.StartsAt.Equal(m.meeting.StartsAt) {
			t.Fatal("a party moved the meeting")
		}

		// Into the investor's other meeting: refused.
		r = org.post(path+"/move", csrf, url.Values{"starts_at": {busy.Format(time.RFC3339)}})
		if kind, text := org.follow(r); r.Location != path || kind != "error" || !strings.HasPrefix(text, "操作冲突") {
			t.Fatalf("a busy slot: %q flash %s %q", r.Location, kind, text)
		}
		if p := org.post(path+"/move?lang=en", csrf, url.Values{"starts_at": {"tomorrow at nine"}}); p.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(p.Body, "starts_at") {
			t.Fatalf("a malformed slot: %d, want 422 naming starts_at\n%.300s", p.Status, p.Body)
		}
		if got, _ := k.store.FindMeetingByID(system(), m.meeting.ID); !got.StartsAt.Equal(m.meeting.StartsAt) || got.Table != m.meeting.Table {
			t.Fatal("a refused move changed the meeting")
		}

		table := 1
		if m.meeting.Table == 1 {
			table = 2
		}
		r = org.post(path+"/move?lang=zh", csrf, url.Values{"starts_at": {free}, "table": {fmt.Sprint(table)}})
		if r.Location != schedule {
			t.Fatalf("move: %d %q, want back to the schedule", r.Status, r.Location)
		}
		if kind, text := org.follow(r); kind != "ok" || text != "会谈已调整，双方将收到更新通知。" {
			t.Fatalf("move: flash %s %q", kind, text)
		}
		want, _ := time.Parse(time.RFC3339, free)
		got, err := k.store.FindMeetingByID(system(), m.meeting.ID)
		if err != nil || !got.StartsAt.Equal(want) || got.Table != table || got.Source != app.SourceManual {
			t.Fatalf("after the move: %+v (%v), want %s at table %d", got, err, want, table)
		}
	})
}
