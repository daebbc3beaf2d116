package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"roadshow/app/store"
	"roadshow/notifications"
)

// storedMeeting is a meeting as GET /meetings reports it.
type storedMeeting struct {
	ID           int64     `json:"id"`
	EnterpriseID int64     `json:"enterprise_id"`
	InvestorID   int64     `json:"investor_id"`
	Slot         int       `json:"slot"`
	Table        int       `json:"table"`
	Status       string    `json:"status"`
	Sequence     int       `json:"sequence"`
	UID          string    `json:"uid"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
}

type notificationJSON struct {
	ID            int64      `json:"id"`
	Kind          string     `json:"kind"`
	MeetingID     *int64     `json:"meeting_id"`
	Sequence      int        `json:"sequence"`
	Recipient     string     `json:"recipient"`
	MessageID     string     `json:"message_id"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	DueAt         time.Time  `json:"due_at"`
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	NotAfter      *time.Time `json:"not_after"`
	LastCode      int        `json:"last_code"`
}

// scheduled is a committed matchmaking event of 4 enterprises and 2
// investors: one contact each (wangmin@example.cn, liqiang@bank.example.cn).
type scheduled struct {
	f        *matchFixture
	meetings []storedMeeting
}

const (
	entMail = "wangmin@example.cn"
	invMail = "liqiang@bank.example.cn"
)

func newScheduled(h *harness) *scheduled {
	h.t.Helper()
	f := newMatchFixture(h, 4, 2)
	ev := path("/api/v1/events/%d", f.event)
	h.must(200, "PATCH", ev, h.org, map[string]any{"meeting": map[string]any{"slot_minutes": 30, "break_minutes": 0,
		"tables": 2, "max_per_enterprise": 2, "max_per_investor": 4}})
	h.must(200, "POST", ev+"/schedule", h.org, map[string]any{})
	sc := &scheduled{f: f, meetings: h.storedMeetings(f.event)}
	if len(sc.meetings) < 3 {
		h.t.Fatalf("the fixture scheduled %d meetings; the tests need 3", len(sc.meetings))
	}
	return sc
}

func (h *harness) storedMeetings(event int64) []storedMeeting {
	h.t.Helper()
	var out struct{ Items []storedMeeting }
	h.must(200, "GET", path("/api/v1/events/%d/meetings", event), h.org, nil).Decode(h.t, &out)
	return out.Items
}

func (h *harness) notifications(query, token string) []notificationJSON {
	h.t.Helper()
	var out struct{ Items []notificationJSON }
	h.must(200, "GET", "/api/v1/notifications?limit=500&"+query, token, nil).Decode(h.t, &out)
	return out.Items
}

// TestNotificationsAPI_ScheduleCommitInvites: committing a schedule
// through the API queues one invite per contact of both sides of every
// meeting; each message that reaches the SMTP server is a well-formed
// iMIP invite whose UID, SEQUENCE, attendee and DTSTART instant are the
// stored ones, as go-ical and ical.js read them.
func TestNotificationsAPI_ScheduleCommitInvites(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		sc := newScheduled(h)
		query := path("kind=invite&event_id=%d", sc.f.event)
		queued := h.notifications(query, h.admin)
		if len(queued) != 2*len(sc.meetings) {
			t.Fatalf("%d invites queued for %d meetings, want 2 each", len(queued), len(sc.meetings))
		}
		if n := len(h.notifications(query, h.org)); n != len(queued) {
			t.Fatalf("the event's organizer sees %d of %d rows", n, len(queued))
		}
		if n := len(h.notifications(query, h.orgX)); n != 0 {
			t.Fatalf("another zone's organizer sees %d rows", n)
		}
		if r := h.do("GET", "/api/v1/notifications", sc.f.entTokens[0], nil); r.Status != 403 {
			t.Fatalf("an enterprise lists the outbox: %d", r.Status)
		}
		byUID := map[string]storedMeeting{}
		starts, ends := map[string]time.Time{}, map[string]time.Time{}
		for _, m := range sc.meetings {
			byUID[m.UID], starts[m.UID], ends[m.UID] = m, m.StartsAt, m.EndsAt
		}
		msgs := newMailbox(h).drain(time.Now())
		if len(msgs) != len(queued) {
			t.Fatalf("the SMTP server got %d messages, want %d", len(msgs), len(queued))
		}
		var invites []invite
		for _, m := range msgs {
			inv := parseInvite(t, m)
			checkInvite(t, inv, byUID, 0, "REQUEST")
			invites = append(invites, inv)
		}
		icaljsCheck(t, invites, starts, ends)
		if sent := h.notifications(query+"&status=sent", h.admin); len(sent) != len(queued) {
			t.Fatalf("%d rows sent of %d", len(sent), len(queued))
		}
	})
}

