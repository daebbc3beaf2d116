package store_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
)

// testClock is a settable store clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// reminderCampaign is a campaign of 2031 (contacts due Friday 14 March,
// last day 30 June) and one bank branch's zones: zone A has its contact
// receipt (on time) and a landed deal; the branch has its contact receipt;
// the branch's other zones have none. Zones of other branches have no
// receipt and no branch contact.
type reminderCampaign struct {
	camp     *app.Campaign
	zoneA    *app.Zone
	others   []*app.Zone // the branch's other zones, by id
	clock    *testClock
	branchTo string
	zoneATo  string
}

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// local is a time in Beijing on a day of 2031.
func local(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2031, month, day, hour, minute, 0, 0, shanghai)
}

func newReminderCampaign(t *testing.T, s *store.Store) *reminderCampaign {
	t.Helper()
	rc := &reminderCampaign{clock: &testClock{t: local(time.March, 1, 10, 0)}, branchTo: "zhou.jie@bankcomm.example.cn",
		zoneATo: "chen.li@zone.example.cn"}
	s.Now = rc.clock.Now
	rc.camp = &app.Campaign{Name: "2031 火炬赋能测试专项行动", StartsOn: "2031-03-03", ContactsDue: "2031-03-14", EndsOn: "2031-06-30"}
	if err := s.CreateCampaign(admin(), rc.camp); err != nil {
		t.Fatal(err)
	}
	rc.zoneA = firstZone(t, s)
	zones, err := s.FindZones(admin(), app.ZoneFilter{BranchID: *rc.zoneA.BranchID, Page: app.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range zones.Items {
		if z.ID != rc.zoneA.ID {
			rc.others = append(rc.others, z)
		}
	}
	if len(rc.others) < 2 {
		t.Fatalf("the branch of %s covers %d other zones; the test needs 2", rc.zoneA.NameZH, len(rc.others))
	}
	rc.putContact(t, s, &app.OrgContact{ZoneID: &rc.zoneA.ID, Name: "陈立", Email: rc.zoneATo})
	rc.putContact(t, s, &app.OrgContact{BranchID: rc.zoneA.BranchID, Name: "周杰", Email: rc.branchTo})
	ent := newEnterprise(rc.zoneA.ID, 77)
	if _, err := s.CreateEnterprise(context.Background(), ent); err != nil {
		t.Fatal(err)
	}
	inv := &app.Investor{Name: "交通银行测试分行", Kind: "bank", Instruments: []string{"loan"},
		Contacts: []app.Contact{{Name: "李强", Email: "liqiang@bank.example.cn", Phone: "13900000001"}}}
	if _, err := s.CreateInvestor(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	deal := &app.Deal{EnterpriseID: ent.ID, InvestorID: inv.ID, Instrument: "loan", AmountCNY: 8_000_000,
		Status: app.DealApproved, Date: "2031-03-05"}
	if err := s.CreateDeal(admin(), deal); err != nil {
		t.Fatal(err)
	}
	return rc
}

func (rc *reminderCampaign) putContact(t *testing.T, s *store.Store, c *app.OrgContact) {
	t.Helper()
	c.CampaignID, c.Phone = rc.camp.ID, "13800138000"
	if err := s.PutContact(admin(), c); err != nil {
		t.Fatal(err)
	}
}

// campaignReminders returns the campaign reminders queued after id after,
// as "recipient|subject" lines, and the largest id.
func campaignReminders(t *testing.T, s *store.Store, after int64) ([]string, int64) {
	t.Helper()
	list, err := s.FindNotifications(admin(), app.NotificationFilter{Kind: app.NotifyCampaignReminder, Page: app.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	last := after
	for _, n := range list.Items {
		if n.ID > after {
			out = append(out, n.Recipient+"|"+n.Subject)
			last = max(last, n.ID)
		}
	}
	sort.Strings(out)
	return out, last
}

// expect describes reminders about zones to one recipient with the number
// of items each names.
func expect(to string, zones []*app.Zone, items int) []string {
	var out []string
	for _, z := range zones {
		out = append(out, to+"|火炬赋能专项行动："+z.NameZH+"尚有 "+strconv.Itoa(items)+" 项待完成")
	}
	return out
}

// TestStore_QueueCampaignReminders moves a clock through the 2031 campaign:
// the zones without a contact receipt are reminded once in the week
// before its due date (through their branch's contact), then weekly while
// at risk, never twice in one ISO week; a zone that sends its receipt late
// stops being reminded through the branch; in the last 30 days every zone
// still missing an event is reminded, zone A through its own contact with
// the items it misses; nothing before 09:00, before the window or after the
// campaign.
func TestStore_QueueCampaignReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		rc := newReminderCampaign(t, s)
		var seen int64
		step := func(at time.Time, want []string) {
			t.Helper()
			rc.clock.set(at)
			n, err := s.QueueCampaignReminders(context.Background(), at)
			if err != nil {
				t.Fatalf("at %v: %v", at, err)
			}
			var got []string
			got, seen = campaignReminders(t, s, seen)
			sort.Strings(want)
			for i := range got {
				got[i], _, _ = strings.Cut(got[i], " | ") // the Chinese half of the subject
			}
			if n != int64(len(got)) || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("at %v: queued %d:\n%s\nwant:\n%s", at, n, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
		others, c := rc.others, rc.others[0]
		step(local(time.March, 6, 10, 0), nil)                             // 8 days before the due date
		step(local(time.March, 7, 8, 30), nil)                             // before 09:00
		step(local(time.March, 7, 9, 30), expect(rc.branchTo, others, 1))  // the contact receipt, through the branch
		step(local(time.March, 13, 10, 0), nil)                            // once per campaign
		step(local(time.March, 14, 10, 0), nil)                            // due today: not overdue yet
		step(local(time.March, 15, 10, 0), expect(rc.branchTo, others, 6)) // overdue: at risk, all six items
		step(local(time.March, 16, 22, 0), nil)                            // Sunday: the same ISO week
		step(local(time.March, 17, 9, 5), expect(rc.branchTo, others, 6))  // Monday: a new week
		rc.putContact(t, s, &app.OrgContact{ZoneID: &c.ID, Name: "吴芳", Email: "wu.fang@zone.example.cn"})
		step(local(time.March, 24, 9, 5), expect(rc.branchTo, others[1:], 6)) // c sent its receipt, late
		step(local(time.March, 25, 9, 5), nil)
		// 29 days left: zone A misses its events and an experience; c its
		// events, deals and experience; the rest everything.
		want := append(expect(rc.zoneATo, []*app.Zone{rc.zoneA}, 4), expect("wu.fang@zone.example.cn", []*app.Zone{c}, 5)...)
		step(local(time.June, 1, 9, 5), append(want, expect(rc.branchTo, others[1:], 6)...))
		step(local(time.June, 30, 23, 0), append(want, expect(rc.branchTo, others[1:], 6)...)) // week 27
		step(local(time.July, 1, 9, 5), nil)                                                   // the campaign is over
		step(local(time.July, 7, 9, 5), nil)
	})
}

// TestStore_CampaignReminderContent: the reminder names the zone, the
// items it misses in both languages (and not the ones it has), the
// deadline, and links to the console's campaign page; it expires at the end
// of its week.
func TestStore_CampaignReminderContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		rc := newReminderCampaign(t, s)
		at := local(time.June, 4, 9, 30) // Wednesday of ISO week 23
		rc.clock.set(at)
		if _, err := s.QueueCampaignReminders(context.Background(), at); err != nil {
			t.Fatal(err)
		}
		list, err := s.FindNotifications(admin(), app.NotificationFilter{Kind: app.NotifyCampaignReminder, Page: app.Page{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range list.Items {
			if n.NotAfter == nil || !n.NotAfter.Equal(local(time.June, 9, 0, 0)) || n.EventID != nil {
				t.Fatalf("expiry %v, event %v; want the next Monday 00:00 Beijing time and no event", n.NotAfter, n.EventID)
			}
		}
		srv, d := newMailSink(t, s)
		if _, err := d.Drain(context.Background(), at); err != nil {
			t.Fatal(err)
		}
		var text string
		for _, m := range srv.Messages() {
			if m.To[0] == rc.zoneATo {
				text = mailText(t, m.Data)
			}
		}
		for _, want := range []string{rc.zoneA.NameZH, "主任-行长面对面活动", "银企对接会", "融资路演", "可复制推广的经验",
			"a replicable experience", "2031-06-30", "http://127.0.0.1:8080/console/campaign"} {
			if !strings.Contains(text, want) {
				t.Fatalf("zone A's reminder lacks %q:\n%s", want, text)
			}
		}
		for _, not := range []string{"融资落地案例", "联络人回执", "experiences"} {
			if strings.Contains(text, not) {
				t.Fatalf("zone A's reminder names %q, which it has:\n%s", not, text)
			}
		}
	})
}
