package notifications_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"roadshow/notifications"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// organizer is the configured mailbox of the fixtures.
func organizer() notifications.Address {
	return notifications.Address{Name: "火炬中心 路演平台", Email: "roadshow@torch.example.cn"}
}

// sampleEvent is a 1:1 meeting in Hangzhou, 14:00 Beijing time.
func sampleEvent(tb testing.TB) notifications.CalEvent {
	sh := mustZone(tb, "Asia/Shanghai")
	return notifications.CalEvent{
		UID:         "8f14e45fceea167a5a36dedd4bea2543@roadshow.example.cn",
		Sequence:    0,
		Summary:     "1:1 会谈 Meeting · 交通银行杭州分行 · 张伟",
		Description: "与 交通银行杭州分行 · 张伟 的 1:1 会谈\n时间：2025-05-20 14:00–14:30（北京时间 UTC+8）",
		Location:    "杭州国际博览中心 A 馆 · 12 号桌",
		Start:       time.Date(2025, 5, 20, 14, 0, 0, 0, sh),
		End:         time.Date(2025, 5, 20, 14, 30, 0, 0, sh),
		TimeZone:    "Asia/Shanghai",
		Organizer:   organizer(),
		Attendee:    notifications.Address{Name: "李娜", Email: "li.na@enterprise.example.cn"},
		URL:         "https://roadshow.example.cn/meetings/42",
		Stamp:       time.Date(2025, 5, 1, 1, 2, 3, 0, time.UTC),
	}
}

// sampleAppointment is the same meeting as the Composer sees it.
func sampleAppointment(tb testing.TB) notifications.Appointment {
	ev := sampleEvent(tb)
	return notifications.Appointment{
		UID: ev.UID, Sequence: 0, Kind: notifications.AppointmentMeeting,
		EventTitle:  "2025 杭州高新区银企对接会",
		Counterpart: notifications.Party{Organization: "交通银行杭州分行", Person: "张伟"},
		Start:       ev.Start, End: ev.End, TimeZone: "Asia/Shanghai",
		Venue: "杭州国际博览中心 A 馆", Table: "12 号桌", URL: ev.URL, Stamp: ev.Stamp,
	}
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run with -update after checking the change):\n%s", name, got)
	}
}
