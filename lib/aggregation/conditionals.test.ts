// Crux-link numbers against values worked by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coherenceGap,
  credenceSource,
  cruxLinkStats,
  expectedShift,
  gapAfterCrux,
  impliedCredence,
  numbersDoubleCruxes,
  resolvedShare,
} from './conditionals';
import type { CruxLinkInput, Rating } from './types';

describe('impliedCredence, expectedShift, coherenceGap', () => {
  it('gives k·a + (1 − k)·b, 2k(1 − k)|a − b| and |implied − own|', () => {
    // k = 0.7, a = 0.9, b = 0.2: 0.63 + 0.06 = 0.69; 2 · 0.7 · 0.3 · 0.7 = 0.294; |0.69 − 0.5| = 0.19
    expect(impliedCredence(0.7, 0.9, 0.2)).toBeCloseTo(0.69, 12);
    expect(expectedShift(0.7, 0.9, 0.2)).toBeCloseTo(0.294, 12);
    expect(expectedShift(0.7, 0.2, 0.9)).toBeCloseTo(0.294, 12);
    expect(coherenceGap(0.7, 0.9, 0.2, 0.5)).toBeCloseTo(0.19, 12);
  });

  it('has no shift when K is certain or the conditionals agree, and no gap without an own credence', () => {
    expect(expectedShift(1, 0.9, 0.1)).toBe(0);
    expect(expectedShift(0, 0.9, 0.1)).toBe(0);
    expect(expectedShift(0.5, 0.4, 0.4)).toBe(0);
    expect(expectedShift(0.5, 1, 0)).toBe(0.5); // the largest possible
    expect(coherenceGap(0.5, 0.9, 0.1, null)).toBeNull();
    expect(coherenceGap(0.5, 0.9, 0.1, undefined)).toBeNull();
  });
});

describe('resolvedShare', () => {
  const r = { k: 0.8, ifTrue: 0.9, ifFalse: 0.3, credence: 0.8 };
  const s = { k: 0.2, ifTrue: 0.7, ifFalse: 0.1, credence: 0.2 };

  it('is (g − g′)/g with k̄ the mean k', () => {
    // g = 0.6; k̄ = 0.5; g′ = 0.5 · 0.2 + 0.5 · 0.2 = 0.2; share = 0.4 / 0.6 = 2/3
    expect(gapAfterCrux(r, s)).toBeCloseTo(0.2, 12);
    expect(resolvedShare(r, s)).toBeCloseTo(2 / 3, 12);
    expect(resolvedShare(s, r)).toBeCloseTo(2 / 3, 12);
  });

  it('is 0 when there is no gap and negative when learning K would widen it', () => {
    expect(resolvedShare({ ...r, credence: 0.4 }, { ...s, credence: 0.4 })).toBe(0);
    // g = 0.1; k̄ = 0.5; g′ = 0.5 · 0.5 + 0.5 · 0.1 = 0.3; share = (0.1 − 0.3) / 0.1 = −2
    const a = { k: 0.5, ifTrue: 0.9, ifFalse: 0.5, credence: 0.5 };
    const b = { k: 0.5, ifTrue: 0.4, ifFalse: 0.4, credence: 0.4 };
    expect(resolvedShare(a, b)).toBeCloseTo(-2, 12);
  });
});

// K rated by u1 (0.8) and u3 (0.2): aggregate σ((ln 4 − ln 4)/2) = 0.5. C rated by u1 (0.8) and u3 (0.2).
const ratings: Rating[] = [
  { claimId: 'K', reviewerId: 'u1', value: 0.8 },
  { claimId: 'K', reviewerId: 'u3', value: 0.2 },
  { claimId: 'C', reviewerId: 'u1', value: 0.8 },
  { claimId: 'C', reviewerId: 'u3', value: 0.2 },
];
const link: CruxLinkInput = {
  id: 'l1',
  cruxClaimId: 'K',
  forClaimId: 'C',
  direction: 'more',
  markedBy: 2,
  conditionals: [
    { reviewerId: 'u3', ifTrue: 0.7, ifFalse: 0.1 },
    { reviewerId: 'u1', ifTrue: 0.9, ifFalse: 0.3 },
    { reviewerId: 'u2', ifTrue: 0.6, ifFalse: 0.4 },
  ],
};
const unratedK: CruxLinkInput = {
  id: 'l0',
  cruxClaimId: 'X',
  forClaimId: 'C',
  direction: null,
  markedBy: 1,
  conditionals: [{ reviewerId: 'u1', ifTrue: 0.9, ifFalse: 0.1 }],
};

