// Cruxes: double cruxes two reviewers marked and whose credences bear the mark out, and implicit cruxes nobody
// marked that the numbers reveal (claims whose ratings move with another's and that are themselves contested).
import { compareIds, populationStd, seededRandom } from './math';
import type { Ratings } from './columns';
import { tabulate, type LogitTable, type RatingTable } from './table';
import type { CruxMark, DoubleCruxPair, ImplicitCrux, MarkedDoubleCrux } from './types';

/** Two reviewers must differ by at least this much ℓ on both the claim and its crux. */
export const DOUBLE_CRUX_MIN_DELTA = 1;
/** An implicit crux needs at least this many reviewers who rated both claims. */
export const IMPLICIT_MIN_COMMON = 8;
export const IMPLICIT_LIMIT = 50;
/** Only the most contested claims (by spread) take part in implicit cruxes. */
export const IMPLICIT_MAX_CANDIDATES = 200;
export const IMPLICIT_PERMUTATIONS = 2000;
/** The permutations' fixed seed, so the same ratings always give the same p-values. */
export const IMPLICIT_SEED = 15;
/** Benjamini–Hochberg false discovery rate: pairs with q ≤ 0.1 are kept. */
export const IMPLICIT_FDR = 0.1;
/** Caps on the permutation work: pairs tested, and common reviewers summed over the pairs tested. */
export const IMPLICIT_MAX_PAIRS = 1000;
export const IMPLICIT_PERMUTATION_BUDGET = 5_000;

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
export function doubleCruxes(ratings: Ratings, cruxes: readonly CruxMark[]): MarkedDoubleCrux[] {
  return doubleCruxesOf(tabulate(ratings), cruxes);
}

export type ImplicitCruxOptions = {
  minCommon?: number;
  limit?: number;
  maxCandidates?: number;
  /** permutations per pair (2 000) */
  permutations?: number;
  /** the permutations' seed (fixed) */
  seed?: number;
  /** the Benjamini–Hochberg false discovery rate (0.1) */
  fdr?: number;
  /** at most this many pairs are tested */
  maxPairs?: number;
  /** the pairs tested share at most this many common reviewers in all (Σ m) */
  budget?: number;
};

/**
 * Benjamini–Hochberg q-values (adjusted p-values), in the input order: with the m p-values sorted ascending,
 * q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j). A test is a discovery at false discovery rate α when q ≤ α.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1] as number;
    const p = pValues[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${p} is not in [0, 1]`);
    running = Math.min(running, Math.max(p, (m * p) / rank)); // m·p/rank ≥ p, also after rounding
    q[i] = running;
  }
  return q;
}

/** Writes 1-based average ranks of xs[0..m) minus the mean rank into out; false when all are tied. */
function centredRanks(xs: Float64Array, m: number, order: Int32Array, out: Float64Array): boolean {
  for (let i = 0; i < m; i++) order[i] = i;
  const view = order.subarray(0, m);
  view.sort((a, b) => (xs[a] as number) - (xs[b] as number) || a - b);
  const meanRank = (m + 1) / 2;
  let groups = 0;
  for (let start = 0; start < m; ) {
    const value = xs[view[start] as number];
    let end = start + 1;
    while (end < m && xs[view[end] as number] === value) end++;
    const rank = (start + 1 + end) / 2 - meanRank;
    for (let i = start; i < end; i++) out[view[i] as number] = rank;
    groups++;
    start = end;
  }
  return groups > 1;
}

/**
 * The permutations, from the random choices of the inside-out Fisher–Yates shuffle: permutation b of 0..m−1 is
 * built by placing n = 1 … m−1 at position j(b, n) ∈ [0, n], so a prefix of the choices gives a uniform
 * permutation of any size. Each position's choices come from their own seeded stream, so the permutations a pair
 * gets depend only on the seed and its number of common reviewers, never on which pairs were tested first. The
 * permutations of each size are built once (2 bytes an entry; the budget on Σ m bounds their memory too).
 */
class Shuffles {
  private readonly positions: Int32Array[] = [];
  private readonly bySize = new Map<number, Uint16Array>();
  constructor(
    readonly count: number,
    private readonly seed: number,
  ) {}

