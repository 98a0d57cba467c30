// The numeric building blocks, against values worked by hand and an independent type-7 quantile formula.
import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  bimodalityCoefficient,
  logit,
  pearson,
  populationStd,
  quantileSorted,
  sampleExcessKurtosis,
  sampleSkewness,
  sampleVariance,
  seededRandom,
  sigmoid,
  spearman,
} from './math';

describe('logit and sigmoid', () => {
  it('takes log-odds of credences clipped to [0.01, 0.99]', () => {
    expect(logit(0.2)).toBeCloseTo(-1.3862943611198906, 14); // ln(0.2 / 0.8) = ln(0.25)
    expect(logit(0.5)).toBe(0); // ln(1)
    expect(logit(0.9)).toBeCloseTo(2.1972245773362196, 14); // ln 9
    expect(logit(0)).toBeCloseTo(-4.59511985013459, 14); // clipped to 0.01: ln(0.01 / 0.99) = −ln 99
    expect(logit(1)).toBeCloseTo(4.59511985013459, 14); // clipped to 0.99: ln 99
    expect(logit(0.995)).toBe(logit(0.99));
    expect(logit(0.004)).toBe(logit(0.01));
  });

  it('maps log-odds back to probabilities', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15); // odds 3 → 3/4
    expect(sigmoid(logit(0.3))).toBeCloseTo(0.3, 15);
  });
});

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics as numpy.percentile does by default', () => {
    // [1, 2, 3, 4]: h = 3q → q1: h = 0.75 → 1 + 0.75·(2 − 1) = 1.75; median: h = 1.5 → 2.5; q3: h = 2.25 → 3.25
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantileSorted([7], 0.25)).toBe(7);
    expect(quantileSorted([0.1, 0.2, 0.7], 0.75)).toBeCloseTo(0.45, 15); // h = 1.5 → 0.2 + 0.5·0.5
  });

  it('agrees with Hyndman and Fan\'s written-out definition on random samples', () => {
    // Type 7, 1-based: with m = 1 − q, j = ⌊nq + m⌋, g = nq + m − j, Q = (1 − g)·x_j + g·x_(j+1).
    const reference = (xs: number[], q: number) => {
      const n = xs.length;
      const j = Math.floor(n * q + (1 - q));
      const g = n * q + (1 - q) - j;
      const at = (k: number) => xs[Math.min(Math.max(k, 1), n) - 1] as number;
      return (1 - g) * at(j) + g * at(j + 1);
    };
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(random() * 15) }, () => Math.round(random() * 100) / 100).sort((a, b) => a - b);
      for (const q of [0, 0.25, 0.5, 0.75, 1]) expect(quantileSorted(xs, q)).toBeCloseTo(reference(xs, q), 12);
    }
  });

  it('rejects an empty sample and a quantile outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
  });
});

describe('moments', () => {
  it('computes the population standard deviation (dividing by n)', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, 32/8 = 4, √4 = 2
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(populationStd([0.3])).toBe(0);
    expect(populationStd([0.1, 0.1, 0.1])).toBe(0);
    // sample variance of the same: 32/7
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 14);
    expect(sampleVariance([5])).toBe(0);
  });

  it('computes bias-adjusted sample skewness G1 and excess kurtosis G2', () => {
    // x = nine 0s and one 3 (n = 10): mean 0.3; deviations −0.3 (×9) and 2.7.
    //   m2 = (9·0.09 + 7.29)/10 = 0.81; m3 = (9·(−0.027) + 19.683)/10 = 1.944; m4 = (9·0.0081 + 53.1441)/10 = 5.3217
    //   g1 = 1.944 / 0.81^1.5 = 1.944 / 0.729 = 8/3;  G1 = g1·√(10·9)/8 = √90/3 = √10 = 3.16227766…
    //   g2 = 5.3217 / 0.6561 − 3 = 73/9 − 3 = 46/9;  G2 = 9·(11·46/9 + 6)/(8·7) = 9·(560/9)/56 = 10
    // (scipy.stats.skew(x, bias=False) = 3.1622776601683795, kurtosis(x, bias=False) = 10.0)
    const x = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
    expect(sampleSkewness(x)).toBeCloseTo(Math.sqrt(10), 12);
    expect(sampleExcessKurtosis(x)).toBeCloseTo(10, 12);
  });

  it('computes Sarle\'s bimodality coefficient from G1 and G2', () => {
    // Same x: (G1² + 1)/(G2 + 3·9²/(8·7)) = 11/(10 + 243/56) = 11·56/803 = 56/73 = 0.76712…
    expect(bimodalityCoefficient([0, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toBeCloseTo(56 / 73, 12);
    // Two camps, five at −2 and five at 2: G1 = 0, m2 = 4, m4 = 16, g2 = 16/16 − 3 = −2,
    //   G2 = 9·(11·(−2) + 6)/56 = −144/56; BC = 1/(−144/56 + 243/56) = 56/99 = 0.5657 (> 5/9: bimodal)
    expect(bimodalityCoefficient([-2, -2, -2, -2, -2, 2, 2, 2, 2, 2])).toBeCloseTo(56 / 99, 12);
  });

  it('leaves skewness, kurtosis and bimodality undefined for identical values or too few', () => {
    expect(sampleSkewness([1, 1, 1, 1])).toBeNull();
    expect(sampleExcessKurtosis([0.2, 0.2, 0.2, 0.2, 0.2])).toBeNull();
    expect(bimodalityCoefficient(Array.from({ length: 12 }, () => 0.7))).toBeNull();
    expect(sampleSkewness([1, 2])).toBeNull();
    expect(sampleExcessKurtosis([1, 2, 3])).toBeNull();
  });
});

describe('ranks and correlation', () => {
  it('gives tied values the average of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 2])).toEqual([3, 1, 2]);
    expect(averageRanks([5, 5, 5])).toEqual([2, 2, 2]);
  });

  it('computes Spearman\'s rho as Pearson\'s correlation of average ranks', () => {
    // ranks [1..5] vs [2, 1, 4, 3, 5]: d = [−1, 1, −1, 1, 0], Σd² = 4, rho = 1 − 6·4/(5·24) = 0.8
    expect(spearman([-2, -1, 0, 1, 2], [-0.5, -1, 0.5, 0, 1])).toBeCloseTo(0.8, 14);
    // with ties: ranks [1.5, 1.5, 3, 4.5, 4.5] vs [1..5]; deviations [−1.5, −1.5, 0, 1.5, 1.5] and [−2, −1, 0, 1, 2]
    //   Σxy = 3 + 1.5 + 0 + 1.5 + 3 = 9, Σx² = 9, Σy² = 10 → 9/√90 = 0.9486832980505138
    expect(spearman([-1, -1, 0, 1, 1], [1, 2, 3, 4, 5])).toBeCloseTo(0.9486832980505138, 14);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 14);
  });

  it('returns null when one side is constant', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });
});
