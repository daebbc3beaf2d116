package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/notifications"
)

// webSessionRow is a signed-in browser of the web console.
type webSessionRow struct {
	ID           int64 `gorm:"primaryKey"`
	Hash         string
	Role         string
	TokenID      *int64
	ZoneID       *int64
	BranchID     *int64
	EnterpriseID *int64
	InvestorID   *int64
	CSRF         string    `gorm:"column:csrf"`
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt    time.Time
	LastSeenAt   time.Time
}

func (webSessionRow) TableName() string { return "web_sessions" }

func (r *webSessionRow) domain() *app.WebSession {
	return &app.WebSession{ID: r.ID, CSRF: r.CSRF, CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(),
		LastSeenAt: r.LastSeenAt.UTC(), Principal: app.Principal{TokenID: deref(r.TokenID), Role: app.Role(r.Role),
			ZoneID: deref(r.ZoneID), BranchID: deref(r.BranchID), EnterpriseID: deref(r.EnterpriseID), InvestorID: deref(r.InvestorID)}}
}

// loginLinkRow is a one-time sign-in link.
type loginLinkRow struct {
	ID           int64 `gorm:"primaryKey"`
	Hash         string
	Role         string
	EnterpriseID *int64
	InvestorID   *int64
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt    time.Time
	UsedAt       *time.Time
}

func (loginLinkRow) TableName() string { return "login_links" }

