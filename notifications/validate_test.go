package notifications_test

import (
	"strings"
	"testing"
	"time"

	"roadshow/notifications"
)

// unfolded returns the object's logical lines joined by CRLF, for editing.
func unfolded(ics []byte) string {
	return strings.ReplaceAll(string(ics), "\r\n ", "")
}

func refold(s string) []byte { return notifications.Fold([]byte(s)) }

func TestValidate(t *testing.T) {
	ev := sampleEvent(t)
	req, err := notifications.BuildRequest(ev)
	if err != nil {
		t.Fatal(err)
	}
	cnl, err := notifications.BuildCancel(ev)
	if err != nil {
		t.Fatal(err)
	}
	ny := ev
	ny.TimeZone = "America/New_York"
	nyReq, err := notifications.BuildRequest(ny)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := notifications.BuildFeed(notifications.Feed{Events: []notifications.CalEvent{ev}})
	if err != nil {
		t.Fatal(err)
	}
	r, c, n, f := unfolded(req), unfolded(cnl), unfolded(nyReq), unfolded(feed)
	vevent := r[strings.Index(r, "BEGIN:VEVENT"):strings.Index(r, "END:VCALENDAR")]
	cases := []struct {
		name string
		ics  []byte
		want string // "" = valid
	}{
		{"OKRequest", req, ""},
		{"OKCancel", cnl, ""},
		{"OKNewYork", nyReq, ""},
		{"OKFeed", feed, ""},
		{"ErrBareLF", []byte(strings.Replace(string(req), "\r\n", "\n", 1)), "bare CR or LF"},
		{"ErrBareCR", []byte(strings.Replace(string(req), "VERSION:2.0", "VERSION:2.0\r", 1)), "bare CR or LF"},
		{"ErrLongLine", []byte(r), "more than 75"},
		{"ErrNoFinalCRLF", req[:len(req)-2], "CRLF"},
		{"ErrInvalidUTF8", refold(strings.Replace(r, "SUMMARY:", "SUMMARY:\xff", 1)), "UTF-8"},
		{"ErrNoVersion", refold(strings.Replace(r, "VERSION:2.0\r\n", "", 1)), "VERSION"},
		{"ErrVersion1", refold(strings.Replace(r, "VERSION:2.0", "VERSION:1.0", 1)), "VERSION"},
		{"ErrNoProdID", refold(strings.Replace(r, "PRODID:"+notifications.ProdID+"\r\n", "", 1)), "PRODID"},
		{"ErrPublish", refold(strings.Replace(r, "METHOD:REQUEST", "METHOD:PUBLISH", 1)), "PUBLISH"},
		{"ErrNoAttendee", refold(dropLine(r, "ATTENDEE")), "ATTENDEE"},
		{"ErrTwoAttendees", refold(strings.Replace(r, "ORGANIZER", "ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:x@y.cn\r\nORGANIZER", 1)), "ATTENDEE, got 2"},
		{"ErrNoRSVP", refold(strings.Replace(r, "RSVP=TRUE", "RSVP=FALSE", 1)), "RSVP"},
		{"ErrOrganizerAttends", refold(strings.Replace(r, "mailto:li.na@enterprise.example.cn", "mailto:"+ev.Organizer.Email, 1)), "also the ATTENDEE"},
		{"ErrNoLocation", refold(dropLine(r, "LOCATION")), "LOCATION"},
		{"ErrNoDTStamp", refold(dropLine(r, "DTSTAMP")), "DTSTAMP"},
		{"ErrNoSequence", refold(dropLine(r, "SEQUENCE")), "SEQUENCE"},
		{"ErrBadSequence", refold(strings.Replace(r, "SEQUENCE:0", "SEQUENCE:-1", 1)), "SEQUENCE"},
		{"ErrNoVTimezone", refold(dropBlock(r, "VTIMEZONE")), "has no VTIMEZONE"},
		{"ErrTZIDLocal", refold(strings.ReplaceAll(r, "TZID=Asia/Shanghai", "TZID=Local")), "Local"},
		{"ErrFloating", refold(strings.Replace(r, "DTSTART;TZID=Asia/Shanghai:", "DTSTART:", 1)), "floating"},
		{"ErrStampNotUTC", refold(strings.Replace(r, "DTSTAMP:20250501T010203Z", "DTSTAMP:20250501T010203", 1)), "not UTC"},
		{"ErrWrongOffset", refold(strings.ReplaceAll(r, "+0800", "+0900")), "the time zone database"},
		{"ErrNotCovered", refold(strings.ReplaceAll(n, "DTSTART;TZID=America/New_York:2025", "DTSTART;TZID=America/New_York:2010")), "not covered"},
		{"ErrEndBeforeStart", refold(strings.Replace(r, "DTEND;TZID=Asia/Shanghai:20250520T143000", "DTEND;TZID=Asia/Shanghai:20250520T133000", 1)), "DTEND is not after"},
		{"ErrCancelNotCancelled", refold(strings.Replace(c, "STATUS:CANCELLED", "STATUS:CONFIRMED", 1)), "STATUS:CANCELLED"},
		{"ErrBadEscape", refold(strings.Replace(r, "SUMMARY:", `SUMMARY:\q`, 1)), "SUMMARY"},
		{"ErrMalformedParam", refold(strings.Replace(r, "ATTENDEE;CN=李娜;", `ATTENDEE;CN="李娜"x;`, 1)), "parse"},
		{"ErrTwoEvents", refold(strings.Replace(r, "END:VCALENDAR", vevent+"END:VCALENDAR", 1)), "exactly one VEVENT"},
		{"ErrFeedDuplicateUID", refold(strings.Replace(f, "END:VCALENDAR", vevent+"END:VCALENDAR", 1)), "appears twice"},
		{"ErrTwoCalendars", append(append([]byte{}, req...), req...), "more than one VCALENDAR"},
		{"ErrEmpty", nil, "CRLF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := notifications.Validate(c.ics)
			if c.want == "" {
				if err != nil {
					t.Fatalf("valid object rejected: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want one mentioning %q", err, c.want)
			}
		})
	}
}

