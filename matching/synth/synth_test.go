package synth

import (
	"reflect"
	"slices"
	"testing"

	"roadshow/matching"
)

func TestGenerate_Deterministic(t *testing.T) {
	o := Options{Enterprises: 300, Investors: 60, Products: 40, Seed: 17}
	a, b := Generate(o), Generate(o)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same options gave different populations")
	}
	o.Seed++
	if c := Generate(o); reflect.DeepEqual(a.Enterprises, c.Enterprises) {
		t.Fatal("different seeds gave the same enterprises")
	}
	more := Generate(Options{Enterprises: 300, Investors: 60, Products: 80, Seed: 17})
	if !reflect.DeepEqual(a.Enterprises, more.Enterprises) || !reflect.DeepEqual(a.Investors, more.Investors) {
		t.Fatal("asking for more products changed enterprises or investors")
	}
}

func TestGenerate_ValidEntities(t *testing.T) {
	p := Generate(Options{Enterprises: 2000, Investors: 300, Products: 200, Seed: 1})
	if len(p.Enterprises) != 2000 || len(p.Investors) != 300 || len(p.Products) != 200 ||
		len(p.EnterpriseNames) != 2000 || len(p.InvestorNames) != 300 || len(p.ProductNames) != 200 {
		t.Fatal("wrong counts")
	}
	for i, e := range p.Enterprises {
		checkEnterprise(t, i, e)
	}
	invIDs := map[int64]bool{}
	for i, inv := range p.Investors {
		invIDs[inv.ID] = true
		if inv.ID != int64(i+1) || inv.TicketMin <= 0 || inv.TicketMax < inv.TicketMin || len(inv.Instruments) == 0 {
			t.Fatalf("investor %+v", inv)
		}
		checkCodes(t, inv.Sectors, inv.Stages, inv.Instruments, inv.Provinces)
	}
	for i, pr := range p.Products {
		if pr.ID != int64(i+1) || !invIDs[pr.InvestorID] || pr.AmountMin <= 0 || pr.AmountMax < pr.AmountMin {
			t.Fatalf("product %+v", pr)
		}
		checkCodes(t, pr.Sectors, pr.Stages, []string{pr.Instrument}, pr.Provinces)
	}
	for _, names := range [][]string{p.EnterpriseNames, p.InvestorNames, p.ProductNames} {
		if len(names) != len(unique(names)) {
			t.Fatal("names repeat")
		}
	}
}

func checkEnterprise(t *testing.T, i int, e matching.Enterprise) {
	t.Helper()
	if e.ID != int64(i+1) {
		t.Fatalf("enterprise %d has id %d", i, e.ID)
	}
	if e.NeedAmount < 5_000_000 || e.NeedAmount > 100_000_000 || e.NeedAmount%100_000 != 0 {
		t.Fatalf("need %d outside 500万–1亿 or not a multiple of 10万", e.NeedAmount)
	}
	if e.InnovationPoints < 300 || e.InnovationPoints > 900 {
		t.Fatalf("innovation points %d", e.InnovationPoints)
	}
	if e.Subsector != "" && !slices.Contains(subsectorCodes[e.Sector], e.Subsector) {
		t.Fatalf("subsector %s not in %s", e.Subsector, e.Sector)
	}
	if _, _, ok := matching.SectorName(e.Sector); !ok {
		t.Fatalf("sector %q", e.Sector)
	}
	checkCodes(t, nil, []string{e.Stage}, e.Instruments, []string{e.Province})
	for _, l := range e.Labels {
		if _, _, ok := matching.LabelName(l); !ok {
			t.Fatalf("label %q", l)
		}
	}
}

func checkCodes(t *testing.T, sectors, stages, instruments, provinces []string) {
	t.Helper()
	for _, s := range sectors {
		if _, _, ok := matching.SectorName(s); !ok {
			t.Fatalf("sector %q", s)
		}
	}
	for _, s := range stages {
		if _, _, ok := matching.StageName(s); !ok {
			t.Fatalf("stage %q", s)
		}
	}
	for _, s := range instruments {
		if _, _, ok := matching.InstrumentName(s); !ok {
			t.Fatalf("instrument %q", s)
		}
	}
	for _, s := range provinces {
		if !slices.Contains(Provinces(), s) {
			t.Fatalf("province %q", s)
		}
	}
}

func unique(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return slices.Compact(c)
}

func share(n, of int) float64 { return float64(n) / float64(of) }