type signinAttemptRow struct {
	ID          int64 `gorm:"primaryKey"`
	IPHash      string
	AddressHash string
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (signinAttemptRow) TableName() string { return "signin_attempts" }

var _ app.WebSessionService = (*Store)(nil)

// idPtr is nil for 0, else a pointer to v.
func idPtr(v int64) *int64 {
	if v == 0 {
		return nil
	}
	return &v
}

// randomSecret returns n random bytes, URL-safe encoded.
func randomSecret(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("store: randomness: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CreateWebSession starts a session for p.
func (s *Store) CreateWebSession(ctx context.Context, p *app.Principal) (string, *app.WebSession, error) {
	if p == nil {
		return "", nil, app.Errorf(app.EUNAUTHORIZED, "nobody to sign in")
	}
	secret, err := randomSecret(32)
	if err != nil {
		return "", nil, err
	}
	csrf, err := randomSecret(24)
	if err != nil {
		return "", nil, err
	}
	now := s.now()
	r := webSessionRow{Hash: HashSecret(secret), Role: string(p.Role), TokenID: idPtr(p.TokenID), ZoneID: idPtr(p.ZoneID),
		BranchID: idPtr(p.BranchID), EnterpriseID: idPtr(p.EnterpriseID), InvestorID: idPtr(p.InvestorID),
		CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(app.WebSessionIdle), LastSeenAt: now}
	if err := s.conn(ctx).Create(&r).Error; err != nil {
		return "", nil, fmt.Errorf("store: create web session: %w", translate(err))
	}
	return secret, r.domain(), nil
}

// FindWebSession returns the live session of secret and slides its idle
// expiry (at most once a minute, within WebSessionMax of sign-in).
func (s *Store) FindWebSession(ctx context.Context, secret string) (*app.WebSession, error) {
	var r webSessionRow
	if err := s.conn(ctx).Where("hash = ?", HashSecret(secret)).First(&r).Error; err != nil {
		if isNotFound(err) {
			return nil, app.Errorf(app.EUNAUTHORIZED, "signed out")
		}
		return nil, fmt.Errorf("store: find web session: %w", translate(err))
	}
	now := s.now()
	if !now.Before(r.ExpiresAt) {
		_ = s.conn(ctx).Delete(&webSessionRow{}, r.ID).Error
		return nil, app.Errorf(app.EUNAUTHORIZED, "session expired")
	}
	if err := s.checkWebSessionToken(ctx, &r, now); err != nil {
		return nil, err
	}
	if ok, err := partyExists(s.conn(ctx), r.EnterpriseID, r.InvestorID); err != nil || !ok {
		if err == nil {
			_ = s.conn(ctx).Delete(&webSessionRow{}, r.ID).Error
		}
		return nil, cmp.Or(err, errPartyGone())
	}
	if now.Sub(r.LastSeenAt) >= time.Minute {
		r.LastSeenAt = now
		r.ExpiresAt = minTime(now.Add(app.WebSessionIdle), r.CreatedAt.Add(app.WebSessionMax))
		// Best effort: a failed bookkeeping write must not fail the request.
		_ = s.conn(ctx).Model(&webSessionRow{}).Where("id = ?", r.ID).
			Updates(map[string]any{"last_seen_at": r.LastSeenAt, "expires_at": r.ExpiresAt}).Error
	}
	return r.domain(), nil
}

// checkWebSessionToken ends a session whose bearer token was revoked or has
// expired since it signed in.
func (s *Store) checkWebSessionToken(ctx context.Context, r *webSessionRow, now time.Time) error {
	if r.TokenID == nil {
		return nil
	}
	var t tokenRow
	err := s.conn(ctx).Where("id = ?", *r.TokenID).First(&t).Error
	if err != nil && !isNotFound(err) {
		return fmt.Errorf("store: web session token: %w", translate(err))
	}
	if err != nil || t.RevokedAt != nil || (t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)) {
		_ = s.conn(ctx).Delete(&webSessionRow{}, r.ID).Error
		return app.Errorf(app.EUNAUTHORIZED, "the token of this session was revoked")
	}
	return nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// DeleteWebSession ends the session of secret.
func (s *Store) DeleteWebSession(ctx context.Context, secret string) error {
	if err := s.conn(ctx).Where("hash = ?", HashSecret(secret)).Delete(&webSessionRow{}).Error; err != nil {
		return fmt.Errorf("store: delete web session: %w", translate(err))
	}
	return nil
}

// CheckSignIn refuses an attempt when the IP address made too many failed
// attempts in the window, in all or for this e-mail address (or token).
func (s *Store) CheckSignIn(ctx context.Context, ip, address string) error {
	since := s.now().Add(-app.SignInWindow)
	ipHash, addrHash := signInHashes(ip, address)
	db := s.conn(ctx).Model(&signinAttemptRow{})
	var byIP, byPair int64
	if err := db.Where("ip_hash = ? AND created_at > ?", ipHash, since).Count(&byIP).Error; err != nil {
		return fmt.Errorf("store: sign-in attempts: %w", translate(err))
	}
	if byIP < app.SignInPerIP {
		err := s.conn(ctx).Model(&signinAttemptRow{}).
			Where("address_hash = ? AND ip_hash = ? AND created_at > ?", addrHash, ipHash, since).Count(&byPair).Error
		if err != nil {
			return fmt.Errorf("store: sign-in attempts: %w", translate(err))
		}
	}
	if byIP >= app.SignInPerIP || byPair >= app.SignInPerAddress {
		return app.Errorf(app.ETOOMANY, "too many sign-in attempts; wait %d minutes", int(app.SignInWindow.Minutes()))
	}
	return nil
}

// NoteSignInFailure records a failed attempt. Rows older than a day are
// purged on the way, with expired sessions and links.
func (s *Store) NoteSignInFailure(ctx context.Context, ip, address string) error {
	now := s.now()
	ipHash, addrHash := signInHashes(ip, address)
	if err := s.conn(ctx).Create(&signinAttemptRow{IPHash: ipHash, AddressHash: addrHash, CreatedAt: now}).Error; err != nil {
		return fmt.Errorf("store: sign-in failure: %w", translate(err))
	}
	s.purgeWeb(ctx, now)
	return nil
}

func signInHashes(ip, address string) (string, string) {
	return HashSecret("ip:" + ip), HashSecret("addr:" + strings.ToLower(strings.TrimSpace(address)))
}

// purgeWeb deletes expired sessions and links and old attempts; failures
// only delay the cleanup.
func (s *Store) purgeWeb(ctx context.Context, now time.Time) {
	db := s.conn(ctx)
	_ = db.Where("created_at < ?", now.Add(-24*time.Hour)).Delete(&signinAttemptRow{}).Error
	_ = db.Where("expires_at < ?", now).Delete(&webSessionRow{}).Error
	_ = db.Where("expires_at < ?", now.Add(-24*time.Hour)).Delete(&loginLinkRow{}).Error
}

// linkTarget is a party a sign-in link may sign in as.
type linkTarget struct {
	principal app.Principal
	to        notifications.Recipient
}

// RequestSignInLinks queues one sign_in mail per party whose contact has
// the address, in one transaction.
func (s *Store) RequestSignInLinks(ctx context.Context, r app.SignInRequest) (int, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(r.Email))
	if err != nil || addr.Name != "" || !strings.Contains(addr.Address, ".") {
		return 0, app.FieldError("email", "is not an e-mail address")
	}
	c, o, err := s.mailer()
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.tx(ctx, func(tx *gorm.DB) error {
		n = 0
		targets, err := signInTargets(tx, addr.Address)
		if err != nil {
			return err
		}
		msgs := make([]OutboxMessage, 0, len(targets))
		for _, t := range targets {
			msg, err := s.signInMail(tx, c, o, t, r.LinkPrefix)
			if err != nil {
				return err
			}
			msgs = append(msgs, msg)
		}
		n = len(msgs)
		_, err = s.enqueue(tx, msgs)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: sign-in links: %w", err)
	}
	return n, nil
}

// signInTargets finds the enterprises and investors with a contact at
// email (case-insensitive), at most SignInLinksPerMail.
func signInTargets(tx *gorm.DB, email string) ([]linkTarget, error) {
	var ents []enterpriseRow
	if err := tx.Where("LOWER(contact_email) = ?", strings.ToLower(email)).Order("id").
		Limit(app.SignInLinksPerMail).Find(&ents).Error; err != nil {
		return nil, translate(err)
	}
	var out []linkTarget
	for _, e := range ents {
		out = append(out, linkTarget{app.Principal{Role: app.RoleEnterprise, EnterpriseID: e.ID},
			notifications.Recipient{Name: e.ContactName, Email: e.ContactEmail, TimeZone: e.ContactTimezone}})
	}
	var invs []investorRow
	if err := tx.Where("contacts LIKE ? ESCAPE '!'", likeArg(email)).Order("id").
		Limit(app.SignInLinksPerMail).Find(&invs).Error; err != nil {
		return nil, translate(err)
	}
	for _, inv := range invs {
		for _, ct := range inv.Contacts.Val {
			if strings.EqualFold(strings.TrimSpace(ct.Email), email) {
				out = append(out, linkTarget{app.Principal{Role: app.RoleInvestor, InvestorID: inv.ID},
					notifications.Recipient{Name: ct.Name, Email: strings.TrimSpace(ct.Email), TimeZone: ct.TimeZone}})
				break
			}
		}
	}
	return out[:min(len(out), app.SignInLinksPerMail)], nil
}

// signInMail stores a new link for t and renders its mail.
func (s *Store) signInMail(tx *gorm.DB, c *notifications.Composer, o NotifyOptions, t linkTarget, prefix string) (OutboxMessage, error) {
	secret, err := randomSecret(32)
	if err != nil {
		return OutboxMessage{}, err
	}
	now := s.now()
	link := loginLinkRow{Hash: HashSecret(secret), Role: string(t.principal.Role), EnterpriseID: idPtr(t.principal.EnterpriseID),
		InvestorID: idPtr(t.principal.InvestorID), CreatedAt: now, ExpiresAt: now.Add(app.SignInLinkTTL)}
	if err := tx.Create(&link).Error; err != nil {
		return OutboxMessage{}, translate(err)
	}
	ref, refID := app.SideEnterprise, t.principal.EnterpriseID
	if t.principal.Role == app.RoleInvestor {
		ref, refID = app.SideInvestor, t.principal.InvestorID
	}
	n := notifications.Notice{Kind: notifications.KindSignIn, To: t.to, Date: now,
		SignIn: notifications.SignInLink{URL: prefix + secret, Expires: link.ExpiresAt}}
	msg := OutboxMessage{DedupeKey: "sign_in:" + strconv.FormatInt(link.ID, 10), RefType: ref, RefID: refID,
		DueAt: now, NotAfter: link.ExpiresAt}
	return render(c, o, n, msg)
}

// RedeemSignInLink consumes a link: the conditional update lets exactly
// one of two concurrent redemptions succeed.
func (s *Store) RedeemSignInLink(ctx context.Context, token string) (*app.Principal, error) {
	var p *app.Principal
	refused := app.Errorf(app.EUNAUTHORIZED, "this sign-in link was already used or has expired")
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var r loginLinkRow
		if err := tx.Where("hash = ?", HashSecret(token)).First(&r).Error; err != nil {
			if isNotFound(err) {
				return refused
			}
			return err
		}
		now := s.now()
		if r.UsedAt != nil || !now.Before(r.ExpiresAt) {
			return refused
		}
		if ok, err := partyExists(tx, r.EnterpriseID, r.InvestorID); err != nil || !ok {
			return cmp.Or(err, errPartyGone())
		}
		res := tx.Model(&loginLinkRow{}).Where("id = ? AND used_at IS NULL", r.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return refused
		}
		p = &app.Principal{Role: app.Role(r.Role), EnterpriseID: deref(r.EnterpriseID), InvestorID: deref(r.InvestorID)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: redeem sign-in link: %w", err)
	}
	return p, nil
}

// WebKey returns the named key, creating it on first use: the first
// replica's INSERT wins and every replica reads the same row.
func (s *Store) WebKey(ctx context.Context, name string) ([]byte, error) {
	secret, err := randomSecret(32)
	if err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	if err := db.Exec(s.insertIgnore("web_keys", "name, secret, created_at", "?, ?, ?"), name, secret, s.now()).Error; err != nil {
		return nil, fmt.Errorf("store: web key: %w", translate(err))
	}
	var got string
	if err := db.Table("web_keys").Where("name = ?", name).Pluck("secret", &got).Error; err != nil {
		return nil, fmt.Errorf("store: web key: %w", translate(err))
	}
	return base64.RawURLEncoding.DecodeString(got)
}
