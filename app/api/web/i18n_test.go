package web

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"roadshow/app"
)

var verbPattern = regexp.MustCompile(`%[-+# 0]*[0-9]*[a-z]`)

// TestMessages_Complete checks that every message has both languages and
// the same format verbs in each.
func TestMessages_Complete(t *testing.T) {
	for key, m := range messages {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: a language is empty: %q", key, m)
		}
		zh, en := verbPattern.FindAllString(m[0], -1), verbPattern.FindAllString(m[1], -1)
		if strings.Join(zh, " ") != strings.Join(en, " ") {
			t.Errorf("%s: format verbs differ: %v vs %v", key, zh, en)
		}
	}
}

var (
	templateKey = regexp.MustCompile(`\bt "([a-z_]+\.[a-z_0-9]+)"`)
	goKey       = regexp.MustCompile(`\.T\("([a-z_]+\.[a-z_0-9]+)"`)
	goKeyArg    = regexp.MustCompile(`(?:newView\(c, |afterAction\(c, err, )"([a-z_]+\.[a-z_0-9]+)"`)
)

// TestMessages_KeysUsed checks that every key the templates and handlers
// name is in the catalogue, and every code of the closed sets the pages
// show through enum has a name.
func TestMessages_KeysUsed(t *testing.T) {
	used := map[string]string{}
	_ = fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(templateFS, path)
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = path
		}
		return nil
	})
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, re := range []*regexp.Regexp{goKey, goKeyArg} {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				if !strings.HasSuffix(m[1], "_") { // a prefix completed at run time: see enumKeys
					used[m[1]] = f
				}
			}
		}
	}
	if len(used) < 200 {
		t.Fatalf("found only %d keys: the scan is broken", len(used))
	}
	for key, where := range used {
		if _, ok := messages[key]; !ok {
			t.Errorf("%s uses %q, which is not in the catalogue", where, key)
		}
	}
	for key := range enumKeys() {
		if _, ok := messages[key]; !ok {
			t.Errorf("no message for %q", key)
		}
	}
}

// enumKeys lists the keys built at run time: group.code for every code
// of the sets the pages name.
func enumKeys() map[string]bool {
	sets := map[string][]string{
		"kind":          append(append([]string{}, app.EventKinds...), app.InvestorKinds...),
		"status":        app.EventStatuses,
		"reg":           app.RegistrationStatuses,
		"role":          {app.RegPitcher, app.RegMeeter, app.RegInvestor, app.RegAttendee, "admin", "organizer", "enterprise"},
		"request":       app.RequestStatuses,
		"mstatus":       {app.MeetingScheduled, app.MeetingCancelled, app.MeetingDone},
		"outcome":       append([]string{app.OutcomeNone}, app.MeetingOutcomes...),
		"source":        {app.SourceSchedule, app.SourceBooking, app.SourceManual},
		"booking":       app.BookingModes,
		"notif":         app.NotificationStatuses,
		"nkind":         append([]string{"sign_in", "follow_up"}, app.NotificationKinds...),
		"import":        app.ImportKinds,
		"priority":      {"1", "2", "3"},
		"requested":     {"enterprise", "investor", "mutual"},
		"rule":          {app.PairPin, app.PairForbid},
		"plan":          {"optimal", "feasible", "infeasible"},
		"unserved":      app.UnservedCodes,
		"side":          {"enterprise", "investor"},
		"item":          app.FiveOnes,
		"event.to":      app.EventStatuses,
		"schedule.lead": app.EventKinds,
		"flash.status":  app.EventStatuses,
		"flash.request": {app.RequestAccepted, app.RequestDeclined, app.RequestWithdrawn},
	}
	out := map[string]bool{}
	for group, codes := range sets {
		sep := "."
		if strings.Contains(group, ".") {
			sep = "_"
		}
		for _, c := range codes {
			out[group+sep+c] = true
		}
	}
	for _, code := range []string{app.EBADREQUEST, app.EUNAUTHORIZED, app.EFORBIDDEN, app.ENOTFOUND, app.ECONFLICT,
		app.ETOOLARGE, app.EINVALID, app.ETOOMANY, app.EINTERNAL, app.EUNAVAILABLE} {
		out["error."+code], out["error."+code+"_hint"] = true, true
	}
	return out
}

