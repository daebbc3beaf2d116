package store

import (
	"context"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/matching"
)

// RecommendForEnterprise ranks investors and eligible products for an
// enterprise — an event's registrants when f.EventID is set, else everyone
// — and lists the products closed to it with the rules that fail.
func (s *Store) RecommendForEnterprise(ctx context.Context, id int64, f app.RecommendationFilter) (*app.EnterpriseRecommendations, error) {
	p := app.PrincipalFromContext(ctx)
	db := s.conn(ctx)
	ent, ev, err := s.recommendationScope(db, p, f.EventID, func() (*enterpriseRow, error) {
		r, err := s.enterprise(db, id)
		if err != nil {
			return nil, err
		}
		if ok, err := s.canSeeEnterprise(db, p, r); err != nil || !ok {
			return nil, firstErr(err, app.Errorf(app.EFORBIDDEN, "you may not see enterprise %d's recommendations", id))
		}
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	m, err := s.matcherFor(db, ev, f.Limit)
	if err != nil {
		return nil, err
	}
	pop, err := s.loadPopulation(db, f.EventID, false, true, true)
	if err != nil {
		return nil, err
	}
	provinces, err := s.zoneProvinces(db)
	if err != nil {
		return nil, err
	}
	me := matchEnterprise(ent, provinces)
	rec, err := m.RecommendForEnterprise(me, pop.in.Investors, pop.in.Products)
	if err != nil {
		return nil, err
	}
	return enterpriseRecommendations(me, rec, pop.in.Products), nil
}

// recommendationScope checks the caller and loads the event when one is
// named, then the subject with its own permission check.
func (s *Store) recommendationScope(db *gorm.DB, p *app.Principal, eventID int64, subject func() (*enterpriseRow, error)) (*enterpriseRow, *app.Event, error) {
	if err := app.RequireAuth(p); err != nil {
		return nil, nil, err
	}
	var ev *app.Event
	if eventID != 0 {
		var err error
		if ev, err = s.visibleEvent(db, p, eventID); err != nil {
			return nil, nil, err
		}
	}
	if subject == nil {
		return nil, ev, nil
	}
	r, err := subject()
	return r, ev, err
}

func enterpriseRecommendations(e matching.Enterprise, rec matching.EnterpriseRecommendations, products []matching.Product) *app.EnterpriseRecommendations {
	out := &app.EnterpriseRecommendations{EnterpriseID: rec.EnterpriseID, Investors: []app.Match{}, Products: []app.ProductMatch{},
		IneligibleProducts: []app.ClosedProduct{}}
	out.Investors = appendMatches(out.Investors, rec.Investors, keepReasons)
	investorOf := map[int64]int64{}
	for _, p := range products {
		investorOf[p.ID] = p.InvestorID
	}
	listed := map[int64]bool{}
	for _, pm := range rec.Products {
		listed[pm.ProductID] = true
		out.Products = append(out.Products, app.ProductMatch{EnterpriseID: pm.EnterpriseID, ProductID: pm.ProductID,
			InvestorID: investorOf[pm.ProductID], Score: pm.Score, Reasons: keepReasons(pm.Reasons), Eligibility: rulesOf(pm.Eligibility)})
	}
	for _, p := range products {
		if listed[p.ID] {
			continue
		}
		if el := matching.CheckEligibility(e, p); !el.Eligible {
			out.IneligibleProducts = append(out.IneligibleProducts, app.ClosedProduct{ProductID: p.ID, InvestorID: p.InvestorID,
				Eligibility: rulesOf(el.Rules)})
		}
	}
	return out
}

func rulesOf(rs []matching.Rule) []app.EligibilityRule {
	out := make([]app.EligibilityRule, len(rs))
	for i, r := range rs {
		out[i] = app.EligibilityRule{Rule: r.Rule, Pass: r.Pass, TextZH: r.TextZH, TextEN: r.TextEN}
	}
	return out
}

// RecommendForInvestor ranks enterprises for an investor: an event's
// registrants when f.EventID is set, else every enterprise.
func (s *Store) RecommendForInvestor(ctx context.Context, id int64, f app.RecommendationFilter) (*app.InvestorRecommendations, error) {
	p := app.PrincipalFromContext(ctx)
	db := s.conn(ctx)
	_, ev, err := s.recommendationScope(db, p, f.EventID, nil)
	if err != nil {
		return nil, err
	}
	if !p.IsAdmin() && !p.IsInvestor(id) && (ev == nil || !p.CanManageEvent(ev)) {
		return nil, app.Errorf(app.EFORBIDDEN, "you may not see investor %d's recommendations", id)
	}
	inv, err := s.investor(db, id)
	if err != nil {
		return nil, err
	}
	m, err := s.matcherFor(db, ev, f.Limit)
	if err != nil {
		return nil, err
	}
	pop, err := s.loadPopulation(db, f.EventID, true, false, false)
	if err != nil {
		return nil, err
	}
	rec, err := m.RecommendForInvestor(matchInvestor(inv), forReader(p, pop.in.Enterprises))
	if err != nil {
		return nil, err
	}
	return &app.InvestorRecommendations{InvestorID: id, Enterprises: appendMatches([]app.Match{}, rec.Enterprises, keepReasons)}, nil
}

// keepReasons converts reasons unchanged.
func keepReasons(rs []matching.Reason) []app.Reason {
	out := make([]app.Reason, len(rs))
	for i, r := range rs {
		out[i] = app.Reason{Code: r.Code, Points: r.Points, TextZH: r.TextZH, TextEN: r.TextEN}
	}
	return out
}

// forReader returns the enterprises as the caller may weigh them: an
// investor's view is computed from public fields only (matching.Redact),
// so no score or reason reveals an enterprise's financing need or wanted
// instruments; enterprises and organizers see the full score.
func forReader(p *app.Principal, enterprises []matching.Enterprise) []matching.Enterprise {
	if p.Role == app.RoleInvestor {
		return matching.Redact(enterprises)
	}
	return enterprises
}
