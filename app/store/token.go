package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"roadshow/app"
)

type tokenRow struct {
	ID           int64 `gorm:"primaryKey"`
	Hash         string
	Role         string
	ZoneID       *int64
	BranchID     *int64
	EnterpriseID *int64
	InvestorID   *int64
	Label        string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt    *time.Time
	LastUsedAt   *time.Time
	RevokedAt    *time.Time
	MintedBy     *int64
}

func (tokenRow) TableName() string { return "tokens" }

func (r *tokenRow) domain() *app.Token {
	return &app.Token{ID: r.ID, Role: app.Role(r.Role), ZoneID: r.ZoneID, BranchID: r.BranchID,
		EnterpriseID: r.EnterpriseID, InvestorID: r.InvestorID, Label: r.Label, CreatedAt: r.CreatedAt,
		ExpiresAt: r.ExpiresAt, LastUsedAt: r.LastUsedAt, RevokedAt: r.RevokedAt, MintedBy: r.MintedBy}
}

var _ app.TokenService = (*Store)(nil)

// NewSecret returns a random bearer secret: "rs_" and 43 URL-safe characters.
func NewSecret() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("store: no randomness: " + err.Error())
	}
	return "rs_" + base64.RawURLEncoding.EncodeToString(b[:])
}

// HashSecret returns the stored form of a secret.
func HashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// adminHash is the hash of the bootstrap admin token (Options.AdminToken),
// "" when there is none.
func adminHash(secret string) string {
	if secret == "" {
		return ""
	}
	return HashSecret(secret)
}

// CreateToken stores a new token. Admins may create any token; others may
// only create another token with their own role and scope.
func (s *Store) CreateToken(ctx context.Context, t *app.Token) (string, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return "", err
	}
	if err := t.Validate(); err != nil {
		return "", err
	}
	if !p.IsAdmin() && !sameScope(p, t) {
		return "", app.Errorf(app.EFORBIDDEN, "you may only create tokens with your own role and scope")
	}
	secret := NewSecret()
	t.MintedBy = idPtr(p.TokenID)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkTokenScope(tx, t); err != nil {
			return err
		}
		if err := lockMinter(tx, t.MintedBy); err != nil {
			return err
		}
		return s.insertToken(tx, t, secret)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

func (s *Store) insertToken(tx *gorm.DB, t *app.Token, secret string) error {
	r := tokenRow{Hash: HashSecret(secret), Role: string(t.Role), ZoneID: t.ZoneID, BranchID: t.BranchID,
		EnterpriseID: t.EnterpriseID, InvestorID: t.InvestorID, Label: t.Label, CreatedAt: s.now(), ExpiresAt: t.ExpiresAt,
		MintedBy: t.MintedBy}
	if err := tx.Create(&r).Error; err != nil {
		return translate(err)
	}
	t.ID, t.CreatedAt = r.ID, r.CreatedAt
	return nil
}

func sameScope(p *app.Principal, t *app.Token) bool {
	q := t.Principal()
	return q.Role == p.Role && q.ZoneID == p.ZoneID && q.BranchID == p.BranchID &&
		q.EnterpriseID == p.EnterpriseID && q.InvestorID == p.InvestorID
}

func (s *Store) checkTokenScope(tx *gorm.DB, t *app.Token) error {
	checks := []struct {
		id    *int64
		table string
		field string
	}{{t.ZoneID, "zones", "zone_id"}, {t.BranchID, "branches", "branch_id"},
		{t.EnterpriseID, "enterprises", "enterprise_id"}, {t.InvestorID, "investors", "investor_id"}}
	for _, c := range checks {
		if c.id == nil {
			continue
		}
		if ok, err := exists(tx, c.table, *c.id); err != nil {
			return err
		} else if !ok {
			return app.FieldError(c.field, "does not exist")
		}
	}
	return nil
}

// exists reports whether table has a row with id.
func exists(db *gorm.DB, table string, id int64) (bool, error) {
	var n int64
	if err := db.Table(table).Where("id = ?", id).Count(&n).Error; err != nil {
		return false, translate(err)
	}
	return n > 0, nil
}

// Authenticate resolves a bearer secret.
func (s *Store) Authenticate(ctx context.Context, secret string) (*app.Principal, error) {
	h := HashSecret(secret)
	if s.adminHash != "" && subtle.ConstantTimeCompare([]byte(h), []byte(s.adminHash)) == 1 {
		return &app.Principal{Role: app.RoleAdmin}, nil
	}
	var r tokenRow
	if err := s.conn(ctx).Where("hash = ?", h).First(&r).Error; err != nil {
		if isNotFound(err) {
			return nil, app.Errorf(app.EUNAUTHORIZED, "unknown token")
		}
		return nil, translate(err)
	}
	now := s.now()
	if r.RevokedAt != nil || (r.ExpiresAt != nil && !now.Before(*r.ExpiresAt)) {
		return nil, app.Errorf(app.EUNAUTHORIZED, "token revoked or expired")
	}
	if ok, err := partyExists(s.conn(ctx), r.EnterpriseID, r.InvestorID); err != nil || !ok {
		return nil, cmp.Or(err, errPartyGone())
	}
	if r.LastUsedAt == nil || now.Sub(*r.LastUsedAt) > time.Minute {
		// Best effort: a failed bookkeeping write must not fail the request.
		_ = s.conn(ctx).Model(&tokenRow{}).Where("id = ?", r.ID).Update("last_used_at", now).Error
	}
	return r.domain().Principal(), nil
}

