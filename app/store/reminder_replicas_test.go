package store_test

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/mail"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/notifications"
	"roadshow/notifications/smtptest"
)

// newMailSink is an SMTP server in the test process and a dispatcher that
// drains s into it.
func newMailSink(t *testing.T, s *store.Store) (*smtptest.Server, *notifications.Dispatcher) {
	t.Helper()
	srv := smtptest.NewServer(t, smtptest.Config{})
	return srv, newDispatcher(t, s, smtpMailer(t, srv), "sink")
}

// openReplicas opens two stores on one fresh, migrated and seeded
// database: two `roadshow serve` replicas, each with its own pool.
func openReplicas(t *testing.T, dialect string) [2]*store.Store {
	t.Helper()
	var driver, dsn string
	switch dialect {
	case "sqlite":
		driver, dsn = "sqlite", filepath.Join(t.TempDir(), "replicas.db")
	case "mysql":
		driver, dsn = "mysql", storetest.NewMySQLDatabase(t)
	}
	var rs [2]*store.Store
	for i := range rs {
		s, err := store.Open(driver, dsn, store.Options{MaxOpenConns: 8})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		rs[i] = s
	}
	if _, err := rs[0].Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := rs[0].Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rs
}

// runJobs runs both jobs twice on both replicas at once, as their cron
// ticks would, and returns how many rows each replica queued.
func runJobs(t *testing.T, rs [2]*store.Store, at time.Time) [2]int64 {
	t.Helper()
	var queued [2]int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for k, s := range rs {
		for range 2 {
			for _, job := range []func(context.Context, time.Time) (int64, error){s.QueueCampaignReminders, s.QueueFollowUps} {
				wg.Go(func() {
					<-start
					n, err := job(context.Background(), at)
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					queued[k] += n
					mu.Unlock()
				})
			}
		}
	}
	close(start)
	wg.Wait()
	return queued
}

// drainBoth drains the outbox with one dispatcher per replica at once, each
// with its own SMTP connections, until neither claims anything.
func drainBoth(t *testing.T, rs [2]*store.Store, srv *smtptest.Server, at time.Time) {
	t.Helper()
	var wg sync.WaitGroup
	for k, s := range rs {
		d := newDispatcher(t, s, smtpMailer(t, srv), fmt.Sprintf("replica-%d", k))
		wg.Go(func() {
			for {
				st, err := d.Drain(context.Background(), at)
				if err != nil {
					t.Error(err)
					return
				}
				if st.Claimed == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestReminders_TwoReplicasOnce: two replicas on one database each run the
// campaign reminder and follow-up jobs (twice, at the same moments) and
// each drains the outbox with its own dispatcher; over the campaign's
// weeks and a meeting's 30 and 90 days, every reminder and follow-up
// reaches the SMTP server exactly once.
func TestReminders_TwoReplicasOnce(t *testing.T) {
	for _, dialect := range []string{"sqlite", "mysql"} {
		t.Run(dialect, func(t *testing.T) {
			rs := openReplicas(t, dialect)
			rc := newReminderCampaign(t, rs[0])
			rs[1].Now = rc.clock.Now
			f := newFollowUpFixture(t, rs[0], local(time.March, 4, 9, 0), 3)
			_, last := f.endsRange()
			srv := smtptest.NewServer(t, smtptest.Config{})
			ticks := []time.Time{local(time.March, 7, 9, 30), local(time.March, 15, 10, 0), local(time.March, 16, 10, 0),
				local(time.March, 17, 9, 5), last.Add(30 * 24 * time.Hour), local(time.June, 2, 9, 5), last.Add(90 * 24 * time.Hour)}
			var queued [2]int64
			kinds := map[string]int{}
			for _, at := range ticks {
				rc.clock.set(at)
				q := runJobs(t, rs, at)
				queued[0], queued[1] = queued[0]+q[0], queued[1]+q[1]
				before := len(srv.Messages())
				drainBoth(t, rs, srv, at)
				once(t, srv.Messages()[before:])
			}
			sent := 0
			for _, n := range allNotifications(t, rs[0]) {
				kinds[n.Kind]++
				if n.Status == app.NotificationSent {
					sent++
				} else if n.Kind == app.NotifyCampaignReminder || n.Kind == app.NotifyFollowUp {
					t.Fatalf("row %d (%s) is %s", n.ID, n.Kind, n.Status)
				}
			}
			if kinds[app.NotifyCampaignReminder] == 0 || kinds[app.NotifyFollowUp] != 2*3*3 ||
				int64(kinds[app.NotifyCampaignReminder]+kinds[app.NotifyFollowUp]) != queued[0]+queued[1] {
				t.Fatalf("rows by kind %v; the replicas queued %v", kinds, queued)
			}
			copies := map[string]int{}
			for _, m := range srv.Messages() {
				msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
				if err != nil {
					t.Fatal(err)
				}
				copies[msg.Header.Get("Message-Id")]++
			}
			if len(copies) != sent || len(srv.Messages()) != sent {
				t.Fatalf("%d messages with %d Message-IDs for %d rows sent", len(srv.Messages()), len(copies), sent)
			}
		})
	}
}

// once fails when two messages of one drain have the same recipient and
// subject: one reminder per zone and reason, one follow-up per meeting and
// contact.
func once(t *testing.T, msgs []smtptest.Message) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range msgs {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			t.Fatal(err)
		}
		if k := m.To[0] + " " + subject; seen[k] {
			t.Fatalf("sent twice: %s", k)
		} else {
			seen[k] = true
		}
	}
}

// allNotifications lists every outbox row.
func allNotifications(t *testing.T, s *store.Store) []*app.Notification {
	t.Helper()
	var out []*app.Notification
	page := app.Page{Limit: app.MaxLimit}
	for {
		list, err := s.FindNotifications(admin(), app.NotificationFilter{Page: page})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, list.Items...)
		if list.NextCursor == "" {
			return out
		}
		if page, err = app.NewPage(app.MaxLimit, list.NextCursor); err != nil {
			t.Fatal(err)
		}
	}
}
