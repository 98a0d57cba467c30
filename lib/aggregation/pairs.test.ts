// Reviewer pairs: distance in log-odds and side agreement over the claims both rated.
import { describe, expect, it } from 'vitest';
import { pairEnds, reviewerPairRanking, reviewerPairs } from './index';
import { tabulate } from './table';
import type { Rating } from './index';

const LN4 = Math.log(4);
const LN99 = Math.log(99);

const ratingsOf = (table: Record<string, Record<string, number>>): Rating[] =>
  Object.entries(table).flatMap(([reviewerId, row]) => Object.entries(row).map(([claimId, value]) => ({ claimId, reviewerId, value })));

describe('reviewerPairs', () => {
  it('reports pairs sharing at least three rated claims, with missing cells left out', () => {
    const pairs = reviewerPairs(
      ratingsOf({
        a: { c1: 0.2, c2: 0.5, c3: 0.9, c4: 0.7 },
        b: { c1: 0.8, c2: 0.5, c3: 0.9 },
        c: { c1: 0.2, c4: 0.3, c5: 0.1 }, // shares only c1, c4 with a and c1 with b
      }),
    );
    // a–b share c1, c2, c3: |Δℓ| = |−ln 4 − ln 4| = 2 ln 4, 0, 0 → mean 2 ln 4 / 3 = 0.924196240746594;
    // same side: c1 no (below vs above), c2 yes (both exactly 0.5), c3 yes (both above) → 2/3
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ reviewerA: 'a', reviewerB: 'b', sharedClaims: 3 });
    expect(pairs[0]?.meanAbsLogitDiff).toBeCloseTo((2 * LN4) / 3, 14);
    expect(pairs[0]?.sameSideShare).toBeCloseTo(2 / 3, 15);
  });

  it('counts exactly 0.5 as its own side and clips p = 0 and p = 1', () => {
    const [pair] = reviewerPairs(
      ratingsOf({
        x: { c1: 0.5, c2: 0, c3: 0.6, c4: 0.5 },
        y: { c1: 0.6, c2: 1, c3: 0.6, c4: 0.5 },
      }),
    );
    // c1: 0.5 vs 0.6 differ in side; c2: 0 vs 1 differ, |Δℓ| = 2 ln 99; c3 and c4 agree → 2/4
    // |Δℓ|: c1 ln 1.5 = 0.4054651081081644, c2 2 ln 99, c3 0, c4 0
    expect(pair?.sameSideShare).toBe(0.5);
    expect(pair?.meanAbsLogitDiff).toBeCloseTo((Math.log(1.5) + 2 * LN99) / 4, 14);
  });

  it('orders pairs from the most to the least distant, then by ids', () => {
    const pairs = reviewerPairs(
      ratingsOf({
        a: { c1: 0.5, c2: 0.5, c3: 0.5 },
        b: { c1: 0.5, c2: 0.5, c3: 0.5 },
        c: { c1: 0.9, c2: 0.9, c3: 0.9 },
      }),
    );
    expect(pairs.map((p) => `${p.reviewerA}-${p.reviewerB}`)).toEqual(['a-c', 'b-c', 'a-b']);
    expect(pairs[2]).toMatchObject({ meanAbsLogitDiff: 0, sameSideShare: 1 });
  });
});

describe('pairEnds', () => {
  // five reviewers at 0.1, 0.2, 0.5, 0.6, 0.95 on the same three claims: ten pairs; ℓ = −2.197, −1.386, 0, 0.405,
  // 2.944, so |Δℓ| runs from 5.141 (r0–r4) and 4.330 (r1–r4) down to 0.811 (r0–r1) and 0.405 (r2–r3)
  const levels = [0.1, 0.2, 0.5, 0.6, 0.95];
  const ratings: Rating[] = levels.flatMap((p, r) => ['c1', 'c2', 'c3'].map((claimId) => ({ claimId, reviewerId: `r${r}`, value: p })));
  const ranking = reviewerPairRanking(tabulate(ratings));
  const key = (p: { reviewerA: string; reviewerB: string }) => `${p.reviewerA}-${p.reviewerB}`;

  it('counts every pair and keeps only the n most and n least agreeing, most distant first', () => {
    expect(ranking.total).toBe(10);
    const all = reviewerPairs(ratings);
    const ends = pairEnds(ranking, 2);
    expect(ends.map(key)).toEqual([...all.slice(0, 2), ...all.slice(-2)].map(key));
    expect(ends.map(key)).toEqual(['r0-r4', 'r1-r4', 'r0-r1', 'r2-r3']);
    expect(ends[0]?.meanAbsLogitDiff).toBeCloseTo(Math.log(9) + Math.log(19), 14);
    expect(ends[3]?.meanAbsLogitDiff).toBeCloseTo(Math.log(1.5), 14);
  });

  it('lists every pair when 2n reaches the total, and none for n = 0', () => {
    expect(pairEnds(ranking, 5)).toEqual(reviewerPairs(ratings));
    expect(pairEnds(ranking, 50)).toEqual(reviewerPairs(ratings));
    expect(pairEnds(ranking, 0)).toEqual([]);
  });
});
