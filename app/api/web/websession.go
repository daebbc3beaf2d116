package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// Cookies of the console. A web session is a signed-in browser (app.WebSession);
// an event's sessions (app.Session) are handled in organizer.go.
const (
	webSessionCookie = "rs_session" // the session secret
	preCookie        = "rs_pre"     // the nonce of forms shown before sign-in
	csrfField        = "csrf"
	localWebSession  = "web.session"
)

// loadWebSession resolves the session cookie into the request's principal.
// An expired or unknown cookie is dropped; the page then treats the
// caller as anonymous.
func (w *Console) loadWebSession(c *fiber.Ctx) error {
	secret := c.Cookies(webSessionCookie)
	if secret == "" {
		return c.Next()
	}
	s, err := w.svc.WebSessions.FindWebSession(c.UserContext(), strings.Clone(secret))
	switch {
	case err == nil:
		p := s.Principal
		c.Locals(localWebSession, s)
		c.SetUserContext(app.NewContextWithPrincipal(c.UserContext(), &p))
	case app.ErrorCode(err) == app.EUNAUTHORIZED:
		w.clearCookie(c, webSessionCookie)
	default:
		return w.renderError(c, err)
	}
	return c.Next()
}

// hasWebSession reports whether the request carries the cookie of a live
// session; asked before an upload's body is read.
func (w *Console) hasWebSession(c *fiber.Ctx) bool {
	secret := c.Cookies(webSessionCookie)
	if secret == "" {
		return false
	}
	_, err := w.svc.WebSessions.FindWebSession(c.UserContext(), secret)
	return err == nil
}

// webSessionOf returns the request's session, nil when signed out.
func webSessionOf(c *fiber.Ctx) *app.WebSession {
	s, _ := c.Locals(localWebSession).(*app.WebSession)
	return s
}

func (w *Console) setWebSessionCookie(c *fiber.Ctx, secret string) {
	c.Cookie(&fiber.Cookie{Name: webSessionCookie, Value: secret, Path: "/", HTTPOnly: true, Secure: w.secure,
		SameSite: fiber.CookieSameSiteLaxMode, MaxAge: int(app.WebSessionMax / time.Second)})
}

func (w *Console) clearCookie(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(1, 0),
		HTTPOnly: true, Secure: w.secure, SameSite: fiber.CookieSameSiteLaxMode})
}

// csrfKey is the key that signs the nonces of anonymous forms, loaded
// once from the store (every replica shares it).
type csrfKey struct {
	mu  sync.Mutex
	key []byte
}

func (w *Console) signingKey(c *fiber.Ctx) ([]byte, error) {
	w.key.mu.Lock()
	defer w.key.mu.Unlock()
	if w.key.key == nil {
		k, err := w.svc.WebSessions.WebKey(c.UserContext(), "csrf")
		if err != nil {
			return nil, err
		}
		w.key.key = k
	}
	return w.key.key, nil
}

// preToken signs a nonce: the hidden field of an anonymous form.
func preToken(key []byte, nonce string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf:" + nonce))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfToken is the token to put in the page's forms: the session's, or
// before sign-in the signature of a nonce cookie (set here if missing).
func (w *Console) csrfToken(c *fiber.Ctx) string {
	if s := webSessionOf(c); s != nil {
		return s.CSRF
	}
	key, err := w.signingKey(c)
	if err != nil {
		return ""
	}
	nonce := c.Cookies(preCookie)
	if len(nonce) < 20 {
		var b [24]byte
		_, _ = rand.Read(b[:])
		nonce = base64.RawURLEncoding.EncodeToString(b[:])
		c.Cookie(&fiber.Cookie{Name: preCookie, Value: nonce, Path: "/", HTTPOnly: true, Secure: w.secure,
			SameSite: fiber.CookieSameSiteLaxMode})
	}
	return preToken(key, nonce)
}

// checkCSRF refuses a form without the right token: the session's when
// signed in, else the signature of the nonce cookie.
func (w *Console) checkCSRF(c *fiber.Ctx) error {
	got := c.FormValue(csrfField)
	refused := app.Errorf(app.EFORBIDDEN, "this form has expired or did not come from this site; reload the page and try again")
	if got == "" {
		return refused
	}
	if s := webSessionOf(c); s != nil {
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRF)) != 1 {
			return refused
		}
		return nil
	}
	nonce := c.Cookies(preCookie)
	key, err := w.signingKey(c)
	if err != nil {
		return err
	}
	if nonce == "" || !hmac.Equal([]byte(got), []byte(preToken(key, nonce))) {
		return refused
	}
	return nil
}

