package app

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"sort"
)

//go:embed data/*.csv
var dataFS embed.FS

// Term is one entry of a controlled vocabulary with its display names.
type Term struct {
	Code   string `json:"code"`
	Parent string `json:"parent,omitempty"` // a subsector's sector
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
}

// Vocabulary holds the controlled vocabularies of the API, loaded from the
// embedded CSV files under app/data.
type Vocabulary struct {
	Sectors     []Term // the nine strategic emerging industries
	Subsectors  []Term // their sub-sectors, Parent = sector code
	Stages      []Term
	Labels      []Term
	Instruments []Term
	Provinces   []string // provinces of the zones and branches, sorted

	byCode map[string]Term
}

// Instrument codes: 股贷债租托 plus guarantee, insurance and other.
var instrumentTerms = []Term{
	{Code: "equity", NameZH: "股权", NameEN: "Equity"},
	{Code: "loan", NameZH: "贷款", NameEN: "Loan"},
	{Code: "bond", NameZH: "债券", NameEN: "Bond"},
	{Code: "leasing", NameZH: "租赁", NameEN: "Leasing"},
	{Code: "trust", NameZH: "信托", NameEN: "Trust"},
	{Code: "guarantee", NameZH: "担保", NameEN: "Guarantee"},
	{Code: "insurance", NameZH: "保险", NameEN: "Insurance"},
	{Code: "other", NameZH: "其他", NameEN: "Other"},
}

// InvestorKinds are the kinds of investor organization.
var InvestorKinds = []string{"bank", "vc", "pe", "leasing", "trust", "securities", "guarantee", "insurance", "other"}

// LoadVocabulary parses the embedded vocabularies.
func LoadVocabulary() (*Vocabulary, error) {
	v := &Vocabulary{Instruments: instrumentTerms, byCode: map[string]Term{}}
	sectors, err := readCSV("data/sectors.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range sectors {
		if r["subsector"] == "" {
			v.Sectors = append(v.Sectors, Term{Code: r["sector"], NameZH: r["name_zh"], NameEN: r["name_en"]})
		} else {
			v.Subsectors = append(v.Subsectors, Term{Code: r["subsector"], Parent: r["sector"], NameZH: r["name_zh"], NameEN: r["name_en"]})
		}
	}
	if v.Stages, err = readTerms("data/stages.csv", "stage"); err != nil {
		return nil, err
	}
	if v.Labels, err = readTerms("data/labels.csv", "label"); err != nil {
		return nil, err
	}
	if v.Provinces, err = readProvinces(); err != nil {
		return nil, err
	}
	for _, list := range [][]Term{v.Sectors, v.Subsectors, v.Stages, v.Labels, v.Instruments} {
		for _, t := range list {
			v.byCode[t.Code] = t
		}
	}
	return v, nil
}

// MustLoadVocabulary is LoadVocabulary for the embedded data, which is part
// of the binary and therefore cannot fail at run time once tests pass.
func MustLoadVocabulary() *Vocabulary {
	v, err := LoadVocabulary()
	if err != nil {
		panic(err)
	}
	return v
}

// Term returns the vocabulary entry for code (sector, subsector, stage,
// label or instrument).
func (v *Vocabulary) Term(code string) (Term, bool) {
	t, ok := v.byCode[code]
	return t, ok
}

// Codes returns the codes of a term list.
func Codes(terms []Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Code
	}
	return out
}

// SectorOrSubsector reports whether code is a sector or a subsector code.
func (v *Vocabulary) SectorOrSubsector(code string) bool {
	t, ok := v.byCode[code]
	return ok && (t.Parent != "" || containsTerm(v.Sectors, code))
}

// SubsectorOf reports whether sub is a subsector of sector.
func (v *Vocabulary) SubsectorOf(sub, sector string) bool {
	t, ok := v.byCode[sub]
	return ok && t.Parent == sector
}

// ValidProvince reports whether p is one of the known provinces.
func (v *Vocabulary) ValidProvince(p string) bool {
	i := sort.SearchStrings(v.Provinces, p)
	return i < len(v.Provinces) && v.Provinces[i] == p
}

func containsTerm(list []Term, code string) bool {
	for _, t := range list {
		if t.Code == code {
			return true
		}
	}
	return false
}

func readTerms(name, codeCol string) ([]Term, error) {
	rows, err := readCSV(name)
	if err != nil {
		return nil, err
	}
	out := make([]Term, len(rows))
	for i, r := range rows {
		out[i] = Term{Code: r[codeCol], NameZH: r["name_zh"], NameEN: r["name_en"]}
	}
	return out, nil
}

func readProvinces() ([]string, error) {
	seen := map[string]bool{}
	for _, name := range []string{"data/hightech_zones.csv", "data/bocom_branches.csv"} {
		rows, err := readCSV(name)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			seen[r["province"]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// readCSV reads an embedded CSV file into maps keyed by the header row.
func readCSV(name string) ([]map[string]string, error) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("app: read %s: %w", name, err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, fmt.Errorf("app: parse %s: %v", name, err)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out, nil
}

// ZoneSeed is a national high-tech zone as listed in the embedded data.
type ZoneSeed struct {
	Code, NameZH, ShortNameZH, Province, City, Branch, Since string
}

// BranchSeed is a Bank of Communications branch from the embedded data.
type BranchSeed struct {
	Name, Kind, Province, City string
}

// SeedZones returns the embedded list of national high-tech zones.
func SeedZones() ([]ZoneSeed, error) {
	rows, err := readCSV("data/hightech_zones.csv")
	if err != nil {
		return nil, err
	}
	out := make([]ZoneSeed, len(rows))
	for i, r := range rows {
		out[i] = ZoneSeed{Code: r["code"], NameZH: r["name_zh"], ShortNameZH: r["short_name_zh"],
			Province: r["province"], City: r["city"], Branch: r["branch"], Since: r["since"]}
	}
	return out, nil
}

// SeedBranches returns the embedded list of bank branches.
func SeedBranches() ([]BranchSeed, error) {
	rows, err := readCSV("data/bocom_branches.csv")
	if err != nil {
		return nil, err
	}
	out := make([]BranchSeed, len(rows))
	for i, r := range rows {
		out[i] = BranchSeed{Name: r["name"], Kind: r["kind"], Province: r["province"], City: r["city"]}
	}
	return out, nil
}
