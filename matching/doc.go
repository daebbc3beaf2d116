// Package matching decides who should meet whom: it checks which financing
// products an enterprise is eligible for, scores how well an enterprise fits
// an investor or a product (0–100, explained by reasons whose points add up
// to the score), ranks the best investors and products for every
// enterprise and the best enterprises for every investor, and lists the
// candidate pairs the meeting scheduler chooses from.
//
// The package is pure: plain structs in, plain structs out, standard
// library only, no clock and no I/O. Ties are broken by ID, so results do
// not depend on input order or on the number of CPUs.
//
// # Eligibility
//
// A product is eligible when all its rules pass (CheckEligibility lists
// them): the enterprise's sector or sub-sector is among the product's
// sectors (empty = all), its stage among the stages (empty = all), its need
// within AmountMin..AmountMax (inclusive; AmountMax 0 = no upper bound), its
// innovation points at least MinInnovationPoints, it holds every required
// label, its province is served (empty = nationwide), and it wants the
// product's instrument (wanting none accepts any). An ineligible product is
// never recommended.
//
// # Score
//
// The score is the sum of seven components, each earning a share of its
// weight (Weights; DefaultWeights in brackets), rounded down:
//
//	sector [30]      sub-sector listed 100%, sector listed 80%, another
//	                 sub-sector of the same sector 40%, open to all
//	                 sectors 30%, none 0
//	instrument [20]  a wanted instrument offered 100%, enterprise accepts
//	                 any 60%, not disclosed (Redact) 60%, investor lists
//	                 none 40%, no overlap 0
//	region [15]      province listed 100%, nationwide 50%, none 0
//	amount [15]      need inside the range 100%; below the minimum falling
//	                 linearly to 0 at half of it; above the maximum falling
//	                 linearly to 0 at twice it; need not stated 40%; not
//	                 disclosed (Redact) 40%
//	stage [10]       stage listed 100%, all stages 60%, a neighbouring
//	                 stage 30%, none 0
//	labels [5]       the enterprise's strongest label: unicorn 100%,
//	                 little giant 80%, gazelle 70%, specialized-new 60%,
//	                 high-tech 50%, golden seed 40%, innovative SME 30%,
//	                 tech SME 20%
//	innovation [5]   innovation points / 800, capped at 100%
//
// Amount and stage count only for a pair in scope: the investor or product
// covers the enterprise's sector (any tier above none), its province and an
// instrument it wants. An investor that does not serve the enterprise at all
// earns nothing for a fitting ticket size; such pairs stay below about 40,
// the scheduler's candidate threshold. Explicit focus earns more than an
// open-to-all policy, so specialists rank above generalists.
//
// A pair that met at an earlier event loses Rules.MetBeforePenalty points
// (default 20, never below 0), shown as a negative "met_before" reason.
package matching
