package notifications

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"strings"
	texttemplate "text/template"
	"time"
)

//go:embed templates
var embeddedTemplates embed.FS

// DefaultZone is the zone used for times in mails whose recipient has no
// zone and that are not about an appointment (sign-in expiry, digests).
const DefaultZone = "Asia/Shanghai"

// TemplateData is what every template receives: the fields of the Notice
// (copied rather than embedded: text/template looks up promoted fields
// slowly) plus the times already written for people. Templates may also
// call the functions party, place, timeZH, timeEN, itemZH, itemEN,
// priorityZH and priorityEN.
type TemplateData struct {
	Kind         Kind
	To           Recipient
	MessageID    string
	Date         time.Time
	Appointment  Appointment
	Requests     []PendingRequest
	Campaign     CampaignStatus
	SignIn       SignInLink
	FollowUpDays int
	ConsoleURL   string

	Subject         string // the rendered subject (HTML templates only)
	Zone            string // the recipient's zone, else the appointment's, else DefaultZone
	When            Times  // Appointment.Start–End
	Previous        Times  // Appointment.PreviousStart–PreviousEnd (updates)
	CounterpartName string // party of Appointment.Counterpart: "交通银行 · 张伟"
	PlaceName       string // place of Appointment: venue · table
}

// Rendered is a rendered mail: a one-line subject and both bodies.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
}

// Templates holds the parsed subject, text and HTML templates of every Kind
// and the calendar template that writes SUMMARY and DESCRIPTION.
//
// Files, embedded under templates/ and overridable one by one from a
// directory: common.txt (shared text blocks), calendar.txt ("summary",
// "description"), layout.html ("layout", shared HTML blocks), and per kind
// <kind>.txt ("subject", "text") and <kind>.html ("content").
type Templates struct {
	zones    *zoneCache
	text     map[Kind]*texttemplate.Template
	html     map[Kind]*htmltemplate.Template
	calendar *texttemplate.Template
}

// LoadTemplates parses the templates. With dir empty only the embedded
// ones are used; otherwise a file present in dir replaces the embedded file
// of the same name.
func LoadTemplates(dir string) (*Templates, error) {
	base, err := fs.Sub(embeddedTemplates, "templates")
	if err != nil {
		return nil, fmt.Errorf("notifications: templates: %w", err)
	}
	src := base
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("notifications: templates: %q is not a directory", dir)
		}
		src = overlayFS{top: os.DirFS(dir), base: base}
	}
	t := &Templates{zones: newZoneCache(), text: map[Kind]*texttemplate.Template{}, html: map[Kind]*htmltemplate.Template{}}
	if t.calendar, err = parseText(src, t.zones, "calendar", "summary", "description"); err != nil {
		return nil, err
	}
	for _, k := range Kinds() {
		if t.text[k], err = parseText(src, t.zones, string(k), "subject", "text"); err != nil {
			return nil, err
		}
		if t.html[k], err = parseHTML(src, t.zones, string(k)); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// overlayFS reads a file from top when it is there, else from base.
type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.base.Open(name)
	}
	return f, err
}

func parseText(src fs.FS, zc *zoneCache, name string, defines ...string) (*texttemplate.Template, error) {
	t := texttemplate.New(name).Funcs(templateFuncs(zc)).Option("missingkey=error")
	for _, file := range []string{"common.txt", name + ".txt"} {
		b, err := fs.ReadFile(src, file)
		if err != nil {
			return nil, fmt.Errorf("notifications: templates: %w", err)
		}
		if t, err = t.Parse(string(b)); err != nil {
			return nil, fmt.Errorf("notifications: templates: %s: %w", file, err)
		}
	}
	for _, d := range defines {
		if t.Lookup(d) == nil {
			return nil, fmt.Errorf("notifications: templates: %s.txt does not define %q", name, d)
		}
	}
	return t, nil
}

