package notifications_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
)

// Example shows the wiring: render a Notice into an outbox row's bytes in
// the transaction that changes the meeting, and let a Dispatcher send due
// rows later through a Mailer.
func Example() {
	tmpl, err := notifications.LoadTemplates("") // "" = the embedded templates
	if err != nil {
		log.Fatal(err)
	}
	composer, err := notifications.NewComposer(notifications.Address{Name: "火炬中心", Email: "roadshow@torch.example.cn"}, tmpl)
	if err != nil {
		log.Fatal(err)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	out, err := composer.Compose(notifications.Notice{
		Kind:      notifications.KindInvite,
		To:        notifications.Recipient{Name: "李娜", Email: "li.na@enterprise.example.cn", TimeZone: "Asia/Shanghai"},
		MessageID: "<outbox-1@roadshow.example.cn>", // one per outbox row, reused on retries
		Date:      time.Date(2025, 5, 1, 9, 0, 0, 0, sh),
		Appointment: notifications.Appointment{
			UID: "8f14e45f@roadshow.example.cn", Sequence: 0, Kind: notifications.AppointmentMeeting,
			EventTitle: "2025 杭州高新区银企对接会", Counterpart: notifications.Party{Organization: "交通银行杭州分行", Person: "张伟"},
			Start: time.Date(2025, 5, 20, 14, 0, 0, 0, sh), End: time.Date(2025, 5, 20, 14, 30, 0, 0, sh),
			TimeZone: "Asia/Shanghai", Venue: "杭州国际博览中心 A 馆", Table: "12 号桌",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Keep out.Kind, out.Recipient, out.MessageID and out.Message in the
	// outbox row (here an in-memory store); the cron job then sends due rows.
	store := newMemStore()
	store.Insert(context.Background(), dispatchtest.Row{Kind: out.Kind, Recipient: out.Recipient,
		MessageID: out.MessageID, Body: out.Message, DueAt: time.Date(2025, 5, 1, 1, 0, 0, 0, time.UTC)})
	dir, _ := os.MkdirTemp("", "outbox")
	defer os.RemoveAll(dir)
	mailer, _ := notifications.NewFileMailer(dir) // or NewSMTPMailer(SMTPConfig{URL: "smtps://…"})
	d, err := notifications.NewDispatcher(store, mailer, notifications.DispatcherConfig{From: "bounce@torch.example.cn"})
	if err != nil {
		log.Fatal(err)
	}
	st, err := d.Drain(context.Background(), time.Date(2025, 5, 1, 1, 0, 1, 0, time.UTC))
	fmt.Println(out.Subject)
	fmt.Printf("sent %d, error %v, file %s\n", st.Sent, err, notifications.EMLName(out.Message))
	// Output:
	// 会议邀请：与 交通银行杭州分行 · 张伟 的 1:1 会谈 | Invitation: 1:1 meeting with 交通银行杭州分行 · 张伟
	// sent 1, error <nil>, file outbox-1@roadshow.example.cn.eml
}
