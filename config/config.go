// Package config holds roadshow's settings: defaults that run on a fresh
// machine, ROADSHOW_* environment variables, command-line flags that
// override them, and validation that names the bad setting in one line.
//
// Only main reads this package; it hands plain values to the others.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the complete set of settings.
type Config struct {
	DB               string // sqlite:PATH or mysql:DSN
	Addr             string
	AdminToken       string
	TimeZone         string
	OpenRegistration bool
	LogLevel         string
	LogFormat        string
	BodyLimit        int // bytes, for file uploads; JSON bodies are capped at JSONLimit
	JSONLimit        int
	PublicURL        string
	SMTPURL          string // empty: write mail to OutboxDir
	MailFrom         string
	OutboxDir        string
	TemplatesDir     string
	ReminderLeads    []time.Duration
	DispatchInterval time.Duration
	DispatchBatch    int
	DBMaxOpenConns   int
	DBTimeout        time.Duration  // each request's database deadline
	TrustedProxies   []netip.Prefix // peers whose X-Forwarded-For is believed
}

// Default returns settings that run with zero setup.
func Default() Config {
	return Config{
		DB:               "sqlite:./data/roadshow.db",
		Addr:             "127.0.0.1:8080",
		TimeZone:         "Asia/Shanghai",
		OpenRegistration: true,
		LogLevel:         "info",
		LogFormat:        "json",
		BodyLimit:        32 << 20,
		JSONLimit:        1 << 20,
		PublicURL:        "http://127.0.0.1:8080",
		MailFrom:         "roadshow@localhost",
		OutboxDir:        "./data/outbox",
		ReminderLeads:    []time.Duration{24 * time.Hour, time.Hour},
		DispatchInterval: 5 * time.Second,
		DispatchBatch:    100,
		DBMaxOpenConns:   20,
		DBTimeout:        5 * time.Second,
	}
}

// setting ties one Config field to its environment variable and flag.
type setting struct {
	env, flag, usage string
	get              func(c *Config) string
	set              func(c *Config, v string) error
}

func (c *Config) settings() []setting {
	str := func(p func(c *Config) *string) (func(*Config) string, func(*Config, string) error) {
		return func(c *Config) string { return *p(c) }, func(c *Config, v string) error { *p(c) = v; return nil }
	}
	s := func(env, fl, usage string, p func(c *Config) *string) setting {
		g, st := str(p)
		return setting{env, fl, usage, g, st}
	}
	return []setting{
		s("ROADSHOW_DB", "db", "database: sqlite:PATH or mysql:DSN", func(c *Config) *string { return &c.DB }),
		s("ROADSHOW_ADDR", "addr", "listen address host:port", func(c *Config) *string { return &c.Addr }),
		s("ROADSHOW_ADMIN_TOKEN", "admin-token", "bootstrap admin bearer token (at least 24 characters)", func(c *Config) *string { return &c.AdminToken }),
		s("ROADSHOW_TIMEZONE", "timezone", "default IANA time zone of new events", func(c *Config) *string { return &c.TimeZone }),
		{"ROADSHOW_OPEN_REGISTRATION", "open-registration", "let enterprises and investors register without a token",
			func(c *Config) string { return strconv.FormatBool(c.OpenRegistration) }, setBool(func(c *Config) *bool { return &c.OpenRegistration })},
		s("ROADSHOW_LOG_LEVEL", "log-level", "debug, info, warn or error", func(c *Config) *string { return &c.LogLevel }),
		s("ROADSHOW_LOG_FORMAT", "log-format", "json or text", func(c *Config) *string { return &c.LogFormat }),
		{"ROADSHOW_BODY_LIMIT", "body-limit", "largest request body in bytes (file imports)",
			func(c *Config) string { return strconv.Itoa(c.BodyLimit) }, setInt(func(c *Config) *int { return &c.BodyLimit })},
		s("ROADSHOW_PUBLIC_URL", "public-url", "external base URL for links and calendar feeds", func(c *Config) *string { return &c.PublicURL }),
		s("ROADSHOW_SMTP_URL", "smtp-url", "smtp://user:pass@host:port or smtps://…; empty writes .eml files", func(c *Config) *string { return &c.SMTPURL }),
		s("ROADSHOW_MAIL_FROM", "mail-from", "organizer mailbox: From and ORGANIZER of invites", func(c *Config) *string { return &c.MailFrom }),
		s("ROADSHOW_OUTBOX_DIR", "outbox-dir", "where the file mailer writes .eml files", func(c *Config) *string { return &c.OutboxDir }),
		s("ROADSHOW_TEMPLATES_DIR", "templates-dir", "directory overriding the embedded mail templates", func(c *Config) *string { return &c.TemplatesDir }),
		{"ROADSHOW_REMINDER_LEADS", "reminder-leads", "reminder lead times before a meeting, comma separated",
			func(c *Config) string { return joinDurations(c.ReminderLeads) }, setDurations},
		{"ROADSHOW_DISPATCH_INTERVAL", "dispatch-interval", "how often the outbox dispatcher runs",
			func(c *Config) string { return c.DispatchInterval.String() }, setDuration(func(c *Config) *time.Duration { return &c.DispatchInterval })},
		{"ROADSHOW_DISPATCH_BATCH", "dispatch-batch", "notifications claimed per dispatcher run",
			func(c *Config) string { return strconv.Itoa(c.DispatchBatch) }, setInt(func(c *Config) *int { return &c.DispatchBatch })},
		{"ROADSHOW_DB_MAX_OPEN_CONNS", "db-max-open-conns", "database connection pool size",
			func(c *Config) string { return strconv.Itoa(c.DBMaxOpenConns) }, setInt(func(c *Config) *int { return &c.DBMaxOpenConns })},
		{"ROADSHOW_DB_TIMEOUT", "db-timeout", "deadline of each request's database work; past it the answer is 503",
			func(c *Config) string { return c.DBTimeout.String() }, setDuration(func(c *Config) *time.Duration { return &c.DBTimeout })},
		{"ROADSHOW_TRUSTED_PROXIES", "trusted-proxies", "comma-separated CIDRs (or addresses) of the proxies whose X-Forwarded-For is believed",
			func(c *Config) string { return joinPrefixes(c.TrustedProxies) }, setPrefixes},
	}
}

