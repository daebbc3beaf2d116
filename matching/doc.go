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
// weight (Weights, DefaultWeights in brackets), rounded down:
//
//	sector [30]      sub-sector listed 100%, sector listed 75%, open to all
//	                 sectors 50%, another sub-sector of the same sector 40%,
//	                 none 0
//	instrument [25]  a wanted instrument offered 100%, enterprise accepts
//	                 any 100%, investor lists none 70%, no overlap 0
//	amount [15]      need inside the range 100%; below the minimum falling
//	                 linearly to 0 at half of it; above the maximum falling
//	                 linearly to 0 at twice it; need not stated 50%
//	stage [10]       stage listed 100%, all stages 80%, a neighbouring
//	                 stage 40%, none 0
//	region [10]      province listed 100%, nationwide 70%, none 0
//	labels [5]       the enterprise's strongest label: unicorn 100%,
//	                 little giant 80%, gazelle 70%, specialized-new 60%,
//	                 high-tech 50%, golden seed 40%, innovative SME 30%,
//	                 tech SME 20%
//	innovation [5]   innovation points / 800, capped at 100%
//
// A pair that met at an earlier event loses Rules.MetBeforePenalty points
// (default 20, never below 0), shown as a negative "met_before" reason.
package matching
