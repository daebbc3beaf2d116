package store

import (
	"context"
	"errors"
	"sync"

	"gorm.io/gorm"

	"roadshow/app"
	"roadshow/matching"
)

var _ app.MatchService = (*Store)(nil)

// provinceCache maps zone ids to provinces; zones are seeded, never edited.
type provinceCache struct {
	once sync.Once
	m    map[int64]string
	err  error
}

func (s *Store) zoneProvinces(db *gorm.DB) (map[int64]string, error) {
	s.provinces.once.Do(func() {
		var rows []zoneRow
		s.provinces.err = translate(db.Select("id, province").Find(&rows).Error)
		s.provinces.m = make(map[int64]string, len(rows))
		for _, r := range rows {
			s.provinces.m[r.ID] = r.Province
		}
	})
	if s.provinces.err != nil {
		err := s.provinces.err
		s.provinces = &provinceCache{} // try again next time
		return nil, err
	}
	return s.provinces.m, nil
}

func matchEnterprise(r *enterpriseRow, provinces map[int64]string) matching.Enterprise {
	return matching.Enterprise{ID: r.ID, Sector: r.Sector, Subsector: r.Subsector, Stage: r.Stage, Labels: r.Labels.Val,
		InnovationPoints: r.InnovationPoints, NeedAmount: r.NeedAmountCNY, Instruments: r.NeedInstruments.Val,
		Province: provinces[r.ZoneID]}
}

func matchInvestor(r *investorRow) matching.Investor {
	return matching.Investor{ID: r.ID, Kind: r.Kind, Sectors: r.Sectors.Val, Stages: r.Stages.Val, TicketMin: r.TicketMinCNY,
		TicketMax: r.TicketMaxCNY, Instruments: r.Instruments.Val, Provinces: r.Provinces.Val}
}

func matchProduct(r *productRow) matching.Product {
	return matching.Product{ID: r.ID, InvestorID: r.InvestorID, Instrument: r.Instrument, AmountMin: r.AmountMinCNY,
		AmountMax: r.AmountMaxCNY, Sectors: r.Sectors.Val, Stages: r.Stages.Val, MinInnovationPoints: r.MinInnovationPoints,
		RequiredLabels: r.RequiredLabels.Val, Provinces: r.Provinces.Val}
}

// population is the input of a ranking with the rows it came from.
type population struct {
	in        matching.Input
	investors map[int64]*investorRow
}

// loadPopulation loads the approved registrants of an event (eventID > 0)
// or every enterprise, investor and product, as the flags ask.
func (s *Store) loadPopulation(db *gorm.DB, eventID int64, ents, invs, prods bool) (*population, error) {
	provinces, err := s.zoneProvinces(db)
	if err != nil {
		return nil, err
	}
	pop := &population{investors: map[int64]*investorRow{}}
	if ents {
		var rows []enterpriseRow
		if err := registrantsOf(db, eventID, "enterprise_id", []string{app.RegMeeter, app.RegPitcher}).Find(&rows).Error; err != nil {
			return nil, translate(err)
		}
		for i := range rows {
			pop.in.Enterprises = append(pop.in.Enterprises, matchEnterprise(&rows[i], provinces))
		}
	}
	if invs || prods {
		var rows []investorRow
		if err := registrantsOf(db, eventID, "investor_id", []string{app.RegInvestor}).Find(&rows).Error; err != nil {
			return nil, translate(err)
		}
		for i := range rows {
			pop.in.Investors = append(pop.in.Investors, matchInvestor(&rows[i]))
			pop.investors[rows[i].ID] = &rows[i]
		}
	}
	if prods {
		if err := s.loadProducts(db, eventID, pop); err != nil {
			return nil, err
		}
	}
	return pop, nil
}

// registrantsOf selects the parties (col: enterprise_id or investor_id)
// approved for an event in one of roles; all parties when eventID is 0.
func registrantsOf(db *gorm.DB, eventID int64, col string, roles []string) *gorm.DB {
	if eventID == 0 {
		return db.Order("id")
	}
	return db.Where("id IN (?)", db.Table("registrations").Select(col).
		Where("event_id = ? AND status = ? AND role IN ?", eventID, app.RegApproved, roles)).Order("id")
}

func (s *Store) loadProducts(db *gorm.DB, eventID int64, pop *population) error {
	q := db.Order("id")
	if eventID != 0 {
		ids := make([]int64, 0, len(pop.investors))
		for id := range pop.investors {
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			return nil
		}
		q = q.Where("investor_id IN ?", ids)
	}
	var rows []productRow
	if err := q.Find(&rows).Error; err != nil {
		return translate(err)
	}
	for i := range rows {
		pop.in.Products = append(pop.in.Products, matchProduct(&rows[i]))
	}
	return nil
}

