package notifications

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"

	"github.com/emersion/go-smtp"
)

// Mailer sends one pre-rendered RFC 5322 message to the envelope
// recipients. Send is all or nothing: it returns nil only when every
// recipient was accepted. Errors say whether retrying can help through
// IsPermanent, and carry the SMTP reply code through SMTPCode.
type Mailer interface {
	Send(ctx context.Context, from string, to []string, msg []byte) error
}

// SendError is a failed Send: at which step, with which SMTP reply (Code 0
// when there was none: network errors, timeouts, local errors) and whether
// it is permanent.
type SendError struct {
	Op        string // dial, tls, auth, mail, rcpt, data, write
	Code      int    // the SMTP reply code, e.g. 451 or 550
	Enhanced  string // the enhanced status code, e.g. 5.1.1
	Permanent bool
	Err       error
}

// Error implements error.
func (e *SendError) Error() string {
	return fmt.Sprintf("notifications: send: %s: %v", e.Op, e.Err)
}

// Unwrap returns the underlying error.
func (e *SendError) Unwrap() error { return e.Err }

// IsPermanent reports whether err will not go away by retrying the same
// message: a 5xx reply to MAIL, RCPT or DATA, or a message the mailer
// refuses to send at all. 4xx replies, network errors, timeouts and
// failures while connecting, starting TLS or authenticating (a server or
// configuration problem, not the message's) are temporary.
func IsPermanent(err error) bool {
	var se *SendError
	if errors.As(err, &se) {
		return se.Permanent
	}
	return false
}

// SMTPCode returns the SMTP reply code carried by err, or 0.
func SMTPCode(err error) int {
	var se *SendError
	if errors.As(err, &se) && se.Code != 0 {
		return se.Code
	}
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		return smtpErr.Code
	}
	return 0
}

// sendError classifies err returned by step op of an SMTP exchange.
func sendError(op string, err error) *SendError {
	se := &SendError{Op: op, Err: err}
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		se.Code = smtpErr.Code
		if smtpErr.EnhancedCode != (smtp.EnhancedCode{}) && smtpErr.EnhancedCode != smtp.NoEnhancedCode {
			e := smtpErr.EnhancedCode
			se.Enhanced = fmt.Sprintf("%d.%d.%d", e[0], e[1], e[2])
		}
		messageStep := op == "mail" || op == "rcpt" || op == "data"
		se.Permanent = messageStep && smtpErr.Code >= 500
	}
	return se
}

// FileMailer is the mailer that needs no mail server: it writes each
// message to <Dir>/<name>.eml, the name derived from the Message-ID, so the
// invites can be opened with any mail program. A retried row rewrites the
// same file.
type FileMailer struct {
	Dir string
}

var _ Mailer = (*FileMailer)(nil)

// NewFileMailer returns a FileMailer writing into dir, creating it.
func NewFileMailer(dir string) (*FileMailer, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("notifications: file mailer: %w", err)
	}
	return &FileMailer{Dir: dir}, nil
}

// Send writes msg atomically (a temporary file in Dir, then a rename). The
// envelope is not recorded: the To header names the recipient.
func (m *FileMailer) Send(ctx context.Context, from string, to []string, msg []byte) error {
	if err := ctx.Err(); err != nil {
		return &SendError{Op: "write", Err: err}
	}
	name := filepath.Join(m.Dir, EMLName(msg))
	tmp, err := os.CreateTemp(m.Dir, ".tmp-*.eml")
	if err != nil {
		return &SendError{Op: "write", Err: err}
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(msg); err != nil {
		tmp.Close()
		return &SendError{Op: "write", Err: err}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return &SendError{Op: "write", Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &SendError{Op: "write", Err: err}
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return &SendError{Op: "write", Err: err}
	}
	return nil
}

// EMLName is the file name FileMailer gives a message: its Message-ID
// without angle brackets, characters other than letters, digits and
// ".-_@+" replaced by "_", plus ".eml"; a hash of the bytes when the
// message has no Message-ID.
func EMLName(msg []byte) string {
	id := messageID(msg)
	if id == "" {
		sum := sha256.Sum256(msg)
		return "msg-" + hex.EncodeToString(sum[:12]) + ".eml"
	}
	id = strings.Trim(id, "<>")
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(".-_@+", r):
			return r
		}
		return '_'
	}, id)
	if len(clean) > 200 || strings.HasPrefix(clean, ".") {
		sum := sha256.Sum256([]byte(id))
		clean = "id-" + hex.EncodeToString(sum[:12])
	}
	return clean + ".eml"
}

// messageID reads the Message-ID header of a message.
func messageID(msg []byte) string {
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(msg)))
	h, err := r.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return ""
	}
	return strings.TrimSpace(h.Get("Message-Id"))
}
