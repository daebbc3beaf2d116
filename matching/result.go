package matching

// Reason is one component of a score. The Points of a match's reasons add
// up to its Score; a met-before penalty is a reason with negative Points.
type Reason struct {
	Code   string `json:"code"`
	Points int    `json:"points"`
	TextZH string `json:"text_zh"`
	TextEN string `json:"text_en"`
}

// Reason codes, one per score component plus the met-before penalty.
const (
	CodeSector     = "sector"
	CodeStage      = "stage"
	CodeAmount     = "amount"
	CodeInstrument = "instrument"
	CodeRegion     = "region"
	CodeLabels     = "labels"
	CodeInnovation = "innovation"
	CodeMetBefore  = "met_before"
)

// Rule is the outcome of one eligibility rule of a product.
type Rule struct {
	Rule   string `json:"rule"`
	Pass   bool   `json:"pass"`
	TextZH string `json:"text_zh"`
	TextEN string `json:"text_en"`
}

// Eligibility rule names, in the order Eligibility lists them.
const (
	RuleSector           = "sector"
	RuleStage            = "stage"
	RuleAmount           = "amount"
	RuleInnovationPoints = "innovation_points"
	RuleLabels           = "labels"
	RuleProvince         = "province"
	RuleInstrument       = "instrument"
)

// Eligibility is a product's verdict for one enterprise: Eligible is true
// when every rule passes.
type Eligibility struct {
	Eligible bool   `json:"eligible"`
	Rules    []Rule `json:"rules"`
}

// Match is a scored enterprise–investor pair, used in both directions.
type Match struct {
	EnterpriseID int64 `json:"enterprise_id"`
	InvestorID   int64 `json:"investor_id"`
	// Score is 0–100 and equals the sum of the reasons' points.
	Score int `json:"score"`
	// Pinned is set for a pair the organizer pinned.
	Pinned bool `json:"pinned,omitempty"`
	// MetBefore is set when the pair met at an earlier event.
	MetBefore bool     `json:"met_before,omitempty"`
	Reasons   []Reason `json:"reasons"`
}

// ProductMatch is a scored enterprise–product pair of an eligible product.
type ProductMatch struct {
	EnterpriseID int64    `json:"enterprise_id"`
	ProductID    int64    `json:"product_id"`
	Score        int      `json:"score"`
	Reasons      []Reason `json:"reasons"`
	// Eligibility lists every rule; in a ranking all of them pass.
	Eligibility []Rule `json:"eligibility"`
}

// EnterpriseRecommendations are one enterprise's ranked investors and
// eligible products, best first (pinned investors lead).
type EnterpriseRecommendations struct {
	EnterpriseID int64          `json:"enterprise_id"`
	Investors    []Match        `json:"investors"`
	Products     []ProductMatch `json:"products"`
}

// InvestorRecommendations are one investor's ranked enterprises, best
// first (pinned enterprises lead).
type InvestorRecommendations struct {
	InvestorID  int64   `json:"investor_id"`
	Enterprises []Match `json:"enterprises"`
}

// Candidate is a compact enterprise–investor pair for the meeting
// scheduler.
type Candidate struct {
	EnterpriseID int64 `json:"enterprise_id"`
	InvestorID   int64 `json:"investor_id"`
	Score        int   `json:"score"`
}
