package notifications

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// ProdID is the PRODID of every iCalendar object this package builds.
const ProdID = "-//Torch Roadshow//roadshow notifications//ZH"

// Method values of the iCalendar METHOD property (RFC 5546) and of the
// method= parameter of a text/calendar MIME part.
const (
	MethodRequest = "REQUEST"
	MethodCancel  = "CANCEL"
)

// EventStatus is the STATUS of a VEVENT.
type EventStatus string

// Event statuses: a scheduled meeting is confirmed, a cancelled one stays in
// feeds with EventCancelled so that subscribed calendars remove it.
const (
	EventConfirmed EventStatus = "CONFIRMED"
	EventTentative EventStatus = "TENTATIVE"
	EventCancelled EventStatus = "CANCELLED"
)

// Address is a named mailbox: an ORGANIZER, an ATTENDEE, a From or a To.
type Address struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// CalEvent is one VEVENT as the builder needs it: plain values, all of them
// stored by the caller (UID and Sequence on the meeting, Stamp the time of
// the change being announced).
type CalEvent struct {
	UID         string      `json:"uid"`
	Sequence    int         `json:"sequence"`
	Summary     string      `json:"summary"`
	Description string      `json:"description"`
	Location    string      `json:"location"`
	Start       time.Time   `json:"start"`
	End         time.Time   `json:"end"`
	TimeZone    string      `json:"timezone"` // IANA; "" or "UTC" writes UTC times
	Status      EventStatus `json:"status"`   // "" means CONFIRMED
	Organizer   Address     `json:"organizer"`
	Attendee    Address     `json:"attendee"`
	URL         string      `json:"url"`
	Stamp       time.Time   `json:"stamp"` // DTSTAMP, written in UTC
}

// Feed is a participant's subscribable calendar: no METHOD, one VEVENT per
// meeting or pitch, cancelled ones kept with STATUS:CANCELLED.
type Feed struct {
	Name     string     // X-WR-CALNAME
	TimeZone string     // the owner's zone: X-WR-TIMEZONE and a VTIMEZONE
	Events   []CalEvent // ORGANIZER and ATTENDEE are not written in feeds
}

// BuildRequest returns the METHOD:REQUEST object for an invitation or an
// update: the same UID as every earlier message, the stored Sequence, one
// ATTENDEE (the recipient) and the organizer's mailbox as ORGANIZER.
func BuildRequest(ev CalEvent) ([]byte, error) {
	ev.Status = EventConfirmed
	return buildMethod(MethodRequest, ev, newZoneCache())
}

// BuildCancel returns the METHOD:CANCEL object that removes the event from
// the recipient's calendar: STATUS:CANCELLED, the same UID, and Sequence as
// given (the caller has already raised it by one).
func BuildCancel(ev CalEvent) ([]byte, error) {
	ev.Status = EventCancelled
	return buildMethod(MethodCancel, ev, newZoneCache())
}

func buildMethod(method string, ev CalEvent, zc *zoneCache) ([]byte, error) {
	if err := checkEvent(ev, true, zc); err != nil {
		return nil, fmt.Errorf("notifications: build %s: %w", strings.ToLower(method), err)
	}
	cal := newCalendar()
	cal.Props.SetText(ical.PropMethod, method)
	zones, err := timezones([]CalEvent{ev}, "", zc)
	if err != nil {
		return nil, fmt.Errorf("notifications: build %s: %w", strings.ToLower(method), err)
	}
	cal.Children = append(zones, eventComponent(ev, true, zc))
	return encode(cal)
}

// BuildFeed returns a subscription feed: VERSION, PRODID, no METHOD, the
// events sorted by start then UID (so the same rows give the same bytes and
// the same ETag), each with its stored UID and SEQUENCE.
func BuildFeed(f Feed) ([]byte, error) {
	return buildFeed(f, newZoneCache())
}

func buildFeed(f Feed, zc *zoneCache) ([]byte, error) {
	events := append([]CalEvent(nil), f.Events...)
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].Start.Equal(events[j].Start) {
			return events[i].Start.Before(events[j].Start)
		}
		return events[i].UID < events[j].UID
	})
	uids := make(map[string]bool, len(events))
	for _, ev := range events {
		if err := checkEvent(ev, false, zc); err != nil {
			return nil, fmt.Errorf("notifications: build feed: event %q: %w", ev.UID, err)
		}
		if uids[ev.UID] {
			return nil, fmt.Errorf("notifications: build feed: duplicate UID %q", ev.UID)
		}
		uids[ev.UID] = true
	}
	if _, err := zc.load(f.TimeZone); err != nil {
		return nil, fmt.Errorf("notifications: build feed: %w", err)
	}
	cal := newCalendar()
	if f.Name != "" {
		cal.Props.Set(xText("X-WR-CALNAME", singleLine(f.Name)))
	}
	if !isUTCZone(f.TimeZone) {
		cal.Props.Set(xText("X-WR-TIMEZONE", f.TimeZone))
	}
	zones, err := timezones(events, f.TimeZone, zc)
	if err != nil {
		return nil, fmt.Errorf("notifications: build feed: %w", err)
	}
	cal.Children = zones
	for _, ev := range events {
		cal.Children = append(cal.Children, eventComponent(ev, false, zc))
	}
	if len(cal.Children) == 0 {
		// RFC 5545 wants at least one component: an empty feed carries
		// the UTC definition.
		utc, _ := vtimezone("UTC", time.Unix(0, 0), time.Unix(0, 0), zc)
		cal.Children = append(cal.Children, utc)
	}
	return encode(cal)
}

