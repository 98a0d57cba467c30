// Aggregation: reviewers' credences, evidence and crux marks rolled up into the disagreement map — per-claim
// statistics, passage heat, reviewer pairs, Krippendorff's alpha, opinion groups, cruxes and rounds. Pure
// functions over plain arrays; no database. Each function's comment gives its formula; the choices the product
// issue left open are:
// - ℓ is the log-odds of p clipped to [0.01, 0.99]; spread, bimodality, pairs, alpha, groups and cruxes use ℓ,
//   median and quartiles the unclipped p. A (claim, reviewer) given twice keeps its last value.
// - bimodality: Sarle's coefficient of ℓ with the bias-adjusted G1 and G2 (SAS, Excel, scipy bias=False); null
//   below 10 ratings and when all ℓ are equal (skewness and kurtosis undefined).
// - a claim nobody rated has n = 0 and null statistics.
// - pairs: "same side" of 0.5 means both above, both below or both exactly 0.5.
// - alpha: null when no claim has two ratings or all pairable values are equal (no disagreement expected).
// - groups: a clustering leaving any group below 2 members is discarded; representative claims need
//   |z| ≥ 1.2816 (either direction) with variances floored at 0.01 and ≥ 2 ratings on each side.
// - implicit cruxes: two-sided permutation p = (1 + #{|ρ_perm| ≥ |ρ|}) / 2 001; pairs with a constant side are
//   not tested, pairs with ρ = 0 are tested but never kept; survivors are listed in both orders; at most the 200
//   most contested claims, 1 000 pairs and Σ 5 000 common reviewers are tested (see cruxes.ts).
// - crux links: a reviewer's k is their own credence in K, else K's aggregate; with neither they are left out
//   of the link's numbers, so n counts exactly the reviewers averaged in expectedShift. Double cruxes in numbers
//   need both reviewers to have rated C; the bounds g ≥ 0.2 and share ≥ 0.5 are inclusive up to 1e-9 rounding.
// - bridged credence: block-coordinate descent (each reviewer's and each claim's (i, f) solved exactly, then μ)
//   from f uniform in [−0.5, 0.5) (seed 15); claims outside the fit get bridged = viewpoint = null and
//   splitsByViewpoint = false; with no opinion groups the side with more reviewers is positive.
export { claimStats, summarizeCredences } from './claims';
export { passageHeat } from './passages';
export { MIN_SHARED_CLAIMS, pairEnds, reviewerPairRanking, reviewerPairs } from './pairs';
export { intervalAlpha, krippendorffAlpha } from './alpha';
export { opinionGroups, type OpinionGroupOptions } from './groups';
export { benjaminiHochberg, doubleCruxes, implicitCruxes, type ImplicitCruxOptions } from './cruxes';
export { roundSpreads } from './rounds';
export {
  COHERENCE_GAP_NOTICE,
  NUMBERS_DOUBLE_CRUX_MIN_GAP,
  NUMBERS_DOUBLE_CRUX_MIN_SHARE,
  coherenceGap,
  credenceSource,
  cruxLinkNumbers,
  cruxLinkStats,
  expectedShift,
  gapAfterCrux,
  impliedCredence,
  numbersDoubleCruxes,
  resolvedShare,
  type CredenceSource,
  type LinkPosition,
} from './conditionals';
export {
  SPLITS_BY_VIEWPOINT,
  bridgedCredences,
  type BridgedClaim,
  type BridgedCredences,
  type BridgedReviewer,
  type BridgingOptions,
  type GroupMembership,
} from './bridging';
export { disagreementMap, disagreementMapBeside, tableParts, type DisagreementMapInput, type DisagreementMapOptions, type TableParts } from './map';
export { tableFromLogits, type LogitTable, type RatingTable } from './table';
export { concatRatings, IdList, ratingColumns, ratingCount, ratingReviewers, ratingsOf, RatingColumnsBuilder, type RatingColumns, type Ratings } from './columns';
export { logit, sigmoid } from './math';
export type * from './types';
