package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// Campaign reminder reasons: why a zone is reminded. The dedupe key holds
// the reason and its period, so each goes out at most once per period
// whatever the number of replicas.
const (
	// ReminderContactDue: the zone has no contact receipt and the due date
	// is at most ContactReminderDays away. Once per campaign.
	ReminderContactDue = "contact_due"
	// ReminderAtRisk: the zone is at risk (progress rules), naming every
	// item it still misses. Once per ISO week.
	ReminderAtRisk = "at_risk"
)

// ContactReminderDays is how many days before the contacts' due date the
// zones without a contact receipt are reminded.
const ContactReminderDays = 7

// campaignReminder is one reminder to send about one zone.
type campaignReminder struct {
	zone     app.ZoneMissing
	reason   string
	items    []string
	to       notifications.Recipient
	key      string
	deadline time.Time
	notAfter time.Time
}

// QueueCampaignReminders queues the reminders of the current campaign due
// at now (from the digest hour, 09:00, of the campaign's day in the
// store's time zone):
//   - ReminderContactDue, once, from ContactReminderDays days before the
//     contacts' due date until that date, about each zone without a
//     contact receipt;
//   - ReminderAtRisk, once per ISO week while the campaign runs, about each
//     zone at risk (a missing receipt after the due date, events, deals or
//     experiences late), naming what it still misses.
//
// A reminder goes to the zone's contact (its receipt's address) and, for a
// zone without one, to the contact of the bank branch that covers it; a
// zone with neither is only flagged in the progress report. The dedupe key
// is (campaign, zone, reason, period), so the job may run hourly on every
// replica and catches up after downtime. It returns the number queued.
func (s *Store) QueueCampaignReminders(ctx context.Context, now time.Time) (int64, error) {
	c, o, err := s.mailer()
	if err != nil {
		return 0, err
	}
	local := now.In(s.location())
	if local.Hour() < o.DigestHour {
		return 0, nil
	}
	camp, err := s.CurrentCampaign(ctx, local.Format(time.DateOnly))
	if app.ErrorCode(err) == app.ENOTFOUND || (err == nil && !remindersRun(camp, local)) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	due, err := s.campaignReminders(ctx, camp, now, o)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	msgs, err := s.renderCampaignReminders(s.conn(ctx), c, o, due, now)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	var n int64
	err = s.tx(ctx, func(tx *gorm.DB) (err error) {
		n, err = s.enqueue(tx, msgs)
		return err
	})
	return n, err
}

// remindersRun reports whether the campaign sends reminders on the local
// day: from the contact window's start or the campaign's start, whichever
// comes first, through its last day.
func remindersRun(c *app.Campaign, local time.Time) bool {
	today := local.Format(time.DateOnly)
	return (today >= c.StartsOn || today >= contactWindowStart(c)) && today <= c.EndsOn
}

func contactWindowStart(c *app.Campaign) string {
	d, err := time.Parse(time.DateOnly, c.ContactsDue)
	if err != nil {
		return c.ContactsDue
	}
	return d.AddDate(0, 0, -ContactReminderDays).Format(time.DateOnly)
}

// campaignReminders decides, zone by zone, which reminder is due and to
// whom.
func (s *Store) campaignReminders(ctx context.Context, camp *app.Campaign, now time.Time, o NotifyOptions) ([]campaignReminder, error) {
	missing, err := s.CampaignMissing(app.NewContextWithPrincipal(ctx, app.SystemPrincipal), camp.ID, now)
	if err != nil {
		return nil, err
	}
	branches, err := s.branchContacts(s.conn(ctx), camp.ID)
	if err != nil {
		return nil, err
	}
	loc := s.location()
	local := now.In(loc)
	var out []campaignReminder
	for _, z := range missing {
		r, ok := reminderFor(z, camp, local)
		if !ok {
			continue
		}
		if r.to, ok = s.reminderRecipient(z, branches, o); !ok {
			continue
		}
		r.key = fmt.Sprintf("%s:%d:%d:%s:%s", app.NotifyCampaignReminder, camp.ID, z.ZoneID, r.reason, reminderPeriod(r.reason, local))
		r.deadline, r.notAfter = reminderDates(r.reason, camp, local, loc)
		out = append(out, r)
	}
	return out, nil
}

