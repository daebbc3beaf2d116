package notifications_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
)

func TestFileMailer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	m, err := notifications.NewFileMailer(dir)
	if err != nil {
		t.Fatal(err)
	}
	msg := dispatchtest.Message(123, "li.na@enterprise.example.cn")
	for range 2 { // a retry rewrites the same file
		if err := m.Send(context.Background(), "b@x.cn", []string{"li.na@enterprise.example.cn"}, msg); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "outbox-123@roadshow.example.eml" {
		t.Fatalf("files %v, want exactly outbox-123@roadshow.example.eml", entries)
	}
	got, _ := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if !bytes.Equal(got, msg) {
		t.Fatal("the file is not the message")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.Send(ctx, "b@x.cn", []string{"a@b.cn"}, msg); err == nil || notifications.IsPermanent(err) {
		t.Fatalf("cancelled send: %v, want a temporary error", err)
	}
}

func TestEMLName(t *testing.T) {
	cases := []struct{ msg, want string }{
		{"Message-ID: <outbox-1@roadshow.example.cn>\r\n\r\nx", "outbox-1@roadshow.example.cn.eml"},
		{"Subject: x\r\nMessage-Id: <a/../../b c@x>\r\n\r\nx", "a_.._.._b_c@x.eml"},
		{"Message-ID: <.hidden@x>\r\n\r\n", "id-"},
		{"Subject: none\r\n\r\nbody", "msg-"},
	}
	for _, c := range cases {
		got := notifications.EMLName([]byte(c.msg))
		if got != c.want && !(len(c.want) < 5 && len(got) > len(c.want) && got[:len(c.want)] == c.want) {
			t.Errorf("EMLName(%q) = %q, want %q…", c.msg, got, c.want)
		}
		if filepath.Base(got) != got {
			t.Errorf("EMLName(%q) = %q escapes the directory", c.msg, got)
		}
	}
}
