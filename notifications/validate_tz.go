package notifications

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/emersion/go-ical"
)

// vzone is a parsed VTIMEZONE: its observances by onset.
type vzone struct {
	loc   *time.Location // Go's zone of the same name; nil when Go has none
	obs   []vobservance
	rules bool // RRULE or RDATE present: offsets are not resolved here
}

type vobservance struct {
	onset  time.Time // in UTC
	offset int       // TZOFFSETTO, seconds east of UTC
}

func parseZones(cal *ical.Calendar, zc *zoneCache) (map[string]*vzone, error) {
	zones := map[string]*vzone{}
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone {
			continue
		}
		id := propValue(c, ical.PropTimezoneID)
		if id == "" || zones[id] != nil {
			return nil, fmt.Errorf("VTIMEZONE with an empty or repeated TZID %q", id)
		}
		z, err := parseZone(c)
		if err != nil {
			return nil, fmt.Errorf("VTIMEZONE %q: %w", id, err)
		}
		if loc, err := zc.load(id); err == nil {
			z.loc = loc
		}
		zones[id] = z
	}
	return zones, nil
}

func parseZone(c *ical.Component) (*vzone, error) {
	z := &vzone{}
	for _, o := range c.Children {
		from, err1 := parseOffset(propValue(o, ical.PropTimezoneOffsetFrom))
		to, err2 := parseOffset(propValue(o, ical.PropTimezoneOffsetTo))
		local, err3 := time.Parse("20060102T150405", propValue(o, ical.PropDateTimeStart))
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s: %w", o.Name, err)
		}
		if o.Props.Get(ical.PropRecurrenceRule) != nil || o.Props.Get(ical.PropRecurrenceDates) != nil {
			z.rules = true
		}
		z.obs = append(z.obs, vobservance{onset: local.Add(-time.Duration(from) * time.Second), offset: to})
	}
	if len(z.obs) == 0 {
		return nil, errors.New("no STANDARD or DAYLIGHT")
	}
	sort.Slice(z.obs, func(i, j int) bool { return z.obs[i].onset.Before(z.obs[j].onset) })
	return z, nil
}

// parseOffset reads a UTC-OFFSET such as +0800 or -043000.
func parseOffset(s string) (int, error) {
	if (len(s) != 5 && len(s) != 7) || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("bad UTC offset %q", s)
	}
	n := make([]int, 0, 3)
	for i := 1; i < len(s); i += 2 {
		v, err := strconv.Atoi(s[i : i+2])
		if err != nil {
			return 0, fmt.Errorf("bad UTC offset %q", s)
		}
		n = append(n, v)
	}
	sec := n[0]*3600 + n[1]*60
	if len(n) == 3 {
		sec += n[2]
	}
	if s[0] == '-' {
		sec = -sec
	}
	return sec, nil
}

// instants returns every UTC instant the wall time (given as if in UTC)
// can mean under the zone: one normally, two in a repeated hour, none in a
// skipped hour or before the first observance.
func (z *vzone) instants(wall time.Time) []time.Time {
	var out []time.Time
	for i, o := range z.obs {
		t := wall.Add(-time.Duration(o.offset) * time.Second)
		if t.Before(o.onset) || (i+1 < len(z.obs) && !t.Before(z.obs[i+1].onset)) {
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// checkTimes checks DTSTART and DTEND: UTC, or TZID with its VTIMEZONE in
// agreement with Go's time zone database, and DTEND after DTSTART.
func checkTimes(ev *ical.Component, zones map[string]*vzone) error {
	start, err := instant(ev.Props.Get(ical.PropDateTimeStart), zones)
	if err != nil {
		return fmt.Errorf("DTSTART: %w", err)
	}
	end, err := instant(ev.Props.Get(ical.PropDateTimeEnd), zones)
	if err != nil {
		return fmt.Errorf("DTEND: %w", err)
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		return errors.New("DTEND is not after DTSTART")
	}
	return nil
}

// instant resolves a DATE-TIME property; a missing one is the zero time.
func instant(p *ical.Prop, zones map[string]*vzone) (time.Time, error) {
	if p == nil {
		return time.Time{}, nil
	}
	if p.ValueType() == ical.ValueDate || len(p.Value) == 8 {
		return time.Parse("20060102", p.Value)
	}
	if isUTCDateTime(p.Value) {
		return time.Parse("20060102T150405Z", p.Value)
	}
	wall, err := time.Parse("20060102T150405", p.Value)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad DATE-TIME %q", p.Value)
	}
	tzid := p.Params.Get(ical.ParamTimezoneID)
	if tzid == "Local" {
		return time.Time{}, errors.New("TZID=Local names no zone")
	}
	if tzid == "" {
		return time.Time{}, fmt.Errorf("floating time %q: neither UTC nor TZID", p.Value)
	}
	z := zones[tzid]
	if z == nil {
		return time.Time{}, fmt.Errorf("TZID=%s has no VTIMEZONE in this object", tzid)
	}
	return z.resolve(tzid, wall)
}

// resolve turns a wall time into an instant, the first occurrence when the
// wall time repeats (RFC 5545 3.3.5), and, when the VTIMEZONE has explicit
// observances and Go knows the zone, checks that both agree.
func (z *vzone) resolve(tzid string, wall time.Time) (time.Time, error) {
	var goTime time.Time
	if z.loc != nil {
		if c := wallInstants(wall, z.loc); len(c) > 0 {
			goTime = c[0]
		}
	}
	if z.rules {
		return goTime, nil
	}
	cands := z.instants(wall)
	if len(cands) == 0 {
		return time.Time{}, fmt.Errorf("%s in %s is not covered by its VTIMEZONE", wall.Format("20060102T150405"), tzid)
	}
	if !goTime.IsZero() && !cands[0].Equal(goTime) {
		return time.Time{}, fmt.Errorf("%s in %s: VTIMEZONE gives %s, the time zone database %s",
			wall.Format("20060102T150405"), tzid, cands[0].Format(time.RFC3339), goTime.Format(time.RFC3339))
	}
	return cands[0], nil
}
