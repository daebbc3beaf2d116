// Package synth generates realistic synthetic enterprises, investors and
// financing products for demos and benchmarks. Everything is deterministic
// from a seed: the same Options always give the same Population.
package synth

import (
	"math/rand/v2"
	"slices"

	"roadshow/matching"
)

// Options say how much to generate.
type Options struct {
	Enterprises int   `json:"enterprises"`
	Investors   int   `json:"investors"`
	Products    int   `json:"products"`
	Seed        int64 `json:"seed"`
}

// Population is a generated data set. IDs run from 1 in each slice; the
// name slices are aligned with the entity slices.
type Population struct {
	Enterprises     []matching.Enterprise
	Investors       []matching.Investor
	Products        []matching.Product
	EnterpriseNames []string
	InvestorNames   []string
	ProductNames    []string
}

// Generate builds a population. Enterprises, investors and products come
// from independent random streams, so adding products does not change the
// enterprises of a seed.
func Generate(o Options) Population {
	var p Population
	er := stream(o.Seed, 1)
	names := newNamer()
	needs := needGrid()
	for i := range o.Enterprises {
		e := enterprise(er, int64(i+1), needs)
		p.Enterprises = append(p.Enterprises, e)
		p.EnterpriseNames = append(p.EnterpriseNames, names.enterprise(er, e.Sector, e.Province))
	}
	ir := stream(o.Seed, 2)
	for i := range o.Investors {
		inv := investor(ir, int64(i+1))
		p.Investors = append(p.Investors, inv)
		p.InvestorNames = append(p.InvestorNames, names.investor(ir, inv))
	}
	pr := stream(o.Seed, 3)
	for i := range o.Products {
		prod, name := product(pr, int64(i+1), p.Investors)
		p.Products = append(p.Products, prod)
		p.ProductNames = append(p.ProductNames, names.unique(name))
	}
	return p
}

func stream(seed int64, n uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x726f616473686f77^n))
}

// pick draws a value by weight.
func pick[T any](r *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.value
		}
		n -= w.weight
	}
	return ws[len(ws)-1].value
}

// pickN draws n distinct values by weight (fewer if the table is short).
func pickN[T comparable](r *rand.Rand, ws []weighted[T], n int) []T {
	var out []T
	for tries := 0; len(out) < n && tries < 20*n; tries++ {
		v := pick(r, ws)
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func one[T any](r *rand.Rand, s []T) T {
	return s[r.IntN(len(s))]
}

// chance is true with probability perMille/1000.
func chance(r *rand.Rand, perMille int) bool {
	return r.IntN(1000) < perMille
}

// wan converts 万元 to yuan.
func wan(n int64) int64 { return n * 10_000 }

// Provinces returns the provinces enterprises are drawn from, most
// frequent first.
func Provinces() []string {
	out := make([]string, len(provinceWeights))
	for i, w := range provinceWeights {
		out[i] = w.value
	}
	return out
}
