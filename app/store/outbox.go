package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// outboxRow is one notification in the outbox table. next_attempt_at is
// set exactly while the row is live (pending, failed or sending): it is
// the time of the next attempt, or the end of a claim's lease.
type outboxRow struct {
	ID            int64 `gorm:"primaryKey"`
	Kind          string
	Channel       string
	EventID       *int64
	RefType       string
	RefID         int64
	Sequence      int
	Recipient     string
	DedupeKey     string
	MessageID     string
	Subject       string
	Status        string
	Attempts      int
	DueAt         time.Time
	NextAttemptAt *time.Time
	NotAfter      *time.Time
	LeaseUntil    *time.Time
	ClaimToken    *string
	ClaimedBy     string
	SentAt        *time.Time
	LastError     string
	LastCode      int
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
}

func (outboxRow) TableName() string { return "notifications" }

// Outbox reference types: what a row is about (digests name the
// recipient's side, app.SideEnterprise or app.SideInvestor).
const (
	refMeeting = "meeting"
	refPitch   = "pitch"
)

// outboxColumns are the columns enqueue writes, in order.
var outboxColumns = []string{"kind", "channel", "event_id", "ref_type", "ref_id", "sequence", "recipient",
	"dedupe_key", "message_id", "subject", "status", "attempts", "due_at", "next_attempt_at", "not_after",
	"claimed_by", "last_error", "last_code", "created_at", "updated_at"}

// liveStatuses are the statuses of rows that may still be sent.
var liveStatuses = []string{app.NotificationPending, app.NotificationFailed, app.NotificationSending}

// calendarKinds carry an iCalendar object whose SEQUENCE orders them.
var calendarKinds = []string{app.NotifyInvite, app.NotifyUpdate, app.NotifyCancel}

