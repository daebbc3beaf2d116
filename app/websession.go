package app

import (
	"context"
	"time"
)

// Web console sessions: how long a signed-in browser stays signed in, how
// long a one-time sign-in link lives, and how many failed sign-in attempts
// an IP address may make, in all and for one e-mail address (or token).
const (
	WebSessionIdle     = 12 * time.Hour     // a session unused this long ends
	WebSessionMax      = 7 * 24 * time.Hour // a session ends this long after sign-in, used or not
	SignInLinkTTL      = 15 * time.Minute   // a one-time link expires this long after it was sent
	SignInWindow       = 15 * time.Minute   // failed attempts are counted over this window
	SignInPerIP        = 60                 // failed attempts per IP address per window
	SignInPerAddress   = 5                  // failed attempts per IP address and e-mail address (or token) per window
	SignInLinksPerMail = 5                  // links sent for one address at most (one per party it reaches)
)

// WebSession is a signed-in browser of the web console: who it acts for and
// the token that guards its forms against cross-site requests. Its secret
// lives only in the browser's cookie; the store keeps a hash.
type WebSession struct {
	ID         int64
	Principal  Principal
	CSRF       string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
}

// SignInRequest asks for one-time sign-in links: one is mailed, through
// the outbox, to every enterprise or investor whose contact has the
// address. LinkPrefix is the link without its token
// ("https://host/signin/link?t=").
type SignInRequest struct {
	Email      string
	LinkPrefix string
}

// WebSessionService keeps the web console's sessions, its one-time sign-in
// links and the keys that sign its anonymous forms. The web console calls
// it before any principal exists, so its methods need none.
type WebSessionService interface {
	// CreateWebSession starts a session acting for p and returns the
	// secret to put in the cookie.
	CreateWebSession(ctx context.Context, p *Principal) (secret string, s *WebSession, err error)
	// FindWebSession returns the live session of a secret and slides its
	// idle expiry; EUNAUTHORIZED when it is unknown, expired or its token
	// was revoked.
	FindWebSession(ctx context.Context, secret string) (*WebSession, error)
	// DeleteWebSession ends a session (sign-out); unknown secrets are
	// ignored.
	DeleteWebSession(ctx context.Context, secret string) error
	// CheckSignIn returns ETOOMANY when the IP address made SignInPerIP
	// failed attempts within SignInWindow, or SignInPerAddress for this
	// e-mail address or pasted token. Limits are per IP address, so that
	// nobody can lock another caller out of an address.
	CheckSignIn(ctx context.Context, ip, address string) error
	// NoteSignInFailure records a failed attempt (an unknown token, an
	// unknown link) or a request for links, which counts as one.
	NoteSignInFailure(ctx context.Context, ip, address string) error
	// RequestSignInLinks queues a sign_in mail for every party whose
	// contact has the address and returns how many were queued (callers
	// must not reveal it); EINVALID for a malformed address.
	RequestSignInLinks(ctx context.Context, r SignInRequest) (int, error)
	// RedeemSignInLink consumes a one-time link and returns whom it signs
	// in; EUNAUTHORIZED when the link is unknown, used or expired.
	RedeemSignInLink(ctx context.Context, token string) (*Principal, error)
	// WebKey returns the named secret key of the console, created on first
	// use and shared by every replica.
	WebKey(ctx context.Context, name string) ([]byte, error)
}
