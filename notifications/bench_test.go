package notifications_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"roadshow/notifications"
	"roadshow/notifications/dispatchtest"
	"roadshow/notifications/smtptest"
)

const batch10k = 10_000

// BenchmarkBuildInvite builds 10,000 invites per op. "Compose" is the
// whole path an outbox row takes (templates, iCalendar, Validate, MIME);
// "ICSAndMIME" is BuildRequest plus BuildMessage with the texts given.
// Target: 10,000 in at most 1 s.
func BenchmarkBuildInvite(b *testing.B) {
	b.Run("Compose", func(b *testing.B) {
		c := newComposer(b, "")
		n := sampleNotice(b, notifications.KindInvite, 0)
		b.ReportAllocs()
		for b.Loop() {
			for i := range batch10k {
				n.MessageID = fmt.Sprintf("<outbox-%d@roadshow.example.cn>", i)
				n.Appointment.Sequence = i % 5
				if _, err := c.Compose(n); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch10k), "ns/invite")
	})
	b.Run("ICSAndMIME", func(b *testing.B) {
		ev := sampleEvent(b)
		b.ReportAllocs()
		for b.Loop() {
			for i := range batch10k {
				ev.Sequence = i % 5
				ics, err := notifications.BuildRequest(ev)
				if err != nil {
					b.Fatal(err)
				}
				m := notifications.Message{From: ev.Organizer, To: ev.Attendee, Subject: ev.Summary,
					Date: ev.Stamp, MessageID: fmt.Sprintf("<outbox-%d@roadshow.example.cn>", i),
					Text: ev.Description, HTML: ev.Description, Calendar: ics, Method: notifications.MethodRequest}
				if _, err := notifications.BuildMessage(m); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch10k), "ns/invite")
	})
}

// inviteBytes is one real invite, shared by all benchmark rows.
func inviteBytes(b *testing.B) []byte {
	out, err := newComposer(b, "").Compose(sampleNotice(b, notifications.KindInvite, 0))
	if err != nil {
		b.Fatal(err)
	}
	return out.Message
}

// BenchmarkDispatch_10k sends 10,000 queued rows through the Dispatcher
// (4 workers) and a pooled SMTPMailer (4 connections) to the in-process
// SMTP sink. Target: at most 20 s per op; the pool keeps the sink's
// session count at 4.
func BenchmarkDispatch_10k(b *testing.B) {
	body := inviteBytes(b)
	srv := smtptest.NewServer(b, smtptest.Config{Discard: true})
	m, err := notifications.NewSMTPMailer(notifications.SMTPConfig{URL: srv.URL(), PoolSize: 4})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		store := newMemStore()
		for i := range batch10k {
			to := fmt.Sprintf("user%d@enterprise.example.cn", i)
			store.Insert(context.Background(), dispatchtest.Row{Kind: notifications.KindInvite, Recipient: to,
				MessageID: fmt.Sprintf("<outbox-%d@roadshow.example.cn>", i), Body: body, DueAt: dispatchtest.T0()})
		}
		d, err := notifications.NewDispatcher(store, m, notifications.DispatcherConfig{
			From: "bounce@roadshow.example.cn", BatchSize: 64, Workers: 4, Lease: 20 * time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := d.Drain(context.Background(), dispatchtest.T0())
		if err != nil || st.Sent != batch10k {
			b.Fatalf("drain: %+v %v", st, err)
		}
	}
	b.ReportMetric(float64(b.N*batch10k)/b.Elapsed().Seconds(), "msgs/s")
	b.ReportMetric(float64(srv.Sessions()), "smtp-sessions")
}

// BenchmarkRawSMTP_10k is the sink's ceiling: go-smtp clients on long-lived
// connections send the same 10,000 messages with no store, no pool and no
// RSET between them.
func BenchmarkRawSMTP_10k(b *testing.B) {
	body := inviteBytes(b)
	for _, conns := range []int{1, 4} {
		b.Run(fmt.Sprintf("conns=%d", conns), func(b *testing.B) {
			srv := smtptest.NewServer(b, smtptest.Config{Discard: true})
			clients := make([]*smtp.Client, conns)
			for i := range clients {
				c, err := smtp.Dial(srv.Addr())
				if err != nil {
					b.Fatal(err)
				}
				defer c.Close()
				clients[i] = c
			}
			for b.Loop() {
				var wg sync.WaitGroup
				for k, c := range clients {
					wg.Go(func() {
						for i := k; i < batch10k; i += conns {
							if err := c.SendMail("bounce@roadshow.example.cn", []string{fmt.Sprintf("user%d@e.cn", i)}, bytesReader(body)); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
			}
			b.ReportMetric(float64(b.N*batch10k)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