// setPrefixes parses a comma-separated list of CIDRs or single addresses.
func setPrefixes(c *Config, v string) error {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return fmt.Errorf("want CIDRs or addresses such as 10.0.0.0/8,127.0.0.1; %q is neither", f)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		if p != p.Masked() {
			return fmt.Errorf("%s has host bits set; did you mean %s?", p, p.Masked())
		}
		out = append(out, p)
	}
	c.TrustedProxies = out
	return nil
}

func joinPrefixes(ps []netip.Prefix) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

func setBool(p func(*Config) *bool) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		*p(c) = b
		return nil
	}
}

func setInt(p func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("want a whole number")
		}
		*p(c) = n
		return nil
	}
}

func setDuration(p func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("want a duration such as 5s or 1h")
		}
		*p(c) = d
		return nil
	}
}

func setDurations(c *Config, v string) error {
	var out []time.Duration
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		d, err := time.ParseDuration(part)
		if err != nil {
			return fmt.Errorf("want durations such as 24h,1h")
		}
		out = append(out, d)
	}
	c.ReminderLeads = out
	return nil
}

func joinDurations(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, ",")
}

// LoadEnv applies the ROADSHOW_* variables found by getenv.
func (c *Config) LoadEnv(getenv func(string) string) error {
	for _, s := range c.settings() {
		if v := getenv(s.env); v != "" {
			if err := s.set(c, v); err != nil {
				return fmt.Errorf("config: %s=%q: %v", s.env, redactValue(s.env, v), err)
			}
		}
	}
	return nil
}

// RegisterFlags adds a flag for every setting to fs; parsing fs then
// overrides the environment.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	for _, s := range c.settings() {
		s := s
		fs.Func(s.flag, s.usage+" (env "+s.env+", default "+strconv.Quote(s.get(c))+")", func(v string) error {
			if err := s.set(c, v); err != nil {
				return fmt.Errorf("%v", err)
			}
			return nil
		})
	}
}

