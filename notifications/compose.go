package notifications

import (
	"errors"
	"fmt"
	"time"
)

// Composer turns a Notice into the exact bytes an outbox row keeps and the
// dispatcher sends, and builds feeds from the same appointments, so that
// mails and feeds share one SUMMARY, DESCRIPTION, UID and SEQUENCE.
type Composer struct {
	organizer Address
	templates *Templates
}

// NewComposer returns a Composer sending from organizer (the configured
// mailbox: From header and ORGANIZER) with the given templates.
func NewComposer(organizer Address, t *Templates) (*Composer, error) {
	if err := checkEmail(organizer.Email); err != nil {
		return nil, fmt.Errorf("notifications: composer: organizer: %w", err)
	}
	if t == nil {
		return nil, errors.New("notifications: composer: no templates")
	}
	return &Composer{organizer: organizer, templates: t}, nil
}

// Outgoing is one rendered mail, ready for an outbox row: plain fields and
// byte slices.
type Outgoing struct {
	Kind      Kind
	Recipient string // the SMTP recipient, To and ATTENDEE
	MessageID string
	Subject   string
	Message   []byte // the whole RFC 5322 message
	ICS       []byte // the iCalendar object inside it; nil for plain mails
}

// Compose renders a Notice. Invites and updates carry a METHOD:REQUEST
// object, cancellations METHOD:CANCEL (Appointment.Sequence as stored, i.e.
// already raised), both with DTSTAMP = Date and checked by Validate; the
// other kinds are text and HTML only. For rows due later (reminders,
// follow-ups) pass the due time as Date so the mail is dated when it goes
// out.
func (c *Composer) Compose(n Notice) (Outgoing, error) {
	if err := checkNotice(n); err != nil {
		return Outgoing{}, fmt.Errorf("notifications: compose %s: %w", n.Kind, err)
	}
	data := templateData(n, c.templates.zones)
	r, err := c.templates.Render(n.Kind, data)
	if err != nil {
		return Outgoing{}, err
	}
	out := Outgoing{Kind: n.Kind, Recipient: n.To.Email, MessageID: n.MessageID, Subject: r.Subject}
	if method := n.Kind.Method(); method != "" {
		if out.ICS, err = c.invitation(method, data); err != nil {
			return Outgoing{}, fmt.Errorf("notifications: compose %s: %w", n.Kind, err)
		}
	}
	out.Message, err = BuildMessage(Message{
		From: c.organizer, To: n.To.Address(), Subject: r.Subject, Date: n.Date, MessageID: n.MessageID,
		Text: r.Text, HTML: r.HTML, Calendar: out.ICS, Method: n.Kind.Method(),
	})
	if err != nil {
		return Outgoing{}, err
	}
	return out, nil
}

func (c *Composer) invitation(method string, data TemplateData) ([]byte, error) {
	ev, err := c.calEvent(data, data.Date)
	if err != nil {
		return nil, err
	}
	ev.Status = EventConfirmed
	if method == MethodCancel {
		ev.Status = EventCancelled
	}
	ics, err := buildMethod(method, ev, c.templates.zones)
	if err != nil {
		return nil, err
	}
	if err := validate(ics, c.templates.zones); err != nil {
		return nil, err
	}
	return ics, nil
}

// CalEvent maps an appointment to the VEVENT its recipient gets: SUMMARY
// and DESCRIPTION from the calendar template (the other party by
// organization and person only), LOCATION from venue and table.
func (c *Composer) CalEvent(a Appointment, to Recipient, stamp time.Time) (CalEvent, error) {
	return c.calEvent(templateData(Notice{To: to, Appointment: a}, c.templates.zones), stamp)
}

func (c *Composer) calEvent(data TemplateData, stamp time.Time) (CalEvent, error) {
	summary, desc, err := c.templates.RenderCalendar(data)
	if err != nil {
		return CalEvent{}, err
	}
	a := data.Appointment
	status := EventConfirmed
	if a.Cancelled || data.Kind == KindCancel {
		status = EventCancelled
	}
	return CalEvent{
		UID: a.UID, Sequence: a.Sequence, Summary: summary, Description: desc, Location: placeName(a),
		Start: a.Start, End: a.End, TimeZone: a.TimeZone, Status: status,
		Organizer: c.organizer, Attendee: data.To.Address(), URL: a.URL, Stamp: stamp,
	}, nil
}

// Feed builds owner's subscription feed from their appointments, cancelled
// ones included (Cancelled set); each entry's DTSTAMP is its Stamp.
func (c *Composer) Feed(name string, owner Recipient, items []Appointment) ([]byte, error) {
	events := make([]CalEvent, 0, len(items))
	for _, a := range items {
		ev, err := c.CalEvent(a, owner, a.Stamp)
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	return buildFeed(Feed{Name: name, TimeZone: owner.TimeZone, Events: events}, c.templates.zones)
}

// checkNotice refuses a Notice that lacks what its kind needs.
func checkNotice(n Notice) error {
	if !n.Kind.Valid() {
		return fmt.Errorf("unknown kind %q", n.Kind)
	}
	switch n.Kind {
	case KindInvite, KindUpdate, KindCancel, KindReminder, KindFollowUp:
		if n.Appointment.UID == "" || n.Appointment.Start.IsZero() {
			return errors.New("appointment without UID or start")
		}
	case KindRequestDigest:
		if len(n.Requests) == 0 {
			return errors.New("no pending requests")
		}
	case KindCampaignReminder:
		if n.Campaign.Zone == "" || len(n.Campaign.Missing) == 0 {
			return errors.New("campaign reminder without zone or missing items")
		}
	case KindSignIn:
		if n.SignIn.URL == "" {
			return errors.New("sign-in without a link")
		}
	}
	return nil
}

// templateData adds the times written for people to a Notice.
func templateData(n Notice, zc *zoneCache) TemplateData {
	a := n.Appointment
	zone := n.To.TimeZone
	if zone == "" {
		zone = a.TimeZone
	}
	if zone == "" {
		zone = DefaultZone
	}
	return TemplateData{
		Kind: n.Kind, To: n.To, MessageID: n.MessageID, Date: n.Date, Appointment: a,
		Requests: n.Requests, Campaign: n.Campaign, SignIn: n.SignIn, FollowUpDays: n.FollowUpDays,
		ConsoleURL: n.ConsoleURL,
		Zone:       zone,
		When:       formatTimes(a.Start, a.End, a.TimeZone, n.To.TimeZone, zc),
		Previous:   formatTimes(a.PreviousStart, a.PreviousEnd, a.TimeZone, n.To.TimeZone, zc),

		CounterpartName: partyName(a.Counterpart),
		PlaceName:       placeName(a),
	}
}
