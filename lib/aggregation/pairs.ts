// Reviewer pairs: how far apart two reviewers' credences are on the claims they both rated. At 200 reviewers there
// are 19 900 pairs, which no page shows at once: the pairs are kept as a ranking in typed arrays (no object per
// pair), and only the ends a caller asks for — the most and the least agreeing — become objects.
import type { Ratings } from './columns';
import { tabulate, type LogitTable, type RatingTable } from './table';
import type { PairRanking, PairStats } from './types';

/** A pair is reported once it shares this many rated claims. */
export const MIN_SHARED_CLAIMS = 3;

/** The ranking of every pair of reviewers of a table (see reviewerPairs for the numbers). */
export function reviewerPairRanking(table: LogitTable, minShared = MIN_SHARED_CLAIMS): PairRanking {
  const R = table.reviewerIds.length;
  // Per cell (a, b): shared claims, claims on the same side, Σ |ℓ_a − ℓ_b|, side by side so one cache line holds all
  // three (counts are exact in doubles).
  const cells = new Float64Array(R * R * 3);
  // Walk each claim's raters pairwise: Σ n_c² work rather than reviewers² × claims.
  const logits = new Float64Array(R);
  const signs = new Int8Array(R);
  const raters = new Int32Array(R);
  for (const column of table.columns) {
    const n = column.raters.length;
    for (let i = 0; i < n; i++) {
      raters[i] = column.raters[i] as number;
      logits[i] = column.logit[i] as number;
      // ℓ = 0 exactly when p = 0.5, so equal signs mean both above, both below, or both exactly 0.5.
      signs[i] = Math.sign(logits[i] as number);
    }
    for (let i = 0; i < n; i++) {
      const li = logits[i] as number;
      const si = signs[i] as number;
      const row = (raters[i] as number) * R;
      for (let j = i + 1; j < n; j++) {
        const cell = (row + (raters[j] as number)) * 3;
        cells[cell] = (cells[cell] as number) + 1;
        cells[cell + 2] = (cells[cell + 2] as number) + Math.abs(li - (logits[j] as number));
        if (si === signs[j]) cells[cell + 1] = (cells[cell + 1] as number) + 1;
      }
    }
  }
  let total = 0;
  for (let a = 0; a < R; a++) for (let b = a + 1; b < R; b++) if ((cells[(a * R + b) * 3] as number) >= minShared) total++;
  // Pairs in (a, b) order first, then an index sorted by distance: reviewer indices follow the ids' order, so
  // comparing indices is comparing ids (the table sorts them with compareIds).
  const pa = new Int32Array(total);
  const pb = new Int32Array(total);
  const shared = new Int32Array(total);
  const mean = new Float64Array(total);
  const same = new Float64Array(total);
  let k = 0;
  for (let a = 0; a < R; a++) {
    for (let b = a + 1; b < R; b++) {
      const cell = (a * R + b) * 3;
      const n = cells[cell] as number;
      if (n < minShared) continue;
      pa[k] = a;
      pb[k] = b;
      shared[k] = n;
      mean[k] = (cells[cell + 2] as number) / n;
      same[k] = (cells[cell + 1] as number) / n;
      k++;
    }
  }
  // (a, b) order is the tie order, so a stable sort on distance alone gives the ranking.
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((x, y) => (mean[y] as number) - (mean[x] as number) || x - y);
  const ranked = <T extends Int32Array | Float64Array>(column: T): T => {
    const out = new (column.constructor as new (n: number) => T)(total);
    for (let i = 0; i < total; i++) out[i] = column[order[i] as number] as number;
    return out;
  };
  return { reviewerIds: table.reviewerIds, total, a: ranked(pa), b: ranked(pb), shared: ranked(shared), meanAbsLogitDiff: ranked(mean), sameSideShare: ranked(same) };
}

/** Pair k of a ranking as an object. */
function pairAt(ranking: PairRanking, k: number): PairStats {
  return {
    reviewerA: ranking.reviewerIds[ranking.a[k] as number] as string,
    reviewerB: ranking.reviewerIds[ranking.b[k] as number] as string,
    sharedClaims: ranking.shared[k] as number,
    meanAbsLogitDiff: ranking.meanAbsLogitDiff[k] as number,
    sameSideShare: ranking.sameSideShare[k] as number,
  };
}

/**
 * The `n` least agreeing pairs (the most distant) and the `n` most agreeing (the closest), most distant first; every
 * pair when there are at most 2n.
 */
export function pairEnds(ranking: PairRanking, n: number): PairStats[] {
  const { total } = ranking;
  const out: PairStats[] = [];
  if (2 * n >= total) {
    for (let k = 0; k < total; k++) out.push(pairAt(ranking, k));
    return out;
  }
  for (let k = 0; k < n; k++) out.push(pairAt(ranking, k));
  for (let k = total - n; k < total; k++) out.push(pairAt(ranking, k));
  return out;
}

/** reviewerPairs over an already indexed table (see reviewerPairs). */
export function reviewerPairsOf(table: RatingTable, minShared = MIN_SHARED_CLAIMS): PairStats[] {
  const ranking = reviewerPairRanking(table, minShared);
  return pairEnds(ranking, ranking.total);
}

/**
 * Every pair of reviewers who both rated at least 3 claims (reviewerA < reviewerB by id): the mean |ℓ_A − ℓ_B|
 * over those claims and the share of them on the same side of 0.5 — both above, both below, or both exactly 0.5
 * (a reviewer at exactly 0.5 agrees on side only with another at exactly 0.5). Most distant pairs first.
 */
export function reviewerPairs(ratings: Ratings): PairStats[] {
  return reviewerPairsOf(tabulate(ratings));
}
