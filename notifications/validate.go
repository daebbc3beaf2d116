package notifications

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// Validate checks an iCalendar object the way CALENDAR.md asks of every mail
// and feed: CRLF line ends only, lines of at most MaxLineOctets octets,
// valid UTF-8, parseable by go-ical, VERSION:2.0 and PRODID, and per METHOD:
//
//   - REQUEST: one VEVENT with UID, DTSTAMP, SEQUENCE, DTSTART, DTEND,
//     SUMMARY, LOCATION, DESCRIPTION, ORGANIZER and exactly one ATTENDEE
//     that is not the organizer;
//   - CANCEL: one VEVENT with UID, DTSTAMP, SEQUENCE, ORGANIZER, one
//     ATTENDEE and STATUS:CANCELLED;
//   - no METHOD (a feed): each VEVENT with UID (unique), DTSTAMP, SEQUENCE
//     and DTSTART.
//
// DTSTAMP must be UTC; every DTSTART/DTEND must be UTC or carry a TZID whose
// VTIMEZONE is in the same object and gives the offset Go's time zone
// database gives for that wall time. The first problem found is returned.
func Validate(ics []byte) error {
	return validate(ics, newZoneCache())
}

func validate(ics []byte, zc *zoneCache) error {
	if err := checkLines(ics); err != nil {
		return fmt.Errorf("notifications: validate: %w", err)
	}
	cal, err := decode(ics)
	if err != nil {
		return fmt.Errorf("notifications: validate: %w", err)
	}
	if err := checkCalendar(cal, zc); err != nil {
		return fmt.Errorf("notifications: validate: %w", err)
	}
	return nil
}

// checkLines enforces CRLF, the line length and UTF-8 on the raw octets.
func checkLines(ics []byte) error {
	if !utf8.Valid(ics) {
		return errors.New("not valid UTF-8")
	}
	if len(ics) == 0 || !bytes.HasSuffix(ics, []byte("\r\n")) {
		return errors.New("does not end with CRLF")
	}
	for n, rest := 1, ics; len(rest) > 0; n++ {
		i := bytes.Index(rest, []byte("\r\n"))
		line := rest[:i]
		if j := bytes.IndexAny(line, "\r\n"); j >= 0 {
			return fmt.Errorf("line %d: bare CR or LF", n)
		}
		if len(line) > MaxLineOctets {
			return fmt.Errorf("line %d: %d octets, more than %d", n, len(line), MaxLineOctets)
		}
		rest = rest[i+2:]
	}
	return nil
}

// decode parses with go-ical, which panics on some malformed parameters.
func decode(ics []byte) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("parse: %v", r)
		}
	}()
	dec := ical.NewDecoder(bytes.NewReader(ics))
	cal, err = dec.Decode()
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if _, err := dec.Decode(); err == nil {
		return nil, errors.New("more than one VCALENDAR")
	}
	return cal, nil
}

func checkCalendar(cal *ical.Calendar, zc *zoneCache) error {
	if v := propValue(cal.Component, ical.PropVersion); v != "2.0" {
		return fmt.Errorf("VERSION is %q, want 2.0", v)
	}
	if len(cal.Props.Values(ical.PropProductID)) != 1 {
		return errors.New("want exactly one PRODID")
	}
	zones, err := parseZones(cal, zc)
	if err != nil {
		return err
	}
	events := eventsOf(cal)
	method := propValue(cal.Component, ical.PropMethod)
	switch method {
	case MethodRequest, MethodCancel:
		if len(events) != 1 {
			return fmt.Errorf("METHOD:%s wants exactly one VEVENT, got %d", method, len(events))
		}
	case "":
		if err := uniqueUIDs(events); err != nil {
			return err
		}
	default:
		return fmt.Errorf("METHOD:%s is not REQUEST or CANCEL", method)
	}
	for _, ev := range events {
		if err := checkVEvent(ev, method, zones); err != nil {
			return fmt.Errorf("VEVENT %q: %w", propValue(ev, ical.PropUID), err)
		}
	}
	return nil
}

