package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
	"roadshow/app/api"
)

// shared templates every page is parsed with.
var sharedTemplates = []string{"templates/layout.html", "templates/parts.html"}

// pageSet holds every page parsed once per language, each with the
// language's functions.
type pageSet struct {
	byLang map[string]map[string]*template.Template
}

func loadPages(v *app.Vocabulary) (*pageSet, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	zones := &zoneCache{}
	ps := &pageSet{byLang: map[string]map[string]*template.Template{}}
	for _, lang := range []string{langZH, langEN} {
		base, err := template.New("").Funcs(funcMap(lang, v, zones)).ParseFS(templateFS, sharedTemplates...)
		if err != nil {
			return nil, fmt.Errorf("web: shared templates: %w", err)
		}
		ps.byLang[lang] = map[string]*template.Template{}
		for _, f := range files {
			name := path.Base(f)
			if name == "layout.html" || name == "parts.html" {
				continue
			}
			t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
			if err != nil {
				return nil, fmt.Errorf("web: template %s: %w", name, err)
			}
			ps.byLang[lang][strings.TrimSuffix(name, ".html")] = t
		}
	}
	return ps, nil
}

// funcMap is what templates may call, bound to one language.
func funcMap(lang string, v *app.Vocabulary, zones *zoneCache) template.FuncMap {
	tr := translator{lang}
	tf := timeFormat{lang: lang, zones: zones}
	return template.FuncMap{
		"t":        tr.T,
		"fieldMsg": tr.fieldText,
		"term":     func(code string) string { return termName(v, lang, code) },
		"terms":    func(codes []string) string { return termNames(v, lang, codes) },
		"enum":     func(group, code string) string { return enumName(tr, group, code) },
		"enumN":    func(group string, n int) string { return enumName(tr, group, strconv.Itoa(n)) },
		"pad3":     pad3,
		"when":     tf.when,
		"span":     tf.span,
		"date":     tf.date,
		"clock":    tf.clock,
		"zoneLabel": func(zone string, t time.Time) string {
			return tf.label(zone, t)
		},
		"localInput": tf.localInput,
		"amount":     amountHTML,
		"wan":        wanText,
		"wanInput":   wanInput,
		"zh":         func() bool { return lang == langZH },
		"pick": func(zh, en string) string {
			if lang == langEN && en != "" {
				return en
			}
			return zh
		},
		"has":     func(list []string, s string) bool { return slices.Contains(list, s) },
		"add":     func(a, b int) int { return a + b },
		"seq":     seq,
		"pct":     func(f float64) string { return fmt.Sprintf("%.1f%%", f*100) },
		"dict":    dict,
		"idStr":   func(id int64) string { return fmt.Sprint(id) },
		"ptrID":   func(p *int64) int64 { return derefID(p) },
		"deref":   func(p *time.Time) time.Time { return derefTime(p) },
		"pathEsc": url.PathEscape,
		"webcal":  webcalURL,
		"query":   url.QueryEscape,
	}
}

// pad3 returns the first three contacts, padded with empty ones, for the
// contact rows of the investor form.
func pad3(cs []app.Contact) []app.Contact {
	out := make([]app.Contact, 3)
	copy(out, cs)
	return out
}

// webcalURL marks a webcal:// subscription link as safe for href (the
// template would otherwise replace the unfamiliar scheme).
func webcalURL(s string) template.URL {
	if strings.HasPrefix(s, "webcal://") && !strings.ContainsAny(s, "\"'<> ") {
		return template.URL(s)
	}
	return "#"
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// dict builds a map for passing several values to a template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func derefTime(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}

// termName names a vocabulary code (sector, subsector, stage, label,
// instrument) in lang; an unknown code is shown as is.
func termName(v *app.Vocabulary, lang, code string) string {
	t, ok := v.Term(code)
	if !ok {
		return code
	}
	if lang == langEN {
		return t.NameEN
	}
	return t.NameZH
}

func termNames(v *app.Vocabulary, lang string, codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = termName(v, lang, c)
	}
	if lang == langEN {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}

// enumName names a code of a closed set (event kinds, statuses, roles…)
// through the catalogue key group.code.
func enumName(tr translator, group, code string) string {
	key := group + "." + code
	if tr.Has(key) {
		return tr.T(key)
	}
	return code
}

// view is what every page template receives.
type view struct {
	Lang     string
	Title    string
	Viewer   *viewer
	CSRF     string
	Path     string // the page's path and query, for the language switch
	LangPath string // the same page in the other language
	Flash    *flash
	Errors   map[string]string // field → translated message
	Form     map[string]string // submitted values to show again
	Data     any
}

// viewer is the signed-in caller as the header shows it.
type viewer struct {
	Role      string
	Name      string
	Principal *app.Principal
}

// IsStaff reports whether the viewer is an organizer or an admin.
func (v *viewer) IsStaff() bool { return v != nil && v.Principal.IsStaff() }

// IsParty reports whether the viewer is an enterprise or an investor.
func (v *viewer) IsParty() bool {
	return v != nil && (v.Principal.Role == app.RoleEnterprise || v.Principal.Role == app.RoleInvestor)
}

// flash is a one-time message shown after a redirect.
type flash struct {
	Kind string `json:"k"` // ok or error
	Text string `json:"t"`
}

const flashCookie = "rs_flash"

// setFlash remembers a message for the next page.
func (w *Console) setFlash(c *fiber.Ctx, kind, text string) {
	b, _ := json.Marshal(flash{Kind: kind, Text: text})
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString(b), Path: "/",
		MaxAge: 60, HTTPOnly: true, Secure: w.secure, SameSite: fiber.CookieSameSiteLaxMode})
}

