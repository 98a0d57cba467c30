// Krippendorff's interval alpha: Krippendorff's published example, a small hand-worked case on ℓ, and a direct
// pair-by-pair computation from the definition as an independent check.
import { describe, expect, it } from 'vitest';
import { intervalAlpha, krippendorffAlpha } from './index';
import { seededRandom } from './math';
import type { Rating } from './index';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Alpha straight from the definition: every ordered pair of values, within units and over all pairable values. */
function alphaByPairs(units: number[][]): number {
  const pairable = units.filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  let observed = 0;
  for (const u of pairable) {
    let sum = 0;
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) sum += ((u[i] as number) - (u[j] as number)) ** 2;
    observed += sum / (u.length - 1);
  }
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected += ((all[i] as number) - (all[j] as number)) ** 2;
  return 1 - observed / n / (expected / (n * (n - 1)));
}

describe('intervalAlpha', () => {
  it('reproduces the interval alpha of Krippendorff (2011), 4 coders × 12 units with missing values', () => {
    // "Computing Krippendorff's Alpha-Reliability", section C: alpha_interval = 0.849.
    const _ = null;
    const coders = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = coders[0]!.map((_, u) => coders.map((row) => row[u]).filter((v): v is number => v !== null && v !== undefined));
    // Unit 12 has a single value and drops out: n = 40 pairable values, D_o = 13/30, D_e = 112/39,
    // alpha = 1 − (13/30)/(112/39) = 951/1120 = 0.8491071428571428
    expect(intervalAlpha(units)).toBeCloseTo(951 / 1120, 14);
    expect(intervalAlpha(units)).toBeCloseTo(0.849, 3);
  });

  it('agrees with the pair-by-pair definition on random data with missing values', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const units = Array.from({ length: 3 + Math.floor(random() * 10) }, () =>
        Array.from({ length: Math.floor(random() * 6) }, () => Math.round((random() * 8 - 4) * 100) / 100),
      );
      const reference = alphaByPairs(units);
      if (!Number.isFinite(reference)) continue;
      expect(intervalAlpha(units)).toBeCloseTo(reference, 10);
    }
  });

  it('is 1 for perfect agreement and null when it is undefined', () => {
    expect(intervalAlpha([[1, 1], [2, 2, 2], [5]])).toBe(1);
    expect(intervalAlpha([[1], [2], []])).toBeNull(); // no unit with two values
    expect(intervalAlpha([[3, 3], [3, 3, 3]])).toBeNull(); // all values equal: D_e = 0, no disagreement expected
  });
});

describe('krippendorffAlpha', () => {
  it('treats claims as units, reviewers as coders and ℓ as interval values', () => {
    // Claims u1 (ℓ −2, −2), u2 (2, 2), u3 (0, 2); u4 has one rating and drops out. n = 6 values, mean 1/3.
    //   D_o = (1/6)·[(2−0)² + (0−2)²]/(2 − 1) = 8/6
    //   Σ(v − 1/3)² = 2·(7/3)² + 3·(5/3)² + (1/3)² = 174/9; Σ_{i≠j}(v_i − v_j)² = 2·6·174/9 = 232; D_e = 232/30
    //   alpha = 1 − (8/6)/(232/30) = 1 − 5/29 = 24/29 = 0.8275862068965517
    const ratings: Rating[] = [
      { claimId: 'u1', reviewerId: 'a', value: sigmoid(-2) },
      { claimId: 'u1', reviewerId: 'b', value: sigmoid(-2) },
      { claimId: 'u2', reviewerId: 'a', value: sigmoid(2) },
      { claimId: 'u2', reviewerId: 'b', value: sigmoid(2) },
      { claimId: 'u3', reviewerId: 'a', value: 0.5 },
      { claimId: 'u3', reviewerId: 'b', value: sigmoid(2) },
      { claimId: 'u4', reviewerId: 'a', value: 0.99 },
    ];
    expect(krippendorffAlpha(ratings)).toBeCloseTo(24 / 29, 13);
  });

  it('clips p = 0 and p = 1: opposite extremes on one claim disagree by 2 ln 99', () => {
    // u1: 0 and 1 (ℓ ∓a, a = ln 99); u2: both 1 (a, a). n = 4, D_o = (1/4)·2·(2a)² = 2a²;
    // mean a/2, Σ(v − a/2)² = (3a/2)² + 3·(a/2)² = 3a², Σ_{i≠j} = 2·4·3a² = 24a², D_e = 24a²/12 = 2a² → alpha 0
    const ratings: Rating[] = [
      { claimId: 'u1', reviewerId: 'a', value: 0 },
      { claimId: 'u1', reviewerId: 'b', value: 1 },
      { claimId: 'u2', reviewerId: 'a', value: 1 },
      { claimId: 'u2', reviewerId: 'b', value: 1 },
    ];
    expect(krippendorffAlpha(ratings)).toBeCloseTo(0, 14);
  });

  it('is null with a single rating per claim or identical credences everywhere', () => {
    expect(krippendorffAlpha([{ claimId: 'c', reviewerId: 'a', value: 0.3 }])).toBeNull();
    expect(
      krippendorffAlpha(['a', 'b', 'c'].flatMap((reviewerId) => ['u1', 'u2'].map((claimId) => ({ claimId, reviewerId, value: 0.7 })))),
    ).toBeNull();
  });
});
