package synth

import (
	"math/rand/v2"

	"roadshow/matching"
)

// investorProfile describes one kind of investor.
type investorProfile struct {
	instruments [][]string
	stages      [][]string // choices; nil = all stages
	minWan      []int64
	maxWan      []int64
	allSectors  int // per-mille chance of no sector focus
	equipment   bool
	nationwide  int // per-mille chance of serving the whole country
}

// investorProfiles: banks lend widely, VCs take equity with a sector
// focus, PE writes large growth tickets, leasing favours equipment, …
var investorProfiles = map[string]investorProfile{
	"bank": {instruments: [][]string{{"loan"}, {"loan"}, {"loan"}, {"loan", "guarantee"}, {"loan", "equity"}},
		stages: [][]string{nil, {"startup", "growth", "mature"}, {"startup", "growth", "mature"}, {"growth", "mature"}},
		minWan: []int64{50, 100, 200, 300}, maxWan: []int64{3000, 5000, 8000, 10000},
		allSectors: 750, nationwide: 250},
	"vc": {instruments: [][]string{{"equity"}},
		stages: [][]string{{"seed", "startup"}, {"startup", "growth"}, {"seed", "startup", "growth"}},
		minWan: []int64{200, 300, 500}, maxWan: []int64{2000, 3000, 5000},
		allSectors: 100, nationwide: 500},
	"pe": {instruments: [][]string{{"equity"}},
		stages: [][]string{{"growth", "mature"}, {"growth", "mature"}, {"mature"}},
		minWan: []int64{2000, 3000, 5000}, maxWan: []int64{10000, 20000, 30000},
		allSectors: 300, nationwide: 600},
	"leasing": {instruments: [][]string{{"leasing"}},
		stages: [][]string{{"growth", "mature"}, {"startup", "growth", "mature"}},
		minWan: []int64{500, 1000}, maxWan: []int64{5000, 10000},
		allSectors: 400, equipment: true, nationwide: 500},
	"guarantee": {instruments: [][]string{{"guarantee"}, {"guarantee", "loan"}},
		stages: [][]string{{"startup", "growth"}, nil},
		minWan: []int64{100, 200}, maxWan: []int64{1000, 2000},
		allSectors: 900, nationwide: 0},
	"trust": {instruments: [][]string{{"trust"}},
		stages: [][]string{{"growth", "mature"}},
		minWan: []int64{1000, 2000, 3000}, maxWan: []int64{10000, 30000},
		allSectors: 700, nationwide: 700},
	"securities": {instruments: [][]string{{"bond", "equity"}, {"bond"}},
		stages: [][]string{{"growth", "mature"}, {"mature"}},
		minWan: []int64{3000, 5000}, maxWan: []int64{30000, 50000},
		allSectors: 500, nationwide: 900},
	"insurance": {instruments: [][]string{{"insurance"}, {"insurance", "equity"}},
		stages: [][]string{{"growth", "mature"}, {"mature"}},
		minWan: []int64{2000, 5000}, maxWan: []int64{30000, 50000},
		allSectors: 500, nationwide: 900},
	"other": {instruments: [][]string{{"other"}, {"equity", "loan"}},
		stages: [][]string{nil}, minWan: []int64{100, 500}, maxWan: []int64{3000, 10000},
		allSectors: 600, nationwide: 500},
}

func investor(r *rand.Rand, id int64) matching.Investor {
	kind := pick(r, kindWeights)
	pf := investorProfiles[kind]
	inv := matching.Investor{
		ID: id, Kind: kind,
		Instruments: one(r, pf.instruments),
		Stages:      one(r, pf.stages),
		TicketMin:   wan(one(r, pf.minWan)),
		TicketMax:   wan(one(r, pf.maxWan)),
	}
	if !chance(r, pf.allSectors) {
		inv.Sectors = sectorFocus(r, pf.equipment)
	}
	if !chance(r, pf.nationwide) {
		inv.Provinces = pickN(r, provinceWeights, 1+r.IntN(3)/2)
	}
	return inv
}

// sectorFocus draws one to three sectors, each replaced by one or two of
// its sub-sectors 40 % of the time.
func sectorFocus(r *rand.Rand, equipment bool) []string {
	table := sectorWeights
	if equipment {
		table = equipmentSectors
	}
	var out []string
	for _, s := range pickN(r, table, 1+r.IntN(3)) {
		if !chance(r, 400) {
			out = append(out, s)
			continue
		}
		subs := subsectorCodes[s]
		for _, i := range r.Perm(len(subs))[:1+r.IntN(2)] {
			out = append(out, subs[i])
		}
	}
	return out
}