  private choices(n: number): Int32Array {
    while (this.positions.length <= n) {
      const at = this.positions.length;
      const random = seededRandom((this.seed + Math.imul(at, 0x9e3779b9)) >>> 0);
      const column = new Int32Array(this.count);
      for (let b = 0; b < this.count; b++) column[b] = Math.floor(random() * (at + 1));
      this.positions.push(column);
    }
    return this.positions[n] as Int32Array;
  }

  /** count permutations of 0..m−1, one after another (m ≤ 65 535). */
  of(m: number): Uint16Array {
    let table = this.bySize.get(m);
    if (table) return table;
    table = new Uint16Array(this.count * m);
    for (let n = 1; n < m; n++) this.choices(n);
    for (let b = 0, base = 0; b < this.count; b++, base += m) {
      table[base] = 0;
      for (let n = 1; n < m; n++) {
        const j = (this.positions[n] as Int32Array)[b] as number;
        table[base + n] = table[base + j] as number;
        table[base + j] = n;
      }
    }
    this.bySize.set(m, table);
    return table;
  }
}

/**
 * Two-sided permutation p-value of Spearman's ρ from centred ranks: (1 + #{b : |Σ x·y∘π_b| ≥ |Σ x·y|}) / (B + 1)
 * (the count includes the observed arrangement, as Phipson & Smyth recommend, so p is never 0).
 */
function permutationP(rx: Float64Array, ry: Float64Array, m: number, shuffles: Shuffles): number {
  let observed = 0;
  for (let i = 0; i < m; i++) observed += (rx[i] as number) * (ry[i] as number);
  // Ranks are multiples of 1/2, so the sums are exact for any realistic m; the margin only guards the comparison.
  const bar = Math.abs(observed) - 1e-9;
  const perms = shuffles.of(m);
  let extreme = 0;
  for (let b = 0, base = 0; b < shuffles.count; b++, base += m) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += (rx[i] as number) * (ry[perms[base + i] as number] as number);
    if (sum >= bar || -sum >= bar) extreme++;
  }
  return (1 + extreme) / (shuffles.count + 1);
}

type Tested = { a: number; b: number; rho: number; m: number; p: number };

function better(a: ImplicitCrux, b: ImplicitCrux): boolean {
  return a.score > b.score || (a.score === b.score && (compareIds(a.cruxClaimId, b.cruxClaimId) || compareIds(a.forClaimId, b.forClaimId)) < 0);
}

