package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// NotifyOptions configure the mails the store queues in its outbox.
type NotifyOptions struct {
	From          notifications.Address // the organizer mailbox: From header and ORGANIZER
	PublicURL     string                // external base URL: links and feed URLs
	TemplatesDir  string                // overrides of the embedded templates; "" for none
	ReminderLeads []time.Duration       // reminders before a meeting; nil: 24h and 1h
	DigestHour    int                   // local hour from which the day's request digest is queued: 9
}

// notifier holds the composer, built on first use from the options.
type notifier struct {
	mu       sync.Mutex
	opts     NotifyOptions
	set      bool
	composer *notifications.Composer
}

func defaultNotifyOptions() NotifyOptions {
	return NotifyOptions{From: notifications.Address{Name: "roadshow", Email: "roadshow@localhost"},
		PublicURL: "http://127.0.0.1:8080", ReminderLeads: []time.Duration{24 * time.Hour, time.Hour}, DigestHour: 9}
}

// UIDDomain is the domain that ends new calendar UIDs (Options.UIDDomain).
func (s *Store) UIDDomain() string { return s.uidDomain }

// ConfigureNotifications sets the organizer mailbox, links, templates,
// reminder leads and digest hour of the mails queued from now on. Without
// it the store uses roadshow@localhost, http://127.0.0.1:8080, the embedded
// templates and leads of 24h and 1h. Open applies Options.Notify with it;
// tests call it to change the settings of an open store.
func (s *Store) ConfigureNotifications(o NotifyOptions) error {
	def := defaultNotifyOptions()
	if o.From.Email == "" {
		o.From = def.From
	}
	if o.PublicURL == "" {
		o.PublicURL = def.PublicURL
	}
	o.PublicURL = strings.TrimRight(o.PublicURL, "/")
	if o.ReminderLeads == nil {
		o.ReminderLeads = def.ReminderLeads
	}
	if o.DigestHour < 0 || o.DigestHour > 23 {
		return fmt.Errorf("store: notifications: digest hour %d is not 0–23", o.DigestHour)
	}
	for _, l := range o.ReminderLeads {
		if l <= 0 {
			return fmt.Errorf("store: notifications: reminder lead %v must be positive", l)
		}
	}
	c, err := newComposer(o)
	if err != nil {
		return err
	}
	s.notify.mu.Lock()
	defer s.notify.mu.Unlock()
	s.notify.opts, s.notify.composer, s.notify.set = o, c, true
	return nil
}

func newComposer(o NotifyOptions) (*notifications.Composer, error) {
	t, err := notifications.LoadTemplates(o.TemplatesDir)
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	c, err := notifications.NewComposer(o.From, t)
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	return c, nil
}

// mailer returns the composer and options, building the defaults on first
// use.
func (s *Store) mailer() (*notifications.Composer, NotifyOptions, error) {
	s.notify.mu.Lock()
	defer s.notify.mu.Unlock()
	if !s.notify.set {
		o := defaultNotifyOptions()
		c, err := newComposer(o)
		if err != nil {
			return nil, o, err
		}
		s.notify.opts, s.notify.composer, s.notify.set = o, c, true
	}
	return s.notify.composer, s.notify.opts, nil
}

// mailDomain is the domain of the organizer mailbox, for Message-IDs.
func (o NotifyOptions) mailDomain() string {
	if a, err := mail.ParseAddress(o.From.Email); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok && d != "" {
			return d
		}
	}
	return "localhost"
}

// party is one side of a meeting as mails name it: the organization, the
// people who get mail for it, and how the other side sees it.
type party struct {
	side   string // app.SideEnterprise or app.SideInvestor
	id     int64
	name   string
	people []notifications.Recipient // contacts with an email address
}

// asCounterpart names the party by organization and person only.
func (p *party) asCounterpart() notifications.Party {
	names := make([]string, 0, len(p.people))
	for _, r := range p.people {
		if r.Name != "" && len(names) < 3 {
			names = append(names, r.Name)
		}
	}
	return notifications.Party{Organization: p.name, Person: strings.Join(names, "、")}
}

// parties loads enterprises and investors by id, in chunks.
func loadParties(db *gorm.DB, entIDs, invIDs []int64) (map[int64]*party, map[int64]*party, error) {
	ents, invs := map[int64]*party{}, map[int64]*party{}
	for _, ids := range chunks(uniqueIDs(entIDs), 500) {
		var rows []enterpriseRow
		if err := db.Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return nil, nil, fmt.Errorf("store: load enterprises: %w", translate(err))
		}
		for _, r := range rows {
			ents[r.ID] = &party{side: app.SideEnterprise, id: r.ID, name: r.Name,
				people: recipients([]app.Contact{{Name: r.ContactName, Email: r.ContactEmail, TimeZone: r.ContactTimezone}})}
		}
	}
	for _, ids := range chunks(uniqueIDs(invIDs), 500) {
		var rows []investorRow
		if err := db.Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return nil, nil, fmt.Errorf("store: load investors: %w", translate(err))
		}
		for _, r := range rows {
			invs[r.ID] = &party{side: app.SideInvestor, id: r.ID, name: r.Name, people: recipients(r.Contacts.Val)}
		}
	}
	return ents, invs, nil
}

// recipients keeps the contacts that have a valid email address, each
// address once.
func recipients(cs []app.Contact) []notifications.Recipient {
	var out []notifications.Recipient
	seen := map[string]bool{}
	for _, c := range cs {
		email := strings.TrimSpace(c.Email)
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || seen[strings.ToLower(email)] {
			continue // a bare address only, each once
		}
		seen[strings.ToLower(email)] = true
		out = append(out, notifications.Recipient{Name: c.Name, Email: email, TimeZone: c.TimeZone})
	}
	return out
}

// withoutOrganizer drops the organizer's own mailbox from a list of
// recipients: the ORGANIZER is never also an ATTENDEE.
func withoutOrganizer(ts []target, organizer string) []target {
	out := ts[:0:0]
	for _, t := range ts {
		if !strings.EqualFold(t.to.Email, organizer) {
			out = append(out, t)
		}
	}
	return out
}

func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func chunks(ids []int64, n int) [][]int64 {
	var out [][]int64
	for len(ids) > 0 {
		k := min(n, len(ids))
		out = append(out, ids[:k])
		ids = ids[k:]
	}
	return out
}

// dedupeKey joins the parts of a notification's identity with the
// recipient's address hashed, so keys stay short and hold no address.
func dedupeKey(email string, parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprint(&b, p, ":")
	}
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return b.String() + hex.EncodeToString(sum[:10])
}

// render composes n into msg: the Message-ID from the dedupe key, the
// subject and the bytes to send.
func render(c *notifications.Composer, o NotifyOptions, n notifications.Notice, msg OutboxMessage) (OutboxMessage, error) {
	msg.MessageID = messageIDFor(msg.DedupeKey, o.mailDomain())
	n.MessageID, msg.Kind, msg.Recipient = msg.MessageID, n.Kind, n.To.Email
	if n.ConsoleURL == "" {
		n.ConsoleURL = o.PublicURL
	}
	out, err := c.Compose(n)
	if err != nil {
		return msg, fmt.Errorf("store: compose %s: %w", n.Kind, err)
	}
	msg.Subject, msg.Body = out.Subject, out.Message
	return msg, nil
}
