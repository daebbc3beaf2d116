package notifications

import (
	"fmt"
	"strings"
	"time"
)

// Times is one time span written for people, in Chinese and in English,
// with an explicit zone label: "2025-05-20（周二）14:00–14:30（北京时间 UTC+8）"
// and "Tue 20 May 2025, 14:00–14:30 Beijing time (UTC+8)". RecipientZH and
// RecipientEN repeat it in the recipient's own zone, and are empty when that
// zone has the same offset as the event's.
type Times struct {
	ZH          string
	EN          string
	RecipientZH string
	RecipientEN string
}

// zoneNames labels the zones roadshow's participants are most often in;
// other zones are named after their IANA city.
func zoneNames(zone string) (zh, en string) {
	switch zone {
	case "", "UTC", "Etc/UTC":
		return "协调世界时", "UTC"
	case "Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC":
		return "北京时间", "Beijing time"
	case "Asia/Hong_Kong":
		return "香港时间", "Hong Kong time"
	case "Asia/Macau":
		return "澳门时间", "Macau time"
	case "Asia/Taipei":
		return "台北时间", "Taipei time"
	case "Asia/Singapore":
		return "新加坡时间", "Singapore time"
	case "Asia/Tokyo":
		return "东京时间", "Tokyo time"
	case "Europe/London":
		return "伦敦时间", "London time"
	case "Europe/Berlin":
		return "柏林时间", "Berlin time"
	case "Europe/Paris":
		return "巴黎时间", "Paris time"
	case "America/New_York":
		return "纽约时间", "New York time"
	case "America/Los_Angeles":
		return "洛杉矶时间", "Los Angeles time"
	}
	city := zone[strings.LastIndex(zone, "/")+1:]
	city = strings.ReplaceAll(city, "_", " ")
	return zone + " 时间", city + " time"
}

// OffsetLabel writes t's UTC offset as UTC+8, UTC+5:30 or UTC-4, the label
// mails and the web console put after a zone's name.
func OffsetLabel(t time.Time) string {
	_, sec := t.Zone()
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	if m := sec / 60 % 60; m != 0 {
		return fmt.Sprintf("UTC%s%d:%02d", sign, sec/3600, m)
	}
	return fmt.Sprintf("UTC%s%d", sign, sec/3600)
}

// weekdayZH names a weekday in Chinese: 周一 … 周日.
func weekdayZH(d time.Weekday) string {
	return "周" + string([]rune("日一二三四五六")[d])
}

// spanZH writes start–end in zone, in Chinese.
func spanZH(start, end time.Time, loc *time.Location, zone string) string {
	s, e := start.In(loc), end.In(loc)
	name, _ := zoneNames(zone)
	head := fmt.Sprintf("%s（%s）%s", s.Format("2006-01-02"), weekdayZH(s.Weekday()), s.Format("15:04"))
	switch {
	case end.IsZero():
	case sameDay(s, e):
		head += "–" + e.Format("15:04")
	default:
		head += " – " + fmt.Sprintf("%s（%s）%s", e.Format("2006-01-02"), weekdayZH(e.Weekday()), e.Format("15:04"))
	}
	return fmt.Sprintf("%s（%s %s）", head, name, OffsetLabel(s))
}

// spanEN writes start–end in zone, in English.
func spanEN(start, end time.Time, loc *time.Location, zone string) string {
	s, e := start.In(loc), end.In(loc)
	_, name := zoneNames(zone)
	head := s.Format("Mon 2 Jan 2006, 15:04")
	switch {
	case end.IsZero():
	case sameDay(s, e):
		head += "–" + e.Format("15:04")
	default:
		head += " – " + e.Format("Mon 2 Jan 2006, 15:04")
	}
	return fmt.Sprintf("%s %s (%s)", head, name, OffsetLabel(s))
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// formatTimes writes the span in the event's zone and, when its offset
// differs there, in the recipient's zone (empty recipientZone means the
// event's zone). Unknown zones fall back to UTC.
func formatTimes(start, end time.Time, eventZone, recipientZone string, zc *zoneCache) Times {
	if start.IsZero() {
		return Times{}
	}
	loc, err := zc.load(eventZone)
	if err != nil {
		loc, eventZone = time.UTC, "UTC"
	}
	t := Times{ZH: spanZH(start, end, loc, eventZone), EN: spanEN(start, end, loc, eventZone)}
	rloc, err := zc.load(recipientZone)
	if recipientZone == "" || err != nil || sameOffsets(start, end, loc, rloc) {
		return t
	}
	t.RecipientZH = spanZH(start, end, rloc, recipientZone)
	t.RecipientEN = spanEN(start, end, rloc, recipientZone)
	return t
}

func sameOffsets(start, end time.Time, a, b *time.Location) bool {
	for _, t := range []time.Time{start, end} {
		_, x := t.In(a).Zone()
		_, y := t.In(b).Zone()
		if x != y {
			return false
		}
	}
	return true
}
