package app

import (
	"context"
	"time"
)

// Notification kinds: what an outbox row tells its recipient.
const (
	NotifyInvite           = "invite"            // a new meeting or pitch slot (METHOD:REQUEST)
	NotifyUpdate           = "update"            // moved or changed (same UID, higher SEQUENCE)
	NotifyCancel           = "cancel"            // cancelled, or this recipient removed (METHOD:CANCEL)
	NotifyReminder         = "reminder"          // before the meeting; never after it started
	NotifyCampaignReminder = "campaign_reminder" // a zone still owes items of the campaign
	NotifyRequestDigest    = "request_digest"    // meeting requests waiting for the recipient's answer
	NotifyFollowUp         = "follow_up"         // after a meeting: how did it go
	NotifySignIn           = "sign_in"           // a one-time link into the web console
)

// NotificationKinds lists the kinds of outbox rows.
var NotificationKinds = []string{NotifyInvite, NotifyUpdate, NotifyCancel, NotifyReminder,
	NotifyCampaignReminder, NotifyRequestDigest, NotifyFollowUp, NotifySignIn}

// Outbox row statuses.
const (
	NotificationPending    = "pending"    // waiting for its first attempt (or its due time)
	NotificationSending    = "sending"    // claimed by a dispatcher, under a lease
	NotificationSent       = "sent"       // accepted by the mail server
	NotificationFailed     = "failed"     // a temporary failure; retried at next_attempt_at
	NotificationDead       = "dead"       // a permanent failure or attempts exhausted
	NotificationExpired    = "expired"    // a reminder whose meeting started before it went out
	NotificationSuperseded = "superseded" // replaced by a newer message before it was sent
)

// NotificationStatuses lists the outbox row statuses.
var NotificationStatuses = []string{NotificationPending, NotificationSending, NotificationSent,
	NotificationFailed, NotificationDead, NotificationExpired, NotificationSuperseded}

// Notification is one outbox row as staff see it: what was (or will be)
// sent to whom, and how delivery went. The rendered message itself is
// never returned.
type Notification struct {
	ID            int64      `json:"id"`
	Kind          string     `json:"kind"`
	Channel       string     `json:"channel"` // email
	EventID       *int64     `json:"event_id"`
	MeetingID     *int64     `json:"meeting_id,omitempty"`
	PitchID       *int64     `json:"pitch_id,omitempty"`
	Sequence      int        `json:"sequence"`
	Recipient     string     `json:"recipient"`
	Subject       string     `json:"subject"`
	MessageID     string     `json:"message_id"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	DueAt         time.Time  `json:"due_at"`
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	NotAfter      *time.Time `json:"not_after,omitempty"`
	SentAt        *time.Time `json:"sent_at"`
	LastError     string     `json:"last_error"`
	LastCode      int        `json:"last_code"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// NotificationFilter selects outbox rows.
type NotificationFilter struct {
	Status  string
	Kind    string
	EventID int64
	Page    Page
}

// NotificationService lists the outbox and requeues failed rows. Admins
// see every row; organizers the rows of events they manage.
type NotificationService interface {
	// FindNotifications returns EUNAUTHORIZED, EFORBIDDEN (not staff).
	FindNotifications(ctx context.Context, f NotificationFilter) (List[*Notification], error)
	// FindNotificationByID returns ENOTFOUND also for a row the caller may
	// not see.
	FindNotificationByID(ctx context.Context, id int64) (*Notification, error)
	// RetryNotification moves a dead or failed row back to pending, due now,
	// with its attempts reset; ECONFLICT for any other status.
	RetryNotification(ctx context.Context, id int64) (*Notification, error)
}

// CalendarToken is a participant's calendar feed: whoever holds its URL
// can read the participant's meetings and pitch slots, so the secret is
// long, random, stored hashed and shown only when it is created or rotated
// (the old URL stops working at once); otherwise Token and the URLs are
// empty and only CreatedAt tells that a feed exists.
type CalendarToken struct {
	Token     string    `json:"token,omitempty"`
	URL       string    `json:"url,omitempty"`        // https://…/api/v1/calendars/{token}.ics
	WebcalURL string    `json:"webcal_url,omitempty"` // the same with webcal:// for one-click subscription
	CreatedAt time.Time `json:"created_at"`
}

// Calendar is a rendered iCalendar feed and its entity tag.
type Calendar struct {
	ICS  []byte
	ETag string // a strong entity tag of ICS, quoted
}

// CalendarService serves the participants' feeds and the public agendas.
type CalendarService interface {
	// FindCalendarToken returns the caller's feed, creating it on first
	// use — only then with its secret and URLs; EFORBIDDEN unless the
	// caller is an enterprise or investor.
	FindCalendarToken(ctx context.Context) (*CalendarToken, error)
	// RotateCalendarToken replaces the caller's feed secret and returns
	// the new one with its URLs.
	RotateCalendarToken(ctx context.Context) (*CalendarToken, error)
	// ParticipantCalendar builds the feed of a token's owner: their
	// meetings and pitch slots, cancelled ones included; ENOTFOUND for an
	// unknown or rotated token.
	ParticipantCalendar(ctx context.Context, token string) (*Calendar, error)
	// EventAgendaCalendar builds an event's public agenda (sessions and
	// pitches, no personal data); ENOTFOUND for drafts the caller may not
	// see.
	EventAgendaCalendar(ctx context.Context, eventID int64) (*Calendar, error)
}

// MaxReminderLead is the longest reminder lead an event may set.
const MaxReminderLead = 7 * 24 * time.Hour

// ReminderSettings override the server's reminder lead times
// (ROADSHOW_REMINDER_LEADS) for one event.
type ReminderSettings struct {
	// LeadMinutes are minutes before each meeting or pitch slot, e.g.
	// [1440, 60]; empty keeps the server's leads.
	LeadMinutes []int `json:"lead_minutes,omitempty"`
	// Off sends no reminders for this event.
	Off bool `json:"off,omitempty"`
}

// Leads returns the event's lead times, nil when the server's apply and an
// empty list when reminders are off.
func (r ReminderSettings) Leads() []time.Duration {
	if r.Off {
		return []time.Duration{}
	}
	if len(r.LeadMinutes) == 0 {
		return nil
	}
	out := make([]time.Duration, len(r.LeadMinutes))
	for i, m := range r.LeadMinutes {
		out[i] = time.Duration(m) * time.Minute
	}
	return out
}

func (r ReminderSettings) validate(val *Validation) {
	val.Check(len(r.LeadMinutes) <= 5, "settings.reminders.lead_minutes", "at most 5 reminders")
	for _, m := range r.LeadMinutes {
		if m < 1 || time.Duration(m)*time.Minute > MaxReminderLead {
			val.Add("settings.reminders.lead_minutes", "each lead is 1 to 10080 minutes (7 days)")
			return
		}
	}
}
