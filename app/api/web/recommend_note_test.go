package web_test

import (
	"strings"
	"testing"

	"roadshow/app"
)

// The investor's recommendations page says that its scores use public
// fields only, and shows no enterprise's need.
func TestConsole_InvestorRecommendationsPublicOnly(t *testing.T) {
	eachConsole(t, func(t *testing.T, k *console) {
		m := seedMarket(t, k)
		b := k.browser()
		b.signIn(k.token(app.Token{Role: app.RoleInvestor, InvestorID: &m.investor.ID}))
		for lang, want := range map[string]string{"zh": "只依据企业的公开信息计算", "en": "use their public information only"} {
			body := b.get("/console/recommendations?lang=" + lang).Body
			if !strings.Contains(body, want) || !strings.Contains(body, m.a.Name) {
				t.Errorf("%s: the page does not say the scores are public-only, or lists nobody", lang)
			}
			if strings.Contains(body, wanValue(m.a.Need.AmountCNY)) {
				t.Errorf("%s: the page shows a need", lang)
			}
		}
	})
}