describe('cruxLinkStats', () => {
  it('averages the expected shift over the reviewers with conditionals, k from the aggregate when unrated', () => {
    // u1: 2 · 0.8 · 0.2 · 0.6 = 0.192; u2 (k = aggregate 0.5): 2 · 0.25 · 0.2 = 0.1; u3: 2 · 0.2 · 0.8 · 0.6 = 0.192
    const [stats, empty] = cruxLinkStats([unratedK, link], ratings);
    expect(stats).toMatchObject({ id: 'l1', cruxClaimId: 'K', forClaimId: 'C', direction: 'more', markedBy: 2, n: 3 });
    expect(stats!.expectedShift).toBeCloseTo(0.484 / 3, 12);
    expect(empty).toEqual({ id: 'l0', cruxClaimId: 'X', forClaimId: 'C', direction: null, markedBy: 1, n: 0, expectedShift: null });
  });

  it('keeps a reviewer\'s last conditionals and rejects values outside [0, 1]', () => {
    const twice = { ...link, conditionals: [{ reviewerId: 'u1', ifTrue: 0.1, ifFalse: 0.1 }, { reviewerId: 'u1', ifTrue: 0.9, ifFalse: 0.3 }] };
    const [stats] = cruxLinkStats([twice], ratings);
    expect(stats?.n).toBe(1);
    expect(stats?.expectedShift).toBeCloseTo(0.192, 12);
    expect(() => cruxLinkStats([{ ...link, conditionals: [{ reviewerId: 'u1', ifTrue: 1.2, ifFalse: 0 }] }], ratings)).toThrow(RangeError);
  });
});

describe('numbersDoubleCruxes', () => {
  it('lists pairs with g ≥ 0.2 and resolved share ≥ 0.5, skipping reviewers who did not rate C', () => {
    // u1 and u3: g = 0.6, share 2/3 (see resolvedShare); u2 has no credence in C
    const found = numbersDoubleCruxes([link, unratedK], credenceSource(ratings));
    expect(found.map(({ foundBy, cruxClaimId, forClaimId, pairs }) => [foundBy, cruxClaimId, forClaimId, pairs.length])).toEqual([['numbers', 'K', 'C', 1]]);
    const [pair] = found[0]!.pairs;
    expect([pair?.reviewerA, pair?.reviewerB]).toEqual(['u1', 'u3']);
    expect(pair?.gap).toBeCloseTo(0.6, 12);
    expect(pair?.resolvedShare).toBeCloseTo(2 / 3, 12);
  });

  it('counts both bounds inclusively despite rounding (g = 0.7 − 0.5, share exactly 1/2)', () => {
    // k = 0.5 for both; g = 0.2; g′ = 0.5 · |0.9 − 0.7| + 0.5 · 0 = 0.1; share = 0.5
    const edge: Rating[] = [
      { claimId: 'K', reviewerId: 'a', value: 0.5 },
      { claimId: 'K', reviewerId: 'b', value: 0.5 },
      { claimId: 'C', reviewerId: 'a', value: 0.7 },
      { claimId: 'C', reviewerId: 'b', value: 0.5 },
    ];
    const conditionals = [
      { reviewerId: 'a', ifTrue: 0.9, ifFalse: 0.4 },
      { reviewerId: 'b', ifTrue: 0.7, ifFalse: 0.4 },
    ];
    const found = numbersDoubleCruxes([{ ...link, conditionals }], edge);
    expect(found[0]?.pairs.map((p) => [p.reviewerA, p.reviewerB])).toEqual([['a', 'b']]);
    expect(found[0]?.pairs[0]?.gap).toBeCloseTo(0.2, 12);
    expect(found[0]?.pairs[0]?.resolvedShare).toBeCloseTo(0.5, 12);
    // one point of share less: b's ifTrue 0.68 → g′ = 0.11, share 0.45
    expect(numbersDoubleCruxes([{ ...link, conditionals: [conditionals[0]!, { reviewerId: 'b', ifTrue: 0.68, ifFalse: 0.4 }] }], edge)).toEqual([]);
  });
});

describe('the formulas\' bounds, on any input', () => {
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const position = fc.record({ k: unit, ifTrue: unit, ifFalse: unit, credence: unit });

  it('keeps the implied credence in [0, 1], the expected shift in [0, 1/2] and the resolved share ≤ 1, symmetric', () => {
    fc.assert(
      fc.property(position, position, (r, s) => {
        const implied = impliedCredence(r.k, r.ifTrue, r.ifFalse);
        expect(implied).toBeGreaterThanOrEqual(Math.min(r.ifTrue, r.ifFalse) - 1e-12);
        expect(implied).toBeLessThanOrEqual(Math.max(r.ifTrue, r.ifFalse) + 1e-12);
        const shift = expectedShift(r.k, r.ifTrue, r.ifFalse);
        expect(shift).toBeGreaterThanOrEqual(0);
        expect(shift).toBeLessThanOrEqual(0.5);
        expect(resolvedShare(r, s)).toBeLessThanOrEqual(1 + 1e-12);
        expect(resolvedShare(r, s)).toBeCloseTo(resolvedShare(s, r), 12);
      }),
    );
  });
});
