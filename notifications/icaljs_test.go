package notifications_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"roadshow/notifications"
)

// icaljsDir finds the directory holding check.js and its node_modules, or
// skips the test: $ROADSHOW_ICALJS_DIR, else testdata/icaljs (set up with
// `npm ci` there).
func icaljsDir(t *testing.T) string {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	dir := os.Getenv("ROADSHOW_ICALJS_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "icaljs")
	}
	dir, _ = filepath.Abs(dir)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json")); err != nil {
		t.Skipf("ical.js is not installed in %s (run npm ci there)", dir)
	}
	return dir
}

type icalFile struct {
	File   string       `json:"file"`
	Method string       `json:"method"`
	Events []icalExpect `json:"events"`
}

type icalExpect struct {
	UID         string `json:"uid"`
	Sequence    int    `json:"sequence"`
	StartMS     int64  `json:"start_ms"`
	EndMS       int64  `json:"end_ms"`
	TZID        string `json:"tzid"`
	Status      string `json:"status"`
	Summary     string `json:"summary"`
	Description string `json:"description"`
	Attendee    string `json:"attendee,omitempty"`
	CN          string `json:"cn,omitempty"`
}

// expectations are the stored facts of each event (instant, UID,
// SEQUENCE, attendee) plus the zone and texts as this package wrote them.
func expectations(t *testing.T, ics []byte, evs []notifications.CalEvent, method string) []icalExpect {
	written := map[string]*ical.Component{}
	for _, e := range decodeICS(t, ics).Events() {
		written[e.Props.Get(ical.PropUID).Value] = e.Component
	}
	var out []icalExpect
	for _, ev := range evs {
		w := written[ev.UID]
		tzid := w.Props.Get(ical.PropDateTimeStart).Params.Get(ical.ParamTimezoneID)
		if tzid == "" {
			tzid = "UTC"
		}
		x := icalExpect{UID: ev.UID, Sequence: ev.Sequence, StartMS: ev.Start.UnixMilli(), EndMS: ev.End.UnixMilli(),
			TZID: tzid, Status: w.Props.Get(ical.PropStatus).Value, Summary: text(t, w, ical.PropSummary),
			Description: text(t, w, ical.PropDescription)}
		if method != "" {
			x.Attendee, x.CN = ev.Attendee.Email, strings.ReplaceAll(ev.Attendee.Name, `"`, "")
		}
		out = append(out, x)
	}
	return out
}

// icaljsCases builds invites, updates, cancellations and feeds across
// zones, DST changes and awkward text.
func icaljsCases(t *testing.T) map[string][]notifications.CalEvent {
	cases := map[string][]notifications.CalEvent{}
	zones := []string{"Asia/Shanghai", "UTC", "America/New_York", "Europe/London", "Australia/Sydney",
		"Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo"}
	for zi, zone := range zones {
		loc := mustZone(t, zone)
		starts := []time.Time{time.Date(2025, 5, 20, 14, 0, 0, 0, loc), time.Date(2026, 1, 15, 9, 30, 0, 0, loc)}
		if _, next := time.Date(2025, 1, 1, 0, 0, 0, 0, loc).ZoneBounds(); !next.IsZero() {
			starts = append(starts, next.Add(-30*time.Minute), next, next.Add(-90*time.Minute))
		}
		for si, start := range starts {
			ev := sampleEvent(t)
			ev.UID = fmt.Sprintf("z%d-s%d@roadshow.example.cn", zi, si)
			ev.TimeZone, ev.Start, ev.End, ev.Sequence = zone, start, start.Add(time.Hour), si
			cases[fmt.Sprintf("req-%d-%d", zi, si)] = []notifications.CalEvent{ev}
		}
	}
	odd := sampleEvent(t)
	odd.UID = "text@roadshow.example.cn"
	odd.Summary = strings.Repeat("路演🎉;,\\ ", 9)
	odd.Description = "第一行\r\n第二行: " + strings.Repeat("交通银行杭州分行 张伟 👩‍💼 ", 6)
	odd.Attendee.Name = `王"五: 总, 经理`
	cases["req-text"] = []notifications.CalEvent{odd}
	c := sampleEvent(t)
	c.UID, c.Sequence = "cancel@roadshow.example.cn", 3
	cases["cancel"] = []notifications.CalEvent{c}
	var feed []notifications.CalEvent
	for _, evs := range cases {
		if evs[0].UID != c.UID {
			feed = append(feed, evs[0])
		}
	}
	c.Status = notifications.EventCancelled
	cases["feed"] = append(feed, c)
	return cases
}

func writeCase(t *testing.T, dir, name string, evs []notifications.CalEvent) icalFile {
	var ics []byte
	var err error
	method := ""
	switch {
	case name == "feed":
		ics, err = notifications.BuildFeed(notifications.Feed{Name: "李娜", TimeZone: "Asia/Shanghai", Events: evs})
	case name == "cancel":
		method = notifications.MethodCancel
		ics, err = notifications.BuildCancel(evs[0])
	default:
		method = notifications.MethodRequest
		ics, err = notifications.BuildRequest(evs[0])
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := notifications.Validate(ics); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	file := filepath.Join(dir, name+".ics")
	if err := os.WriteFile(file, ics, 0o644); err != nil {
		t.Fatal(err)
	}
	return icalFile{File: file, Method: method, Events: expectations(t, ics, evs, method)}
}

func runICALjs(t *testing.T, dir string, files []icalFile) (string, error) {
	manifest := filepath.Join(t.TempDir(), "manifest.json")
	b, _ := json.MarshalIndent(files, "", " ")
	if err := os.WriteFile(manifest, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", filepath.Join(dir, "check.js"), manifest).CombinedOutput()
	return string(out), err
}

// TestICALjs parses every generated object with ical.js and checks that
// each DTSTART is the intended instant, with METHOD, UID, SEQUENCE,
// ATTENDEE and texts as meant.
func TestICALjs(t *testing.T) {
	dir := icaljsDir(t)
	out := t.TempDir()
	var files []icalFile
	for name, evs := range icaljsCases(t) {
		files = append(files, writeCase(t, out, name, evs))
	}
	if res, err := runICALjs(t, dir, files); err != nil {
		t.Fatalf("ical.js disagrees: %v\n%s", err, res)
	} else {
		t.Log(strings.TrimSpace(res))
	}
	// The check can fail: without its VTIMEZONE a TZID is read as floating.
	ev := sampleEvent(t)
	f := writeCase(t, out, "control", []notifications.CalEvent{ev})
	ics, _ := os.ReadFile(f.File)
	os.WriteFile(f.File, refold(dropBlock(unfolded(ics), "VTIMEZONE")), 0o644)
	if res, err := runICALjs(t, dir, []icalFile{f}); err == nil || !strings.Contains(res, "DTSTART") {
		t.Fatalf("a TZID without VTIMEZONE passed the ical.js check:\n%s", res)
	}
}
