package notifications_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"roadshow/notifications"
)

// part is one decoded leaf of a MIME tree.
type part struct {
	mediaType string
	params    map[string]string
	header    map[string][]string
	body      []byte
}

// parseMessage parses msg with net/mail and mime/multipart into its leaves.
func parseMessage(t *testing.T, msg []byte) (*mail.Message, []part) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v", err)
	}
	return m, leaves(t, m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), nil, m.Body)
}

func leaves(t *testing.T, ctype, cte string, hdr map[string][]string, body io.Reader) []part {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		t.Fatalf("Content-Type %q: %v", ctype, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		out := []part{{mediaType: mt, params: params}}
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, leaves(t, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header, p)...)
		}
	}
	raw, _ := io.ReadAll(body)
	if strings.EqualFold(cte, "base64") {
		dec, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(raw)))
		if err != nil {
			t.Fatalf("base64: %v", err)
		}
		raw = dec
	}
	return []part{{mediaType: mt, params: params, header: hdr, body: raw}}
}

func sampleMessage(t *testing.T, ics []byte) notifications.Message {
	return notifications.Message{
		From:      organizer(),
		To:        notifications.Address{Name: `李娜, "CEO" 某某科技`, Email: "li.na@enterprise.example.cn"},
		Subject:   "会议邀请：与 交通银行杭州分行 · 张伟 的 1:1 会谈 | Invitation: 1:1 meeting with 交通银行杭州分行 · 张伟 — 2025 杭州高新区银企对接会",
		Date:      time.Date(2025, 5, 1, 9, 2, 3, 0, mustZone(t, "Asia/Shanghai")),
		MessageID: "<outbox-123@roadshow.example.cn>",
		Text:      "您好：\n诚邀您参加。\r\nDear Li Na,\nYou are invited.",
		HTML:      "<p>您好：</p><p lang=\"en\">Dear Li Na,</p>",
		Calendar:  ics,
		Method:    notifications.MethodRequest,
	}
}

func TestBuildMessage_Invite(t *testing.T) {
	ics, err := notifications.BuildRequest(sampleEvent(t))
	if err != nil {
		t.Fatal(err)
	}
	in := sampleMessage(t, ics)
	msg, err := notifications.BuildMessage(in)
	if err != nil {
		t.Fatal(err)
	}
	checkRawLines(t, msg)
	m, parts := parseMessage(t, msg)
	checkHeaders(t, m, in)
	types := []string{}
	for _, p := range parts {
		types = append(types, p.mediaType)
	}
	want := "multipart/mixed multipart/alternative text/plain text/html text/calendar application/ics"
	if strings.Join(types, " ") != want {
		t.Fatalf("MIME tree %v, want %s", types, want)
	}
	cal, att := parts[4], parts[5]
	if cal.params["method"] != "REQUEST" || !strings.EqualFold(cal.params["charset"], "UTF-8") {
		t.Fatalf("text/calendar params %v", cal.params)
	}
	if !bytes.Equal(cal.body, ics) || !bytes.Equal(att.body, ics) {
		t.Fatal("the calendar part and the attachment are not the exact iCalendar object")
	}
	if d := att.header["Content-Disposition"]; len(d) != 1 || !strings.Contains(d[0], `filename="invite.ics"`) {
		t.Fatalf("attachment disposition %v", d)
	}
	if got := string(parts[2].body); got != "您好：\r\n诚邀您参加。\r\nDear Li Na,\r\nYou are invited." {
		t.Fatalf("text body %q", got)
	}
	again, _ := notifications.BuildMessage(in)
	if !bytes.Equal(msg, again) {
		t.Fatal("the same message rendered different bytes")
	}
	in.MessageID = "<outbox-124@roadshow.example.cn>"
	other, _ := notifications.BuildMessage(in)
	if bytes.Contains(other, []byte(boundaryOf(t, msg))) {
		t.Fatal("boundaries do not depend on the Message-ID")
	}
}

func boundaryOf(t *testing.T, msg []byte) string {
	m, _ := mail.ReadMessage(bytes.NewReader(msg))
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	return params["boundary"]
}