// matcherFor builds the matcher of an event (defaults when ev is nil) with
// its pinned, forbidden and met-before pairs.
func (s *Store) matcherFor(db *gorm.DB, ev *app.Event, k int) (*matching.Matcher, error) {
	opts := matching.Options{K: k}
	if ev != nil {
		w := ev.Settings.Matching.Weights
		opts.Weights = matching.Weights{Sector: w.Sector, Stage: w.Stage, Amount: w.Amount, Instrument: w.Instrument,
			Region: w.Region, Labels: w.Labels, Innovation: w.Innovation}
		opts.Rules.MetBeforePenalty = ev.Settings.Matching.MetBeforePenalty
		rules, err := s.pairRulesOf(db, ev)
		if err != nil {
			return nil, err
		}
		opts.Rules.Pinned, opts.Rules.Forbidden, opts.Rules.MetBefore = rules.Pinned, rules.Forbidden, rules.MetBefore
	}
	m, err := matching.NewMatcher(opts)
	var fe *matching.FieldError
	if errors.As(err, &fe) {
		return nil, app.FieldError("settings.matching."+fe.Field, fe.Message)
	}
	return m, err
}

// pairRulesOf collects an event's organizer rules and the pairs that met
// at earlier events.
func (s *Store) pairRulesOf(db *gorm.DB, ev *app.Event) (matching.Rules, error) {
	var r matching.Rules
	var rows []pairRuleRow
	if err := db.Where("event_id = ?", ev.ID).Find(&rows).Error; err != nil {
		return r, translate(err)
	}
	for _, row := range rows {
		p := matching.Pair{EnterpriseID: row.EnterpriseID, InvestorID: row.InvestorID}
		if row.Rule == app.PairPin {
			r.Pinned = append(r.Pinned, p)
		} else {
			r.Forbidden = append(r.Forbidden, p)
		}
	}
	met, err := s.metBefore(db, ev)
	r.MetBefore = met
	return r, err
}

// FindMatches ranks an event's approved registrants.
func (s *Store) FindMatches(ctx context.Context, f app.MatchFilter) ([]app.Match, error) {
	p := app.PrincipalFromContext(ctx)
	if err := app.RequireAuth(p); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	ev, err := s.visibleEvent(db, p, f.EventID)
	if err != nil {
		return nil, err
	}
	if err := app.ScopeMatchFilter(p, ev, &f); err != nil {
		return nil, err
	}
	m, err := s.matcherFor(db, ev, f.Limit)
	if err != nil {
		return nil, err
	}
	pop, err := s.loadPopulation(db, ev.ID, true, true, false)
	if err != nil {
		return nil, err
	}
	pop.in.Enterprises = forReader(p, pop.in.Enterprises)
	ranking, err := m.Rank(pop.in)
	if err != nil {
		return nil, err
	}
	return pickMatches(ranking, f, keepReasons)
}

func pickMatches(r *matching.Ranking, f app.MatchFilter, redact func([]matching.Reason) []app.Reason) ([]app.Match, error) {
	out := []app.Match{}
	switch {
	case f.EnterpriseID != 0:
		rec, ok := r.Enterprise(f.EnterpriseID)
		if !ok {
			return nil, app.Errorf(app.ENOTFOUND, "enterprise %d is not an approved registrant of the event", f.EnterpriseID)
		}
		out = appendMatches(out, rec.Investors, redact)
	case f.InvestorID != 0:
		rec, ok := r.Investor(f.InvestorID)
		if !ok {
			return nil, app.Errorf(app.ENOTFOUND, "investor %d is not an approved registrant of the event", f.InvestorID)
		}
		out = appendMatches(out, rec.Enterprises, redact)
	default:
		for _, rec := range r.Enterprises {
			out = appendMatches(out, rec.Investors, redact)
		}
	}
	return out, nil
}

func appendMatches(out []app.Match, ms []matching.Match, redact func([]matching.Reason) []app.Reason) []app.Match {
	for _, m := range ms {
		out = append(out, app.Match{EnterpriseID: m.EnterpriseID, InvestorID: m.InvestorID, Score: m.Score,
			Pinned: m.Pinned, MetBefore: m.MetBefore, Reasons: redact(m.Reasons)})
	}
	return out
}