// reminderFor picks the reminder a zone is due on the local day, if any:
// at risk first (it names the contact receipt too when that is missing),
// else the contact receipt in the days before its due date.
func reminderFor(z app.ZoneMissing, c *app.Campaign, local time.Time) (campaignReminder, bool) {
	today := local.Format(time.DateOnly)
	if z.AtRisk && today >= c.StartsOn {
		return campaignReminder{zone: z, reason: ReminderAtRisk, items: z.Items}, true
	}
	if slices.Contains(z.Items, app.ItemContact) && today >= contactWindowStart(c) && today <= c.ContactsDue {
		return campaignReminder{zone: z, reason: ReminderContactDue, items: []string{app.ItemContact}}, true
	}
	return campaignReminder{}, false
}

// reminderPeriod is the period a reason is sent once in: the campaign for
// the contact receipt, the ISO week (of the store's zone) for risks.
func reminderPeriod(reason string, local time.Time) string {
	if reason == ReminderContactDue {
		return "once"
	}
	y, w := local.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// reminderDates returns the deadline a reminder names (the end of the due
// date, or of the campaign's last day) and when it goes stale: after the
// due date, or at the end of its ISO week.
func reminderDates(reason string, c *app.Campaign, local time.Time, loc *time.Location) (deadline, notAfter time.Time) {
	day := func(d string) time.Time {
		t, err := time.ParseInLocation(time.DateOnly, d, loc)
		if err != nil {
			return local
		}
		return t
	}
	if reason == ReminderContactDue {
		end := day(c.ContactsDue).AddDate(0, 0, 1)
		return end.Add(-time.Minute), end
	}
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	nextMonday := midnight.AddDate(0, 0, 8-isoWeekday(local))
	return day(c.EndsOn).AddDate(0, 0, 1).Add(-time.Minute), nextMonday
}

// isoWeekday numbers Monday 1 to Sunday 7.
func isoWeekday(t time.Time) int {
	if t.Weekday() == time.Sunday {
		return 7
	}
	return int(t.Weekday())
}

// branchContact is a bank branch's contact receipt for the campaign.
type branchContact struct {
	BranchID int64
	Name     string
	Email    string
}

func (s *Store) branchContacts(db *gorm.DB, campaignID int64) (map[int64]branchContact, error) {
	var rows []branchContact
	err := db.Model(&orgContactRow{}).Select("branch_id, name, email").
		Where("campaign_id = ? AND zone_id IS NULL AND branch_id IS NOT NULL", campaignID).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: branch contacts: %w", translate(err))
	}
	out := make(map[int64]branchContact, len(rows))
	for _, r := range rows {
		out[r.BranchID] = r
	}
	return out, nil
}

// reminderRecipient is the zone's contact, else its branch's, provided the
// address is valid and not the organizer mailbox itself.
func (s *Store) reminderRecipient(z app.ZoneMissing, branches map[int64]branchContact, o NotifyOptions) (notifications.Recipient, bool) {
	cs := []app.Contact{{Name: z.ContactName, Email: z.ContactEmail}}
	if z.ContactEmail == "" && z.BranchID != nil {
		b := branches[*z.BranchID]
		cs = []app.Contact{{Name: b.Name, Email: b.Email}}
	}
	for _, to := range recipients(cs) {
		if !strings.EqualFold(to.Email, o.From.Email) {
			to.TimeZone = s.location().String()
			return to, true
		}
	}
	return notifications.Recipient{}, false
}

// noticeItem is the item code the mail templates know.
func noticeItem(item string) string {
	if item == app.ItemExperience {
		return "experiences"
	}
	return item
}

// renderCampaignReminders renders the reminders not queued yet.
func (s *Store) renderCampaignReminders(db *gorm.DB, c *notifications.Composer, o NotifyOptions, due []campaignReminder, now time.Time) ([]OutboxMessage, error) {
	keys := make([]string, len(due))
	for i, r := range due {
		keys[i] = r.key
	}
	have, err := s.queuedKeys(db, keys)
	if err != nil {
		return nil, err
	}
	var msgs []OutboxMessage
	for _, r := range due {
		if have[r.key] {
			continue
		}
		items := make([]string, len(r.items))
		for i, it := range r.items {
			items[i] = noticeItem(it)
		}
		msg := OutboxMessage{DedupeKey: r.key, RefType: "zone", RefID: r.zone.ZoneID, DueAt: now, NotAfter: r.notAfter}
		msg, err := render(c, o, notifications.Notice{Kind: notifications.KindCampaignReminder, To: r.to, Date: now,
			Campaign:   notifications.CampaignStatus{Zone: r.zone.ZoneName, Missing: items, Deadline: r.deadline},
			ConsoleURL: o.PublicURL + "/console/campaign"}, msg)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, msg)
	}
	return msgs, nil
}
