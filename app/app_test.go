package app_test

import (
	"testing"
	"time"

	"roadshow/app"
)

func TestCheckCreditCode(t *testing.T) {
	tests := []struct {
		name, code, want string
	}{
		{"OK", "91350100M000100Y43", ""},
		{"OKExample", app.ExampleCreditCode(42), ""},
		{"ErrLength", "91350100M000100Y4", "must be 18 characters"},
		{"ErrCheckDigit", "91350100M000100Y44", "check digit does not match"},
		{"ErrLetterO", "91350100M0001O0Y43", "character 14 is not allowed (digits and upper-case letters except I, O, S, V, Z)"},
		{"ErrDivision", "9135A100M000100Y43", "characters 3–8 must be the digits of an administrative division code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := app.CheckCreditCode(tt.code); got != tt.want {
				t.Fatalf("CheckCreditCode(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestExampleCreditCode_Distinct(t *testing.T) {
	seen := map[string]bool{}
	for n := uint64(0); n < 5000; n++ {
		c := app.ExampleCreditCode(n * 7919)
		if msg := app.CheckCreditCode(c); msg != "" {
			t.Fatalf("ExampleCreditCode(%d) = %s: %s", n, c, msg)
		}
		if seen[c] {
			t.Fatalf("duplicate code %s", c)
		}
		seen[c] = true
	}
}

func TestValidPhone(t *testing.T) {
	for s, want := range map[string]bool{
		"13800138000": true, "+8613800138000": true, "010-12345678": true, "0512-66881234": true,
		"+14155550123": true, "12800138000": false, "1380013800": false, "abc": false, "": false,
	} {
		if got := app.ValidPhone(s); got != want {
			t.Errorf("ValidPhone(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"zhang.san@example.cn": true, "a@b.co": true, "Zhang <z@example.cn>": false,
		"no-at.example.cn": false, "x@localhost": false,
	} {
		if got := app.ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCanTransition(t *testing.T) {
	ok := [][2]string{{"draft", "open"}, {"open", "scheduled"}, {"scheduled", "closed"}, {"open", "cancelled"}, {"scheduled", "open"}}
	bad := [][2]string{{"closed", "open"}, {"cancelled", "open"}, {"draft", "closed"}, {"open", "closed"}, {"closed", "cancelled"}}
	for _, c := range ok {
		if !app.CanTransition(c[0], c[1]) {
			t.Errorf("%s → %s refused", c[0], c[1])
		}
	}
	for _, c := range bad {
		if app.CanTransition(c[0], c[1]) {
			t.Errorf("%s → %s allowed", c[0], c[1])
		}
	}
}

func TestEvent_Validate(t *testing.T) {
	zone := int64(1)
	start := time.Date(2025, 5, 20, 9, 0, 0, 0, time.UTC)
	base := func() *app.Event {
		e := &app.Event{Kind: app.KindMatchmaking, Title: "对接会", ZoneID: &zone, StartsAt: start, EndsAt: start.Add(8 * time.Hour)}
		e.SetDefaults("Asia/Shanghai")
		return e
	}
	if err := base().Validate(); err != nil {
		t.Fatalf("OK: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(e *app.Event)
		field string
	}{
		{"ErrEndsBeforeStart", func(e *app.Event) { e.EndsAt = e.StartsAt.Add(-time.Hour) }, "ends_at"},
		{"ErrKind", func(e *app.Event) { e.Kind = "party" }, "kind"},
		{"ErrTimeZone", func(e *app.Event) { e.TimeZone = "Mars/Olympus" }, "timezone"},
		{"ErrNoZone", func(e *app.Event) { e.ZoneID = nil }, "zone_id"},
		{"ErrSlot", func(e *app.Event) { e.Meeting.SlotMinutes = 1 }, "meeting.slot_minutes"},
		{"ErrDeadline", func(e *app.Event) { d := e.EndsAt.Add(time.Hour); e.RegistrationDeadline = &d }, "registration_deadline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := base()
			tt.edit(e)
			fields := app.ErrorFields(e.Validate())
			if _, ok := fields[tt.field]; !ok {
				t.Fatalf("want error on %s, got %v", tt.field, fields)
			}
		})
	}
}

func TestLoadVocabulary(t *testing.T) {
	v, err := app.LoadVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Sectors) != 9 || len(v.Stages) != 4 || len(v.Labels) != 8 || len(v.Subsectors) != 40 {
		t.Fatalf("sectors %d stages %d labels %d subsectors %d", len(v.Sectors), len(v.Stages), len(v.Labels), len(v.Subsectors))
	}
	if !v.SubsectorOf("3.6", "new_materials") || v.SubsectorOf("3.6", "biotech") {
		t.Fatal("subsector 3.6 should belong to new_materials only")
	}
	if !v.ValidProvince("江苏省") || v.ValidProvince("Jiangsu") {
		t.Fatal("province check")
	}
}
