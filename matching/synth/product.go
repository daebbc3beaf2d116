package synth

import (
	"math/rand/v2"
	"slices"

	"roadshow/matching"
)

// product draws a product family and an investor of the kind offering it
// (any investor when there is none of that kind) and returns the product
// and its name.
func product(r *rand.Rand, id int64, investors []matching.Investor) (matching.Product, string) {
	t := pick(r, productTemplates)
	p := matching.Product{
		ID: id, Instrument: t.instrument,
		AmountMin: wan(one(r, t.minWan)), AmountMax: wan(one(r, t.maxWan)),
		Stages: slices.Clone(t.stages),
	}
	if len(t.labels) > 0 {
		p.RequiredLabels = slices.Clone(one(r, t.labels))
	}
	if len(t.minPoints) > 0 {
		p.MinInnovationPoints = one(r, t.minPoints)
	}
	inv := offeringInvestor(r, investors, t.kind)
	name := t.name
	if inv != nil {
		p.InvestorID = inv.ID
		p.Provinces = slices.Clone(inv.Provinces)
		if len(inv.Provinces) > 0 {
			name += "（" + shortProvince(inv.Provinces[0]) + "）"
		}
	}
	switch {
	case t.sectors == "investor" && inv != nil:
		p.Sectors = slices.Clone(inv.Sectors)
	case t.sectors == "equipment":
		p.Sectors = pickN(r, equipmentSectors, 2+r.IntN(3))
	}
	return p, name
}

func offeringInvestor(r *rand.Rand, investors []matching.Investor, kind string) *matching.Investor {
	var of []int
	for i := range investors {
		if investors[i].Kind == kind {
			of = append(of, i)
		}
	}
	switch {
	case len(of) > 0:
		return &investors[one(r, of)]
	case len(investors) > 0:
		return &investors[r.IntN(len(investors))]
	}
	return nil
}