// checkInvite checks one calendar message against the stored meeting.
func checkInvite(t *testing.T, inv invite, byUID map[string]storedMeeting, seq int, method string) {
	t.Helper()
	uid := prop(inv.event, ical.PropUID)
	m, ok := byUID[uid]
	if !ok || inv.method != method || seqOf(t, inv) != seq {
		t.Fatalf("%s UID %s SEQUENCE %d: want a stored meeting, %s, %d", inv.method, uid, seqOf(t, inv), method, seq)
	}
	if got := instant(t, inv.event, ical.PropDateTimeStart); !got.Equal(m.StartsAt) {
		t.Fatalf("DTSTART %v, stored %v", got, m.StartsAt)
	}
	if got := instant(t, inv.event, ical.PropDateTimeEnd); !got.Equal(m.EndsAt) {
		t.Fatalf("DTEND %v, stored %v", got, m.EndsAt)
	}
	if att := prop(inv.event, ical.PropAttendee); !strings.EqualFold(att, "mailto:"+inv.to) {
		t.Fatalf("ATTENDEE %s for envelope recipient %s", att, inv.to)
	}
	to, err := inv.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != inv.to {
		t.Fatalf("To %v, envelope %s", to, inv.to)
	}
	other := invMail
	if inv.to == invMail {
		other = entMail
	}
	if strings.Contains(string(inv.ics), other) {
		t.Fatalf("the invite to %s names the other side's address", inv.to)
	}
	if inv.header.Get("Message-Id") == "" {
		t.Fatal("no Message-ID")
	}
}

// TestNotificationsAPI_SequenceStateMachine follows one meeting through
// create → move → move → cancel: every message keeps the UID, SEQUENCE
// goes 0, 1, 2, 3, moves are REQUESTs at the new time and the
// cancellation a CANCEL with STATUS:CANCELLED. Two moves before the
// dispatcher runs send only the newer. The participant's feed shows the
// cancelled meeting with the same UID and SEQUENCE.
func TestNotificationsAPI_SequenceStateMachine(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		sc := newScheduled(h)
		box := newMailbox(h)
		box.drain(time.Now())
		m := sc.meetings[0]
		step := func(seq int, method string) storedMeeting {
			t.Helper()
			var now storedMeeting
			h.must(200, "GET", path("/api/v1/meetings/%d", m.ID), h.org, nil).Decode(t, &now)
			if now.UID != m.UID || now.Sequence != seq {
				t.Fatalf("stored meeting %+v, want UID %s sequence %d", now, m.UID, seq)
			}
			msgs := box.drain(time.Now())
			if len(msgs) != 2 {
				t.Fatalf("sequence %d: %d messages, want one per side", seq, len(msgs))
			}
			for _, raw := range msgs {
				inv := parseInvite(t, raw)
				checkInvite(t, inv, map[string]storedMeeting{m.UID: now}, seq, method)
				if method == "CANCEL" && prop(inv.event, ical.PropStatus) != "CANCELLED" {
					t.Fatalf("CANCEL without STATUS:CANCELLED")
				}
			}
			return now
		}
		move := func() {
			t.Helper()
			cur := h.storedMeetings(sc.f.event)
			for slot := 15; slot >= 0; slot-- {
				if slot == currentSlot(cur, m.ID) {
					continue
				}
				if r := h.do("PATCH", path("/api/v1/meetings/%d", m.ID), h.org, map[string]any{"slot": slot}); r.Status == 200 {
					return
				}
			}
			t.Fatal("no free slot to move to")
		}
		move()
		step(1, "REQUEST")
		move()
		step(2, "REQUEST")
		move()
		move() // two moves before the dispatcher runs: only the newer goes out
		step(4, "REQUEST")
		if n := len(h.notifications(path("kind=update&status=superseded&event_id=%d", sc.f.event), h.admin)); n != 2 {
			t.Fatalf("%d superseded updates, want the two of sequence 3", n)
		}
		h.must(200, "POST", path("/api/v1/meetings/%d/cancel", m.ID), sc.f.entTokens[indexOf(sc.f.ents, m.EnterpriseID)], nil)
		step(5, "CANCEL")
		checkFeed(t, h, sc.f.entTokens[indexOf(sc.f.ents, m.EnterpriseID)], m.UID, 5)
	})
}