func parseHTML(src fs.FS, zc *zoneCache, name string) (*htmltemplate.Template, error) {
	t := htmltemplate.New(name).Funcs(htmltemplate.FuncMap(templateFuncs(zc))).Option("missingkey=error")
	for _, file := range []string{"layout.html", name + ".html"} {
		b, err := fs.ReadFile(src, file)
		if err != nil {
			return nil, fmt.Errorf("notifications: templates: %w", err)
		}
		if t, err = t.Parse(string(b)); err != nil {
			return nil, fmt.Errorf("notifications: templates: %s: %w", file, err)
		}
	}
	if t.Lookup("layout") == nil || t.Lookup("content") == nil {
		return nil, fmt.Errorf("notifications: templates: %s.html needs \"layout\" and \"content\"", name)
	}
	return t, nil
}

// Render writes the subject and both bodies of a mail of the given kind.
func (t *Templates) Render(kind Kind, data TemplateData) (Rendered, error) {
	tt, ht := t.text[kind], t.html[kind]
	if tt == nil || ht == nil {
		return Rendered{}, fmt.Errorf("notifications: render: unknown kind %q", kind)
	}
	subject, err := execText(tt, "subject", data)
	if err != nil {
		return Rendered{}, fmt.Errorf("notifications: render %s subject: %w", kind, err)
	}
	text, err := execText(tt, "text", data)
	if err != nil {
		return Rendered{}, fmt.Errorf("notifications: render %s text: %w", kind, err)
	}
	data.Subject = strings.Join(strings.Fields(subject), " ")
	var html bytes.Buffer
	if err := ht.ExecuteTemplate(&html, "layout", data); err != nil {
		return Rendered{}, fmt.Errorf("notifications: render %s html: %w", kind, err)
	}
	return Rendered{Subject: data.Subject, Text: tidyText(text), HTML: html.String()}, nil
}

// RenderCalendar writes the SUMMARY and DESCRIPTION of an appointment.
func (t *Templates) RenderCalendar(data TemplateData) (summary, description string, err error) {
	if summary, err = execText(t.calendar, "summary", data); err != nil {
		return "", "", fmt.Errorf("notifications: render calendar summary: %w", err)
	}
	if description, err = execText(t.calendar, "description", data); err != nil {
		return "", "", fmt.Errorf("notifications: render calendar description: %w", err)
	}
	return strings.Join(strings.Fields(summary), " "), tidyText(description), nil
}

func execText(t *texttemplate.Template, name string, data TemplateData) (string, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// tidyText trims trailing spaces, squeezes runs of blank lines to one and
// trims the ends, so templates can be laid out readably.
func tidyText(s string) string {
	lines := strings.Split(cleanText(s), "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// templateFuncs are the functions templates may call.
func templateFuncs(zc *zoneCache) texttemplate.FuncMap {
	return texttemplate.FuncMap{
		"party":      partyName,
		"place":      placeName,
		"timeZH":     func(t time.Time, zone string) string { return formatTimes(t, time.Time{}, zone, "", zc).ZH },
		"timeEN":     func(t time.Time, zone string) string { return formatTimes(t, time.Time{}, zone, "", zc).EN },
		"itemZH":     func(code string) string { zh, _ := campaignItem(code); return zh },
		"itemEN":     func(code string) string { _, en := campaignItem(code); return en },
		"priorityZH": func(p int) string { zh, _ := priorityName(p); return zh },
		"priorityEN": func(p int) string { _, en := priorityName(p); return en },
	}
}

// partyName writes "交通银行 · 张伟", or whichever part is known.
func partyName(p Party) string {
	return joinNonEmpty(" · ", singleLine(p.Organization), singleLine(p.Person))
}

// placeName writes the venue and the table or room.
func placeName(a Appointment) string {
	return joinNonEmpty(" · ", singleLine(a.Venue), singleLine(a.Table))
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func campaignItem(code string) (zh, en string) {
	switch code {
	case "contact":
		return "高新区联络人回执", "the zone's contact receipt"
	case "exchange_visit":
		return "主任-行长面对面活动", "a director–bank president exchange visit"
	case "matchmaking":
		return "银企对接会", "a bank–enterprise matchmaking meeting"
	case "roadshow":
		return "融资路演", "a financing roadshow"
	case "deals":
		return "融资落地案例", "a landed financing deal"
	case "experiences":
		return "可复制推广的经验", "a replicable experience"
	}
	return code, code
}

func priorityName(p int) (zh, en string) {
	switch p {
	case 1:
		return "高", "high"
	case 2:
		return "中", "medium"
	case 3:
		return "低", "low"
	}
	return "", ""
}
