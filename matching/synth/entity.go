package synth

import (
	"math/rand/v2"

	"roadshow/matching"
)

// needGrid is a geometric grid of amounts from 500万 to 1亿 yuan in steps
// of 0.3 %, built with integers so that every platform draws the same
// amounts. Drawing uniformly from it is a log-uniform need.
func needGrid() []int64 {
	var g []int64
	for v := int64(5_000_000_000); v <= 100_000_000_000; v = v * 1003 / 1000 {
		g = append(g, v/1000)
	}
	return g
}

// stageIndex maps a stage to its column in the odds tables.
func stageIndex(s string) int {
	switch s {
	case "seed":
		return 0
	case "startup":
		return 1
	case "growth":
		return 2
	}
	return 3
}

func enterprise(r *rand.Rand, id int64, needs []int64) matching.Enterprise {
	e := matching.Enterprise{
		ID:       id,
		Sector:   pick(r, sectorWeights),
		Stage:    pick(r, stageWeights),
		Province: pick(r, provinceWeights),
	}
	if chance(r, 700) {
		e.Subsector = one(r, subsectorCodes[e.Sector])
	}
	st := stageIndex(e.Stage)
	e.NeedAmount = need(r, needs, st)
	e.Labels = labels(r, st)
	e.InnovationPoints = innovationPoints(r, e.Labels)
	e.Instruments = instruments(r, st)
	return e
}

// need draws from the grid, young enterprises from its lower part, rounded
// to 10万 yuan.
func need(r *rand.Rand, grid []int64, stage int) int64 {
	lo, hi := [4]int{0, 0, 20, 35}[stage], [4]int{60, 85, 100, 100}[stage]
	i := (lo*len(grid) + r.IntN((hi-lo)*len(grid))) / 100
	v := grid[min(i, len(grid)-1)]
	return (v + 50_000) / 100_000 * 100_000
}

func labels(r *rand.Rand, stage int) []string {
	var out []string
	for _, l := range labelOdds {
		if chance(r, l.odds[stage]) {
			out = append(out, l.label)
			if l.label == "specialized_new" && chance(r, 200) {
				out = append(out, "little_giant")
			}
		}
	}
	return out
}

// innovationPoints is triangular on 300–900 with a bonus for strong
// labels.
func innovationPoints(r *rand.Rand, labels []string) int {
	p := 300 + r.IntN(301) + r.IntN(301)
	for _, l := range labels {
		switch l {
		case "specialized_new", "little_giant", "gazelle", "unicorn":
			p += 30
		case "high_tech_enterprise":
			p += 15
		}
	}
	return min(p, 900)
}

// instruments draws the wanted instruments; 8 % accept any (none listed).
func instruments(r *rand.Rand, stage int) []string {
	if chance(r, 80) {
		return nil
	}
	var out []string
	for _, in := range instrumentOdds {
		if chance(r, in.odds[stage]) {
			out = append(out, in.instrument)
		}
	}
	if len(out) == 0 {
		out = append(out, instrumentOdds[0].instrument)
	}
	return out
}