// xText is an escaped TEXT property without the VALUE=TEXT parameter
// go-ical adds to names it does not know.
func xText(name, value string) *ical.Prop {
	p := ical.NewProp(name)
	p.SetText(value)
	p.Params.Del(ical.ParamValue)
	return p
}

func newCalendar() *ical.Calendar {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, ProdID)
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	return cal
}

func encode(cal *ical.Calendar) ([]byte, error) {
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, fmt.Errorf("notifications: encode calendar: %w", err)
	}
	return Fold(buf.Bytes()), nil
}

// checkEvent refuses what would give a broken or misleading calendar entry.
func checkEvent(ev CalEvent, withPeople bool, zc *zoneCache) error {
	var errs []error
	if strings.TrimSpace(ev.UID) == "" || strings.ContainsAny(ev.UID, "\r\n") {
		errs = append(errs, errors.New("UID is empty or spans lines"))
	}
	if ev.Sequence < 0 {
		errs = append(errs, errors.New("SEQUENCE is negative"))
	}
	if ev.Start.IsZero() || !ev.End.After(ev.Start) {
		errs = append(errs, errors.New("end must be after a non-zero start"))
	}
	if ev.Stamp.IsZero() {
		errs = append(errs, errors.New("DTSTAMP is zero"))
	}
	if _, err := zc.load(ev.TimeZone); err != nil {
		errs = append(errs, err)
	}
	if withPeople {
		errs = append(errs, checkPeople(ev.Organizer, ev.Attendee))
	}
	return errors.Join(errs...)
}

func checkPeople(org, att Address) error {
	if err := checkEmail(org.Email); err != nil {
		return fmt.Errorf("organizer: %w", err)
	}
	if err := checkEmail(att.Email); err != nil {
		return fmt.Errorf("attendee: %w", err)
	}
	if strings.EqualFold(org.Email, att.Email) {
		return errors.New("the organizer cannot also be the attendee")
	}
	return nil
}

// checkEmail accepts a bare addr-spec such as a@b.cn.
func checkEmail(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return fmt.Errorf("%q is not a bare email address", email)
	}
	return nil
}

func eventComponent(ev CalEvent, withPeople bool, zc *zoneCache) *ical.Component {
	c := ical.NewComponent(ical.CompEvent)
	c.Props.SetText(ical.PropUID, ev.UID)
	c.Props.Set(&ical.Prop{Name: ical.PropSequence, Params: ical.Params{}, Value: strconv.Itoa(ev.Sequence)})
	c.Props.Set(utcProp(ical.PropDateTimeStamp, ev.Stamp))
	zone := eventZone(ev, zc)
	c.Props.Set(timeProp(ical.PropDateTimeStart, ev.Start, zone, zc))
	c.Props.Set(timeProp(ical.PropDateTimeEnd, ev.End, zone, zc))
	c.Props.SetText(ical.PropSummary, singleLine(ev.Summary))
	c.Props.SetText(ical.PropDescription, cleanText(ev.Description))
	c.Props.SetText(ical.PropLocation, singleLine(ev.Location))
	c.Props.SetText(ical.PropStatus, string(statusOrDefault(ev.Status)))
	c.Props.SetText(ical.PropTransparency, "OPAQUE")
	if ev.URL != "" {
		c.Props.Set(&ical.Prop{Name: ical.PropURL, Params: ical.Params{}, Value: singleLine(ev.URL)})
	}
	if withPeople {
		c.Props.Set(personProp(ical.PropOrganizer, ev.Organizer, nil))
		c.Props.Set(personProp(ical.PropAttendee, ev.Attendee, ical.Params{
			"ROLE":     {"REQ-PARTICIPANT"},
			"PARTSTAT": {"NEEDS-ACTION"},
			"RSVP":     {"TRUE"},
			"CUTYPE":   {"INDIVIDUAL"},
		}))
	}
	return c
}

func statusOrDefault(s EventStatus) EventStatus {
	if s == "" {
		return EventConfirmed
	}
	return s
}

func personProp(name string, a Address, params ical.Params) *ical.Prop {
	if params == nil {
		params = ical.Params{}
	}
	if cn := paramText(a.Name); cn != "" {
		params["CN"] = []string{cn}
	}
	return &ical.Prop{Name: name, Params: params, Value: "mailto:" + a.Email}
}

// utcProp writes t as a UTC DATE-TIME (…Z), whatever t's location.
func utcProp(name string, t time.Time) *ical.Prop {
	return &ical.Prop{Name: name, Params: ical.Params{}, Value: t.UTC().Format("20060102T150405Z")}
}

// timeProp writes t in UTC, or as wall time with TZID=zone: never in
// time.Local, which go-ical would label TZID=Local.
func timeProp(name string, t time.Time, zone string, zc *zoneCache) *ical.Prop {
	if isUTCZone(zone) {
		return utcProp(name, t)
	}
	loc, _ := zc.load(zone) // checked by checkEvent
	return &ical.Prop{
		Name:   name,
		Params: ical.Params{ical.ParamTimezoneID: {zone}},
		Value:  t.In(loc).Format("20060102T150405"),
	}
}