func currentSlot(ms []storedMeeting, id int64) int {
	for _, m := range ms {
		if m.ID == id {
			return m.Slot
		}
	}
	return -1
}

func indexOf(ids []int64, id int64) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

// checkFeed reads the participant's feed: the cancelled meeting is there
// with its UID, SEQUENCE and STATUS:CANCELLED; a repeat with its ETag is a
// 304; a rotated token's old URL is gone.
func checkFeed(t *testing.T, h *harness, token, uid string, seq int) {
	t.Helper()
	var tok struct {
		Token     string `json:"token"`
		URL       string `json:"url"`
		WebcalURL string `json:"webcal_url"`
	}
	h.must(200, "GET", "/api/v1/calendar-token", token, nil).Decode(t, &tok)
	if again := h.must(200, "GET", "/api/v1/calendar-token", token, nil).JSON(); again["token"] != nil || again["url"] != nil {
		t.Fatalf("the feed secret is shown again: %v", again)
	}
	feedPath := "/api/v1/calendars/" + tok.Token + ".ics"
	if !strings.HasSuffix(tok.URL, feedPath) || !strings.HasPrefix(tok.WebcalURL, "webcal://") {
		t.Fatalf("token %+v", tok)
	}
	r := h.must(200, "GET", feedPath, "", nil)
	if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	cal, err := ical.NewDecoder(strings.NewReader(string(r.Body))).Decode()
	if err != nil || cal.Props.Get(ical.PropMethod) != nil {
		t.Fatalf("feed: %v (a feed has no METHOD)", err)
	}
	found := false
	for _, ev := range cal.Events() {
		if prop(&ev, ical.PropUID) == uid {
			found = prop(&ev, ical.PropStatus) == "CANCELLED" && prop(&ev, ical.PropSequence) == path("%d", seq)
		}
	}
	if !found {
		t.Fatalf("the feed lacks %s cancelled at sequence %d:\n%s", uid, seq, r.Body)
	}
	etag := r.Header.Get("ETag")
	if again := h.do("GET", feedPath, "", nil, "If-None-Match", etag); etag == "" || again.Status != 304 {
		t.Fatalf("If-None-Match %s: %d", etag, again.Status)
	}
	var rotated struct{ Token string }
	h.must(200, "POST", "/api/v1/calendar-token/rotate", token, nil).Decode(t, &rotated)
	if rotated.Token == tok.Token || h.do("GET", feedPath, "", nil).Status != 404 {
		t.Fatal("the old feed URL still works after rotation")
	}
	h.must(200, "GET", "/api/v1/calendars/"+rotated.Token+".ics", "", nil)
	if short := h.must(200, "GET", "/calendars/"+rotated.Token+".ics", "", nil); short.Header.Get("ETag") == "" {
		t.Fatal("the short feed URL has no ETag")
	}
	if r := h.do("GET", "/api/v1/calendar-token", h.org, nil); r.Status != 403 {
		t.Fatalf("an organizer's feed token: %d", r.Status)
	}
}

// TestNotificationsAPI_RetryDead: a 550 makes a row dead at once, a 451
// makes it failed with a later attempt; staff list dead rows and requeue
// them, and the requeued row is sent.
func TestNotificationsAPI_RetryDead(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		sc := newScheduled(h)
		box := newMailbox(h)
		box.srv.ScriptRcpt(entMail, 550)
		box.srv.ScriptRcpt(invMail, 451)
		now := time.Now()
		box.drain(now)
		ev := path("event_id=%d", sc.f.event)
		dead := h.notifications(ev+"&status=dead", h.org)
		failed := h.notifications(ev+"&status=failed", h.org)
		if len(dead) != 1 || dead[0].LastCode != 550 || len(failed) != 1 || failed[0].LastCode != 451 ||
			failed[0].NextAttemptAt == nil || !failed[0].NextAttemptAt.After(now) {
			t.Fatalf("dead %+v, failed %+v", dead, failed)
		}
		if got := box.drain(now.Add(time.Second)); len(got) != 0 {
			t.Fatalf("%d messages sent before the backoff ran out", len(got))
		}
		if got := box.drain(*failed[0].NextAttemptAt); len(got) != 1 || got[0].To[0] != invMail {
			t.Fatalf("the 451 row was not retried after its backoff: %d messages", len(got))
		}
		retry := path("/api/v1/notifications/%d/retry", dead[0].ID)
		for token, status := range map[string]int{sc.f.entTokens[0]: 403, h.orgX: 404} {
			if r := h.do("POST", retry, token, nil); r.Status != status {
				t.Fatalf("retry by the wrong caller: %d, want %d", r.Status, status)
			}
		}
		var back notificationJSON
		h.must(200, "POST", retry, h.org, nil).Decode(t, &back)
		if back.Status != "pending" || back.Attempts != 0 {
			t.Fatalf("after retry: %+v", back)
		}
		if r := h.do("POST", retry, h.org, nil); r.Status != 409 {
			t.Fatalf("retrying a pending row: %d", r.Status)
		}
		if got := box.drain(time.Now()); len(got) != 1 || got[0].To[0] != entMail {
			t.Fatalf("requeued row: %d messages", len(got))
		}
		if r := h.do("GET", "/api/v1/notifications?status=nope", h.admin, nil); r.Status != 422 {
			t.Fatalf("unknown status filter: %d", r.Status)
		}
	})
}

