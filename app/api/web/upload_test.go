package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"roadshow/app"
)

// multipartUpload builds the imports form with a CSV file of about size
// bytes.
func multipartUpload(t *testing.T, csrf string, size int) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf", csrf)
	_ = mw.WriteField("kind", "enterprises")
	_ = mw.WriteField("dry_run", "on")
	fw, err := mw.CreateFormFile("file", "企业.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(fw, "name,credit_code\n"+strings.Repeat("企业,91320500000000001W\n", size/30))
	_ = mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// postRaw sends a body with the browser's cookies.
func (b *browser) postRaw(path, contentType string, body []byte) page {
	b.k.t.Helper()
	req, _ := http.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "text/html")
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := b.k.srv.App.Test(req, -1)
	if err != nil {
		b.k.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{Status: resp.StatusCode, Body: string(raw)}
}

// TestConsole_UploadLimit: the spreadsheet form takes more than the JSON
// limit from a signed-in browser only; other forms take at most the JSON
// limit.
func TestConsole_UploadLimit(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		admin := k.browser()
		csrf := admin.signIn(k.token(app.Token{Role: app.RoleAdmin}))
		ct, body := multipartUpload(t, csrf, 3<<20/2)
		if p := admin.postRaw("/console/imports", ct, body); p.Status != 422 || !strings.Contains(p.Body, "发展阶段") {
			t.Errorf("signed-in upload of %d bytes: %d %.300s", len(body), p.Status, p.Body)
		}
		if p := admin.postRaw("/console/profile", ct, body); p.Status != 413 {
			t.Errorf("another form with %d bytes: %d %.300s", len(body), p.Status, p.Body)
		}
		anon := k.browser()
		pre := csrfOf(t, anon.get("/signin"))
		ct, body = multipartUpload(t, pre, 3<<20/2)
		if p := anon.postRaw("/console/imports", ct, body); p.Status != 401 {
			t.Errorf("anonymous upload of %d bytes: %d %.300s", len(body), p.Status, p.Body)
		}
		anon.cookies["rs_session"] = "forged"
		if p := anon.postRaw("/console/imports", ct, body); p.Status != 401 {
			t.Errorf("upload with a forged session: %d %.300s", p.Status, p.Body)
		}
	})
}
