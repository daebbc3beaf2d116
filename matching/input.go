package matching

// Enterprise is the part of an enterprise profile the matcher reads. Codes
// are those of the API vocabularies; amounts are integer yuan.
type Enterprise struct {
	ID int64 `json:"id"`
	// Sector is one of the nine sector codes (new_generation_it, …).
	Sector string `json:"sector"`
	// Subsector is an optional sub-sector code such as "3.6"; one that does
	// not belong to Sector is ignored.
	Subsector string `json:"subsector,omitempty"`
	// Stage is seed, startup, growth or mature.
	Stage string `json:"stage"`
	// Labels are qualification codes (high_tech_enterprise, tech_sme, …).
	Labels []string `json:"labels,omitempty"`
	// InnovationPoints is the innovation score, 0–1000.
	InnovationPoints int `json:"innovation_points"`
	// NeedAmount is the financing need in yuan; 0 means not stated.
	NeedAmount int64 `json:"need_amount_cny"`
	// Instruments are the instruments wanted; empty accepts any.
	Instruments []string `json:"instruments,omitempty"`
	// Province is the full Chinese province name ("江苏省"); the short form
	// ("江苏") is accepted too.
	Province string `json:"province"`
	// Redacted marks an enterprise seen without its private fields, as an
	// investor sees it: NeedAmount and Instruments are ignored, and the
	// amount and instrument components earn fixed shares with texts saying
	// they are not disclosed, so no score or reason depends on them.
	Redacted bool `json:"redacted,omitempty"`
}

// Redact returns copies of enterprises without their private fields (the
// financing need and the wanted instruments), marked Redacted.
func Redact(enterprises []Enterprise) []Enterprise {
	out := make([]Enterprise, len(enterprises))
	for i, e := range enterprises {
		e.NeedAmount, e.Instruments, e.Redacted = 0, nil, true
		out[i] = e
	}
	return out
}

// Investor is the part of an investor profile the matcher reads.
type Investor struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	// Sectors holds sector or sub-sector codes; empty means all sectors.
	Sectors []string `json:"sectors,omitempty"`
	// Stages holds stage codes; empty means all stages.
	Stages []string `json:"stages,omitempty"`
	// TicketMin and TicketMax bound one investment in yuan; 0 means no
	// bound on that side.
	TicketMin int64 `json:"ticket_min_cny"`
	TicketMax int64 `json:"ticket_max_cny"`
	// Instruments offered; empty means unspecified (read as any).
	Instruments []string `json:"instruments,omitempty"`
	// Provinces served; empty means nationwide.
	Provinces []string `json:"provinces,omitempty"`
}

// Product is a financing product (交银火炬贷, 火炬创新积分贷, …) whose
// conditions are hard eligibility rules.
type Product struct {
	ID         int64  `json:"id"`
	InvestorID int64  `json:"investor_id"`
	Instrument string `json:"instrument"`
	// AmountMin and AmountMax bound the amount in yuan; AmountMax 0 means
	// no upper bound.
	AmountMin int64 `json:"amount_min_cny"`
	AmountMax int64 `json:"amount_max_cny"`
	// Sectors holds sector or sub-sector codes; empty means all sectors.
	Sectors []string `json:"sectors,omitempty"`
	// Stages holds stage codes; empty means all stages.
	Stages              []string `json:"stages,omitempty"`
	MinInnovationPoints int      `json:"min_innovation_points"`
	// RequiredLabels must all be held by the enterprise.
	RequiredLabels []string `json:"required_labels,omitempty"`
	// Provinces served; empty means nationwide.
	Provinces []string `json:"provinces,omitempty"`
}

// Input is everything one ranking pass looks at. Order does not matter:
// results are sorted by ID.
type Input struct {
	Enterprises []Enterprise
	Investors   []Investor
	Products    []Product
}

// Pair names an enterprise–investor pair in organizer rules.
type Pair struct {
	EnterpriseID int64 `json:"enterprise_id"`
	InvestorID   int64 `json:"investor_id"`
}

// Rules are an organizer's per-event decisions about pairs. Pairs naming an
// enterprise or investor absent from a call's input are ignored by it.
type Rules struct {
	// Pinned pairs must meet: they appear in both sides' lists whatever
	// their score and K, ahead of the others, flagged Pinned.
	Pinned []Pair `json:"pinned,omitempty"`
	// Forbidden pairs never appear, neither as investor matches nor as the
	// investor's products nor as candidates.
	Forbidden []Pair `json:"forbidden,omitempty"`
	// MetBefore pairs met at an earlier event: their score is lowered by
	// MetBeforePenalty (never below 0).
	MetBefore []Pair `json:"met_before,omitempty"`
	// MetBeforePenalty is the number of points a met-before pair loses;
	// 0 means DefaultMetBeforePenalty.
	MetBeforePenalty int `json:"met_before_penalty,omitempty"`
}

// DefaultK is the list length used when Options.K is 0.
const DefaultK = 10

// DefaultMetBeforePenalty is the penalty used when Rules.MetBeforePenalty
// is 0.
const DefaultMetBeforePenalty = 20

// Options configure a Matcher. The zero value is valid and means K = 10,
// DefaultWeights and no organizer rules.
type Options struct {
	// K is the length of each ranked list (pinned pairs come on top of it
	// when there are more than K of them).
	K int `json:"k,omitempty"`
	// Weights of the score components; the zero value means DefaultWeights.
	Weights Weights `json:"weights"`
	Rules   Rules   `json:"rules"`
}
