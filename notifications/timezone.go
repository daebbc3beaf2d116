package notifications

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // VTIMEZONEs and labels must not depend on the host's zoneinfo

	"github.com/emersion/go-ical"
)

// Time zones.
//
// DTSTART and DTEND are written as wall time with TZID=<the event's IANA
// zone> and a VTIMEZONE generated from Go's time zone database, rather than
// in UTC: clients then show the meeting in the zone where it happens ("14:00
// China Standard Time" rather than a converted 02:00 for a traveller whose
// laptop is elsewhere) and keep it there when the viewer's zone changes,
// while the instant stays exact because the definition travels with the
// object. Events without a zone, or in UTC, are written in UTC.
//
// The VTIMEZONE lists the explicit transitions of the calendar years the
// events fall in (time.Time.ZoneBounds gives them, so DST zones work without
// special cases); a zone without transitions from then on, such as
// Asia/Shanghai, gets a single STANDARD component with a fixed offset.

// A wall time that occurs twice (the hour repeated when clocks go back) is
// read by RFC 5545 as its first occurrence, and clients differ; an event
// whose start or end falls in such an hour is therefore written in UTC.

// fixedSince is the DTSTART of the single observance of a zone that no
// longer changes its offset.
const fixedSince = "19700101T000000"

func isUTCZone(zone string) bool {
	return zone == "" || zone == "UTC" || zone == "Etc/UTC" || zone == "Z"
}

// zoneCache remembers loaded zones: time.LoadLocation reads and parses
// the zone file on every call. A nil *zoneCache loads every time.
type zoneCache struct {
	mu sync.Mutex
	m  map[string]*time.Location
}

func newZoneCache() *zoneCache { return &zoneCache{m: map[string]*time.Location{}} }

// load is zoneLocation through the cache; errors are not cached.
func (c *zoneCache) load(zone string) (*time.Location, error) {
	if c == nil || isUTCZone(zone) {
		return zoneLocation(zone)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if loc := c.m[zone]; loc != nil {
		return loc, nil
	}
	loc, err := zoneLocation(zone)
	if err == nil {
		c.m[zone] = loc
	}
	return loc, err
}

// zoneLocation loads an IANA zone; "" and UTC give time.UTC. "Local" is
// refused: a TZID=Local means nothing to another computer.
func zoneLocation(zone string) (*time.Location, error) {
	if isUTCZone(zone) {
		return time.UTC, nil
	}
	if zone == "Local" || strings.ContainsAny(zone, "\r\n\";:,") {
		return nil, fmt.Errorf("time zone %q is not an IANA zone name", zone)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", zone, err)
	}
	return loc, nil
}

// eventZone is the zone an event is written in: its TimeZone, or "" (UTC)
// when its start or end is not one unambiguous wall time there.
func eventZone(ev CalEvent, zc *zoneCache) string {
	loc, err := zc.load(ev.TimeZone)
	if err != nil || loc == time.UTC {
		return ""
	}
	for _, t := range []time.Time{ev.Start, ev.End} {
		w := t.In(loc)
		if c := wallInstants(w, loc); len(c) != 1 || !c[0].Equal(t) {
			return ""
		}
	}
	return ev.TimeZone
}

// wallInstants returns, earliest first, the instants at which the clock in
// loc shows the wall time of w (its date and clock reading; w's own
// location is ignored): none in a skipped hour, two in a repeated one.
func wallInstants(w time.Time, loc *time.Location) []time.Time {
	naive := naiveWall(w)
	var out []time.Time
	seen := map[int]bool{}
	for _, probe := range []time.Duration{-26 * time.Hour, 0, 26 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		u := naive.Add(-time.Duration(off) * time.Second)
		if naiveWall(u.In(loc)).Equal(naive) {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// naiveWall is w's clock reading as if it were UTC.
func naiveWall(w time.Time) time.Time {
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
}

// timezones returns one VTIMEZONE per zone used by the events, plus extra
// (the feed owner's zone) when it is not UTC and there are events, sorted by
// TZID.
func timezones(events []CalEvent, extra string, zc *zoneCache) ([]*ical.Component, error) {
	spans := map[string][2]time.Time{}
	widen := func(zone string, from, to time.Time) {
		if isUTCZone(zone) {
			return
		}
		s, ok := spans[zone]
		if !ok || from.Before(s[0]) {
			s[0] = from
		}
		if !ok || to.After(s[1]) {
			s[1] = to
		}
		spans[zone] = s
	}
	for _, ev := range events {
		widen(eventZone(ev, zc), ev.Start, ev.End)
		widen(extra, ev.Start, ev.End) // the owner's zone spans all events
	}
	names := make([]string, 0, len(spans))
	for name := range spans {
		names = append(names, name)
	}
	sort.Strings(names)
	comps := make([]*ical.Component, 0, len(names))
	for _, name := range names {
		c, err := vtimezone(name, spans[name][0], spans[name][1], zc)
		if err != nil {
			return nil, err
		}
		comps = append(comps, c)
	}
	return comps, nil
}

// vtimezone describes zone over the calendar years from..to (inclusive).
func vtimezone(zone string, from, to time.Time, zc *zoneCache) (*ical.Component, error) {
	loc, err := zc.load(zone)
	if err != nil {
		return nil, err
	}
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, zone)
	start := time.Date(from.In(loc).Year(), time.January, 1, 0, 0, 0, 0, loc)
	end := time.Date(to.In(loc).Year()+1, time.January, 1, 0, 0, 0, 0, loc)
	_, next := start.ZoneBounds()
	if next.IsZero() {
		_, off := start.Zone()
		tz.Children = append(tz.Children, observance(start, off, fixedSince))
		return tz, nil
	}
	_, off := start.Zone()
	tz.Children = append(tz.Children, observance(start, off, start.Format("20060102T150405")))
	for t := next; !t.IsZero() && t.Before(end); _, t = t.ZoneBounds() {
		_, to := t.Zone()
		if to == off {
			continue // only the abbreviation changed
		}
		// DTSTART of an observance is the onset in the old offset's wall time.
		onset := t.UTC().Add(time.Duration(off) * time.Second).Format("20060102T150405")
		tz.Children = append(tz.Children, observance(t, off, onset))
		off = to
	}
	return tz, nil
}

// observance is the STANDARD or DAYLIGHT component in force from t on.
func observance(t time.Time, fromOffset int, onset string) *ical.Component {
	name, to := t.Zone()
	kind := ical.CompTimezoneStandard
	if t.IsDST() {
		kind = ical.CompTimezoneDaylight
	}
	c := ical.NewComponent(kind)
	c.Props.Set(&ical.Prop{Name: ical.PropDateTimeStart, Params: ical.Params{}, Value: onset})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetFrom, Params: ical.Params{}, Value: utcOffset(fromOffset)})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: utcOffset(to)})
	if name != "" {
		c.Props.SetText(ical.PropTimezoneName, name)
	}
	return c
}

// utcOffset formats seconds east of UTC as RFC 5545 UTC-OFFSET (+0800,
// -0430, +003412 when seconds remain).
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
