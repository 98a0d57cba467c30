// Cruxes: double cruxes two reviewers marked and whose credences bear the mark out, and implicit cruxes nobody
// marked that the numbers reveal (claims whose ratings move with another's and that are themselves contested).
import { compareIds, populationStd } from './math';
import { tabulate, type ClaimColumn, type RatingTable } from './table';
import type { CruxMark, DoubleCruxPair, ImplicitCrux, MarkedDoubleCrux, Rating } from './types';

/** Two reviewers must differ by at least this much ℓ on both the claim and its crux. */
export const DOUBLE_CRUX_MIN_DELTA = 1;
export const IMPLICIT_MIN_COMMON = 5;
export const IMPLICIT_LIMIT = 50;
/** Only the most contested claims (by spread) are tried as implicit cruxes K. */
export const IMPLICIT_MAX_CANDIDATES = 200;

/** doubleCruxes over an already indexed table (see doubleCruxes). */
export function doubleCruxesOf(table: RatingTable, cruxes: readonly CruxMark[]): MarkedDoubleCrux[] {
  const R = table.reviewerIds.length;
  const markers = new Map<string, { crux: number; claim: number; reviewers: Set<number> }>();
  for (const mark of cruxes) {
    if (mark.cruxClaimId === mark.forClaimId) continue;
    const crux = table.claimIndex.get(mark.cruxClaimId);
    const claim = table.claimIndex.get(mark.forClaimId);
    const reviewer = table.reviewerIndex.get(mark.reviewerId);
    if (crux === undefined || claim === undefined || reviewer === undefined) continue;
    const key = `${crux} ${claim}`;
    let entry = markers.get(key);
    if (!entry) markers.set(key, (entry = { crux, claim, reviewers: new Set() }));
    entry.reviewers.add(reviewer);
  }
  const out: MarkedDoubleCrux[] = [];
  for (const { crux, claim, reviewers } of markers.values()) {
    // Only reviewers who rated both claims can show a difference.
    const rated = [...reviewers]
      .filter((r) => !Number.isNaN(table.logits[crux * R + r]) && !Number.isNaN(table.logits[claim * R + r]))
      .sort((a, b) => a - b);
    const pairs: DoubleCruxPair[] = [];
    for (let i = 0; i < rated.length; i++) {
      for (let j = i + 1; j < rated.length; j++) {
        const a = rated[i] as number;
        const b = rated[j] as number;
        const deltaFor = (table.logits[claim * R + a] as number) - (table.logits[claim * R + b] as number);
        const deltaCrux = (table.logits[crux * R + a] as number) - (table.logits[crux * R + b] as number);
        if (Math.abs(deltaFor) < DOUBLE_CRUX_MIN_DELTA || Math.abs(deltaCrux) < DOUBLE_CRUX_MIN_DELTA) continue;
        pairs.push({ reviewerA: table.reviewerIds[a] as string, reviewerB: table.reviewerIds[b] as string, deltaFor, deltaCrux });
      }
    }
    if (pairs.length > 0) {
      out.push({ foundBy: 'marked', cruxClaimId: table.claimIds[crux] as string, forClaimId: table.claimIds[claim] as string, pairs });
    }
  }
  return out.sort(
    (x, y) => y.pairs.length - x.pairs.length || compareIds(x.cruxClaimId, y.cruxClaimId) || compareIds(x.forClaimId, y.forClaimId),
  );
}

/**
 * Double cruxes: claim K is one for claim C when two reviewers both marked K as a crux for C and they differ by
 * |Δℓ| ≥ 1 on C and by |Δℓ| ≥ 1 on K (both bounds inclusive). Each (K, C) lists its qualifying reviewer pairs
 * (reviewerA < reviewerB by id) with the signed differences deltaFor = ℓ_A(C) − ℓ_B(C) and deltaCrux =
 * ℓ_A(K) − ℓ_B(K): equal signs mean the one who believes K more also believes C more. Marks of a claim as its
 * own crux, repeated marks and marks by reviewers without current ratings of both claims are ignored. Most
 * pairs first.
 */