func eventsOf(cal *ical.Calendar) []*ical.Component {
	var out []*ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent {
			out = append(out, c)
		}
	}
	return out
}

func uniqueUIDs(events []*ical.Component) error {
	seen := map[string]bool{}
	for _, ev := range events {
		uid := propValue(ev, ical.PropUID)
		if seen[uid] {
			return fmt.Errorf("UID %q appears twice", uid)
		}
		seen[uid] = true
	}
	return nil
}

// requiredProps lists the properties each kind of object must carry, exactly
// once.
func requiredProps(method string) []string {
	switch method {
	case MethodRequest:
		return []string{ical.PropUID, ical.PropDateTimeStamp, ical.PropSequence, ical.PropDateTimeStart,
			ical.PropDateTimeEnd, ical.PropSummary, ical.PropLocation, ical.PropDescription,
			ical.PropOrganizer, ical.PropAttendee}
	case MethodCancel:
		return []string{ical.PropUID, ical.PropDateTimeStamp, ical.PropSequence, ical.PropOrganizer,
			ical.PropAttendee, ical.PropStatus}
	default:
		return []string{ical.PropUID, ical.PropDateTimeStamp, ical.PropSequence, ical.PropDateTimeStart}
	}
}

func checkVEvent(ev *ical.Component, method string, zones map[string]*vzone) error {
	for _, name := range requiredProps(method) {
		if n := len(ev.Props.Values(name)); n != 1 {
			return fmt.Errorf("want exactly one %s, got %d", name, n)
		}
	}
	if method == MethodCancel && propValue(ev, ical.PropStatus) != string(EventCancelled) {
		return errors.New("CANCEL without STATUS:CANCELLED")
	}
	if v := propValue(ev, ical.PropDateTimeStamp); !isUTCDateTime(v) {
		return fmt.Errorf("DTSTAMP %q is not UTC", v)
	}
	if err := checkText(ev); err != nil {
		return err
	}
	if err := checkTimes(ev, zones); err != nil {
		return err
	}
	if method != "" {
		return checkPeopleProps(ev)
	}
	return nil
}

func isUTCDateTime(v string) bool {
	return len(v) == 16 && v[8] == 'T' && v[15] == 'Z'
}

// checkText makes sure TEXT values unescape (go-ical rejects bad escapes).
func checkText(ev *ical.Component) error {
	for _, name := range []string{ical.PropSummary, ical.PropDescription, ical.PropLocation, ical.PropUID} {
		if p := ev.Props.Get(name); p != nil {
			if _, err := p.Text(); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	if p := ev.Props.Get(ical.PropSequence); p != nil {
		if n, err := p.Int(); err != nil || n < 0 {
			return fmt.Errorf("SEQUENCE %q is not a non-negative integer", p.Value)
		}
	}
	return nil
}

func checkPeopleProps(ev *ical.Component) error {
	org := ev.Props.Get(ical.PropOrganizer)
	att := ev.Props.Get(ical.PropAttendee)
	if !strings.HasPrefix(strings.ToLower(org.Value), "mailto:") || !strings.HasPrefix(strings.ToLower(att.Value), "mailto:") {
		return errors.New("ORGANIZER and ATTENDEE must be mailto: addresses")
	}
	if strings.EqualFold(org.Value, att.Value) {
		return errors.New("the ORGANIZER is also the ATTENDEE")
	}
	want := map[string]string{"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE", "CUTYPE": "INDIVIDUAL"}
	for param, v := range want {
		if got := att.Params.Get(param); got != v {
			return fmt.Errorf("ATTENDEE %s=%q, want %q", param, got, v)
		}
	}
	return nil
}

func propValue(c *ical.Component, name string) string {
	if p := c.Props.Get(name); p != nil {
		return p.Value
	}
	return ""
}
