// Pure helpers behind the map pages' charts and tables (safe to import from the client): sorting claims, the
// evidence balance, a kernel density for violins, reviewer order by opinion group, and the heat colour domain.
import type { MapClaimView } from './types';

export type ClaimSortKey = 'disagreement' | 'aggregate' | 'n' | 'split' | 'evidence';
export type SortDirection = 'ascending' | 'descending';

/** Evidence for minus evidence against, each weighted by its strength (1–3). */
export const evidenceBalance = (claim: Pick<MapClaimView, 'evidence'>): number => claim.evidence.forStrength - claim.evidence.againstStrength;

function sortValue(claim: MapClaimView, key: ClaimSortKey): number | null {
  if (key === 'evidence') return evidenceBalance(claim);
  return claim[key];
}

/**
 * Claims sorted by one column. Claims without a value (nobody rated them: null statistics) always come last,
 * whichever the direction; ties keep the map's order (most disagreement first, then by id).
 */
export function sortClaims(claims: readonly MapClaimView[], key: ClaimSortKey, direction: SortDirection): MapClaimView[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return claims
    .map((claim, index) => ({ claim, index, value: sortValue(claim, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.index - b.index;
      return sign * (a.value - b.value) || a.index - b.index;
    })
    .map((x) => x.claim);
}

export type DensityPoint = { p: number; density: number };

/**
 * Gaussian kernel density of credences on [0, 1] at `points` evenly spaced values, with Silverman's rule of thumb
 * for the bandwidth (0.9 · min(sd, IQR / 1.34) · n^(−1/5), kept within [minBandwidth, maxBandwidth]: the rule
 * oversmooths two camps, which is the shape a violin is there to show) and reflection at 0 and 1 so
 * that mass near the edges is not lost outside the scale. Integrates to 1 over [0, 1]; empty for no values.
 */
export function credenceDensity(values: readonly number[], { points = 64, minBandwidth = 0.02, maxBandwidth = 0.08 }: { points?: number; minBandwidth?: number; maxBandwidth?: number } = {}): DensityPoint[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  const quantile = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    return (sorted[lo] as number) + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] as number) - (sorted[lo] as number));
  };
  const iqr = quantile(0.75) - quantile(0.25);
  const scale = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  const bandwidth = Math.min(maxBandwidth, Math.max(minBandwidth, 0.9 * scale * n ** -0.2));
  const norm = 1 / (n * bandwidth * Math.sqrt(2 * Math.PI));
  const kernel = (d: number): number => Math.exp(-0.5 * (d / bandwidth) ** 2);
  const out: DensityPoint[] = [];
  for (let i = 0; i < points; i++) {
    const p = i / (points - 1);
    let sum = 0;
    for (const v of sorted) sum += kernel(p - v) + kernel(p + v) + kernel(p - (2 - v));
    out.push({ p, density: sum * norm });
  }
  return out;
}

/** Reviewer ids ordered for the matrix: by opinion group (ungrouped last), then by their first PCA coordinate. */
export function reviewerOrder(
  reviewerIds: readonly string[],
  placed: readonly { reviewerId: string; x: number; group: number | null }[],
): string[] {
  const position = new Map(placed.map((p) => [p.reviewerId, p]));
  return [...reviewerIds].sort((a, b) => {
    const pa = position.get(a);
    const pb = position.get(b);
    const ga = pa?.group ?? Number.POSITIVE_INFINITY;
    const gb = pb?.group ?? Number.POSITIVE_INFINITY;
    if (ga !== gb) return ga < gb ? -1 : 1;
    return (pa?.x ?? 0) - (pb?.x ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  });
}

/** The top of the heat colour scale: the hottest passage, but at least 1 so that a quiet document looks quiet. */
export const heatDomainMax = (heats: readonly number[]): number => Math.max(1, ...heats);

/** Share of a passage's coverage for its opacity: reviewers who annotated it over all reviewers, floored so it stays visible. */
export function coverageOpacity(reviewers: number, totalReviewers: number): number {
  if (totalReviewers <= 0 || reviewers <= 0) return 0.25;
  return 0.25 + 0.75 * Math.min(1, reviewers / totalReviewers);
}
