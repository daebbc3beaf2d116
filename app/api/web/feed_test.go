package web_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"roadshow/app"
)

var feedURLPattern = regexp.MustCompile(`/api/v1/calendars/([0-9a-f]{48})\.ics`)

// TestConsole_FeedShownOnce: the agenda shows the feed's URL when the feed
// is made, then only offers a new one (the secret is stored hashed);
// making a new one shows its URL, which works while the old one does not.
func TestConsole_FeedShownOnce(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		e := seedEnterprise(t, k, k.zone("苏州高新技术产业开发区"), 1, "feed@example.cn", "13800138000", 10_000_000)
		b := k.browser()
		csrf := b.signIn(k.token(app.Token{Role: app.RoleEnterprise, EnterpriseID: &e.ID}))
		first := feedURLPattern.FindStringSubmatch(b.get("/console/agenda").Body)
		if first == nil {
			t.Fatal("the first visit shows no feed URL")
		}
		again := b.get("/console/agenda")
		if feedURLPattern.MatchString(again.Body) || strings.Contains(again.Body, "webcal://") {
			t.Fatal("the feed URL is shown again")
		}
		rotated := b.post("/console/calendar/rotate", csrf, nil)
		next := feedURLPattern.FindStringSubmatch(rotated.Body)
		if rotated.Status != http.StatusOK || next == nil || next[1] == first[1] {
			t.Fatalf("after rotation (%d): no new feed URL", rotated.Status)
		}
		for tok, want := range map[string]int{first[1]: 404, next[1]: 200} {
			resp, err := k.srv.App.Test(httptest.NewRequest("GET", "/api/v1/calendars/"+tok+".ics", nil), -1)
			if err != nil || resp.StatusCode != want {
				t.Fatalf("feed %s…: %v %v, want %d", tok[:6], resp.StatusCode, err, want)
			}
		}
	})
}