// Validate checks every setting and returns one line naming the first bad
// one.
func (c *Config) Validate() error {
	bad := func(env, v, msg string) error { return fmt.Errorf("config: %s=%q: %s", env, v, msg) }
	if _, _, err := ParseDB(c.DB); err != nil {
		return bad("ROADSHOW_DB", redactDSN(c.DB), err.Error())
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		return bad("ROADSHOW_ADDR", c.Addr, "want host:port such as 127.0.0.1:8080")
	}
	if c.AdminToken != "" && len(c.AdminToken) < 24 {
		return bad("ROADSHOW_ADMIN_TOKEN", "…", "must be at least 24 characters")
	}
	if c.TimeZone == "Local" || c.TimeZone == "" {
		return bad("ROADSHOW_TIMEZONE", c.TimeZone, "want an IANA zone such as Asia/Shanghai")
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return bad("ROADSHOW_TIMEZONE", c.TimeZone, "want an IANA zone such as Asia/Shanghai")
	}
	if !oneOf(c.LogLevel, "debug", "info", "warn", "error") {
		return bad("ROADSHOW_LOG_LEVEL", c.LogLevel, "want debug, info, warn or error")
	}
	if !oneOf(c.LogFormat, "json", "text") {
		return bad("ROADSHOW_LOG_FORMAT", c.LogFormat, "want json or text")
	}
	if c.BodyLimit < c.JSONLimit {
		return bad("ROADSHOW_BODY_LIMIT", strconv.Itoa(c.BodyLimit), "must be at least "+strconv.Itoa(c.JSONLimit))
	}
	return c.validateMail(bad)
}

func (c *Config) validateMail(bad func(env, v, msg string) error) error {
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad("ROADSHOW_PUBLIC_URL", c.PublicURL, "want an http(s) URL such as https://roadshow.example.cn")
	}
	if c.SMTPURL != "" {
		u, err := url.Parse(c.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			return bad("ROADSHOW_SMTP_URL", redactURL(c.SMTPURL), "want smtp://user:pass@host:port or smtps://…")
		}
	}
	if !strings.Contains(c.MailFrom, "@") {
		return bad("ROADSHOW_MAIL_FROM", c.MailFrom, "want an e-mail address")
	}
	for _, d := range c.ReminderLeads {
		if d <= 0 || d > 30*24*time.Hour {
			return bad("ROADSHOW_REMINDER_LEADS", joinDurations(c.ReminderLeads), "each lead must be between 1s and 720h")
		}
	}
	if c.DispatchInterval < 100*time.Millisecond {
		return bad("ROADSHOW_DISPATCH_INTERVAL", c.DispatchInterval.String(), "must be at least 100ms")
	}
	if c.DispatchBatch < 1 || c.DispatchBatch > 10000 {
		return bad("ROADSHOW_DISPATCH_BATCH", strconv.Itoa(c.DispatchBatch), "must be between 1 and 10000")
	}
	if c.DBMaxOpenConns < 1 {
		return bad("ROADSHOW_DB_MAX_OPEN_CONNS", strconv.Itoa(c.DBMaxOpenConns), "must be at least 1")
	}
	if c.DBTimeout < 100*time.Millisecond || c.DBTimeout > 10*time.Minute {
		return bad("ROADSHOW_DB_TIMEOUT", c.DBTimeout.String(), "must be between 100ms and 10m")
	}
	return nil
}

// ParseDB splits a ROADSHOW_DB value into its driver ("sqlite" or "mysql")
// and the path or DSN.
func ParseDB(s string) (driver, dsn string, err error) {
	driver, dsn, ok := strings.Cut(s, ":")
	switch {
	case !ok || dsn == "":
		return "", "", fmt.Errorf("want sqlite:PATH or mysql:DSN")
	case driver == "sqlite", driver == "mysql":
		return driver, dsn, nil
	default:
		return "", "", fmt.Errorf("unknown driver %q; want sqlite or mysql", driver)
	}
}

// redactDSN hides the credentials of a mysql DSN (user:pass@…).
func redactDSN(s string) string {
	if at := strings.LastIndex(s, "@"); at >= 0 {
		driver, _, _ := strings.Cut(s, ":")
		return driver + ":…" + s[at:]
	}
	return s
}

// redactURL hides a password in a URL for error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "…"
	}
	return u.Redacted()
}

// redactValue hides secrets in error messages.
func redactValue(env, v string) string {
	switch env {
	case "ROADSHOW_ADMIN_TOKEN":
		return "…"
	case "ROADSHOW_DB":
		return redactDSN(v)
	case "ROADSHOW_SMTP_URL":
		return redactURL(v)
	}
	return v
}

func oneOf(s string, list ...string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
