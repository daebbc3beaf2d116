package notifications_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"roadshow/notifications"
)

func decodeICS(t *testing.T, ics []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(ics)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the output: %v\n%s", err, ics)
	}
	return cal
}

func onlyEvent(t *testing.T, cal *ical.Calendar) *ical.Component {
	t.Helper()
	var evs []*ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent {
			evs = append(evs, c)
		}
	}
	if len(evs) != 1 {
		t.Fatalf("%d VEVENTs, want 1", len(evs))
	}
	return evs[0]
}

func text(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	v, err := c.Props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func TestBuildRequest(t *testing.T) {
	cases := []struct {
		zone  string
		start time.Time // in UTC
	}{
		{"Asia/Shanghai", time.Date(2025, 5, 20, 6, 0, 0, 0, time.UTC)},
		{"", time.Date(2025, 5, 20, 6, 0, 0, 0, time.UTC)},
		{"UTC", time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC)},
		{"America/New_York", time.Date(2025, 3, 9, 7, 0, 0, 0, time.UTC)},   // 03:00 EDT, just after the change
		{"America/New_York", time.Date(2025, 11, 2, 5, 30, 0, 0, time.UTC)}, // 01:30 EDT, the first of two
		{"America/New_York", time.Date(2025, 11, 2, 6, 30, 0, 0, time.UTC)}, // 01:30 EST, the second
		{"Europe/London", time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC)},
		{"Australia/Sydney", time.Date(2025, 4, 5, 15, 0, 0, 0, time.UTC)}, // 02:00 AEDT before the change
		{"Asia/Kolkata", time.Date(2025, 1, 1, 4, 45, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.zone+"/"+c.start.Format(time.RFC3339), func(t *testing.T) {
			ev := sampleEvent(t)
			ev.TimeZone, ev.Start, ev.End, ev.Sequence = c.zone, c.start, c.start.Add(30*time.Minute), 3
			ics, err := notifications.BuildRequest(ev)
			if err != nil {
				t.Fatal(err)
			}
			if err := notifications.Validate(ics); err != nil {
				t.Fatalf("%v\n%s", err, ics)
			}
			cal := decodeICS(t, ics)
			if m := cal.Props.Get(ical.PropMethod).Value; m != "REQUEST" {
				t.Fatalf("METHOD %q", m)
			}
			e := onlyEvent(t, cal)
			checkInstant(t, e, ical.PropDateTimeStart, c.start)
			checkInstant(t, e, ical.PropDateTimeEnd, c.start.Add(30*time.Minute))
			if got := e.Props.Get(ical.PropSequence).Value; got != "3" {
				t.Fatalf("SEQUENCE %q, want 3", got)
			}
			if got := text(t, e, ical.PropUID); got != ev.UID {
				t.Fatalf("UID %q", got)
			}
			if got := e.Props.Get(ical.PropStatus).Value; got != "CONFIRMED" {
				t.Fatalf("STATUS %q", got)
			}
			checkPeople(t, e, ev)
		})
	}
}

