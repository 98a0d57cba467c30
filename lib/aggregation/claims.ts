// Per-claim statistics of current credences (aggregate, quartiles, spread, split, bimodality, disagreement) with
// each claim's evidence tally and crux count: the rows of the disagreement map.
import { bimodalityCoefficient, compareIds, logit, mean, populationStd, quantileSorted, sigmoid } from './math';
import type { Ratings } from './columns';
import { tabulate, type RatingTable } from './table';
import type { ClaimStats, CredenceSummary, CruxMark, EvidenceRow, EvidenceTally } from './types';

/** Below this many ratings the bimodality coefficient is too noisy to report. */
export const BIMODALITY_MIN_N = 10;
/** A credence below LOW_SIDE or above HIGH_SIDE counts as taking a side in `split`. */
export const LOW_SIDE = 0.4;
export const HIGH_SIDE = 0.6;
/** disagreement = spread · n / (n + SHRINK): a small panel's spread counts for less. */
export const SHRINK = 3;

const EMPTY_SUMMARY: CredenceSummary = {
  n: 0,
  aggregate: null,
  median: null,
  q1: null,
  q3: null,
  spread: null,
  split: null,
  bimodality: null,
  disagreement: null,
};

/**
 * Summarises one claim's credences (values in [0, 1], one per reviewer). With ℓ = logit of p clipped to
 * [0.01, 0.99]: aggregate = sigmoid(mean ℓ); median, q1, q3 = type-7 quantiles of the unclipped p; spread =
 * population standard deviation of ℓ; split = 2·min(share p < 0.4, share p > 0.6); bimodality = Sarle's
 * coefficient of ℓ when n ≥ 10 (null below, and null when all ℓ are equal); disagreement = spread·n/(n + 3).
 * Every statistic is null for no values.
 */
export function summarizeCredences(values: readonly number[], logits: readonly number[] = values.map(logit)): CredenceSummary {
  const n = values.length;
  if (n === 0) return EMPTY_SUMMARY;
  const sorted = Float64Array.from(values).sort(); // typed arrays sort numerically
  const spread = populationStd(logits);
  let low = 0;
  let high = 0;
  for (const p of values) {
    if (p < LOW_SIDE) low++;
    else if (p > HIGH_SIDE) high++;
  }
  return {
    n,
    aggregate: sigmoid(mean(logits)),
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    spread,
    split: (2 * Math.min(low, high)) / n,
    bimodality: n >= BIMODALITY_MIN_N ? bimodalityCoefficient(logits) : null,
    disagreement: (spread * n) / (n + SHRINK),
  };
}

function emptyTally(): EvidenceTally {
  return { for: 0, against: 0, forStrength: 0, againstStrength: 0 };
}

/** The statistics of a claim with no ratings, evidence or crux marks. */
export function emptyClaimStats(claimId: string): ClaimStats {
  return { claimId, ...EMPTY_SUMMARY, evidence: emptyTally(), cruxCount: 0 };
}

/** claimStats over an already indexed table (see claimStats). */
export function claimStatsOf(table: RatingTable, evidence: readonly EvidenceRow[], cruxes: readonly CruxMark[]): Map<string, ClaimStats> {
  const tallies = new Map<string, EvidenceTally>();
  for (const row of evidence) {
    let tally = tallies.get(row.claimId);
    if (!tally) tallies.set(row.claimId, (tally = emptyTally()));
    if (row.stance === 'for') {
      tally.for++;
      tally.forStrength += row.strength ?? 0;
    } else {
      tally.against++;
      tally.againstStrength += row.strength ?? 0;
    }
  }
  const cruxReviewers = new Map<string, Set<string>>();
  for (const mark of cruxes) {
    let reviewers = cruxReviewers.get(mark.cruxClaimId);
    if (!reviewers) cruxReviewers.set(mark.cruxClaimId, (reviewers = new Set()));
    reviewers.add(mark.reviewerId);
  }
  const ids = new Set([...table.claimIds, ...tallies.keys(), ...cruxReviewers.keys()]);
  const stats = new Map<string, ClaimStats>();
  for (const claimId of [...ids].sort(compareIds)) {
    const c = table.claimIndex.get(claimId);
    const column = c === undefined ? undefined : table.columns[c];
    stats.set(claimId, {
      claimId,
      ...(column ? summarizeCredences(column.p, column.logit) : EMPTY_SUMMARY),
      evidence: tallies.get(claimId) ?? emptyTally(),
      cruxCount: cruxReviewers.get(claimId)?.size ?? 0,
    });
  }
  return stats;
}

/**
 * Statistics of every claim that has a rating, an evidence row or a crux mark, keyed by claim id in id order.
 * cruxCount is the number of distinct reviewers who marked the claim as a crux for any claim. A claim nobody
 * rated has n = 0 and null statistics. Throws a RangeError for a credence outside [0, 1].
 */
export function claimStats(
  ratings: Ratings,
  evidence: readonly EvidenceRow[] = [],
  cruxes: readonly CruxMark[] = [],
): Map<string, ClaimStats> {
  return claimStatsOf(tabulate(ratings), evidence, cruxes);
}
