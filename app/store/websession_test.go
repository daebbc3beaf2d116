package store_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"roadshow/app"
	"roadshow/app/store"
	"roadshow/app/store/storetest"
	"roadshow/notifications/smtptest"
)

// clock is a settable store clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func withClock(s *store.Store) *clock {
	c := &clock{t: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}
	s.Now = c.now
	return c
}

func TestWebSessionService_Expiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := withClock(s)
		p := &app.Principal{Role: app.RoleAdmin}
		secret, ws, err := s.CreateWebSession(ctx, p)
		if err != nil || ws.CSRF == "" || secret == "" {
			t.Fatalf("create: %v %+v", err, ws)
		}
		// Used every 11 hours, the session slides past its first idle
		// expiry but not past the seven-day maximum.
		for i := 0; i < 15; i++ {
			clk.add(11 * time.Hour)
			got, err := s.FindWebSession(ctx, secret)
			if err != nil {
				t.Fatalf("after %d×11h: %v", i+1, err)
			}
			if got.Principal.Role != app.RoleAdmin || got.CSRF != ws.CSRF {
				t.Fatalf("session changed: %+v", got)
			}
		}
		clk.add(11 * time.Hour) // 176 h > 168 h
		if _, err := s.FindWebSession(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
			t.Fatalf("past the maximum: %v, want unauthorized", err)
		}
		secret, _, _ = s.CreateWebSession(ctx, p)
		clk.add(app.WebSessionIdle)
		if _, err := s.FindWebSession(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
			t.Fatalf("idle 12h: %v, want unauthorized", err)
		}
		secret, _, _ = s.CreateWebSession(ctx, p)
		if err := s.DeleteWebSession(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindWebSession(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
			t.Fatalf("after delete: %v", err)
		}
	})
}

func TestWebSessionService_RevokedToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		z := firstZone(t, s)
		tok := app.Token{Role: app.RoleOrganizer, ZoneID: &z.ID}
		secret, err := s.CreateToken(admin(), &tok)
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Authenticate(ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		cookie, _, err := s.CreateWebSession(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.FindWebSession(ctx, cookie); err != nil || got.Principal.ZoneID != z.ID || got.Principal.TokenID != tok.ID {
			t.Fatalf("before revocation: %+v %v", got, err)
		}
		if err := s.RevokeToken(admin(), tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindWebSession(ctx, cookie); app.ErrorCode(err) != app.EUNAUTHORIZED {
			t.Fatalf("after revocation: %v, want unauthorized", err)
		}
	})
}

var linkPattern = regexp.MustCompile(`https://console\.example/signin/link\?t=([A-Za-z0-9_-]+)`)

func TestWebSessionService_SignInLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := withClock(s)
		e := newEnterprise(firstZone(t, s).ID, 7)
		e.Contact.Email = "Zhao.Lei@Example.cn"
		if _, err := s.CreateEnterprise(admin(), e); err != nil {
			t.Fatal(err)
		}
		inv := &app.Investor{Name: "测试资本", Kind: "vc", Contacts: []app.Contact{{Name: "李强", Email: "liqiang@example.cn"},
			{Name: "赵磊", Email: "zhao.lei@example.cn"}}}
		if _, err := s.CreateInvestor(admin(), inv); err != nil {
			t.Fatal(err)
		}
		req := app.SignInRequest{Email: "zhao.lei@EXAMPLE.cn", LinkPrefix: "https://console.example/signin/link?t="}
		n, err := s.RequestSignInLinks(ctx, req)
		if err != nil || n != 2 {
			t.Fatalf("links: %d, %v; want one for the enterprise and one for the investor", n, err)
		}
		if n, err := s.RequestSignInLinks(ctx, app.SignInRequest{Email: "nobody@example.cn", LinkPrefix: req.LinkPrefix}); err != nil || n != 0 {
			t.Fatalf("unknown address: %d, %v", n, err)
		}
		if _, err := s.RequestSignInLinks(ctx, app.SignInRequest{Email: "not an address"}); app.ErrorCode(err) != app.EINVALID {
			t.Fatalf("malformed address: %v", err)
		}
		tokens := mailedLinks(t, s)
		if len(tokens) != 2 {
			t.Fatalf("%d links in the outbox, want 2", len(tokens))
		}
		seen := map[app.Role]int64{}
		for _, tok := range tokens {
			p, err := s.RedeemSignInLink(ctx, tok)
			if err != nil {
				t.Fatal(err)
			}
			seen[p.Role] = p.EnterpriseID + p.InvestorID
			if _, err := s.RedeemSignInLink(ctx, tok); app.ErrorCode(err) != app.EUNAUTHORIZED {
				t.Fatalf("second use: %v, want unauthorized", err)
			}
		}
		if seen[app.RoleEnterprise] != e.ID || seen[app.RoleInvestor] != inv.ID {
			t.Fatalf("links signed in as %v, want enterprise %d and investor %d", seen, e.ID, inv.ID)
		}
		if _, err := s.RequestSignInLinks(ctx, req); err != nil {
			t.Fatal(err)
		}
		clk.add(app.SignInLinkTTL)
		for _, tok := range mailedLinks(t, s)[2:] {
			if _, err := s.RedeemSignInLink(ctx, tok); app.ErrorCode(err) != app.EUNAUTHORIZED {
				t.Fatalf("expired link: %v, want unauthorized", err)
			}
		}
		if _, err := s.RedeemSignInLink(ctx, "made-up"); app.ErrorCode(err) != app.EUNAUTHORIZED {
			t.Fatalf("unknown link: %v", err)
		}
	})
}

