package notifications_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"roadshow/notifications"
)

func newComposer(t testing.TB, dir string) *notifications.Composer {
	t.Helper()
	tm, err := notifications.LoadTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := notifications.NewComposer(organizer(), tm)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sampleNotice returns a Notice of every kind for the same recipient.
func sampleNotice(t testing.TB, kind notifications.Kind, n int) notifications.Notice {
	a := sampleAppointment(t)
	sh := mustZone(t, "Asia/Shanghai")
	notice := notifications.Notice{
		Kind:        kind,
		To:          notifications.Recipient{Name: "李娜", Email: "li.na@enterprise.example.cn", TimeZone: "Asia/Shanghai"},
		MessageID:   fmt.Sprintf("<outbox-%d@roadshow.example.cn>", n),
		Date:        time.Date(2025, 5, 1, 9, 0, 0, 0, sh),
		Appointment: a,
		ConsoleURL:  "https://roadshow.example.cn/console",
	}
	switch kind {
	case notifications.KindUpdate:
		notice.Appointment.Sequence = 1
		notice.Appointment.PreviousStart, notice.Appointment.PreviousEnd = a.Start.Add(-2*time.Hour), a.End.Add(-2*time.Hour)
	case notifications.KindCancel:
		notice.Appointment.Sequence = 2
	case notifications.KindRequestDigest:
		notice.Requests = []notifications.PendingRequest{
			{From: notifications.Party{Organization: "深创投", Person: "王强"}, EventTitle: a.EventTitle, Priority: 1,
				Note: "希望了解贵司的储能项目", Received: time.Date(2025, 5, 2, 10, 0, 0, 0, sh)},
			{From: notifications.Party{Organization: "浙商银行"}, EventTitle: a.EventTitle, Priority: 3,
				Received: time.Date(2025, 5, 3, 16, 30, 0, 0, sh), URL: "https://roadshow.example.cn/requests/9"},
		}
	case notifications.KindCampaignReminder:
		notice.Campaign = notifications.CampaignStatus{Zone: "杭州高新区", Missing: []string{"roadshow", "deals"},
			Deadline: time.Date(2025, 6, 30, 18, 0, 0, 0, sh)}
	case notifications.KindFollowUp:
		notice.FollowUpDays = 30
	case notifications.KindSignIn:
		notice.SignIn = notifications.SignInLink{URL: "https://roadshow.example.cn/login?t=AbCd1234", Expires: time.Date(2025, 5, 1, 9, 15, 0, 0, sh)}
	}
	return notice
}

func TestCompose_EveryKind(t *testing.T) {
	c := newComposer(t, "")
	expect := map[notifications.Kind][]string{
		notifications.KindInvite:           {"会议邀请", "Invitation", "北京时间 UTC+8", "Beijing time (UTC+8)", "交通银行杭州分行 · 张伟", "12 号桌"},
		notifications.KindUpdate:           {"会议变更", "Updated", "原定时间：2025-05-20（周二）12:00–12:30", "Previously: Tue 20 May 2025, 12:00–12:30"},
		notifications.KindCancel:           {"会议取消", "Cancelled", "已取消", "has been cancelled"},
		notifications.KindReminder:         {"日程提醒", "Reminder", "即将开始", "coming up"},
		notifications.KindRequestDigest:    {"2 个会谈请求", "2 meeting requests", "深创投 · 王强", "优先级：高", "priority low", "希望了解贵司的储能项目"},
		notifications.KindCampaignReminder: {"杭州高新区", "融资路演", "a landed financing deal", "2025-06-30（周一）18:00"},
		notifications.KindFollowUp:         {"30 天前", "30 days ago", "https://roadshow.example.cn/meetings/42"},
		notifications.KindSignIn:           {"登录", "Sign in", "https://roadshow.example.cn/login?t=AbCd1234", "09:15"},
	}
	for i, kind := range notifications.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			out, err := c.Compose(sampleNotice(t, kind, i))
			if err != nil {
				t.Fatal(err)
			}
			checkRawLines(t, out.Message)
			m, parts := parseMessage(t, out.Message)
			txt := string(partOf(t, parts, "text/plain").body)
			html := string(partOf(t, parts, "text/html").body)
			whole := out.Subject + "\n" + txt
			for _, want := range expect[kind] {
				if !strings.Contains(whole, want) {
					t.Errorf("missing %q in\n%s", want, whole)
				}
			}
			if zh, en := strings.Index(txt, "您好"), strings.Index(txt, "Dear"); zh < 0 || en < 0 || zh > en {
				t.Errorf("Chinese must come first, then English:\n%s", txt)
			}
			if !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, "Dear") {
				t.Errorf("HTML body:\n%s", html)
			}
			if strings.ContainsAny(out.Subject, "\r\n") || m.Header.Get("Message-ID") != out.MessageID {
				t.Errorf("subject %q / id %q", out.Subject, out.MessageID)
			}
			checkCalendarPart(t, kind, out, parts)
		})
	}
}