// checkInstant checks a DATE-TIME property against an instant, reading
// TZID through Go's time zone database (the VTIMEZONE is Validate's job).
func checkInstant(t *testing.T, e *ical.Component, name string, want time.Time) {
	t.Helper()
	p := e.Props.Get(name)
	got, err := p.DateTime(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(want) {
		t.Fatalf("%s = %s (%s), want %s", name, got, p.Value, want)
	}
	if tzid := p.Params.Get(ical.ParamTimezoneID); tzid == "Local" || (tzid == "" && !strings.HasSuffix(p.Value, "Z")) {
		t.Fatalf("%s is neither UTC nor a named zone: %+v", name, p)
	}
}

func checkPeople(t *testing.T, e *ical.Component, ev notifications.CalEvent) {
	t.Helper()
	atts := e.Props.Values(ical.PropAttendee)
	if len(atts) != 1 {
		t.Fatalf("%d ATTENDEEs, want exactly the recipient", len(atts))
	}
	a := atts[0]
	if a.Value != "mailto:"+ev.Attendee.Email {
		t.Fatalf("ATTENDEE %q", a.Value)
	}
	want := map[string]string{"CN": strings.ReplaceAll(ev.Attendee.Name, `"`, ""), "ROLE": "REQ-PARTICIPANT",
		"PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE", "CUTYPE": "INDIVIDUAL"}
	for k, v := range want {
		if got := a.Params.Get(k); got != v {
			t.Fatalf("ATTENDEE %s=%q, want %q", k, got, v)
		}
	}
	if org := e.Props.Get(ical.PropOrganizer); org.Value != "mailto:"+ev.Organizer.Email {
		t.Fatalf("ORGANIZER %q", org.Value)
	}
}

func TestBuildRequest_NeverTZIDLocal(t *testing.T) {
	ev := sampleEvent(t)
	for _, zone := range []string{"", "Asia/Shanghai"} {
		ev.TimeZone = zone
		ev.Start, ev.End, ev.Stamp = ev.Start.Local(), ev.End.Local(), ev.Stamp.Local()
		ics, err := notifications.BuildRequest(ev)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(ics, []byte("Local")) {
			t.Fatalf("zone %q: TZID=Local written:\n%s", zone, ics)
		}
		if !bytes.Contains(ics, []byte("DTSTAMP:20250501T010203Z")) {
			t.Fatalf("DTSTAMP not written in UTC:\n%s", ics)
		}
	}
}

func TestBuildRequest_Errors(t *testing.T) {
	cases := []struct {
		name   string
		modify func(*notifications.CalEvent)
		want   string
	}{
		{"ErrOrganizerIsAttendee", func(e *notifications.CalEvent) { e.Attendee.Email = e.Organizer.Email }, "organizer cannot also be the attendee"},
		{"ErrOrganizerIsAttendeeCase", func(e *notifications.CalEvent) { e.Attendee.Email = strings.ToUpper(e.Organizer.Email) }, "organizer cannot also be the attendee"},
		{"ErrNoUID", func(e *notifications.CalEvent) { e.UID = " " }, "UID"},
		{"ErrUIDNewline", func(e *notifications.CalEvent) { e.UID = "a\r\nb@x" }, "UID"},
		{"ErrNegativeSequence", func(e *notifications.CalEvent) { e.Sequence = -1 }, "SEQUENCE"},
		{"ErrEndBeforeStart", func(e *notifications.CalEvent) { e.End = e.Start }, "end must be after"},
		{"ErrZeroStamp", func(e *notifications.CalEvent) { e.Stamp = time.Time{} }, "DTSTAMP"},
		{"ErrZoneLocal", func(e *notifications.CalEvent) { e.TimeZone = "Local" }, "not an IANA zone"},
		{"ErrUnknownZone", func(e *notifications.CalEvent) { e.TimeZone = "Mars/Olympus" }, "Mars/Olympus"},
		{"ErrAttendeeNotBare", func(e *notifications.CalEvent) { e.Attendee.Email = "Li <li@x.cn>" }, "not a bare email"},
		{"ErrNoOrganizer", func(e *notifications.CalEvent) { e.Organizer.Email = "" }, "organizer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := sampleEvent(t)
			c.modify(&ev)
			_, err := notifications.BuildRequest(ev)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want %q", err, c.want)
			}
		})
	}
}

func TestBuildCancel(t *testing.T) {
	ev := sampleEvent(t)
	ev.Sequence = 2
	ics, err := notifications.BuildCancel(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := notifications.Validate(ics); err != nil {
		t.Fatal(err)
	}
	cal := decodeICS(t, ics)
	e := onlyEvent(t, cal)
	got := map[string]string{
		"METHOD": cal.Props.Get(ical.PropMethod).Value, "STATUS": e.Props.Get(ical.PropStatus).Value,
		"SEQUENCE": e.Props.Get(ical.PropSequence).Value, "UID": e.Props.Get(ical.PropUID).Value,
	}
	want := map[string]string{"METHOD": "CANCEL", "STATUS": "CANCELLED", "SEQUENCE": "2", "UID": ev.UID}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s = %q, want %q", k, got[k], v)
		}
	}
	checkPeople(t, e, ev)
}