// TestGenerate_Distributions checks the shape the brief asks for.
func TestGenerate_Distributions(t *testing.T) {
	const n = 5000
	p := Generate(Options{Enterprises: n, Investors: 1000, Seed: 3})
	count := func(f func(matching.Enterprise) bool) int {
		c := 0
		for _, e := range p.Enterprises {
			if f(e) {
				c++
			}
		}
		return c
	}
	has := func(l string) func(matching.Enterprise) bool {
		return func(e matching.Enterprise) bool { return slices.Contains(e.Labels, l) }
	}
	checks := []struct {
		name   string
		got    float64
		lo, hi float64
	}{
		{"startup or growth", share(count(func(e matching.Enterprise) bool { return e.Stage == "startup" || e.Stage == "growth" }), n), 0.65, 0.85},
		{"new_generation_it", share(count(func(e matching.Enterprise) bool { return e.Sector == "new_generation_it" }), n), 0.22, 0.34},
		{"top four sectors", share(count(func(e matching.Enterprise) bool {
			return slices.Contains([]string{"new_generation_it", "high_end_equipment", "biotech", "new_materials"}, e.Sector)
		}), n), 0.70, 0.85},
		{"tech_sme", share(count(has("tech_sme")), n), 0.70, 0.90},
		{"high_tech_enterprise", share(count(has("high_tech_enterprise")), n), 0.40, 0.65},
		{"specialized_new", share(count(has("specialized_new")), n), 0.12, 0.35},
		{"little_giant", share(count(has("little_giant")), n), 0.01, 0.08},
		{"unicorn", share(count(has("unicorn")), n), 0, 0.01},
		{"golden_seed", share(count(has("golden_seed")), n), 0.08, 0.25},
		{"need below 2000万", share(count(func(e matching.Enterprise) bool { return e.NeedAmount < 20_000_000 }), n), 0.35, 0.65},
	}
	for _, c := range checks {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s share %.3f outside [%.2f, %.2f]", c.name, c.got, c.lo, c.hi)
		}
	}
	kinds := map[string]int{}
	for _, inv := range p.Investors {
		kinds[inv.Kind]++
		if inv.Kind == "bank" && !slices.Contains(inv.Instruments, "loan") {
			t.Errorf("bank without loans: %+v", inv)
		}
		if inv.Kind == "vc" && !slices.Equal(inv.Instruments, []string{"equity"}) {
			t.Errorf("vc not equity: %+v", inv)
		}
	}
	if len(kinds) < 7 || kinds["bank"] < kinds["vc"] {
		t.Errorf("investor kinds %v", kinds)
	}
}

// TestGenerate_ProductsModelled checks the Five Ones product families: the
// innovation-points loan carries a minimum, 新苗计划 is equity for young
// enterprises, and products belong to investors of the fitting kind.
func TestGenerate_ProductsModelled(t *testing.T) {
	p := Generate(Options{Enterprises: 0, Investors: 300, Products: 400, Seed: 5})
	kind := map[int64]string{}
	for _, inv := range p.Investors {
		kind[inv.ID] = inv.Kind
	}
	families := map[string]int{}
	for i, pr := range p.Products {
		name := p.ProductNames[i]
		switch {
		case hasPrefix(name, "火炬创新积分贷"):
			families["points"]++
			if pr.MinInnovationPoints < 500 || pr.Instrument != "loan" || kind[pr.InvestorID] != "bank" {
				t.Errorf("%s: %+v", name, pr)
			}
		case hasPrefix(name, "新苗计划"):
			families["seedling"]++
			if pr.Instrument != "equity" || !slices.Equal(pr.Stages, []string{"seed", "startup"}) || kind[pr.InvestorID] != "vc" {
				t.Errorf("%s: %+v", name, pr)
			}
		case hasPrefix(name, "交银火炬贷"):
			families["torch"]++
			if pr.Instrument != "loan" || kind[pr.InvestorID] != "bank" {
				t.Errorf("%s: %+v", name, pr)
			}
		}
	}
	if families["points"] == 0 || families["seedling"] == 0 || families["torch"] < families["seedling"] {
		t.Errorf("product families %v", families)
	}
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// TestGenerate_ScoresDiscriminate: on the synthetic population about a
// tenth to a quarter of pairs reach the scheduler's threshold of 40, and
// enough enterprises find an eligible product (most products serve only
// the province of the branch offering them, so not all do).
func TestGenerate_ScoresDiscriminate(t *testing.T) {
	p := Generate(Options{Enterprises: 500, Investors: 200, Products: 150, Seed: 8})
	m, err := matching.NewMatcher(matching.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := m.Candidates(p.Enterprises, p.Investors, 40)
	if err != nil {
		t.Fatal(err)
	}
	if s := share(len(c), 500*200); s < 0.08 || s > 0.30 {
		t.Errorf("%.3f of pairs score ≥ 40", s)
	}
	r, err := m.Rank(matching.Input{Enterprises: p.Enterprises, Investors: p.Investors, Products: p.Products})
	if err != nil {
		t.Fatal(err)
	}
	with := 0
	for _, rec := range r.Enterprises {
		if len(rec.Products) > 0 {
			with++
		}
	}
	if s := share(with, 500); s < 0.4 {
		t.Errorf("only %.2f of enterprises have an eligible product", s)
	}
}
