package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
	"roadshow/app/api"
)

func (w *Console) registerSignInRoutes(r fiber.Router) {
	r.Get("/signin", w.page(w.handleSignIn))
	r.Post("/signin/email", w.form(w.handleSignInEmail))
	r.Post("/signin/token", w.form(w.handleSignInToken))
	r.Get("/signin/link", w.page(w.handleSignInLink))
	r.Post("/signin/link", w.form(w.handleSignInLinkRedeem))
	r.Post("/signout", w.form(w.handleSignOut))
}

// signInPage is the data of the sign-in page.
type signInPage struct {
	Next string
	Sent bool   // the "check your mail" state
	Tab  string // email or token
}

func (w *Console) handleSignIn(c *fiber.Ctx) error {
	v := w.newView(c, "signin.title", signInPage{Next: safeNext(c.Query("next")), Tab: "email"})
	return w.render(c, fiber.StatusOK, "signin", v)
}

// handleSignInEmail queues one-time links. Whether the address is known
// is never told: the answer is the same either way.
func (w *Console) handleSignInEmail(c *fiber.Ctx) error {
	email := strings.TrimSpace(formValue(c, "email"))
	data := signInPage{Next: safeNext(formValue(c, "next")), Tab: "email"}
	v := w.newView(c, "signin.title", &data)
	v.Form["email"] = email
	// A request for links counts as a failed attempt: it sends mail, and
	// its success is never told.
	ip := api.ClientIP(c)
	if err := w.svc.WebSessions.CheckSignIn(c.UserContext(), ip, email); err != nil {
		return w.signInRefused(c, v, err, "email")
	}
	if err := w.svc.WebSessions.NoteSignInFailure(c.UserContext(), ip, email); err != nil {
		return err
	}
	_, err := w.svc.WebSessions.RequestSignInLinks(c.UserContext(), app.SignInRequest{Email: email,
		LinkPrefix: w.base + "/signin/link?t="})
	if err != nil {
		return w.signInRefused(c, v, err, "email")
	}
	data.Sent = true
	return w.render(c, fiber.StatusOK, "signin", v)
}

// signInRefused shows the sign-in page again with a field error (a
// malformed address, too many attempts, an unknown token).
func (w *Console) signInRefused(c *fiber.Ctx, v *view, err error, field string) error {
	tr := translator{v.Lang}
	switch app.ErrorCode(err) {
	case app.EINVALID:
		v.Errors[field] = tr.T("signin.bad_email")
		return w.render(c, fiber.StatusUnprocessableEntity, "signin", v)
	case app.ETOOMANY:
		v.Errors[field] = tr.T("signin.too_many")
		return w.render(c, fiber.StatusTooManyRequests, "signin", v)
	case app.EUNAUTHORIZED:
		v.Errors[field] = tr.T("signin.bad_token")
		return w.render(c, fiber.StatusUnauthorized, "signin", v)
	}
	return err
}

// handleSignInToken signs in with a pasted API token (staff, API users).
func (w *Console) handleSignInToken(c *fiber.Ctx) error {
	token := strings.TrimSpace(formValue(c, "token"))
	data := signInPage{Next: safeNext(formValue(c, "next")), Tab: "token"}
	v := w.newView(c, "signin.title", &data)
	ip := api.ClientIP(c)
	if err := w.svc.WebSessions.CheckSignIn(c.UserContext(), ip, "token:"+token); err != nil {
		return w.signInRefused(c, v, err, "token")
	}
	if token == "" {
		return w.signInRefused(c, v, app.Errorf(app.EUNAUTHORIZED, "no token"), "token")
	}
	p, err := w.svc.Tokens.Authenticate(c.UserContext(), token)
	if err != nil {
		if app.ErrorCode(err) == app.EUNAUTHORIZED {
			if nerr := w.svc.WebSessions.NoteSignInFailure(c.UserContext(), ip, "token:"+token); nerr != nil {
				return nerr
			}
		}
		return w.signInRefused(c, v, err, "token")
	}
	if err := w.startWebSession(c, p); err != nil {
		return err
	}
	return c.Redirect(data.Next, fiber.StatusSeeOther)
}

// linkPage is the data of the page a mailed link opens: a button, so that
// mail scanners that fetch links do not use them up.
type linkPage struct {
	Token string
}

func (w *Console) handleSignInLink(c *fiber.Ctx) error {
	v := w.newView(c, "signin.link_title", linkPage{Token: c.Query("t")})
	return w.render(c, fiber.StatusOK, "signin_link", v)
}

func (w *Console) handleSignInLinkRedeem(c *fiber.Ctx) error {
	link, ip := formValue(c, "t"), api.ClientIP(c)
	if err := w.svc.WebSessions.CheckSignIn(c.UserContext(), ip, "link:"+link); err != nil {
		return err
	}
	p, err := w.svc.WebSessions.RedeemSignInLink(c.UserContext(), link)
	if err != nil {
		if app.ErrorCode(err) == app.EUNAUTHORIZED {
			if nerr := w.svc.WebSessions.NoteSignInFailure(c.UserContext(), ip, "link:"+link); nerr != nil {
				return nerr
			}
			v := w.newView(c, "signin.link_title", linkPage{})
			v.Errors["t"] = translator{v.Lang}.T("signin.link_used")
			return w.render(c, fiber.StatusUnauthorized, "signin_link", v)
		}
		return err
	}
	if err := w.startWebSession(c, p); err != nil {
		return err
	}
	return c.Redirect("/console", fiber.StatusSeeOther)
}

func (w *Console) handleSignOut(c *fiber.Ctx) error {
	if secret := c.Cookies(webSessionCookie); secret != "" {
		if err := w.svc.WebSessions.DeleteWebSession(c.UserContext(), strings.Clone(secret)); err != nil {
			return err
		}
	}
	w.clearCookie(c, webSessionCookie)
	return c.Redirect("/", fiber.StatusSeeOther)
}

// formValue returns a form field, copied out of Fiber's buffers.
func formValue(c *fiber.Ctx, name string) string { return strings.Clone(c.FormValue(name)) }

// formValues returns every value of a repeated form field (checkboxes,
// multiple selects), copied.
func formValues(c *fiber.Ctx, name string) []string {
	var out []string
	if mf, err := c.MultipartForm(); err == nil && mf != nil {
		for _, v := range mf.Value[name] {
			out = append(out, strings.Clone(v))
		}
		return out
	}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if string(k) == name {
			out = append(out, string(v))
		}
	})
	return out
}