// checkCalendarPart: invites, updates and cancellations carry a valid
// object for this recipient; the other kinds carry none.
func checkCalendarPart(t *testing.T, kind notifications.Kind, out notifications.Outgoing, parts []part) {
	t.Helper()
	method := kind.Method()
	if method == "" {
		if out.ICS != nil || len(parts) != 3 {
			t.Fatalf("%s carries a calendar", kind)
		}
		return
	}
	if err := notifications.Validate(out.ICS); err != nil {
		t.Fatal(err)
	}
	cal := decodeICS(t, out.ICS)
	e := onlyEvent(t, cal)
	if cal.Props.Get(ical.PropMethod).Value != method || parts[4].params["method"] != method {
		t.Fatalf("METHOD %q / part method %q, want %s", cal.Props.Get(ical.PropMethod).Value, parts[4].params["method"], method)
	}
	if a := e.Props.Get(ical.PropAttendee).Value; a != "mailto:"+out.Recipient {
		t.Fatalf("ATTENDEE %q, want the recipient", a)
	}
	summary, _ := e.Props.Text(ical.PropSummary)
	desc, _ := e.Props.Text(ical.PropDescription)
	if !strings.Contains(summary, "交通银行杭州分行 · 张伟") || !strings.Contains(desc, "交通银行杭州分行 · 张伟") {
		t.Fatalf("the other party is not named by organization and person: %q / %q", summary, desc)
	}
	if strings.Contains(desc, "@") && !strings.Contains(desc, "https://") {
		t.Fatalf("an email address in DESCRIPTION: %q", desc)
	}
	if !strings.Contains(desc, "北京时间 UTC+8") || !strings.Contains(desc, "Beijing time (UTC+8)") {
		t.Fatalf("DESCRIPTION without labelled local time: %q", desc)
	}
}

func partOf(t *testing.T, parts []part, mediaType string) part {
	t.Helper()
	for _, p := range parts {
		if p.mediaType == mediaType {
			return p
		}
	}
	t.Fatalf("no %s part", mediaType)
	return part{}
}

func TestCompose_RecipientZone(t *testing.T) {
	c := newComposer(t, "")
	n := sampleNotice(t, notifications.KindInvite, 1)
	n.To.TimeZone = "Europe/London"
	out, err := c.Compose(n)
	if err != nil {
		t.Fatal(err)
	}
	_, parts := parseMessage(t, out.Message)
	txt := string(partOf(t, parts, "text/plain").body)
	for _, want := range []string{"14:00–14:30（北京时间 UTC+8）", "您所在时区：2025-05-20（周二）07:00–07:30（伦敦时间 UTC+1）",
		"In your time zone: Tue 20 May 2025, 07:00–07:30 London time (UTC+1)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("missing %q in\n%s", want, txt)
		}
	}
}

func TestCompose_HTMLEscaped(t *testing.T) {
	c := newComposer(t, "")
	n := sampleNotice(t, notifications.KindInvite, 1)
	n.Appointment.EventTitle = `<script>alert("x")</script> 路演`
	out, err := c.Compose(n)
	if err != nil {
		t.Fatal(err)
	}
	_, parts := parseMessage(t, out.Message)
	if html := string(partOf(t, parts, "text/html").body); strings.Contains(html, "<script>") {
		t.Fatalf("unescaped title in HTML:\n%s", html)
	}
}

