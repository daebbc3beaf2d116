package app_test

import (
	"testing"
	"time"

	"roadshow/app"
)

func TestSingleLineAndMultiline(t *testing.T) {
	tests := []struct {
		s                 string
		single, multiline bool
	}{
		{"苏州示例智能科技有限公司", true, true},
		{"Room 3 · 科技城", true, true},
		{"第一行\n第二行", false, true},
		{"a\r\nb\tc", false, true},
		{"bell\a", false, false},
		{"nul\x00", false, false},
		{"escape \x1b[31mred", false, false},
		{"delete\x7f", false, false},
		{"c1 \u0085 next line", false, false},
		{"line separator \u2028", false, true},
		{"", true, true},
	}
	for _, tt := range tests {
		if got := app.SingleLine(tt.s); got != tt.single {
			t.Errorf("SingleLine(%q) = %v, want %v", tt.s, got, tt.single)
		}
		if got := app.Multiline(tt.s); got != tt.multiline {
			t.Errorf("Multiline(%q) = %v, want %v", tt.s, got, tt.multiline)
		}
	}
}

// TestValidate_ControlCharacters: names, titles and contacts are one line;
// descriptions and notes may hold line breaks and tabs, nothing else.
func TestValidate_ControlCharacters(t *testing.T) {
	zone := int64(1)
	start := time.Date(2025, 5, 20, 9, 0, 0, 0, time.UTC)
	event := func(edit func(e *app.Event)) error {
		e := &app.Event{Kind: app.KindMatchmaking, Title: "对接会", ZoneID: &zone, StartsAt: start, EndsAt: start.Add(8 * time.Hour)}
		e.SetDefaults("Asia/Shanghai")
		edit(e)
		return e.Validate()
	}
	experience := func(edit func(x *app.Experience)) error {
		x := &app.Experience{ZoneID: &zone, Title: "经验", Body: "# 做法\n\n- 一\n- 二"}
		edit(x)
		return x.Validate()
	}
	receipt := func(edit func(c *app.OrgContact)) error {
		c := &app.OrgContact{Name: "王敏", Title: "处长", Phone: "13800138000", Email: "wangmin@example.cn"}
		edit(c)
		return c.Validate()
	}
	tests := []struct {
		name  string
		err   error
		field string // "" = valid
	}{
		{"OKDescriptionLines", event(func(e *app.Event) { e.Description = "上午：路演\r\n下午：对接\t（分组）" }), ""},
		{"ErrTitleNewline", event(func(e *app.Event) { e.Title = "对接会\n第二行" }), "title"},
		{"ErrTitleTab", event(func(e *app.Event) { e.Title = "对接\t会" }), "title"},
		{"ErrVenueEscape", event(func(e *app.Event) { e.Venue = "科技城\x1b[2J" }), "venue"},
		{"ErrDescriptionNUL", event(func(e *app.Event) { e.Description = "说明\x00" }), "description"},
		{"OKBodyLines", experience(func(x *app.Experience) {}), ""},
		{"ErrBodyBell", experience(func(x *app.Experience) { x.Body = "做法\a" }), "body"},
		{"ErrTagNewline", experience(func(x *app.Experience) { x.Tags = []string{"科技\n金融"} }), "tags"},
		{"OKReceipt", receipt(func(c *app.OrgContact) {}), ""},
		{"ErrContactNameNewline", receipt(func(c *app.OrgContact) { c.Name = "王\n敏" }), "name"},
		{"ErrContactTitleDEL", receipt(func(c *app.OrgContact) { c.Title = "处长\x7f" }), "title"},
		{"ErrContactEmailNewline", receipt(func(c *app.OrgContact) { c.Email = "wang\nmin@example.cn" }), "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := app.ErrorFields(tt.err)
			if tt.field == "" {
				if tt.err != nil {
					t.Fatalf("want valid, got %v", tt.err)
				}
				return
			}
			if _, ok := fields[tt.field]; !ok || app.ErrorCode(tt.err) != app.EINVALID {
				t.Fatalf("want an error on %s, got %v", tt.field, tt.err)
			}
		})
	}
}
