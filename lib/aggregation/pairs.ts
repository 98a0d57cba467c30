// Reviewer pairs: how far apart two reviewers' credences are on the claims they both rated.
import { compareIds } from './math';
import { tabulate, type RatingTable } from './table';
import type { PairStats, Rating } from './types';

/** A pair is reported once it shares this many rated claims. */
export const MIN_SHARED_CLAIMS = 3;

/** reviewerPairs over an already indexed table (see reviewerPairs). */
export function reviewerPairsOf(table: RatingTable, minShared = MIN_SHARED_CLAIMS): PairStats[] {
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
  const pairs: PairStats[] = [];
  for (let a = 0; a < R; a++) {
    for (let b = a + 1; b < R; b++) {
      const cell = (a * R + b) * 3;
      const n = cells[cell] as number;
      if (n < minShared) continue;
      pairs.push({
        reviewerA: table.reviewerIds[a] as string,
        reviewerB: table.reviewerIds[b] as string,
        sharedClaims: n,
        meanAbsLogitDiff: (cells[cell + 2] as number) / n,
        sameSideShare: (cells[cell + 1] as number) / n,
      });
    }
  }
  return pairs.sort(
    (x, y) => y.meanAbsLogitDiff - x.meanAbsLogitDiff || compareIds(x.reviewerA, y.reviewerA) || compareIds(x.reviewerB, y.reviewerB),
  );
}

/**
 * Every pair of reviewers who both rated at least 3 claims (reviewerA < reviewerB by id): the mean |ℓ_A − ℓ_B|
 * over those claims and the share of them on the same side of 0.5 — both above, both below, or both exactly 0.5
 * (a reviewer at exactly 0.5 agrees on side only with another at exactly 0.5). Most distant pairs first.
 */
export function reviewerPairs(ratings: readonly Rating[]): PairStats[] {
  return reviewerPairsOf(tabulate(ratings));
}
