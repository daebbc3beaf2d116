package config_test

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"roadshow/config"
)

func TestDefault_Validates(t *testing.T) {
	c := config.Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults must run on a fresh machine: %v", err)
	}
	if c.DB != "sqlite:./data/roadshow.db" || c.Addr != "127.0.0.1:8080" {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestValidate_NamesTheSetting(t *testing.T) {
	tests := []struct {
		env, value, want string
	}{
		{"ROADSHOW_DB", "postgres:x", "ROADSHOW_DB"},
		{"ROADSHOW_DB", "nocolon", "ROADSHOW_DB"},
		{"ROADSHOW_ADDR", "8080", "ROADSHOW_ADDR"},
		{"ROADSHOW_TIMEZONE", "Mars/Base", "ROADSHOW_TIMEZONE"},
		{"ROADSHOW_TIMEZONE", "Local", "ROADSHOW_TIMEZONE"},
		{"ROADSHOW_ADMIN_TOKEN", "short", "ROADSHOW_ADMIN_TOKEN"},
		{"ROADSHOW_LOG_LEVEL", "loud", "ROADSHOW_LOG_LEVEL"},
		{"ROADSHOW_SMTP_URL", "http://mail", "ROADSHOW_SMTP_URL"},
		{"ROADSHOW_PUBLIC_URL", "roadshow.example", "ROADSHOW_PUBLIC_URL"},
		{"ROADSHOW_OPEN_REGISTRATION", "maybe", "ROADSHOW_OPEN_REGISTRATION"},
		{"ROADSHOW_REMINDER_LEADS", "1d", "ROADSHOW_REMINDER_LEADS"},
		{"ROADSHOW_DISPATCH_BATCH", "0", "ROADSHOW_DISPATCH_BATCH"},
		{"ROADSHOW_DB_TIMEOUT", "5", "ROADSHOW_DB_TIMEOUT"},
		{"ROADSHOW_DB_TIMEOUT", "10ms", "ROADSHOW_DB_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.env+"="+tt.value, func(t *testing.T) {
			c := config.Default()
			err := c.LoadEnv(func(k string) string {
				if k == tt.env {
					return tt.value
				}
				return ""
			})
			if err == nil {
				err = c.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("want one line naming %s, got %v", tt.want, err)
			}
		})
	}
}

func TestSecretsNotEchoed(t *testing.T) {
	c := config.Default()
	c.DB = "oracle:scott:tiger@tcp(db:1521)/x"
	if err := c.Validate(); err == nil || strings.Contains(err.Error(), "tiger") {
		t.Fatalf("DSN password echoed: %v", err)
	}
	c = config.Default()
	err := c.LoadEnv(func(k string) string {
		if k == "ROADSHOW_SMTP_URL" {
			return "smtp://user:secret@%zz"
		}
		return ""
	})
	if err == nil {
		err = c.Validate()
	}
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("SMTP password echoed: %v", err)
	}
}

func TestFlagsOverrideEnv(t *testing.T) {
	c := config.Default()
	env := map[string]string{"ROADSHOW_ADDR": "0.0.0.0:9000", "ROADSHOW_REMINDER_LEADS": "48h, 2h", "ROADSHOW_OPEN_REGISTRATION": "false"}
	if err := c.LoadEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.RegisterFlags(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:9100", "--db", "mysql:root@tcp(127.0.0.1:3306)/roadshow"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9100" || c.OpenRegistration || len(c.ReminderLeads) != 2 || c.ReminderLeads[0] != 48*time.Hour {
		t.Fatalf("merged config: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if d, dsn, err := config.ParseDB(c.DB); err != nil || d != "mysql" || dsn != "root@tcp(127.0.0.1:3306)/roadshow" {
		t.Fatalf("ParseDB: %s %s %v", d, dsn, err)
	}
}

func TestTrustedProxies(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0.0/8,,x", "10.0.0.1/8"} {
		c := config.Default()
		err := c.LoadEnv(func(k string) string {
			if k == "ROADSHOW_TRUSTED_PROXIES" {
				return bad
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), "ROADSHOW_TRUSTED_PROXIES") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: want one line naming ROADSHOW_TRUSTED_PROXIES, got %v", bad, err)
		}
	}
	c := config.Default()
	if len(c.TrustedProxies) != 0 {
		t.Fatalf("no proxy is trusted by default: %v", c.TrustedProxies)
	}
	err := c.LoadEnv(func(k string) string {
		if k == "ROADSHOW_TRUSTED_PROXIES" {
			return "10.0.0.0/8, 127.0.0.1 ,fd00::/8"
		}
		return ""
	})
	if err != nil || c.Validate() != nil {
		t.Fatalf("valid proxies: %v", err)
	}
	if got := fmt.Sprint(c.TrustedProxies); got != "[10.0.0.0/8 127.0.0.1/32 fd00::/8]" {
		t.Fatalf("parsed %s", got)
	}
}
