package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
)

// MessageText returns the decoded text of every part of a raw MIME
// message (base64 and quoted-printable undone), concatenated, for tests
// that look for a link or a phrase in a captured mail.
func MessageText(raw []byte) (string, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return "", fmt.Errorf("smtptest: read message: %w", err)
	}
	var b strings.Builder
	collectParts(textproto.MIMEHeader(msg.Header), msg.Body, &b)
	return b.String(), nil
}

func collectParts(h textproto.MIMEHeader, body io.Reader, out *strings.Builder) {
	mediaType, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			collectParts(p.Header, p, out)
		}
	}
	var r io.Reader = body
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	}
	b, _ := io.ReadAll(r)
	out.Write(b)
}