// TestNotificationsAPI_OrganizerNeverAttendee: a contact whose address is
// the organizer mailbox gets no invite, and the commit still succeeds.
func TestNotificationsAPI_OrganizerNeverAttendee(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		if err := h.store.ConfigureNotifications(store.NotifyOptions{From: notifications.Address{Name: "火炬中心", Email: entMail}}); err != nil {
			t.Fatal(err)
		}
		sc := newScheduled(h)
		for _, n := range h.notifications(path("event_id=%d", sc.f.event), h.admin) {
			if n.Recipient == entMail {
				t.Fatalf("the organizer's mailbox is queued as a recipient: %+v", n)
			}
		}
		if n := len(h.notifications(path("kind=invite&event_id=%d", sc.f.event), h.admin)); n != len(sc.meetings) {
			t.Fatalf("%d invites for %d meetings, want the investor side only", n, len(sc.meetings))
		}
	})
}

// TestNotificationsAPI_ContactChanges: an investor's new contact receives
// the invites of its upcoming meetings; a removed contact receives their
// cancellation, and everyone still invited an update at the raised
// sequence.
func TestNotificationsAPI_ContactChanges(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		sc := newScheduled(h)
		box := newMailbox(h)
		box.drain(time.Now())
		inv, token := sc.f.invs[0], sc.f.invTokens[0]
		var mine []storedMeeting
		for _, m := range sc.meetings {
			if m.InvestorID == inv {
				mine = append(mine, m)
			}
		}
		if len(mine) == 0 {
			t.Fatal("the first investor has no meeting")
		}
		const newMail = "zhaolei@bank.example.cn"
		old := map[string]any{"name": "李强", "email": invMail, "phone": "13900000001", "timezone": "Asia/Shanghai"}
		added := map[string]any{"name": "赵磊", "email": newMail, "phone": "13900000009"}
		h.must(200, "PATCH", path("/api/v1/investors/%d", inv), token, map[string]any{"contacts": []any{old, added}})
		got := box.drain(time.Now())
		if len(got) != len(mine) {
			t.Fatalf("%d mails after adding a contact, want one invite per meeting (%d)", len(got), len(mine))
		}
		for _, m := range got {
			if inv := parseInvite(t, m); m.To[0] != newMail || inv.method != "REQUEST" || seqOf(t, inv) != 0 {
				t.Fatalf("after adding a contact: %s got %s SEQUENCE %d", m.To[0], inv.method, seqOf(t, inv))
			}
		}
		h.must(200, "PATCH", path("/api/v1/investors/%d", inv), token, map[string]any{"contacts": []any{added}})
		kinds := map[string]int{}
		for _, m := range box.drain(time.Now()) {
			inv := parseInvite(t, m)
			if seqOf(t, inv) != 1 || (m.To[0] == invMail) != (inv.method == "CANCEL") {
				t.Fatalf("after removing a contact: %s got %s SEQUENCE %d", m.To[0], inv.method, seqOf(t, inv))
			}
			kinds[m.To[0]]++
		}
		if kinds[invMail] != len(mine) || kinds[newMail] != len(mine) || kinds[entMail] != len(mine) {
			t.Fatalf("mails by recipient %v, want %d each", kinds, len(mine))
		}
	})
}