// dropLine removes the first logical line starting with name.
func dropLine(s, name string) string {
	lines := strings.Split(s, "\r\n")
	for i, l := range lines {
		if strings.HasPrefix(l, name+":") || strings.HasPrefix(l, name+";") {
			return strings.Join(append(lines[:i:i], lines[i+1:]...), "\r\n")
		}
	}
	return s
}

// dropBlock removes every BEGIN:comp … END:comp block.
func dropBlock(s, comp string) string {
	for {
		i := strings.Index(s, "BEGIN:"+comp+"\r\n")
		if i < 0 {
			return s
		}
		end := "END:" + comp + "\r\n"
		j := strings.Index(s[i:], end)
		s = s[:i] + s[i+j+len(end):]
	}
}

// TestVTimezone_AgreesWithTZDatabase builds invites in zones with and
// without DST, half- and quarter-hour offsets and southern-hemisphere
// summers, at random instants and around every transition, and checks that
// the VTIMEZONE reading (Validate) and Go's tz database agree on DTSTART.
func TestVTimezone_AgreesWithTZDatabase(t *testing.T) {
	zones := []string{"Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Sydney",
		"Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "America/Sao_Paulo",
		"America/St_Johns", "Africa/Casablanca", "Europe/Dublin", "America/Santiago", "Asia/Tehran", "UTC"}
	var instants []time.Time
	for i := range 40 {
		instants = append(instants, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*(53*24*time.Hour+7*time.Hour+13*time.Minute)))
	}
	for _, zone := range zones {
		loc := mustZone(t, zone)
		ts := append([]time.Time(nil), instants...)
		for tr := time.Date(2025, 1, 1, 0, 0, 0, 0, loc); tr.Year() < 2027; {
			_, next := tr.ZoneBounds()
			if next.IsZero() {
				break
			}
			for _, d := range []time.Duration{-61, -60, -59, -30, -1, 0, 1, 29, 59, 60, 61} {
				ts = append(ts, next.Add(d*time.Minute))
			}
			tr = next
		}
		for _, start := range ts {
			ev := sampleEvent(t)
			ev.TimeZone, ev.Start, ev.End = zone, start, start.Add(45*time.Minute)
			ics, err := notifications.BuildRequest(ev)
			if err != nil {
				t.Fatalf("%s %s: %v", zone, start, err)
			}
			if err := notifications.Validate(ics); err != nil {
				t.Fatalf("%s %s: %v\n%s", zone, start, err, ics)
			}
			e := onlyEvent(t, decodeICS(t, ics))
			checkInstant(t, e, "DTSTART", start)
			checkInstant(t, e, "DTEND", start.Add(45*time.Minute))
		}
	}
}
