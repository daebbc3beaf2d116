package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"roadshow/notifications"
)

// zoneCache loads IANA zones once per name; the console shows every time
// in its event's zone.
type zoneCache struct {
	mu sync.Mutex
	m  map[string]*time.Location
}

func (z *zoneCache) load(name string) *time.Location {
	z.mu.Lock()
	defer z.mu.Unlock()
	if loc, ok := z.m[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" {
		loc = time.UTC
	}
	if z.m == nil {
		z.m = map[string]*time.Location{}
	}
	z.m[name] = loc
	return loc
}

// zoneNames names the zones participants are most often in.
var zoneNames = map[string][2]string{
	"Asia/Shanghai":    {"北京时间", "Beijing time"},
	"Asia/Chongqing":   {"北京时间", "Beijing time"},
	"Asia/Urumqi":      {"乌鲁木齐时间", "Urumqi time"},
	"Asia/Hong_Kong":   {"香港时间", "Hong Kong time"},
	"Asia/Macau":       {"澳门时间", "Macau time"},
	"Asia/Taipei":      {"台北时间", "Taipei time"},
	"Asia/Singapore":   {"新加坡时间", "Singapore time"},
	"Asia/Tokyo":       {"东京时间", "Tokyo time"},
	"Europe/London":    {"伦敦时间", "London time"},
	"Europe/Berlin":    {"柏林时间", "Berlin time"},
	"America/New_York": {"纽约时间", "New York time"},
	"UTC":              {"协调世界时", "UTC"},
}

// timeFormat writes times in one language and zone.
type timeFormat struct {
	lang  string
	zones *zoneCache
}

// label is the zone's name with its offset at t: 北京时间 UTC+8.
func (f timeFormat) label(zone string, t time.Time) string {
	t = t.In(f.zones.load(zone))
	n, ok := zoneNames[zone]
	name := zone
	if ok {
		name = n[0]
		if f.lang == langEN {
			name = n[1]
		}
	}
	if f.lang == langEN {
		return name + " (" + notifications.OffsetLabel(t) + ")"
	}
	return name + " " + notifications.OffsetLabel(t)
}

func weekdayZH(d time.Weekday) string { return "周" + string([]rune("日一二三四五六")[d]) }

// date writes the day of t in zone: 2025-12-10（周三） or Wed 10 Dec 2025.
func (f timeFormat) date(t time.Time, zone string) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(f.zones.load(zone))
	if f.lang == langEN {
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("2006-01-02") + "（" + weekdayZH(t.Weekday()) + "）"
}

// clock writes the wall time of t in zone: 14:00.
func (f timeFormat) clock(t time.Time, zone string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(f.zones.load(zone)).Format("15:04")
}

// when writes a date and time with the zone's label.
func (f timeFormat) when(t time.Time, zone string) string {
	if t.IsZero() {
		return ""
	}
	if f.lang == langEN {
		return f.date(t, zone) + ", " + f.clock(t, zone) + " " + f.label(zone, t)
	}
	return f.date(t, zone) + f.clock(t, zone) + "（" + f.label(zone, t) + "）"
}

// span writes start–end with the zone's label, the date once when both
// fall on the same day.
func (f timeFormat) span(start, end time.Time, zone string) string {
	loc := f.zones.load(zone)
	s, e := start.In(loc), end.In(loc)
	var body string
	if s.Format("20060102") == e.Format("20060102") {
		sep := ""
		if f.lang == langEN {
			sep = ", "
		}
		body = f.date(s, zone) + sep + s.Format("15:04") + "–" + e.Format("15:04")
	} else {
		body = f.date(s, zone) + " " + s.Format("15:04") + " – " + f.date(e, zone) + " " + e.Format("15:04")
	}
	if f.lang == langEN {
		return body + " " + f.label(zone, s)
	}
	return body + "（" + f.label(zone, s) + "）"
}

// localInput writes t for an <input type="datetime-local"> in zone.
func (f timeFormat) localInput(t time.Time, zone string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(f.zones.load(zone)).Format("2006-01-02T15:04")
}

// parseLocal reads an <input type="datetime-local"> value in zone.
func parseLocal(v string, loc *time.Location) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// groupDigits writes n with thousands separators.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// wanText writes an amount of yuan in 万元: 3,000 万元, 12.5 万元.
func wanText(cny int64) string {
	whole, frac := cny/10000, cny%10000
	if frac < 0 {
		frac = -frac
	}
	s := groupDigits(whole)
	if frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%04d", frac), "0")
	}
	return s + " 万元"
}

// yuanText writes an amount of yuan in full: 30,000,000 元.
func yuanText(cny int64) string { return groupDigits(cny) + " 元" }

// amountHTML writes an amount in 万元 with the yuan value as its title.
func amountHTML(cny int64) template.HTML {
	return template.HTML(`<span class="amt" title="` + template.HTMLEscapeString(yuanText(cny)) + `">` +
		template.HTMLEscapeString(wanText(cny)) + `</span>`)
}

// wanInput writes an amount of yuan as a 万元 form value: 3000, 12.5.
func wanInput(cny int64) string {
	if cny == 0 {
		return ""
	}
	s := strconv.FormatInt(cny/10000, 10)
	if frac := cny % 10000; frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%04d", frac), "0")
	}
	return s
}

// parseWan reads a 万元 amount (up to four decimals, thousands separators
// allowed) as yuan; empty is 0.
func parseWan(v string) (int64, bool) {
	v = strings.ReplaceAll(strings.TrimSpace(v), ",", "")
	v = strings.ReplaceAll(v, "，", "")
	if v == "" {
		return 0, true
	}
	whole, frac, _ := strings.Cut(v, ".")
	if len(frac) > 4 || whole == "" && frac == "" {
		return 0, false
	}
	w, err := strconv.ParseInt(orZero(whole), 10, 64)
	if err != nil || w < 0 || w > math.MaxInt64/10000-1 {
		return 0, false
	}
	f, err := strconv.ParseInt(orZero(frac+strings.Repeat("0", 4-len(frac))), 10, 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return w*10000 + f, true
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}