// checkRawLines: CRLF only, no line over 998 octets, headers ASCII.
func checkRawLines(t *testing.T, msg []byte) {
	t.Helper()
	if bytes.Contains(bytes.ReplaceAll(msg, []byte("\r\n"), nil), []byte("\n")) ||
		bytes.Contains(bytes.ReplaceAll(msg, []byte("\r\n"), nil), []byte("\r")) {
		t.Fatal("bare CR or LF in the message")
	}
	for _, l := range bytes.Split(msg, []byte("\r\n")) {
		if len(l) > 998 {
			t.Fatalf("line of %d octets", len(l))
		}
		for _, c := range l {
			if c >= 0x80 {
				t.Fatalf("8-bit octet in %q: everything is base64 or RFC 2047", l)
			}
		}
	}
	head := msg[:bytes.Index(msg, []byte("\r\n\r\n"))]
	for _, l := range bytes.Split(head, []byte("\r\n")) {
		if len(l) > 78 && !bytes.HasPrefix(l, []byte("Content-Type: multipart/")) {
			t.Fatalf("header line over 78 octets: %q", l)
		}
	}
}

func checkHeaders(t *testing.T, m *mail.Message, in notifications.Message) {
	t.Helper()
	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subj != in.Subject {
		t.Fatalf("Subject %q (%v), want %q", subj, err, in.Subject)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != in.To.Name || to[0].Address != in.To.Email {
		t.Fatalf("To %v (%v), want exactly %v", to, err, in.To)
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != in.From.Name || from[0].Address != in.From.Email {
		t.Fatalf("From %v (%v), want %v", from, err, in.From)
	}
	if id := m.Header.Get("Message-ID"); id != in.MessageID {
		t.Fatalf("Message-ID %q", id)
	}
	if d, err := m.Header.Date(); err != nil || !d.Equal(in.Date) {
		t.Fatalf("Date %v (%v), want %v", d, err, in.Date)
	}
}

func TestBuildMessage_Cancel(t *testing.T) {
	ics, err := notifications.BuildCancel(sampleEvent(t))
	if err != nil {
		t.Fatal(err)
	}
	in := sampleMessage(t, ics)
	if _, err := notifications.BuildMessage(in); err == nil || !strings.Contains(err.Error(), "METHOD:CANCEL") {
		t.Fatalf("method=REQUEST over a CANCEL object accepted: %v", err)
	}
	in.Method = notifications.MethodCancel
	msg, err := notifications.BuildMessage(in)
	if err != nil {
		t.Fatal(err)
	}
	_, parts := parseMessage(t, msg)
	if parts[4].params["method"] != "CANCEL" {
		t.Fatalf("text/calendar method %q", parts[4].params["method"])
	}
}

func TestBuildMessage_Plain(t *testing.T) {
	in := sampleMessage(t, nil)
	in.Method = ""
	msg, err := notifications.BuildMessage(in)
	if err != nil {
		t.Fatal(err)
	}
	checkRawLines(t, msg)
	m, parts := parseMessage(t, msg)
	checkHeaders(t, m, in)
	if len(parts) != 3 || parts[0].mediaType != "multipart/alternative" || parts[1].mediaType != "text/plain" || parts[2].mediaType != "text/html" {
		t.Fatalf("plain message tree %+v", parts)
	}
}

func TestBuildMessage_Errors(t *testing.T) {
	ics, _ := notifications.BuildRequest(sampleEvent(t))
	cases := []struct {
		name   string
		modify func(*notifications.Message)
		want   string
	}{
		{"ErrNoMessageID", func(m *notifications.Message) { m.MessageID = "" }, "message id"},
		{"ErrMessageIDNoAngle", func(m *notifications.Message) { m.MessageID = "outbox-1@x.cn" }, "message id"},
		{"ErrMessageIDSpace", func(m *notifications.Message) { m.MessageID = "<out box@x.cn>" }, "message id"},
		{"ErrMessageIDTwoAt", func(m *notifications.Message) { m.MessageID = "<a@b@c>" }, "message id"},
		{"ErrNoDate", func(m *notifications.Message) { m.Date = time.Time{} }, "date"},
		{"ErrBadTo", func(m *notifications.Message) { m.To.Email = "not an address" }, "to"},
		{"ErrNoMethod", func(m *notifications.Message) { m.Method = "" }, "method"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := sampleMessage(t, ics)
			c.modify(&m)
			if _, err := notifications.BuildMessage(m); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want %q", err, c.want)
			}
		})
	}
}

func TestGolden_InviteEML(t *testing.T) {
	ics, err := notifications.BuildRequest(sampleEvent(t))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := notifications.BuildMessage(sampleMessage(t, ics))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "invite.eml", msg)
}
