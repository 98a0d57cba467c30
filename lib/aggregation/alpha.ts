// Krippendorff's alpha with the interval metric: how much reviewers agree beyond what the spread of all values
// would give by chance. Units are claims, coders are reviewers, values are ℓ.
import { mean } from './math';
import type { Ratings } from './columns';
import { tabulate, type LogitTable } from './table';

/**
 * Interval alpha of units given as the values coded in each (missing values simply absent), by the coincidence
 * matrix formulation (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"): with n the number of
 * pairable values (those in units with at least 2),
 *   D_o = (1/n) Σ_u Σ_{i≠j in u} (v_i − v_j)² / (m_u − 1),  D_e = 1/(n(n − 1)) Σ_{i≠j} (v_i − v_j)²,
 *   alpha = 1 − D_o / D_e.
 * Σ_{i≠j} (v_i − v_j)² over m values equals 2m·Σ(v − v̄)², which keeps this linear in the number of values.
 * Null when undefined: no unit has two values, or all pairable values are equal (D_e = 0, no disagreement is
 * expected, so agreement cannot be measured against it).
 */
export function intervalAlpha(units: readonly (readonly number[])[]): number | null {
  let n = 0;
  let sum = 0;
  let observed = 0;
  let first: number | undefined;
  let isConstant = true;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    const mu = mean(values);
    let ss = 0;
    for (const v of values) {
      ss += (v - mu) * (v - mu);
      first ??= v;
      if (v !== first) isConstant = false;
    }
    observed += (2 * m * ss) / (m - 1);
    n += m;
    sum += mu * m;
  }
  if (n === 0 || isConstant) return null;
  const mu = sum / n;
  let ss = 0;
  for (const values of units) if (values.length >= 2) for (const v of values) ss += (v - mu) * (v - mu);
  const expected = 2 * n * ss;
  return 1 - ((n - 1) * observed) / expected;
}

/** krippendorffAlpha over an already indexed table. */
export function krippendorffAlphaOf(table: LogitTable): number | null {
  return intervalAlpha(table.columns.map((column) => column.logit));
}

/**
 * Krippendorff's interval alpha of the whole document: units = claims, coders = reviewers, values = ℓ (clipped
 * log-odds). Claims with fewer than 2 ratings do not count. 1 is perfect agreement, 0 agreement at chance level;
 * null when undefined (see intervalAlpha).
 */
export function krippendorffAlpha(ratings: Ratings): number | null {
  return krippendorffAlphaOf(tabulate(ratings));
}