// startWebSession signs the browser in as p: any previous session ends, a
// new one (with a new secret) begins.
func (w *Console) startWebSession(c *fiber.Ctx, p *app.Principal) error {
	if old := c.Cookies(webSessionCookie); old != "" {
		_ = w.svc.WebSessions.DeleteWebSession(c.UserContext(), strings.Clone(old))
	}
	secret, s, err := w.svc.WebSessions.CreateWebSession(c.UserContext(), p)
	if err != nil {
		return err
	}
	w.setWebSessionCookie(c, secret)
	c.Locals(localWebSession, s)
	c.SetUserContext(app.NewContextWithPrincipal(c.UserContext(), &s.Principal))
	return nil
}

// viewerOf names the signed-in caller for the header.
func (w *Console) viewerOf(c *fiber.Ctx, lang string) *viewer {
	p := principal(c)
	if p == nil {
		return nil
	}
	tr := translator{lang}
	v := &viewer{Role: tr.T("role." + string(p.Role)), Principal: p}
	ctx := c.UserContext()
	switch p.Role {
	case app.RoleEnterprise:
		if e, err := w.svc.Enterprises.FindEnterpriseByID(ctx, p.EnterpriseID); err == nil {
			v.Name = e.Name
		}
	case app.RoleInvestor:
		if i, err := w.svc.Investors.FindInvestorByID(ctx, p.InvestorID); err == nil {
			v.Name = i.Name
		}
	case app.RoleOrganizer:
		v.Name = w.scopeName(c, p)
	case app.RoleAdmin:
		v.Name = tr.T("brand.torch")
	}
	return v
}

// scopeName names an organizer's zone or branch.
func (w *Console) scopeName(c *fiber.Ctx, p *app.Principal) string {
	if p.ZoneID != 0 {
		if z, err := w.svc.Zones.FindZoneByID(c.UserContext(), p.ZoneID); err == nil {
			return z.NameZH
		}
	}
	if p.BranchID != 0 {
		if b, err := w.svc.Branches.FindBranchByID(c.UserContext(), p.BranchID); err == nil {
			return b.Name
		}
	}
	return ""
}

// safeNext keeps a post-sign-in redirect on this site: a path of printable
// ASCII that starts with one slash, holds no backslash, no dot segment and,
// decoded, still starts with one slash; anything else is /console. Browsers
// (the WHATWG URL parser) drop tabs and newlines and read a backslash as a
// slash, so "/\t/evil.example" would leave the site.
func safeNext(next string) string {
	const home = "/console"
	if len(next) > 2048 || !sameSitePath(next) {
		return home
	}
	path, _, _ := strings.Cut(next, "?")
	path, _, _ = strings.Cut(path, "#")
	decoded, err := url.PathUnescape(path)
	if err != nil || !sameSitePath(decoded) {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return home
	}
	return next
}

// sameSitePath reports whether p is one slash followed by printable ASCII
// without a backslash, with no "." or ".." path segment.
func sameSitePath(p string) bool {
	if len(p) < 1 || p[0] != '/' || len(p) > 1 && p[1] == '/' {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] <= ' ' || p[i] >= 0x7f || p[i] == '\\' {
			return false
		}
	}
	path, _, _ := strings.Cut(p, "?")
	path, _, _ = strings.Cut(path, "#")
	for _, seg := range strings.Split(path, "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
