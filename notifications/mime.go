package notifications

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Message is one mail to one recipient. With Calendar set it is an iMIP
// message (RFC 6047): multipart/mixed holding multipart/alternative
// (text/plain, text/html, text/calendar; method=…) plus the same object as
// an invite.ics attachment. Without Calendar it is multipart/alternative
// with the text and HTML bodies.
type Message struct {
	From      Address   // the organizer's mailbox (the ORGANIZER of invites)
	To        Address   // the one recipient
	Subject   string    // any Unicode; RFC 2047 encoded as needed
	Date      time.Time // the Date header, supplied by the caller
	MessageID string    // "<outbox-123@example.org>", supplied by the caller
	Text      string
	HTML      string
	Calendar  []byte // an object from BuildRequest or BuildCancel, or nil
	Method    string // REQUEST or CANCEL: must equal the object's METHOD
}

// BuildMessage renders m as RFC 5322 bytes with CRLF line ends and no line
// over 78 octets outside headers that cannot be folded. The MIME boundaries
// derive from the Message-ID, so the same message always gives the same
// bytes.
func BuildMessage(m Message) ([]byte, error) {
	if err := checkMessage(m); err != nil {
		return nil, fmt.Errorf("notifications: build message: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(mimeSize(m))
	writeHeader(&buf, "From", formatAddress(m.From))
	writeHeader(&buf, "To", formatAddress(m.To))
	writeHeader(&buf, "Subject", encodeWords(singleLine(m.Subject)))
	writeHeader(&buf, "Date", m.Date.Format(time.RFC1123Z))
	writeHeader(&buf, "Message-ID", m.MessageID)
	writeHeader(&buf, "MIME-Version", "1.0")
	writeHeader(&buf, "Auto-Submitted", "auto-generated")
	var err error
	if m.Calendar == nil {
		err = writeAlternative(&buf, m, true)
	} else {
		err = writeMixed(&buf, m)
	}
	if err != nil {
		return nil, fmt.Errorf("notifications: build message: %w", err)
	}
	return buf.Bytes(), nil
}

func checkMessage(m Message) error {
	var errs []error
	if err := checkEmail(m.From.Email); err != nil {
		errs = append(errs, fmt.Errorf("from: %w", err))
	}
	if err := checkEmail(m.To.Email); err != nil {
		errs = append(errs, fmt.Errorf("to: %w", err))
	}
	if err := checkMessageID(m.MessageID); err != nil {
		errs = append(errs, err)
	}
	if m.Date.IsZero() {
		errs = append(errs, errors.New("date is zero"))
	}
	if m.Calendar != nil {
		if got := calendarMethod(m.Calendar); m.Method == "" || got != m.Method {
			errs = append(errs, fmt.Errorf("method %q does not match the calendar's METHOD:%s", m.Method, got))
		}
	}
	return errors.Join(errs...)
}

// checkMessageID accepts "<left@right>" in printable ASCII without spaces.
func checkMessageID(id string) error {
	bad := fmt.Errorf("message id %q is not <left@right>", id)
	if len(id) < 5 || id[0] != '<' || id[len(id)-1] != '>' {
		return bad
	}
	inner := id[1 : len(id)-1]
	left, right, ok := strings.Cut(inner, "@")
	if !ok || left == "" || right == "" || strings.Contains(right, "@") {
		return bad
	}
	for _, r := range inner {
		if r <= ' ' || r >= 0x7f || r == '<' || r == '>' {
			return bad
		}
	}
	return nil
}

// calendarMethod finds the METHOD property of a calendar object.
func calendarMethod(ics []byte) string {
	for rest := ics; len(rest) > 0; {
		line, next := nextLine(rest)
		if v, ok := bytes.CutPrefix(line, []byte("METHOD:")); ok {
			return string(v)
		}
		if bytes.HasPrefix(line, []byte("BEGIN:V")) && !bytes.Equal(line, []byte("BEGIN:VCALENDAR")) {
			return "" // METHOD belongs to VCALENDAR, before any component
		}
		rest = next
	}
	return ""
}

// formatAddress writes "Name" <a@b>, the name RFC 2047 encoded when it is
// not ASCII.
func formatAddress(a Address) string {
	name := singleLine(a.Name)
	if plainASCII(name) {
		return (&mail.Address{Name: name, Address: a.Email}).String()
	}
	return encodeWords(name) + " <" + a.Email + ">"
}

// encodeWords returns s as RFC 2047 B encoded-words (UTF-8) of at most 39
// octets of text each, so that every word (at most 64 characters) fits a
// 76-character header line after the field name; printable ASCII without
// "=?" is returned as it is.
func encodeWords(s string) string {
	if plainASCII(s) {
		return s
	}
	var words []string
	for len(s) > 0 {
		n := min(len(s), 39)
		for n < len(s) && n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		words = append(words, "=?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, " ")
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.Contains(s, "=?")
}

// writeHeader writes one header field, folded at spaces to lines of at most
// 76 octets where the value allows it.
func writeHeader(buf *bytes.Buffer, name, value string) {
	line := name + ":"
	for _, word := range strings.Fields(value) {
		if len(line)+1+len(word) > 76 && strings.TrimSpace(line) != name+":" {
			buf.WriteString(line)
			buf.WriteString("\r\n")
			line = ""
		}
		line += " " + word
	}
	buf.WriteString(line)
	buf.WriteString("\r\n")
}

// boundary derives a MIME boundary from the Message-ID. It starts with "=_",
// which neither base64 nor quoted-printable output can contain.
func boundary(messageID, part string) string {
	sum := sha256.Sum256([]byte(messageID))
	return "=_rs_" + part + "_" + hex.EncodeToString(sum[:12])
}

// multipart writes the parts of one multipart body straight into buf.
type multipart struct {
	buf      *bytes.Buffer
	boundary string
	parts    int
}

// part starts the next body part with the given header lines.
func (w *multipart) part(headers ...string) {
	if w.parts > 0 {
		w.buf.WriteString("\r\n")
	}
	w.parts++
	w.buf.WriteString("--" + w.boundary + "\r\n")
	for _, h := range headers {
		w.buf.WriteString(h)
		w.buf.WriteString("\r\n")
	}
	w.buf.WriteString("\r\n")
}

func (w *multipart) close() {
	w.buf.WriteString("\r\n--" + w.boundary + "--\r\n")
}

// mimeSize estimates the encoded size of a message, to allocate once.
func mimeSize(m Message) int {
	b64 := func(n int) int { return n*4/3 + n/57*2 + 8 }
	return b64(len(m.Text)+len(m.Text)/16) + b64(len(m.HTML)+len(m.HTML)/16) + 2*b64(len(m.Calendar)) + 2048
}

func writeMixed(buf *bytes.Buffer, m Message) error {
	mw := &multipart{buf: buf, boundary: boundary(m.MessageID, "mixed")}
	writeHeader(buf, "Content-Type", `multipart/mixed; boundary="`+mw.boundary+`"`)
	buf.WriteString("\r\n")
	mw.part(`Content-Type: multipart/alternative; boundary="` + boundary(m.MessageID, "alt") + `"`)
	if err := writeAlternative(buf, m, false); err != nil {
		return err
	}
	mw.part(`Content-Type: application/ics; name="invite.ics"`,
		`Content-Disposition: attachment; filename="invite.ics"`,
		"Content-Transfer-Encoding: base64")
	writeBase64(buf, m.Calendar)
	mw.close()
	return nil
}

// writeAlternative writes the multipart/alternative body; top says whether
// its Content-Type header belongs to the message itself.
func writeAlternative(buf *bytes.Buffer, m Message, top bool) error {
	mw := &multipart{buf: buf, boundary: boundary(m.MessageID, "alt")}
	if top {
		writeHeader(buf, "Content-Type", `multipart/alternative; boundary="`+mw.boundary+`"`)
		buf.WriteString("\r\n")
	}
	mw.part("Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64")
	writeBase64(buf, crlf(m.Text))
	mw.part("Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: base64")
	writeBase64(buf, crlf(m.HTML))
	if m.Calendar != nil {
		mw.part("Content-Type: text/calendar; charset=UTF-8; method="+m.Method, "Content-Transfer-Encoding: base64")
		writeBase64(buf, m.Calendar)
	}
	mw.close()
	return nil
}

// crlf turns the line ends of a text body into CRLF.
func crlf(s string) []byte {
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return []byte(strings.ReplaceAll(s, "\n", "\r\n"))
}

// writeBase64 appends b base64 encoded in lines of 76 characters, encoding
// straight into buf's free space.
func writeBase64(buf *bytes.Buffer, b []byte) {
	n := base64.StdEncoding.EncodedLen(len(b))
	buf.Grow(n + (n/76+1)*2)
	out := buf.AvailableBuffer()
	for len(b) > 0 {
		k := min(57, len(b)) // 57 octets are 76 characters
		out = base64.StdEncoding.AppendEncode(out, b[:k])
		out = append(out, '\r', '\n')
		b = b[k:]
	}
	buf.Write(out)
}