// FindTokens lists tokens: every token for admins, the caller's own scope
// for others. Secrets are never returned.
func (s *Store) FindTokens(ctx context.Context, pg app.Page) (app.List[*app.Token], error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return app.List[*app.Token]{}, err
	}
	q := s.conn(ctx).Model(&tokenRow{})
	if !p.IsAdmin() {
		q = scopeTokens(q, p)
	}
	var rows []tokenRow
	if err := pageOf(q, pg).Find(&rows).Error; err != nil {
		return app.List[*app.Token]{}, translate(err)
	}
	return listOf(rows, pg, func(r *tokenRow) int64 { return r.ID }, (*tokenRow).domain), nil
}

// scopeTokens keeps the tokens of p's own role and organization:
// app.SeesToken as SQL for callers other than admins.
func scopeTokens(q *gorm.DB, p *app.Principal) *gorm.DB {
	q = q.Where("role = ?", string(p.Role))
	for col, v := range map[string]int64{"zone_id": p.ZoneID, "branch_id": p.BranchID,
		"enterprise_id": p.EnterpriseID, "investor_id": p.InvestorID} {
		if v == 0 {
			q = q.Where(col + " IS NULL")
		} else {
			q = q.Where(col+" = ?", v)
		}
	}
	return q
}

// lockMinter locks the minting token's row for the transaction and refuses
// a revoked minter, so that a token minted while its minter is being
// revoked is either refused or seen, and revoked, by the cascade.
func lockMinter(tx *gorm.DB, id *int64) error {
	if id == nil {
		return nil
	}
	var r tokenRow
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", *id).First(&r).Error; err != nil {
		return translate(err)
	}
	if r.RevokedAt != nil {
		return app.Errorf(app.EUNAUTHORIZED, "token revoked or expired")
	}
	return nil
}

// RevokeToken revokes a token and every token it minted, transitively:
// admins any token; others, among the tokens of their own scope, only the
// one they authenticate with and those it minted (app.MayRevokeToken).
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		q := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id)
		if !p.IsAdmin() {
			q = scopeTokens(q, p)
		}
		var r tokenRow
		if err := q.First(&r).Error; isNotFound(err) {
			return errNotFound("token")
		} else if err != nil {
			return translate(err)
		}
		minters, err := tokenMinters(tx, r.MintedBy)
		if err != nil {
			return err
		}
		if !app.MayRevokeToken(p, id, minters) {
			return app.Errorf(app.EFORBIDDEN, "you may revoke only your own token and the tokens it minted")
		}
		return s.revokeDescendants(tx, id)
	})
}

// maxTokenDepth bounds the walk up and down the minting tree.
const maxTokenDepth = 64

// tokenMinters returns the chain of minters starting at id, nearest first.
func tokenMinters(tx *gorm.DB, id *int64) ([]int64, error) {
	var out []int64
	for id != nil && len(out) < maxTokenDepth {
		out = append(out, *id)
		var r tokenRow
		if err := tx.Select("id", "minted_by").Where("id = ?", *id).Limit(1).Find(&r).Error; err != nil {
			return nil, translate(err)
		}
		id = r.MintedBy
	}
	return out, nil
}

// revokeDescendants revokes token id and, level by level, every token
// minted by a token revoked in the level before.
func (s *Store) revokeDescendants(tx *gorm.DB, id int64) error {
	now := s.now()
	level := []int64{id}
	seen := map[int64]bool{id: true}
	for depth := 0; len(level) > 0 && depth < maxTokenDepth; depth++ {
		err := tx.Model(&tokenRow{}).Where("id IN ? AND revoked_at IS NULL", level).Update("revoked_at", now).Error
		if err != nil {
			return translate(err)
		}
		var children []int64
		if err := tx.Model(&tokenRow{}).Where("minted_by IN ?", level).Pluck("id", &children).Error; err != nil {
			return translate(err)
		}
		level = level[:0]
		for _, c := range children {
			if !seen[c] {
				seen[c] = true
				level = append(level, c)
			}
		}
	}
	return nil
}

// issueToken creates a token inside tx on behalf of the system, for
// self-registration.
func (s *Store) issueToken(tx *gorm.DB, t *app.Token) (string, error) {
	secret := NewSecret()
	return secret, s.insertToken(tx, t, secret)
}

// EnsureToken stores a token with a chosen secret unless one with that
// secret exists; the demo uses it for well-known demo credentials.
func (s *Store) EnsureToken(ctx context.Context, t *app.Token, secret string) error {
	if err := t.Validate(); err != nil {
		return err
	}
	var n int64
	if err := s.conn(ctx).Model(&tokenRow{}).Where("hash = ?", HashSecret(secret)).Count(&n).Error; err != nil {
		return translate(err)
	}
	if n > 0 {
		return nil
	}
	return s.insertToken(s.conn(ctx), t, secret)
}
