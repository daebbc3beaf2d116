package api_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawPost sends a POST over a real connection announcing length bytes of
// body (or a chunked body when length < 0) but sending only sent bytes of
// it, then reads the answer. A server that answers has decided without
// reading the body; one that waits for the rest fails the test (the
// deadline only bounds a hang).
func rawPost(t *testing.T, base, path, auth, contentType string, length, sent int) response {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var head strings.Builder
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: %s\r\n", path, contentType)
	if auth != "" {
		fmt.Fprintf(&head, "Authorization: Bearer %s\r\n", auth)
	}
	if length >= 0 {
		fmt.Fprintf(&head, "Content-Length: %d\r\n\r\n", length)
	} else {
		head.WriteString("Transfer-Encoding: chunked\r\n\r\n")
	}
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(conn, head.String()); err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("x"), 16<<10)
	for n := 0; n < sent; n += len(chunk) {
		var err error
		if length >= 0 {
			_, err = conn.Write(chunk)
		} else {
			_, err = fmt.Fprintf(conn, "%x\r\n%s\r\n", len(chunk), chunk)
		}
		if err != nil {
			break // the server may close once it has answered
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("POST %s: no answer before the body was complete: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// TestBodyLimit: JSON routes take at most the JSON limit, refused before
// the body is read and before authentication; only the import route takes
// the large limit, and only from an authenticated caller.
func TestBodyLimit(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		base := h.listen() // JSONLimit 64 KiB, BodyLimit 1 MiB
		for _, c := range []struct {
			name               string
			path, auth         string
			length, sent, want int
		}{
			{"JSON route, anonymous, over the JSON limit", "/api/v1/events", "", 512 << 10, 32 << 10, 413},
			{"JSON route, authenticated, over the JSON limit", "/api/v1/events", h.org, 512 << 10, 32 << 10, 413},
			{"JSON route, over the upload limit", "/api/v1/events", "", 30 << 20, 32 << 10, 413},
			{"JSON route, chunked past the JSON limit", "/api/v1/events", "", -1, 256 << 10, 413},
			{"import, anonymous", "/api/v1/imports/enterprises", "", 900 << 10, 32 << 10, 401},
			{"import, bad token", "/api/v1/imports/enterprises", "not-a-token", 900 << 10, 32 << 10, 401},
			{"import, over the upload limit", "/api/v1/imports/enterprises", h.admin, 30 << 20, 32 << 10, 413},
			{"import, chunked past the upload limit", "/api/v1/imports/enterprises", h.admin, -1, 2 << 20, 413},
		} {
			r := rawPost(t, base, c.path, c.auth, "application/json", c.length, c.sent)
			if r.Status != c.want || errorShape(r) != "" {
				t.Errorf("%s: %d %s, want %d with the error shape", c.name, r.Status, r.Body, c.want)
			}
			if c.want == 413 && r.ErrorCode() != "payload_too_large" {
				t.Errorf("%s: code %q, want payload_too_large", c.name, r.ErrorCode())
			}
		}
		if r := h.do("POST", "/api/v1/events", h.org, `{"title":"`+strings.Repeat("x", 100<<10)+`"}`); r.Status != 413 {
			t.Errorf("a whole body over the JSON limit: %d %s", r.Status, r.Body)
		}
		if r := h.do("POST", "/api/v1/events", h.org, `{}`, "Content-Encoding", "gzip"); r.Status != 400 || errorShape(r) != "" {
			t.Errorf("a compressed body: %d %s, want 400", r.Status, r.Body)
		}
		// An authenticated import inside the upload limit is read whole.
		csv := "name,credit_code\n" + strings.Repeat("企业,91320500000000001W\n", 200<<10/30)
		r := h.do("POST", "/api/v1/imports/enterprises?dry_run=true", h.admin, csv, "Content-Type", "text/csv")
		if r.Status != 422 || r.JSON()["kind"] != "enterprises" {
			t.Errorf("an import of %d bytes: %d %.300s", len(csv), r.Status, r.Body)
		}
	})
}
