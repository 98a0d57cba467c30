// The numeric building blocks of aggregation: clipped log-odds, moments, type-7 quantiles, average ranks,
// Spearman's rho and a seeded PRNG. Pure functions over plain number arrays; nothing here knows about claims.

/** Credences are clipped to [P_MIN, P_MAX] before taking log-odds, so p = 0 and p = 1 stay finite (ℓ = ∓ln 99). */
export const P_MIN = 0.01;
export const P_MAX = 0.99;

/** ℓ = ln(p / (1 − p)) of p clipped to [0.01, 0.99]. */
export function logit(p: number): number {
  const clipped = Math.min(P_MAX, Math.max(P_MIN, p));
  return Math.log(clipped / (1 - clipped));
}

/** The inverse of logit: 1 / (1 + e^(−x)). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** True when every value equals the first (also for 0 or 1 values): moments of such a sample are exact zeros. */
export function isConstant(xs: readonly number[]): boolean {
  for (const x of xs) if (x !== xs[0]) return false;
  return true;
}

/** Central moments m2, m3, m4 around the mean, dividing by n (the "population" moments). */
function centralMoments(xs: readonly number[]): { m2: number; m3: number; m4: number } {
  const mu = mean(xs);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mu;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return { m2: m2 / xs.length, m3: m3 / xs.length, m4: m4 / xs.length };
}

/** Population standard deviation (divides by n); 0 for a single value or identical values. */
export function populationStd(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('populationStd of no values');
  if (isConstant(xs)) return 0;
  const mu = mean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - mu) * (x - mu);
  return Math.sqrt(sum / xs.length);
}

/** Sample variance (divides by n − 1); 0 for fewer than two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2 || isConstant(xs)) return 0;
  const mu = mean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - mu) * (x - mu);
  return sum / (xs.length - 1);
}

/**
 * Quantile q of an ascending array by linear interpolation between order statistics: Hyndman & Fan's type 7,
 * numpy's and R's default. h = (n − 1)q; the value is x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return below + (h - lo) * (above - below);
}

/**
 * Bias-adjusted sample skewness G1 = g1·√(n(n − 1)) / (n − 2), with g1 = m3 / m2^(3/2) (SAS's SKEWNESS, Excel's
 * SKEW, scipy.stats.skew(bias=False)). Null for fewer than 3 values or identical values (undefined: m2 = 0).
 */
export function sampleSkewness(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3 || isConstant(xs)) return null;
  const { m2, m3 } = centralMoments(xs);
  const g1 = m3 / m2 ** 1.5;
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/**
 * Bias-adjusted sample excess kurtosis G2 = (n − 1)((n + 1)g2 + 6) / ((n − 2)(n − 3)), with g2 = m4 / m2² − 3
 * (SAS's KURTOSIS, Excel's KURT, scipy.stats.kurtosis(bias=False)). Null for fewer than 4 values or identical values.
 */
export function sampleExcessKurtosis(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 4 || isConstant(xs)) return null;
  const { m2, m4 } = centralMoments(xs);
  const g2 = m4 / (m2 * m2) - 3;
  return ((n - 1) * ((n + 1) * g2 + 6)) / ((n - 2) * (n - 3));
}

/**
 * Sarle's sample bimodality coefficient (G1² + 1) / (G2 + 3(n − 1)² / ((n − 2)(n − 3))), with G1 and G2 as above
 * (the formula of SAS and Wikipedia's "Bimodality coefficient"). Above 5/9 ≈ 0.556 (a uniform distribution's
 * value) suggests two modes. Null for fewer than 4 values or identical values.
 */
export function bimodalityCoefficient(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 4 || isConstant(xs)) return null;
  // G1 and G2 as sampleSkewness and sampleExcessKurtosis compute them, from one pass over the moments
  const { m2, m3, m4 } = centralMoments(xs);
  const skew = ((m3 / m2 ** 1.5) * Math.sqrt(n * (n - 1))) / (n - 2);
  const kurt = ((n - 1) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6)) / ((n - 2) * (n - 3));
  return (skew * skew + 1) / (kurt + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** Ranks 1..n of the values, ties sharing the average of the ranks they span ([10, 20, 20, 30] → [1, 2.5, 2.5, 4]). */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => (xs[a] as number) - (xs[b] as number) || a - b);
  const ranks = new Array<number>(xs.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && xs[order[end] as number] === xs[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2; // average of ranks start+1 .. end
    for (let i = start; i < end; i++) ranks[order[i] as number] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson's correlation; null when either side is constant (or there are fewer than 2 pairs). Clamped to [−1, 1]. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError('pearson needs two arrays of the same length');
  if (xs.length < 2 || isConstant(xs) || isConstant(ys)) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's rho: Pearson's correlation of average ranks. Null when either side is constant. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  return pearson(averageRanks(xs), averageRanks(ys));
}

export { seededRandom } from '../seeded-random';

/** Orders ids by UTF-16 code units, independent of locale, so output order is the same everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