/** implicitCruxesOf over an already indexed table (see implicitCruxes). */
export function implicitCruxesOf(table: LogitTable, options: ImplicitCruxOptions = {}): ImplicitCrux[] {
  const minCommon = Math.max(3, options.minCommon ?? IMPLICIT_MIN_COMMON);
  const limit = options.limit ?? IMPLICIT_LIMIT;
  const maxCandidates = options.maxCandidates ?? IMPLICIT_MAX_CANDIDATES;
  const maxPairs = options.maxPairs ?? IMPLICIT_MAX_PAIRS;
  const budget = options.budget ?? IMPLICIT_PERMUTATION_BUDGET;
  const fdr = options.fdr ?? IMPLICIT_FDR;
  const R = table.reviewerIds.length;
  const C = table.claimIds.length;
  if (limit <= 0) return [];
  const spreads = table.columns.map((column) => (column.raters.length > 0 ? populationStd(column.logit) : 0));
  // Claims need minCommon raters and some variation, else rho cannot be defined on any subset.
  const candidates = [...Array(C).keys()]
    .filter((c) => table.columns[c]!.raters.length >= minCommon && (spreads[c] as number) > 0)
    .sort((a, b) => (spreads[b] as number) - (spreads[a] as number) || compareIds(table.claimIds[a] as string, table.claimIds[b] as string))
    .slice(0, maxCandidates);

  const shuffles = new Shuffles(options.permutations ?? IMPLICIT_PERMUTATIONS, options.seed ?? IMPLICIT_SEED);
  const xs = new Float64Array(R);
  const ys = new Float64Array(R);
  const rx = new Float64Array(R);
  const ry = new Float64Array(R);
  const order = new Int32Array(R);
  const tested: Tested[] = [];
  let work = 0;
  // Pairs in order of the less contested claim's rank, so the most contested claims are tested among themselves
  // first; the order never looks at the correlation, so stopping at a cap does not bias the tests kept.
  search: for (let j = 1; j < candidates.length; j++) {
    for (let i = 0; i < j; i++) {
      if (tested.length >= maxPairs) break search;
      const a = candidates[i] as number;
      const b = candidates[j] as number;
      const [small, other] = table.columns[a]!.raters.length <= table.columns[b]!.raters.length ? [a, b] : [b, a];
      const column = table.columns[small] as LogitTable['columns'][number];
      let m = 0;
      for (let t = 0; t < column.raters.length; t++) {
        const l = table.logits[other * R + (column.raters[t] as number)] as number;
        if (l !== l) continue; // NaN: not rated
        xs[m] = column.logit[t] as number;
        ys[m] = l;
        m++;
      }
      if (m < minCommon) continue;
      if (work + m > budget || m > 65_535) break search;
      if (!centredRanks(xs, m, order, rx) || !centredRanks(ys, m, order, ry)) continue;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let t = 0; t < m; t++) {
        sxy += (rx[t] as number) * (ry[t] as number);
        sxx += (rx[t] as number) * (rx[t] as number);
        syy += (ry[t] as number) * (ry[t] as number);
      }
      const rho = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
      work += m;
      tested.push({ a, b, rho, m, p: permutationP(rx, ry, m, shuffles) });
    }
  }

  const qs = benjaminiHochberg(tested.map((t) => t.p));
  const found: ImplicitCrux[] = [];
  tested.forEach((t, index) => {
    const q = qs[index] as number;
    if (q > fdr || t.rho === 0) return;
    for (const [k, c] of [
      [t.a, t.b],
      [t.b, t.a],
    ] as const) {
      const spread = spreads[k] as number;
      found.push({
        cruxClaimId: table.claimIds[k] as string,
        forClaimId: table.claimIds[c] as string,
        score: Math.abs(t.rho) * spread,
        rho: t.rho,
        cruxSpread: spread,
        common: t.m,
        p: t.p,
        q,
      });
    }
  });
  return found.sort((x, y) => (better(x, y) ? -1 : better(y, x) ? 1 : 0)).slice(0, limit);
}

/**
 * Implicit cruxes, hints kept only where the numbers support them. For claims K ≠ C with ≥ minCommon (8) common
 * reviewers, ρ is Spearman's correlation (average ranks for ties) of ℓ_K and ℓ_C over the common reviewers; its
 * two-sided p-value comes from a permutation test (2 000 permutations of one side's ranks, fixed seed; p = (1 +
 * #{|ρ_perm| ≥ |ρ|}) / 2 001), and the Benjamini–Hochberg procedure over every pair tested keeps those with
 * q ≤ 0.1. A pair where either side is constant over the common reviewers cannot be tested and is skipped; one
 * with ρ = 0 is tested (and counts in BH) but never kept. Each surviving pair is listed in both orders (K, C)
 * and (C, K) — they share ρ, p and q and differ in score = |ρ| · spread(K), spread(K) the population standard
 * deviation of ℓ over all of K's current ratings. Best `limit` (50) first, ties by ids.
 *
 * Bounded work: only the `maxCandidates` (200) claims with the largest spread take part; unordered pairs are
 * tried in order of the less contested claim's spread rank (pairs among the most contested claims first), and
 * testing stops at `maxPairs` (1 000) pairs tested or once the tested pairs' common reviewers would exceed
 * `budget` (Σ m ≤ 5 000, i.e. at most 10⁷ permutation steps and 20 MB of cached permutations). The order does not depend on ρ, so BH's m is
 * the honest number of tests made. Pairs beyond the caps are not tested at all (not counted in BH).
 */
export function implicitCruxes(ratings: Ratings, options: ImplicitCruxOptions = {}): ImplicitCrux[] {
  return implicitCruxesOf(tabulate(ratings), options);
}
