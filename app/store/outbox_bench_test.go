package store_test

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"roadshow/app/store/storetest"
	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
	"roadshow/notifications/smtptest"
)

// inviteBody renders one real invite (about 9 KB with its attachment).
func inviteBody(b *testing.B) []byte {
	tmpl, err := notifications.LoadTemplates("")
	if err != nil {
		b.Fatal(err)
	}
	c, err := notifications.NewComposer(notifications.Address{Name: "火炬中心", Email: "roadshow@torch.example.cn"}, tmpl)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2025, 5, 20, 6, 0, 0, 0, time.UTC)
	out, err := c.Compose(notifications.Notice{Kind: notifications.KindInvite, MessageID: "<outbox-1@roadshow.example.cn>",
		To: notifications.Recipient{Name: "李娜", Email: "li.na@enterprise.example.cn", TimeZone: "Asia/Shanghai"}, Date: start.Add(-time.Hour),
		Appointment: notifications.Appointment{UID: "8f14e45f@roadshow.example.cn", Kind: notifications.AppointmentMeeting,
			EventTitle: "2025 杭州高新区银企对接会", Counterpart: notifications.Party{Organization: "交通银行杭州分行", Person: "张伟"},
			Start: start, End: start.Add(30 * time.Minute), TimeZone: "Asia/Shanghai", Venue: "杭州国际博览中心 A 馆", Table: "12 号桌"}})
	if err != nil {
		b.Fatal(err)
	}
	return out.Message
}

// heapPeak samples the heap in use until stop is called and returns the
// largest value seen, in MiB.
func heapPeak() (stop func() float64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak.Load()) / (1 << 20)
	}
}

// BenchmarkOutboxDispatch_10k drains 10,000 queued invites from the real
// outbox table (SQLite, and MariaDB with ROADSHOW_TEST_MYSQL_DSN) through
// the Dispatcher (batches of 100, 4 workers) and a pooled SMTPMailer (4
// connections) into the in-process SMTP sink. Target: at most 20 s per op
// with the heap bounded by a batch, not by the queue. Compare msgs/s with
// notifications' BenchmarkRawSMTP_10k, the sink's ceiling.
func BenchmarkOutboxDispatch_10k(b *testing.B) {
	body := inviteBody(b)
	const n = 10_000
	for _, dialect := range []string{"sqlite", "mysql"} {
		b.Run(dialect, func(b *testing.B) {
			srv := smtptest.NewServer(b, smtptest.Config{Discard: true})
			m, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: srv.URL(), PoolSize: 4})
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			var peak float64
			for b.Loop() {
				b.StopTimer()
				s := storetest.MustOpen(b, dialect)
				queueRows(b, s, n, func(int, string) []byte { return body })
				d, err := notifications.NewDispatcher(s.Outbox(), m, notifications.DispatcherConfig{
					From: "bounce@roadshow.example.cn", BatchSize: 100, Workers: 4, Lease: 20 * time.Minute, SendTimeout: 10 * time.Second})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				stop := heapPeak()
				b.StartTimer()
				st, err := d.Drain(context.Background(), dispatchtest.T0())
				b.StopTimer()
				peak = max(peak, stop())
				if err != nil || st.Sent != n {
					b.Fatalf("drain: %+v %v", st, err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "msgs/s")
			b.ReportMetric(peak, "MiB-heap-peak")
			b.ReportMetric(float64(srv.Sessions()), "smtp-sessions")
		})
	}
}