// mailedLinks returns the tokens of the sign_in mails in the outbox, in
// queue order.
func mailedLinks(t *testing.T, s *store.Store) []string {
	t.Helper()
	var bodies [][]byte
	rows, err := s.DB().Query("SELECT b.body FROM notifications n JOIN notification_bodies b ON b.id = n.id WHERE n.kind = 'sign_in' ORDER BY n.id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	var out []string
	for _, b := range bodies {
		m := linkPattern.FindStringSubmatch(mailText(t, b))
		if m == nil {
			t.Fatalf("no link in the mail:\n%s", b)
		}
		out = append(out, m[1])
	}
	return out
}

// mailText returns the decoded text of every part of a MIME message.
func mailText(t *testing.T, raw []byte) string {
	t.Helper()
	text, err := smtptest.MessageText(raw)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// TestWebSessionService_RateLimit: failures count per IP address, in all
// and per e-mail address; another IP address is never locked out.
func TestWebSessionService_RateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := withClock(s)
		fail := func(ip, addr string) {
			t.Helper()
			if err := s.CheckSignIn(ctx, ip, addr); err != nil {
				t.Fatalf("%s %s: %v", ip, addr, err)
			}
			if err := s.NoteSignInFailure(ctx, ip, addr); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < app.SignInPerAddress; i++ {
			fail("10.0.0.1", "wangmin@example.cn")
		}
		if err := s.CheckSignIn(ctx, "10.0.0.1", "WANGMIN@example.cn"); app.ErrorCode(err) != app.ETOOMANY {
			t.Fatalf("over the limit for the address from one IP: %v, want too many", err)
		}
		if err := s.CheckSignIn(ctx, "10.0.0.2", "wangmin@example.cn"); err != nil {
			t.Fatalf("another IP must not be locked out of the address: %v", err)
		}
		for i := app.SignInPerAddress; i < app.SignInPerIP; i++ {
			fail("10.0.0.1", "other"+strconv.Itoa(i)+"@example.cn")
		}
		if err := s.CheckSignIn(ctx, "10.0.0.1", "fresh@example.cn"); app.ErrorCode(err) != app.ETOOMANY {
			t.Fatalf("over the IP limit: %v, want too many", err)
		}
		if err := s.CheckSignIn(ctx, "10.0.0.2", "fresh@example.cn"); err != nil {
			t.Fatalf("another IP: %v", err)
		}
		clk.add(app.SignInWindow + time.Second)
		if err := s.CheckSignIn(ctx, "10.0.0.1", "wangmin@example.cn"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func TestWebSessionService_WebKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, err := s.WebKey(context.Background(), "csrf")
		if err != nil || len(a) != 32 {
			t.Fatalf("key: %d bytes, %v", len(a), err)
		}
		b, _ := s.WebKey(context.Background(), "csrf")
		c, _ := s.WebKey(context.Background(), "other")
		if !bytes.Equal(a, b) || bytes.Equal(a, c) {
			t.Fatal("a key must be stable per name and differ between names")
		}
	})
}