// takeFlash reads and clears the message left by the previous request.
func (w *Console) takeFlash(c *fiber.Ctx) *flash {
	v := c.Cookies(flashCookie)
	if v == "" {
		return nil
	}
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(1, 0),
		HTTPOnly: true, Secure: w.secure, SameSite: fiber.CookieSameSiteLaxMode})
	b, err := base64.RawURLEncoding.DecodeString(v)
	var f flash
	if err != nil || json.Unmarshal(b, &f) != nil || f.Text == "" {
		return nil
	}
	if f.Kind != "ok" {
		f.Kind = "error"
	}
	return &f
}

// newView prepares the common part of a page.
func (w *Console) newView(c *fiber.Ctx, titleKey string, data any) *view {
	lang := w.langOf(c)
	v := &view{Lang: lang, Title: translator{lang}.T(titleKey), Data: data, Path: c.OriginalURL(),
		Errors: map[string]string{}, Form: map[string]string{}, Flash: w.takeFlash(c)}
	v.LangPath = otherLangPath(c, lang)
	v.CSRF = w.csrfToken(c)
	v.Viewer = w.viewerOf(c, lang)
	return v
}

// otherLangPath is the current page with ?lang= set to the other language.
func otherLangPath(c *fiber.Ctx, lang string) string {
	other := langEN
	if lang == langEN {
		other = langZH
	}
	q, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	q.Set("lang", other)
	return c.Path() + "?" + q.Encode()
}

// render writes a page with status.
func (w *Console) render(c *fiber.Ctx, status int, name string, v *view) error {
	t := w.pages.byLang[v.Lang][name]
	if t == nil {
		return fmt.Errorf("web: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	securityHeaders(c)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(status).Send(buf.Bytes())
}

// securityHeaders forbid framing, inline scripts and foreign origins, and
// keep URLs (which may hold a sign-in link) out of Referer headers.
func securityHeaders(c *fiber.Ctx) {
	c.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	c.Set("X-Frame-Options", "DENY")
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Code    string
	Message string
}

// renderError shows err as a page: the code's title in the page language
// and the service's message; internal errors are logged, never shown.
func (w *Console) renderError(c *fiber.Ctx, err error) error {
	code := app.ErrorCode(err)
	status := api.StatusOf(code)
	msg := app.ErrorMessage(err)
	if status == fiber.StatusInternalServerError {
		status = fiber.StatusInternalServerError
		code = app.EINTERNAL
		w.log.Error("console request failed", slog.String("path", c.Path()), slog.String("error", err.Error()))
		msg = ""
	}
	v := w.newView(c, "error."+code, errorPage{Status: status, Code: code, Message: msg})
	if rerr := w.render(c, status, "error", v); rerr != nil {
		w.log.Error("console error page failed", slog.String("error", rerr.Error()))
		return c.Status(status).SendString(http500)
	}
	return nil
}

const http500 = "internal error"

// formErrors fills v with the translated field messages of a validation
// error and reports whether err was one.
func formErrors(v *view, err error) bool {
	if app.ErrorCode(err) != app.EINVALID && app.ErrorCode(err) != app.ECONFLICT {
		return false
	}
	fields := app.ErrorFields(err)
	if len(fields) == 0 {
		return false
	}
	tr := translator{v.Lang}
	for f, msg := range fields {
		v.Errors[f] = tr.fieldText(msg)
	}
	return true
}
