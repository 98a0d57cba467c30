// Per-claim statistics of credences, evidence tallies and crux counts, on hand-worked examples.
import { describe, expect, it } from 'vitest';
import { claimStats, summarizeCredences } from './index';
import type { Rating } from './index';

const LN3 = Math.log(3); // 1.0986122886681098
const LN4 = Math.log(4); // 1.3862943611198906 = |logit(0.2)| = logit(0.8)
const LN99 = Math.log(99); // 4.59511985013459 = logit(0.99), where p = 1 is clipped to
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const rate = (claimId: string, values: number[]): Rating[] => values.map((value, i) => ({ claimId, reviewerId: `r${i}`, value }));

describe('summarizeCredences', () => {
  it('summarises a single rating (n = 1)', () => {
    // ℓ = ln(0.25); aggregate = sigmoid(ℓ) = 0.2; spread 0; split 2·min(1, 0) = 0; disagreement 0·1/4 = 0
    const s = summarizeCredences([0.2]);
    expect(s.n).toBe(1);
    expect(s.aggregate).toBeCloseTo(0.2, 15);
    expect([s.median, s.q1, s.q3]).toEqual([0.2, 0.2, 0.2]);
    expect(s.spread).toBe(0);
    expect(s.split).toBe(0);
    expect(s.bimodality).toBeNull();
    expect(s.disagreement).toBe(0);
  });

  it('summarises two opposed ratings (n = 2)', () => {
    // 0.2 and 0.8: ℓ = ∓ln 4, mean 0 → aggregate 0.5; median = (0.2 + 0.8)/2 = 0.5;
    // q1: h = 0.25 → 0.2 + 0.25·0.6 = 0.35; q3: h = 0.75 → 0.2 + 0.75·0.6 = 0.65;
    // spread: deviations ±ln 4 → √(ln²4) = ln 4 = 1.3862943611; split = 2·min(1/2, 1/2) = 1;
    // disagreement = ln 4 · 2/(2 + 3) = 0.5545177444479562
    const s = summarizeCredences([0.8, 0.2]);
    expect(s.aggregate).toBeCloseTo(0.5, 15);
    expect(s.median).toBeCloseTo(0.5, 15);
    expect(s.q1).toBeCloseTo(0.35, 15);
    expect(s.q3).toBeCloseTo(0.65, 15);
    expect(s.spread).toBeCloseTo(LN4, 14);
    expect(s.split).toBe(1);
    expect(s.bimodality).toBeNull();
    expect(s.disagreement).toBeCloseTo(0.5545177444479562, 14);
  });

  it('aggregates by the geometric mean of odds, not the mean of probabilities', () => {
    // 0.5 and 0.9: odds 1 and 9, geometric mean 3 → p = 3/4 (the arithmetic mean would be 0.7).
    // ℓ = 0 and ln 9: mean ln 3; spread = ln 9 / 2 = ln 3; split = 2·min(0, 1/2) = 0
    const s = summarizeCredences([0.5, 0.9]);
    expect(s.aggregate).toBeCloseTo(0.75, 14);
    expect(s.median).toBeCloseTo(0.7, 15);
    expect(s.spread).toBeCloseTo(LN3, 14);
    expect(s.split).toBe(0);
    expect(s.disagreement).toBeCloseTo((LN3 * 2) / 5, 14);
  });

  it('reports no spread, split or bimodality for identical credences', () => {
    const s = summarizeCredences(Array.from({ length: 12 }, () => 0.7));
    expect(s.n).toBe(12);
    expect(s.aggregate).toBeCloseTo(0.7, 14);
    expect([s.median, s.q1, s.q3]).toEqual([0.7, 0.7, 0.7]);
    expect(s.spread).toBe(0);
    expect(s.split).toBe(0);
    expect(s.bimodality).toBeNull(); // n ≥ 10 but skewness and kurtosis are undefined (zero variance)
    expect(s.disagreement).toBe(0);
  });

  it('clips p = 0 and p = 1 for log-odds but not for quartiles', () => {
    // [0, 1]: ℓ = ∓ln 99, aggregate 0.5, spread ln 99, disagreement = ln 99 · 2/5 = 1.8380479400538359
    const pair = summarizeCredences([0, 1]);
    expect(pair.aggregate).toBeCloseTo(0.5, 15);
    expect(pair.median).toBe(0.5);
    expect(pair.spread).toBeCloseTo(LN99, 14);
    expect(pair.split).toBe(1);
    expect(pair.disagreement).toBeCloseTo(1.8380479400538359, 14);
    // [0, 0, 1]: mean ℓ = −ln 99 / 3 → aggregate = 1/(1 + 99^(1/3)) = 0.1777441246000218;
    // deviations −2a/3, −2a/3, 4a/3 (a = ln 99) → spread = a·√(8/9) = 4.332320541860107;
    // median 0 (unclipped); q3: h = 1.5 → 0 + 0.5·(1 − 0) = 0.5; split = 2·min(2/3, 1/3) = 2/3
    const three = summarizeCredences([0, 1, 0]);
    expect(three.aggregate).toBeCloseTo(0.1777441246000218, 14);
    expect(three.spread).toBeCloseTo(4.332320541860107, 13);
    expect(three.median).toBe(0);
    expect(three.q1).toBe(0);
    expect(three.q3).toBe(0.5);
    expect(three.split).toBeCloseTo(2 / 3, 15);
  });

  it('computes split from the shares below 0.4 and above 0.6, ignoring the middle', () => {
    // 0.1, 0.3 below; 0.4, 0.5, 0.6 neither; 0.9 above → 2·min(2/6, 1/6) = 1/3
    expect(summarizeCredences([0.1, 0.3, 0.4, 0.5, 0.6, 0.9]).split).toBeCloseTo(1 / 3, 15);
  });

  it('reports bimodality from ten ratings up, on ℓ', () => {
    // five at sigmoid(−2), five at sigmoid(2): ℓ = ±2 → BC = 56/99 (see math.test.ts); spread 2;
    // disagreement = 2·10/13 = 1.5384615384615385
    const camps = [...new Array<number>(5).fill(sigmoid(-2)), ...new Array<number>(5).fill(sigmoid(2))];
    const s = summarizeCredences(camps);
    expect(s.bimodality).toBeCloseTo(56 / 99, 12);
    expect(s.spread).toBeCloseTo(2, 14);
    expect(s.disagreement).toBeCloseTo(1.5384615384615385, 13);
    // nine at 0.5 and one at sigmoid(3): ℓ = nine 0s and a 3 → 56/73
    expect(summarizeCredences([...new Array<number>(9).fill(0.5), sigmoid(3)]).bimodality).toBeCloseTo(56 / 73, 12);
    // nine ratings: not reported
    expect(summarizeCredences(camps.slice(1)).bimodality).toBeNull();
  });

  it('returns nulls for no ratings', () => {
    expect(summarizeCredences([])).toEqual({
      n: 0,
      aggregate: null,
      median: null,
      q1: null,
      q3: null,
      spread: null,
      split: null,
      bimodality: null,
      disagreement: null,
    });
  });
});