func TestBuildText_Escaping(t *testing.T) {
	ev := sampleEvent(t)
	ev.Summary = "路演; 会谈, A\\B\r\n第二行\t尾"
	ev.Description = "第一行\r\n第二行\r第三行\n第四行; 逗号, 反斜杠\\ \x00\x07end"
	ev.Location = "A 馆,\n12 号桌"
	ev.Attendee.Name = `王"五: 总, 经理`
	ics, err := notifications.BuildRequest(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := notifications.Validate(ics); err != nil {
		t.Fatal(err)
	}
	e := onlyEvent(t, decodeICS(t, ics))
	checks := map[string]string{
		ical.PropSummary:     "路演; 会谈, A\\B 第二行 尾",
		ical.PropDescription: "第一行\n第二行\n第三行\n第四行; 逗号, 反斜杠\\ end",
		ical.PropLocation:    "A 馆, 12 号桌",
	}
	for name, want := range checks {
		if got := text(t, e, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if cn := e.Props.Get(ical.PropAttendee).Params.Get("CN"); cn != "王五: 总, 经理" {
		t.Errorf("CN = %q, want the name without quotes", cn)
	}
	if !bytes.Contains(ics, []byte(`SUMMARY:路演\; 会谈\, A\\B`)) {
		t.Errorf("TEXT not escaped on the wire:\n%s", ics)
	}
}

func TestBuildFeed(t *testing.T) {
	base := sampleEvent(t)
	later, cancelled, ny := base, base, base
	later.UID, later.Start, later.End = "b@roadshow.example.cn", base.Start.Add(24*time.Hour), base.End.Add(24*time.Hour)
	cancelled.UID, cancelled.Status, cancelled.Sequence = "c@roadshow.example.cn", notifications.EventCancelled, 1
	cancelled.Start, cancelled.End = base.Start.Add(-time.Hour), base.End.Add(-time.Hour)
	ny.UID, ny.TimeZone = "d@roadshow.example.cn", "America/New_York"
	ny.Start, ny.End = time.Date(2026, 1, 10, 15, 0, 0, 0, time.UTC), time.Date(2026, 1, 10, 16, 0, 0, 0, time.UTC)
	ics, err := notifications.BuildFeed(notifications.Feed{Name: "李娜的路演日程", TimeZone: "Asia/Shanghai",
		Events: []notifications.CalEvent{ny, later, base, cancelled}})
	if err != nil {
		t.Fatal(err)
	}
	if err := notifications.Validate(ics); err != nil {
		t.Fatalf("%v\n%s", err, ics)
	}
	cal := decodeICS(t, ics)
	if cal.Props.Get(ical.PropMethod) != nil {
		t.Fatal("a feed must not carry METHOD")
	}
	var uids, statuses []string
	for _, c := range cal.Children {
		if c.Name != ical.CompEvent {
			continue
		}
		uids = append(uids, c.Props.Get(ical.PropUID).Value)
		statuses = append(statuses, c.Props.Get(ical.PropStatus).Value)
		if c.Props.Get(ical.PropAttendee) != nil || c.Props.Get(ical.PropOrganizer) != nil {
			t.Fatal("feeds carry no ORGANIZER or ATTENDEE")
		}
	}
	wantUIDs := []string{cancelled.UID, base.UID, later.UID, ny.UID}
	if strings.Join(uids, " ") != strings.Join(wantUIDs, " ") {
		t.Fatalf("events %v, want sorted by start %v", uids, wantUIDs)
	}
	if statuses[0] != "CANCELLED" || statuses[1] != "CONFIRMED" {
		t.Fatalf("statuses %v", statuses)
	}
	again, _ := notifications.BuildFeed(notifications.Feed{Name: "李娜的路演日程", TimeZone: "Asia/Shanghai",
		Events: []notifications.CalEvent{cancelled, base, ny, later}})
	if !bytes.Equal(ics, again) {
		t.Fatal("the same events in another order gave other bytes (the ETag would change)")
	}
}

func TestBuildFeed_EmptyAndErrors(t *testing.T) {
	ics, err := notifications.BuildFeed(notifications.Feed{Name: "空", TimeZone: "Asia/Shanghai"})
	if err != nil {
		t.Fatal(err)
	}
	if err := notifications.Validate(ics); err != nil {
		t.Fatalf("empty feed: %v\n%s", err, ics)
	}
	ev := sampleEvent(t)
	if _, err := notifications.BuildFeed(notifications.Feed{Events: []notifications.CalEvent{ev, ev}}); err == nil {
		t.Fatal("duplicate UIDs accepted")
	}
	if _, err := notifications.BuildFeed(notifications.Feed{TimeZone: "Local"}); err == nil {
		t.Fatal("feed zone Local accepted")
	}
	ev.End = ev.Start
	if _, err := notifications.BuildFeed(notifications.Feed{Events: []notifications.CalEvent{ev}}); err == nil {
		t.Fatal("an event ending at its start accepted")
	}
}

func TestGolden(t *testing.T) {
	ev := sampleEvent(t)
	invite, err := notifications.BuildRequest(ev)
	if err != nil {
		t.Fatal(err)
	}
	upd := ev
	upd.Sequence, upd.Start, upd.End = 1, ev.Start.Add(2*time.Hour), ev.End.Add(2*time.Hour)
	upd.Stamp = ev.Stamp.Add(48 * time.Hour)
	update, err := notifications.BuildRequest(upd)
	if err != nil {
		t.Fatal(err)
	}
	cnl := upd
	cnl.Sequence, cnl.Stamp = 2, upd.Stamp.Add(time.Hour)
	cancel, err := notifications.BuildCancel(cnl)
	if err != nil {
		t.Fatal(err)
	}
	other := ev
	other.UID, other.TimeZone = "0b1c2d@roadshow.example.cn", "Europe/London"
	other.Start, other.End = time.Date(2025, 10, 26, 9, 0, 0, 0, time.UTC), time.Date(2025, 10, 26, 10, 0, 0, 0, time.UTC)
	cnl.Status = notifications.EventCancelled
	feed, err := notifications.BuildFeed(notifications.Feed{Name: "李娜 · 路演日程", TimeZone: "Asia/Shanghai",
		Events: []notifications.CalEvent{cnl, other}})
	if err != nil {
		t.Fatal(err)
	}
	for name, ics := range map[string][]byte{"invite.ics": invite, "update.ics": update, "cancel.ics": cancel, "feed.ics": feed} {
		if err := notifications.Validate(ics); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, name, ics)
	}
}