func TestCompose_Errors(t *testing.T) {
	c := newComposer(t, "")
	cases := []struct {
		name   string
		modify func(*notifications.Notice)
		want   string
	}{
		{"ErrUnknownKind", func(n *notifications.Notice) { n.Kind = "newsletter" }, "unknown kind"},
		{"ErrNoUID", func(n *notifications.Notice) { n.Appointment.UID = "" }, "UID"},
		{"ErrNoMessageID", func(n *notifications.Notice) { n.MessageID = "" }, "message id"},
		{"ErrRecipientIsOrganizer", func(n *notifications.Notice) { n.To.Email = organizer().Email }, "organizer cannot also be the attendee"},
		{"ErrDigestEmpty", func(n *notifications.Notice) { n.Kind = notifications.KindRequestDigest }, "no pending requests"},
		{"ErrSignInNoURL", func(n *notifications.Notice) { n.Kind = notifications.KindSignIn }, "without a link"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := sampleNotice(t, notifications.KindInvite, 1)
			tc.modify(&n)
			if _, err := c.Compose(n); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := notifications.NewComposer(notifications.Address{Email: "bad"}, nil); err == nil {
		t.Fatal("bad organizer accepted")
	}
}

// TestComposer_FeedMatchesInvites: a feed entry has the UID and SEQUENCE
// of the last invite, and a cancelled meeting stays as CANCELLED.
func TestComposer_FeedMatchesInvites(t *testing.T) {
	c := newComposer(t, "")
	inv, err := c.Compose(sampleNotice(t, notifications.KindUpdate, 1))
	if err != nil {
		t.Fatal(err)
	}
	a := sampleNotice(t, notifications.KindUpdate, 1).Appointment
	b := sampleAppointment(t)
	b.UID, b.Sequence, b.Cancelled, b.Start, b.End = "other@roadshow.example.cn", 4, true, b.Start.Add(time.Hour), b.End.Add(time.Hour)
	feed, err := c.Feed("李娜", notifications.Recipient{Name: "李娜", Email: "li.na@enterprise.example.cn", TimeZone: "Asia/Shanghai"},
		[]notifications.Appointment{b, a})
	if err != nil {
		t.Fatal(err)
	}
	if err := notifications.Validate(feed); err != nil {
		t.Fatal(err)
	}
	ie := onlyEvent(t, decodeICS(t, inv.ICS))
	var found, cancelled bool
	for _, e := range decodeICS(t, feed).Events() {
		uid := e.Props.Get(ical.PropUID).Value
		if uid == a.UID {
			found = e.Props.Get(ical.PropSequence).Value == ie.Props.Get(ical.PropSequence).Value &&
				e.Props.Get(ical.PropSummary).Value == ie.Props.Get(ical.PropSummary).Value
		}
		if uid == b.UID {
			cancelled = e.Props.Get(ical.PropStatus).Value == "CANCELLED"
		}
	}
	if !found || !cancelled {
		t.Fatalf("feed does not match the invites (same UID/SEQUENCE/SUMMARY %v, cancelled kept %v):\n%s", found, cancelled, feed)
	}
}

func TestLoadTemplates_Override(t *testing.T) {
	dir := t.TempDir()
	custom := `{{define "subject"}}邀请 {{.Appointment.EventTitle}}{{end}}{{define "text"}}您好 Dear{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "invite.txt"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newComposer(t, dir)
	out, err := c.Compose(sampleNotice(t, notifications.KindInvite, 1))
	if err != nil {
		t.Fatal(err)
	}
	if out.Subject != "邀请 2025 杭州高新区银企对接会" {
		t.Fatalf("override not used: subject %q", out.Subject)
	}
	out, err = c.Compose(sampleNotice(t, notifications.KindUpdate, 2))
	if err != nil || !strings.HasPrefix(out.Subject, "会议变更") {
		t.Fatalf("embedded update template not kept: %q %v", out.Subject, err)
	}
	bad := map[string]string{
		"invite.txt":  `{{define "subject"}}{{.Nope}`,
		"update.txt":  `{{define "text"}}only text{{end}}`,
		"cancel.html": `{{define "content"}}{{.NoSuchField}}{{end}}`,
	}
	for file, body := range bad {
		d := t.TempDir()
		os.WriteFile(filepath.Join(d, file), []byte(body), 0o644)
		tm, err := notifications.LoadTemplates(d)
		if file == "cancel.html" && err == nil {
			// Parses; fails when rendered.
			c, _ := notifications.NewComposer(organizer(), tm)
			_, err = c.Compose(sampleNotice(t, notifications.KindCancel, 3))
		}
		if err == nil {
			t.Errorf("%s: broken template accepted", file)
		}
	}
	if _, err := notifications.LoadTemplates(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("missing directory accepted")
	}
}
