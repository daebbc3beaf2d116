package matching

import "fmt"

// Weights are the maximum points of each score component; they are
// non-negative and sum to 100. Each component earns a share of its weight
// (see the tier tables in the package documentation), rounded down to a
// whole number of points.
type Weights struct {
	// Sector rewards the investor's or product's sector focus.
	Sector int `json:"sector"`
	// Stage rewards the investor's or product's stage focus.
	Stage int `json:"stage"`
	// Amount rewards a financing need inside the ticket or amount range.
	Amount int `json:"amount"`
	// Instrument rewards a wanted instrument being offered.
	Instrument int `json:"instrument"`
	// Region rewards the enterprise's province being served.
	Region int `json:"region"`
	// Labels rewards the enterprise's strongest qualification.
	Labels int `json:"labels"`
	// Innovation rewards the enterprise's innovation points.
	Innovation int `json:"innovation"`
}

// DefaultWeights returns the weights used when an event sets none:
// sector 30, instrument 20, region 15, amount 15, stage 10, labels 5,
// innovation 5.
func DefaultWeights() Weights {
	return Weights{Sector: 30, Stage: 10, Amount: 15, Instrument: 20, Region: 15, Labels: 5, Innovation: 5}
}

// FieldError is a validation error about one named field; the API layer
// can report Field in its "fields" map.
type FieldError struct {
	Field   string
	Message string
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("matching: %s: %s", e.Field, e.Message)
}

// fields lists the weights with their JSON names, in a fixed order.
func (w Weights) fields() [7]struct {
	name  string
	value int
} {
	type f = struct {
		name  string
		value int
	}
	return [7]f{
		{"sector", w.Sector}, {"stage", w.Stage}, {"amount", w.Amount},
		{"instrument", w.Instrument}, {"region", w.Region},
		{"labels", w.Labels}, {"innovation", w.Innovation},
	}
}

// Validate reports a *FieldError naming the first negative weight
// ("weights.stage"), or field "weights" when the sum is not 100.
func (w Weights) Validate() error {
	sum := 0
	for _, f := range w.fields() {
		if f.value < 0 {
			return &FieldError{Field: "weights." + f.name, Message: fmt.Sprintf("must not be negative, got %d", f.value)}
		}
		sum += f.value
	}
	if sum != 100 {
		return &FieldError{Field: "weights", Message: fmt.Sprintf("must sum to 100, got %d", sum)}
	}
	return nil
}

// tier is the graded outcome of one score component.
type tier uint8

// Tiers, per component. The share of the component weight each earns is in
// tierShare.
const (
	sectorNone    tier = iota // no overlap
	sectorRelated             // another sub-sector of the same sector
	sectorOpen                // investor or product open to all sectors
	sectorSame                // the enterprise's sector is listed
	sectorExact               // the enterprise's sub-sector is listed

	stageNone     // stage not served
	stageAdjacent // a neighbouring stage is served
	stageOpen     // all stages
	stageListed   // the enterprise's stage is listed

	amountFar      // need more than 2× the maximum or under half the minimum
	amountBelow    // need under the minimum, within the margin
	amountAbove    // need over the maximum, within the margin
	amountUnstated // the enterprise stated no amount
	amountHidden   // the need is not disclosed to this reader (Redact)
	amountInside   // inside the range

	instrumentNone     // nothing wanted is offered
	instrumentUnstated // the investor lists no instrument
	instrumentAnyWant  // the enterprise accepts any instrument
	instrumentHidden   // the wanted instruments are not disclosed (Redact)
	instrumentOverlap  // a wanted instrument is offered

	regionNone       // the enterprise's province is not served
	regionNationwide // nationwide
	regionSame       // the enterprise's province is listed

	numTiers
)

// tierShare is the percentage of the component weight a tier earns.
// amountBelow and amountAbove are graded by amountPoints instead.
var tierShare = [numTiers]int{
	sectorNone: 0, sectorRelated: 40, sectorOpen: 30, sectorSame: 80, sectorExact: 100,
	stageNone: 0, stageAdjacent: 30, stageOpen: 60, stageListed: 100,
	amountFar: 0, amountUnstated: 40, amountHidden: 40, amountInside: 100,
	instrumentNone: 0, instrumentUnstated: 40, instrumentAnyWant: 60, instrumentHidden: 60, instrumentOverlap: 100,
	regionNone: 0, regionNationwide: 50, regionSame: 100,
}

// labelShare is the percentage of the labels weight each label earns; an
// enterprise earns the share of its strongest label.
var labelShare = [len(labelNames)]int{
	0: 50,  // high_tech_enterprise
	1: 20,  // tech_sme
	2: 30,  // innovative_sme
	3: 60,  // specialized_new
	4: 80,  // little_giant
	5: 70,  // gazelle
	6: 100, // unicorn
	7: 40,  // golden_seed
}

// innovationFull is the number of innovation points that earns the whole
// innovation weight; fewer earn a proportional share.
const innovationFull = 800

// share returns pct percent of weight, rounded down.
func share(weight, pct int) int {
	return weight * pct / 100
}

// table is Weights turned into the points of every tier.
type table struct {
	w      Weights
	points [numTiers]int16
}

func newTable(w Weights) table {
	t := table{w: w}
	for tr := tier(0); tr < numTiers; tr++ {
		t.points[tr] = int16(share(t.weightOf(tr), tierShare[tr]))
	}
	return t
}

// weightOf returns the component weight a tier belongs to.
func (t *table) weightOf(tr tier) int {
	switch {
	case tr <= sectorExact:
		return t.w.Sector
	case tr <= stageListed:
		return t.w.Stage
	case tr <= amountInside:
		return t.w.Amount
	case tr <= instrumentOverlap:
		return t.w.Instrument
	default:
		return t.w.Region
	}
}