export function doubleCruxes(ratings: readonly Rating[], cruxes: readonly CruxMark[]): MarkedDoubleCrux[] {
  return doubleCruxesOf(tabulate(ratings), cruxes);
}

export type ImplicitCruxOptions = { minCommon?: number; limit?: number; maxCandidates?: number };

/**
 * Writes 1-based average ranks of values[order[0..m)] (an ascending order) into ranks[order[i] − base]; false
 * when all are tied.
 */
function rankInOrder(values: Float64Array, order: Int32Array, m: number, ranks: Float64Array, base: number): boolean {
  let groups = 0;
  for (let start = 0; start < m; ) {
    const value = values[order[start] as number];
    let end = start + 1;
    while (end < m && values[order[end] as number] === value) end++;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[(order[i] as number) - base] = rank;
    groups++;
    start = end;
  }
  return groups > 1;
}

/**
 * Spearman's rho of m pairs stored from `base` in xs (ascending already) and ys, using the scratch rank and
 * order arrays; null when either side is constant.
 */
function sortedSpearman(xs: Float64Array, ys: Float64Array, base: number, m: number, scratch: Scratch): number | null {
  const { ranksX, ranksY, order } = scratch;
  for (let i = 0; i < m; i++) order[i] = base + i;
  if (!rankInOrder(xs, order, m, ranksX, base)) return null;
  for (let i = 0; i < m; i++) {
    // insertion sort by y: stable, and quick for the few common reviewers of a pair
    let j = i;
    const v = ys[base + i] as number;
    while (j > 0 && (ys[order[j - 1] as number] as number) > v) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = base + i;
  }
  if (!rankInOrder(ys, order, m, ranksY, base)) return null;
  const meanRank = (m + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const x = (ranksX[i] as number) - meanRank;
    const y = (ranksY[i] as number) - meanRank;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

type Scratch = { ranksX: Float64Array; ranksY: Float64Array; order: Int32Array };

function better(a: ImplicitCrux, b: ImplicitCrux): boolean {
  return a.score > b.score || (a.score === b.score && (compareIds(a.cruxClaimId, b.cruxClaimId) || compareIds(a.forClaimId, b.forClaimId)) < 0);
}

/** implicitCruxes over an already indexed table (see implicitCruxes). */
export function implicitCruxesOf(table: RatingTable, options: ImplicitCruxOptions = {}): ImplicitCrux[] {
  const minCommon = Math.max(2, options.minCommon ?? IMPLICIT_MIN_COMMON);
  const limit = options.limit ?? IMPLICIT_LIMIT;
  const maxCandidates = options.maxCandidates ?? IMPLICIT_MAX_CANDIDATES;
  const R = table.reviewerIds.length;
  const C = table.claimIds.length;
  if (limit <= 0) return [];
  const spreads = table.columns.map((column) => (column.raters.length > 0 ? populationStd(column.logit) : 0));
  // Partners need minCommon raters and some variation, else rho cannot be defined on any subset.
  const isUsable = table.columns.map((column, c) => column.raters.length >= minCommon && (spreads[c] as number) > 0);
  const usable = [...Array(C).keys()].filter((c) => isUsable[c]);
  const candidates = [...usable]
    .sort((a, b) => (spreads[b] as number) - (spreads[a] as number) || compareIds(table.claimIds[a] as string, table.claimIds[b] as string))
    .slice(0, maxCandidates);

  // Each reviewer's ratings as a row, so a K's raters can hand their ratings to every other claim at once.
  const rowClaims: number[][] = Array.from({ length: R }, () => []);
  const rowLogits: number[][] = Array.from({ length: R }, () => []);
  table.columns.forEach((column, c) => {
    if (!isUsable[c]) return;
    column.raters.forEach((r, i) => {
      rowClaims[r]!.push(c);
      rowLogits[r]!.push(column.logit[i] as number);
    });
  });
  // Per claim C, a bucket of (ℓ_K, ℓ_C) for the reviewers who rated both; filled in K's ℓ order.
  const capacity = Math.max(0, ...candidates.map((k) => table.columns[k]!.raters.length));
  const bucketK = new Float64Array(C * capacity);
  const bucketC = new Float64Array(C * capacity);
  const filled = new Int32Array(C);
  const scratch: Scratch = { ranksX: new Float64Array(capacity), ranksY: new Float64Array(capacity), order: new Int32Array(capacity) };

  const top: ImplicitCrux[] = []; // best first, at most `limit`
  for (const k of candidates) {
    const spread = spreads[k] as number;
    // score = |rho| · spread(K) ≤ spread(K): once that cannot beat the last kept score, no later K can either.
    if (top.length === limit && spread < (top[limit - 1] as ImplicitCrux).score) break;
    const column = table.columns[k] as ClaimColumn;
    const order = column.raters.map((_, i) => i).sort((a, b) => (column.logit[a] as number) - (column.logit[b] as number));
    filled.fill(0);
    for (const i of order) {
      const r = column.raters[i] as number;
      const lk = column.logit[i] as number;
      const claims = rowClaims[r] as number[];
      const logits = rowLogits[r] as number[];
      for (let j = 0; j < claims.length; j++) {
        const c = claims[j] as number;
        const at = c * capacity + (filled[c] as number);
        filled[c]!++;
        bucketK[at] = lk;
        bucketC[at] = logits[j] as number;
      }
    }
    for (const c of usable) {
      const m = filled[c] as number;
      if (c === k || m < minCommon) continue;
      const rho = sortedSpearman(bucketK, bucketC, c * capacity, m, scratch);
      if (rho === null || rho === 0) continue;
      const candidate: ImplicitCrux = {
        cruxClaimId: table.claimIds[k] as string,
        forClaimId: table.claimIds[c] as string,
        score: Math.abs(rho) * spread,
        rho,
        cruxSpread: spread,
        common: m,
        p: 0,
        q: 0,
      };
      if (top.length === limit && !better(candidate, top[limit - 1] as ImplicitCrux)) continue;
      let at = top.length;
      while (at > 0 && better(candidate, top[at - 1] as ImplicitCrux)) at--;
      top.splice(at, 0, candidate);
      if (top.length > limit) top.pop();
    }
  }
  return top;
}

/**
 * Implicit cruxes: for claims K ≠ C rated by ≥ minCommon (5) common reviewers, score = |ρ| · spread(K), where ρ
 * is Spearman's correlation (average ranks for ties) of ℓ_K and ℓ_C over the common reviewers and spread(K) is the
 * population standard deviation of ℓ over all of K's current ratings. Pairs where ρ is undefined (K or C
 * constant over the common reviewers) or 0 are left out. Both orders (K, C) and (C, K) are candidates; they
 * share ρ and differ in spread. Best `limit` (50) first, ties by ids.
 *
 * Pruning, exact: since score ≤ spread(K), K is tried in descending spread and the search stops once spread(K)
 * is below the limit-th best score found. Pruning, approximate: only the `maxCandidates` (200) claims with the
 * largest spread are tried as K (C may be any claim with ≥ minCommon ratings and spread > 0) — a claim outside
 * the 200 most contested can still be found as C, just not as the crux. Per K, its raters (in ℓ_K order) hand
 * their other ratings to per-claim buckets — work Σ over K's raters of their rating counts, sequential in memory
 * — so each bucket arrives sorted by ℓ_K and only the few common ratings are sorted by ℓ_C.
 */
export function implicitCruxes(ratings: readonly Rating[], options: ImplicitCruxOptions = {}): ImplicitCrux[] {
  return implicitCruxesOf(tabulate(ratings), options);
}