func TestFieldText(t *testing.T) {
	zh := translator{langZH}
	for _, tc := range []struct{ in, want string }{
		{"check digit does not match", "校验位不正确，请核对统一社会信用代码"},
		{"is required", "必填"},
		{"must be between 0 and 1000", "超出允许范围：must be between 0 and 1000"},
		{"something new", "something new"},
	} {
		if got := zh.fieldText(tc.in); got != tc.want {
			t.Errorf("fieldText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := (translator{langEN}).fieldText("is required"); got != "is required" {
		t.Errorf("English keeps the service's message, got %q", got)
	}
}

func TestWan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		cny  int64
		ok   bool
		text string
	}{
		{"3000", 30_000_000, true, "3,000 万元"},
		{"12.5", 125_000, true, "12.5 万元"},
		{"0.0001", 1, true, "0.0001 万元"},
		{"1,234.56", 12_345_600, true, "1,234.56 万元"},
		{"", 0, true, "0 万元"},
		{"12.34567", 0, false, ""},
		{"-5", 0, false, ""},
		{"abc", 0, false, ""},
		{".", 0, false, ""},
	} {
		cny, ok := parseWan(tc.in)
		if ok != tc.ok || cny != tc.cny {
			t.Errorf("parseWan(%q) = %d, %v; want %d, %v", tc.in, cny, ok, tc.cny, tc.ok)
		}
		if ok && wanText(cny) != tc.text {
			t.Errorf("wanText(%d) = %q, want %q", cny, wanText(cny), tc.text)
		}
	}
	// Property: the form value of any amount reads back as the amount.
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		cny := r.Int63n(1_000_000_000_000)
		if got, ok := parseWan(wanInput(cny)); !ok || got != cny && cny != 0 {
			t.Fatalf("parseWan(wanInput(%d)) = %d, %v", cny, got, ok)
		}
	}
	if yuanText(30_000_000) != "30,000,000 元" {
		t.Errorf("yuanText: %q", yuanText(30_000_000))
	}
}

func TestTimeFormat(t *testing.T) {
	zones := &zoneCache{}
	start := time.Date(2025, 12, 10, 1, 0, 0, 0, time.UTC) // 09:00 in Beijing
	end := start.Add(8 * time.Hour)
	for _, tc := range []struct {
		lang, zone, want string
	}{
		{langZH, "Asia/Shanghai", "2025-12-10（周三）09:00–17:00（北京时间 UTC+8）"},
		{langEN, "Asia/Shanghai", "Wed 10 Dec 2025, 09:00–17:00 Beijing time (UTC+8)"},
		{langZH, "Asia/Kolkata", "2025-12-10（周三）06:30–14:30（Asia/Kolkata UTC+5:30）"},
		{langEN, "America/New_York", "Tue 9 Dec 2025 20:00 – Wed 10 Dec 2025 04:00 New York time (UTC-5)"},
	} {
		f := timeFormat{lang: tc.lang, zones: zones}
		if got := f.span(start, end, tc.zone); got != tc.want {
			t.Errorf("span in %s (%s) = %q, want %q", tc.zone, tc.lang, got, tc.want)
		}
	}
	loc := zones.load("Asia/Shanghai")
	got, ok := parseLocal("2025-12-10T09:00", loc)
	if !ok || !got.Equal(start) {
		t.Errorf("parseLocal = %v, %v; want %v", got, ok, start)
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/console/agenda": "/console/agenda", "//evil.example": "/console",
		"https://evil.example": "/console", "/\\evil": "/console", "": "/console", "/a\r\nb": "/console"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlotStarts(t *testing.T) {
	start := time.Date(2025, 12, 10, 1, 0, 0, 0, time.UTC)
	ev := &app.Event{StartsAt: start, EndsAt: start.Add(3 * time.Hour), Meeting: app.MeetingSettings{SlotMinutes: 20, BreakMinutes: 5}}
	if n := len(slotStarts(ev, nil)); n != 7 { // 180 min: 7 slots of 25 min, the last ending at 02:50+… ≤ 3h
		t.Errorf("%d slots in 3 hours of 20+5, want 7", n)
	}
	sessions := []*app.Session{{StartsAt: start.Add(2 * time.Hour), EndsAt: start.Add(3 * time.Hour)},
		{StartsAt: start, EndsAt: start.Add(time.Hour)}}
	got := slotStarts(ev, sessions)
	if len(got) != 4 || !got[0].Equal(start) || !got[2].Equal(start.Add(2*time.Hour)) {
		t.Errorf("slots in two one-hour sessions: %v", got)
	}
}