describe('claimStats', () => {
  it('computes each claim\'s statistics from its own ratings', () => {
    const stats = claimStats([...rate('b', [0.2, 0.8]), ...rate('a', [0.5, 0.9])]);
    expect([...stats.keys()]).toEqual(['a', 'b']);
    expect(stats.get('a')?.aggregate).toBeCloseTo(0.75, 14);
    expect(stats.get('b')?.spread).toBeCloseTo(LN4, 14);
  });

  it('tallies evidence for and against, with strengths (a missing strength adds 0)', () => {
    const stats = claimStats(rate('c', [0.6]), [
      { claimId: 'c', stance: 'for', strength: 3 },
      { claimId: 'c', stance: 'for', strength: 2 },
      { claimId: 'c', stance: 'against', strength: null },
      { claimId: 'c', stance: 'against', strength: 4 },
      { claimId: 'd', stance: 'for', strength: 1 },
    ]);
    expect(stats.get('c')?.evidence).toEqual({ for: 2, against: 2, forStrength: 5, againstStrength: 4 });
    expect(stats.get('d')?.evidence).toEqual({ for: 1, against: 0, forStrength: 1, againstStrength: 0 });
  });

  it('lists a claim with evidence but no ratings with n = 0 and null statistics', () => {
    const d = claimStats([], [{ claimId: 'd', stance: 'for', strength: 1 }]).get('d');
    expect(d).toMatchObject({ n: 0, aggregate: null, median: null, spread: null, disagreement: null, cruxCount: 0 });
  });

  it('counts the distinct reviewers who marked a claim as a crux for any claim', () => {
    const stats = claimStats(
      [],
      [],
      [
        { reviewerId: 'r1', cruxClaimId: 'k', forClaimId: 'c1' },
        { reviewerId: 'r1', cruxClaimId: 'k', forClaimId: 'c2' }, // same reviewer, other claim: still one
        { reviewerId: 'r2', cruxClaimId: 'k', forClaimId: 'c1' },
        { reviewerId: 'r2', cruxClaimId: 'k', forClaimId: 'c1' }, // repeated mark
        { reviewerId: 'r3', cruxClaimId: 'c1', forClaimId: 'k' },
      ],
    );
    expect(stats.get('k')?.cruxCount).toBe(2);
    expect(stats.get('c1')?.cruxCount).toBe(1);
    expect(stats.has('c2')).toBe(false); // only ever the claim a crux bears on
  });

  it('keeps the last value when a reviewer appears twice for a claim, and ignores input order', () => {
    const twice = claimStats([
      { claimId: 'c', reviewerId: 'r1', value: 0.9 },
      { claimId: 'c', reviewerId: 'r2', value: 0.5 },
      { claimId: 'c', reviewerId: 'r1', value: 0.2 },
    ]).get('c');
    expect(twice?.n).toBe(2);
    expect(twice?.median).toBeCloseTo(0.35, 15);
    const ratings = [...rate('a', [0.1, 0.4, 0.95]), ...rate('b', [0.3, 0.3])];
    expect(claimStats([...ratings].reverse())).toEqual(claimStats(ratings));
  });

  it('rejects a credence outside [0, 1]', () => {
    expect(() => claimStats(rate('c', [1.2]))).toThrow(RangeError);
    expect(() => claimStats(rate('c', [-0.1]))).toThrow(RangeError);
    expect(() => claimStats(rate('c', [Number.NaN]))).toThrow(RangeError);
  });
});
