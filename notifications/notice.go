package notifications

import "time"

// Kind is what a notification is about; it picks the template and is stored
// on the outbox row.
type Kind string

// Notification kinds. Invite, update and cancel carry an iCalendar object;
// the others are plain text and HTML mails.
const (
	KindInvite           Kind = "invite"            // a new meeting or pitch slot
	KindUpdate           Kind = "update"            // time, place or details changed (same UID, higher SEQUENCE)
	KindCancel           Kind = "cancel"            // cancelled, or this recipient removed
	KindReminder         Kind = "reminder"          // before the meeting (due start − lead, not after start)
	KindRequestDigest    Kind = "request_digest"    // meeting requests waiting for an answer
	KindCampaignReminder Kind = "campaign_reminder" // a zone is missing items of the campaign
	KindFollowUp         Kind = "follow_up"         // 30 or 90 days after a meeting: update the deal
	KindSignIn           Kind = "sign_in"           // a one-time sign-in link for the web console
)

// Kinds lists every kind, in the order templates are loaded.
func Kinds() []Kind {
	return []Kind{KindInvite, KindUpdate, KindCancel, KindReminder, KindRequestDigest,
		KindCampaignReminder, KindFollowUp, KindSignIn}
}

// Method returns the iTIP method a kind's mail carries: REQUEST for invites
// and updates, CANCEL for cancellations, "" for plain mails.
func (k Kind) Method() string {
	switch k {
	case KindInvite, KindUpdate:
		return MethodRequest
	case KindCancel:
		return MethodCancel
	}
	return ""
}

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool {
	for _, x := range Kinds() {
		if k == x {
			return true
		}
	}
	return false
}

// Recipient is the one person a mail goes to: the address is the SMTP
// recipient, the To header and the ATTENDEE. TimeZone (IANA) is where they
// are; mails show times there too when it differs from the event's zone.
type Recipient struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	TimeZone string `json:"timezone"`
}

// Address returns the recipient's mailbox.
func (r Recipient) Address() Address { return Address{Name: r.Name, Email: r.Email} }

// Party names the other side of a meeting by organization and person only:
// invitations never carry the other party's email or phone.
type Party struct {
	Organization string `json:"organization"`
	Person       string `json:"person"`
}

// AppointmentKind tells a 1:1 meeting from a roadshow pitch slot.
type AppointmentKind string

// Appointment kinds.
const (
	AppointmentMeeting AppointmentKind = "meeting"
	AppointmentPitch   AppointmentKind = "pitch"
)

// Appointment is one meeting or pitch slot as its recipient sees it; the
// same value gives the invite, the update, the cancellation, the reminders
// and the feed entry.
type Appointment struct {
	UID         string          `json:"uid"`      // stored on the meeting at creation
	Sequence    int             `json:"sequence"` // stored; +1 per significant change
	Kind        AppointmentKind `json:"kind"`
	EventTitle  string          `json:"event_title"`
	Counterpart Party           `json:"counterpart"` // meetings: the other side
	Start       time.Time       `json:"start"`
	End         time.Time       `json:"end"`
	TimeZone    string          `json:"timezone"` // the event's IANA zone
	Venue       string          `json:"venue"`
	Table       string          `json:"table"` // table or room
	URL         string          `json:"url"`   // the meeting in the web console
	Cancelled   bool            `json:"cancelled"`
	// PreviousStart and PreviousEnd are the old slot of a rescheduled
	// meeting (updates only; zero when unknown).
	PreviousStart time.Time `json:"previous_start"`
	PreviousEnd   time.Time `json:"previous_end"`
	// Stamp is the time of the last change, the DTSTAMP of feed entries;
	// mails use the Notice's Date instead.
	Stamp time.Time `json:"stamp"`
}

// PendingRequest is one meeting request waiting for the recipient's answer.
type PendingRequest struct {
	From       Party     `json:"from"`
	EventTitle string    `json:"event_title"`
	Priority   int       `json:"priority"` // 1 high – 3 low
	Note       string    `json:"note"`
	Received   time.Time `json:"received"`
	URL        string    `json:"url"`
}

// CampaignStatus is what a zone still owes the campaign. Missing holds item
// codes: contact, exchange_visit, matchmaking, roadshow, deals, experiences.
type CampaignStatus struct {
	Zone     string    `json:"zone"`
	Missing  []string  `json:"missing"`
	Deadline time.Time `json:"deadline"`
}

// SignInLink is a one-time link into the web console.
type SignInLink struct {
	URL     string    `json:"url"`
	Expires time.Time `json:"expires"`
}

// Notice is everything one mail says. Kind decides which fields matter:
// Appointment for invite, update, cancel, reminder and follow_up; Requests
// for request_digest; Campaign for campaign_reminder; SignIn for sign_in.
type Notice struct {
	Kind         Kind             `json:"kind"`
	To           Recipient        `json:"to"`
	MessageID    string           `json:"message_id"` // "<outbox-123@example.org>", one per outbox row
	Date         time.Time        `json:"date"`       // the Date header and the invite's DTSTAMP
	Appointment  Appointment      `json:"appointment"`
	Requests     []PendingRequest `json:"requests"`
	Campaign     CampaignStatus   `json:"campaign"`
	SignIn       SignInLink       `json:"sign_in"`
	FollowUpDays int              `json:"follow_up_days"` // 30 or 90
	ConsoleURL   string           `json:"console_url"`
}
