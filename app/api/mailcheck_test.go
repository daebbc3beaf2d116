package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"roadshow/notifications"
	"roadshow/notifications/smtptest"
)

// mailbox is an SMTP server in the test process and a dispatcher that
// drains the harness store's outbox into it.
type mailbox struct {
	h   *harness
	srv *smtptest.Server
	d   *notifications.Dispatcher
}

func newMailbox(h *harness) *mailbox {
	h.t.Helper()
	srv := smtptest.NewServer(h.t, smtptest.Config{})
	m, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: srv.URL(), PoolSize: 2})
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { m.Close() })
	d, err := notifications.NewDispatcher(h.store.Outbox(), m, notifications.DispatcherConfig{
		From: "bounce@roadshow.example", BatchSize: 50, Workers: 2, MaxAttempts: 3, SendTimeout: 10 * time.Second, Lease: 10 * time.Minute})
	if err != nil {
		h.t.Fatal(err)
	}
	return &mailbox{h: h, srv: srv, d: d}
}

// drain sends everything due at now and returns the messages the server
// received during this drain.
func (b *mailbox) drain(now time.Time) []smtptest.Message {
	b.h.t.Helper()
	before := len(b.srv.Messages())
	if _, err := b.d.Drain(context.Background(), now); err != nil {
		b.h.t.Fatal(err)
	}
	return b.srv.Messages()[before:]
}

// invite is a captured calendar mail, taken apart.
type invite struct {
	to     string // envelope recipient
	header mail.Header
	method string // of the text/calendar part
	ics    []byte
	event  *ical.Event
}

// parseInvite checks a raw message's MIME structure (multipart/mixed
// holding multipart/alternative with text, HTML and text/calendar, plus an
// invite.ics attachment with the same object) and decodes the calendar.
func parseInvite(t *testing.T, m smtptest.Message) invite {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v", err)
	}
	for _, line := range bytes.Split(m.Data, []byte("\r\n")) {
		if len(line) > 998 {
			t.Fatalf("a raw line of %d octets", len(line))
		}
	}
	inv := invite{to: m.To[0], header: msg.Header}
	var parts []*multipart.Part
	var bodies [][]byte
	walkMIME(t, msg.Header.Get("Content-Type"), msg.Body, &parts, &bodies)
	var attachment []byte
	for i, p := range parts {
		mt, params, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch {
		case mt == "text/calendar" && p.FileName() == "":
			inv.method, inv.ics = params["method"], bodies[i]
		case p.FileName() == "invite.ics":
			attachment = bodies[i]
		}
	}
	if inv.ics == nil || !bytes.Equal(inv.ics, attachment) {
		t.Fatalf("no text/calendar part, or the invite.ics attachment differs (%d parts)", len(parts))
	}
	if err := notifications.Validate(inv.ics); err != nil {
		t.Fatalf("invalid calendar: %v\n%s", err, inv.ics)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(inv.ics)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if got := cal.Props.Get(ical.PropMethod); got == nil || got.Value != inv.method {
		t.Fatalf("METHOD %v, MIME method=%s", got, inv.method)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d VEVENTs", len(events))
	}
	inv.event = &events[0]
	return inv
}

// walkMIME collects the leaf parts of a multipart body, decoded.
func walkMIME(t *testing.T, contentType string, body io.Reader, parts *[]*multipart.Part, bodies *[][]byte) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		t.Fatalf("not multipart: %q %v", contentType, err)
	}
	r := multipart.NewReader(body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if ct := p.Header.Get("Content-Type"); strings.HasPrefix(ct, "multipart/") {
			walkMIME(t, ct, p, parts, bodies)
			continue
		}
		b, err := io.ReadAll(p) // multipart.Part decodes quoted-printable only
		if err != nil {
			t.Fatal(err)
		}
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
			if b, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(b)), "")); err != nil {
				t.Fatalf("base64 part: %v", err)
			}
		}
		*parts, *bodies = append(*parts, p), append(*bodies, b)
	}
}

func prop(ev *ical.Event, name string) string {
	if p := ev.Props.Get(name); p != nil {
		return p.Value
	}
	return ""
}

// instant reads DTSTART or DTEND as go-ical resolves it with the object's
// VTIMEZONE.
func instant(t *testing.T, ev *ical.Event, name string) time.Time {
	t.Helper()
	p := ev.Props.Get(name)
	if p == nil {
		t.Fatalf("no %s", name)
	}
	at, err := p.DateTime(time.UTC)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return at
}

// icaljsCheck runs ical.js (notifications/testdata/icaljs) over the
// captured objects: each must be read with the given instants, UID,
// SEQUENCE, method and attendee. It skips without node or the package.
func icaljsCheck(t *testing.T, invites []invite, starts, ends map[string]time.Time) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	dir, _ := filepath.Abs(filepath.Join("..", "..", "notifications", "testdata", "icaljs"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json")); err != nil {
		t.Skipf("ical.js is not installed in %s (npm ci there)", dir)
	}
	tmp := t.TempDir()
	var manifest []map[string]any
	for i, inv := range invites {
		file := filepath.Join(tmp, fmt.Sprintf("m%04d.ics", i))
		if err := os.WriteFile(file, inv.ics, 0o644); err != nil {
			t.Fatal(err)
		}
		uid := prop(inv.event, ical.PropUID)
		tzid := inv.event.Props.Get(ical.PropDateTimeStart).Params.Get(ical.ParamTimezoneID)
		if tzid == "" {
			tzid = "UTC"
		}
		att := inv.event.Props.Get(ical.PropAttendee)
		summary, _ := inv.event.Props.Text(ical.PropSummary)
		desc, _ := inv.event.Props.Text(ical.PropDescription)
		manifest = append(manifest, map[string]any{"file": file, "method": inv.method, "events": []map[string]any{{
			"uid": uid, "sequence": seqOf(t, inv), "start_ms": starts[uid].UnixMilli(), "end_ms": ends[uid].UnixMilli(),
			"tzid": tzid, "status": prop(inv.event, ical.PropStatus), "summary": summary, "description": desc,
			"attendee": inv.to, "cn": att.Params.Get(ical.ParamCommonName)}}})
	}
	b, _ := json.Marshal(manifest)
	mf := filepath.Join(tmp, "manifest.json")
	if err := os.WriteFile(mf, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", filepath.Join(dir, "check.js"), mf).CombinedOutput()
	if err != nil {
		t.Fatalf("ical.js disagrees: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(string(out)))
}

func seqOf(t *testing.T, inv invite) int {
	t.Helper()
	n, err := strconv.Atoi(prop(inv.event, ical.PropSequence))
	if err != nil {
		t.Fatalf("SEQUENCE %q", prop(inv.event, ical.PropSequence))
	}
	return n
}