func (r *outboxRow) domain() *app.Notification {
	n := &app.Notification{ID: r.ID, Kind: r.Kind, Channel: r.Channel, EventID: r.EventID, Sequence: r.Sequence,
		Recipient: r.Recipient, Subject: r.Subject, MessageID: r.MessageID, Status: r.Status, Attempts: r.Attempts,
		DueAt: r.DueAt.UTC(), NextAttemptAt: utcPtr(r.NextAttemptAt), NotAfter: utcPtr(r.NotAfter),
		SentAt: utcPtr(r.SentAt), LastError: r.LastError, LastCode: r.LastCode,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	id := r.RefID
	switch r.RefType {
	case refMeeting:
		n.MeetingID = &id
	case refPitch:
		n.PitchID = &id
	}
	return n
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// OutboxMessage is one rendered mail to queue. DedupeKey makes enqueueing
// idempotent: a second message with the same key is dropped. A calendar
// message (invite, update, cancel) about RefType/RefID supersedes the unsent
// calendar messages of lower Sequence to the same recipient.
type OutboxMessage struct {
	Kind      notifications.Kind
	DedupeKey string // unique; defaults to MessageID
	EventID   int64  // 0: none
	RefType   string // meeting, pitch, enterprise, investor or ""
	RefID     int64
	Sequence  int
	Recipient string
	MessageID string
	Subject   string
	Body      []byte
	DueAt     time.Time // first attempt
	NotAfter  time.Time // zero: none; else expire rather than send at or after it
}

// enqueueBatch is the number of rows per multi-row INSERT.
const enqueueBatch = 50

// enqueue queues msgs inside tx: older unsent calendar messages they
// supersede are marked superseded, then the rows are inserted with one
// INSERT-IGNORE per batch, so a message whose dedupe key exists is a
// no-op. It returns how many rows were inserted.
func (s *Store) enqueue(tx *gorm.DB, msgs []OutboxMessage) (int64, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	now := s.now()
	if err := s.supersede(tx, msgs, now); err != nil {
		return 0, err
	}
	var inserted int64
	for start := 0; start < len(msgs); start += enqueueBatch {
		part := msgs[start:min(start+enqueueBatch, len(msgs))]
		args := make([]any, 0, len(part)*len(outboxColumns))
		for _, m := range part {
			args = append(args, outboxArgs(m, now)...)
		}
		stmt := s.insertIgnore("notifications", strings.Join(outboxColumns, ", "), valueRows(len(outboxColumns), len(part)))
		res := tx.Exec(stmt, args...)
		if res.Error != nil {
			return inserted, fmt.Errorf("store: enqueue notifications: %w", translate(res.Error))
		}
		inserted += res.RowsAffected
		if err := s.storeBodies(tx, part); err != nil {
			return inserted, err
		}
	}
	return inserted, nil
}

// valueRows is the VALUES list of n rows of cols placeholders, less the
// outer parentheses insertIgnore adds: "?, ?), (?, ?" for 2 and 2.
func valueRows(cols, n int) string {
	row := strings.TrimSuffix(strings.Repeat("?, ", cols), ", ")
	return strings.TrimSuffix(strings.Repeat(row+"), (", n), "), (")
}

// storeBodies saves the rendered messages of a batch just queued, keyed by
// their rows' ids; the bodies of rows queued earlier are kept.
func (s *Store) storeBodies(tx *gorm.DB, part []OutboxMessage) error {
	keys := make([]string, len(part))
	for i, m := range part {
		keys[i] = dedupeKeyOf(m)
	}
	var rows []struct {
		ID        int64
		DedupeKey string
	}
	if err := tx.Model(&outboxRow{}).Select("id, dedupe_key").Where("dedupe_key IN ?", keys).Find(&rows).Error; err != nil {
		return fmt.Errorf("store: enqueue notifications: %w", translate(err))
	}
	ids := make(map[string]int64, len(rows))
	for _, r := range rows {
		ids[r.DedupeKey] = r.ID
	}
	args := make([]any, 0, 2*len(part))
	for _, m := range part {
		args = append(args, ids[dedupeKeyOf(m)], m.Body)
	}
	if err := tx.Exec(s.insertIgnore("notification_bodies", "id, body", valueRows(2, len(part))), args...).Error; err != nil {
		return fmt.Errorf("store: enqueue notification bodies: %w", translate(err))
	}
	return nil
}

func dedupeKeyOf(m OutboxMessage) string {
	if m.DedupeKey == "" {
		return m.MessageID
	}
	return m.DedupeKey
}

// outboxArgs are the values of outboxColumns for m.
func outboxArgs(m OutboxMessage, now time.Time) []any {
	m.DedupeKey = dedupeKeyOf(m)
	due := utc(m.DueAt)
	if m.DueAt.IsZero() {
		due = now
	}
	var event, notAfter any
	if m.EventID != 0 {
		event = m.EventID
	}
	if !m.NotAfter.IsZero() {
		notAfter = utc(m.NotAfter)
	}
	return []any{string(m.Kind), "email", event, m.RefType, m.RefID, m.Sequence, m.Recipient,
		m.DedupeKey, m.MessageID, m.Subject, app.NotificationPending, 0, due, due, notAfter,
		"", "", 0, now, now}
}

// supersede marks superseded the unsent calendar messages that msgs
// replace: same reference and recipient, lower sequence.
func (s *Store) supersede(tx *gorm.DB, msgs []OutboxMessage, now time.Time) error {
	type group struct {
		refType string
		refID   int64
		seq     int
	}
	recipients := map[group][]string{}
	var order []group
	for _, m := range msgs {
		if (m.RefType != refMeeting && m.RefType != refPitch) || !isCalendarKind(string(m.Kind)) {
			continue
		}
		g := group{m.RefType, m.RefID, m.Sequence}
		if _, ok := recipients[g]; !ok {
			order = append(order, g)
		}
		recipients[g] = append(recipients[g], m.Recipient)
	}
	for _, g := range order {
		err := tx.Model(&outboxRow{}).
			Where("ref_type = ? AND ref_id = ? AND sequence < ? AND recipient IN ? AND kind IN ? AND status IN ?",
				g.refType, g.refID, g.seq, recipients[g], calendarKinds, []string{app.NotificationPending, app.NotificationFailed}).
			Updates(map[string]any{"status": app.NotificationSuperseded, "next_attempt_at": nil, "updated_at": now}).Error
		if err != nil {
			return fmt.Errorf("store: supersede notifications: %w", translate(err))
		}
	}
	return nil
}

func isCalendarKind(k string) bool { return slices.Contains(calendarKinds, k) }

// messageIDFor is the Message-ID of the outbox row with dedupe key key: a
// hash of the key at the mail domain, the same on every retry.
func messageIDFor(key, domain string) string {
	sum := sha256.Sum256([]byte(key))
	return "<outbox-" + hex.EncodeToString(sum[:12]) + "@" + domain + ">"
}

var _ app.NotificationService = (*Store)(nil)

// FindNotifications lists outbox rows: all for admins, those of the events
// they manage for organizers.
func (s *Store) FindNotifications(ctx context.Context, f app.NotificationFilter) (app.List[*app.Notification], error) {
	var none app.List[*app.Notification]
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return none, err
	}
	q := scopeNotifications(s.conn(ctx).Model(&outboxRow{}), p)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.EventID != 0 {
		q = q.Where("event_id = ?", f.EventID)
	}
	var rows []outboxRow
	if err := pageOf(q, f.Page).Find(&rows).Error; err != nil {
		return none, translate(err)
	}
	return listOf(rows, f.Page, func(r *outboxRow) int64 { return r.ID }, (*outboxRow).domain), nil
}

// scopeNotifications keeps the rows p may see: every row for admins, the
// rows of the events of an organizer's zone or branch otherwise;
// app.SeesNotification as SQL (TestStore_ListScopesFollowRules keeps the
// two in step).
func scopeNotifications(q *gorm.DB, p *app.Principal) *gorm.DB {
	switch {
	case p.IsAdmin():
		return q
	case p.IsOrganizer() && p.ZoneID != 0:
		return q.Where("event_id IN (SELECT id FROM events WHERE zone_id = ?)", p.ZoneID)
	case p.IsOrganizer() && p.BranchID != 0:
		return q.Where("event_id IN (SELECT id FROM events WHERE branch_id = ?)", p.BranchID)
	}
	return q.Where("1 = 0")
}

// FindNotificationByID returns one outbox row the caller may see.
func (s *Store) FindNotificationByID(ctx context.Context, id int64) (*app.Notification, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireStaff(p); err != nil {
		return nil, err
	}
	var r outboxRow
	err := scopeNotifications(s.conn(ctx).Model(&outboxRow{}), p).Where("id = ?", id).First(&r).Error
	if isNotFound(err) {
		return nil, errNotFound("notification")
	} else if err != nil {
		return nil, translate(err)
	}
	return r.domain(), nil
}

// RetryNotification requeues a dead or failed row: pending, due now,
// attempts reset, its last error kept until the next attempt.
func (s *Store) RetryNotification(ctx context.Context, id int64) (*app.Notification, error) {
	n, err := s.FindNotificationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if n.Status != app.NotificationDead && n.Status != app.NotificationFailed {
		return nil, app.Errorf(app.ECONFLICT, "notification %d is %s; only dead or failed ones can be retried", id, n.Status)
	}
	now := s.now()
	res := s.conn(ctx).Model(&outboxRow{}).Where("id = ? AND status = ?", id, n.Status).
		Updates(map[string]any{"status": app.NotificationPending, "attempts": 0, "next_attempt_at": now, "updated_at": now})
	if res.Error != nil {
		return nil, translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, app.Errorf(app.ECONFLICT, "notification %d changed meanwhile; reload it", id)
	}
	return s.FindNotificationByID(ctx, id)
}
