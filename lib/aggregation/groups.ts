// Opinion groups, as Polis forms them from votes but here from credences: reviewers placed on the first two
// principal components of their ℓ matrix, clustered by k-means (k chosen by silhouette), and the claims that set
// each group apart (representative) or that every group leans the same way on (consensus).
import { compareIds, seededRandom, sigmoid } from './math';
import { principalScores, type Points } from './pca';
import type { Ratings } from './columns';
import { tabulate, type RatingTable } from './table';
import type { ConsensusClaim, OpinionGroup, OpinionGroups, PlacedReviewer, RepresentativeClaim } from './types';

/** A reviewer joins the analysis with at least min(5, number of claims) ratings. */
export const MIN_RATINGS_TO_PLACE = 5;
/** With fewer eligible reviewers than this there are no groups at all. */
export const MIN_REVIEWERS_TO_GROUP = 4;
/** A clustering that leaves any group smaller than this is discarded. */
export const MIN_GROUP_SIZE = 2;
/** k ranges over 2 … min(MAX_GROUPS, 2 + ⌊eligible reviewers / REVIEWERS_PER_EXTRA_GROUP⌋). */
export const MAX_GROUPS = 5;
export const REVIEWERS_PER_EXTRA_GROUP = 12;
/** |z| at or above this (the one-sided 90% normal quantile) makes a claim representative of a group. */
export const REPRESENTATIVE_Z = 1.2816;
/** Each side of a representative-claim comparison needs at least this many ratings. */
export const MIN_RATINGS_PER_SIDE = 2;
/**
 * Floor on each side's sample variance of ℓ in z (0.01 = a standard deviation of 0.1 in log-odds, about ±2.5
 * points of probability near 0.5), so unanimous groups give a large finite z rather than a division by zero.
 */
export const VARIANCE_FLOOR = 0.01;
/** k-means runs this many times per k from successive k-means++ seedings; the lowest inertia wins. */
const KMEANS_RESTARTS = 10;
const KMEANS_MAX_ITERATIONS = 100;

export type OpinionGroupOptions = { seed?: number };

function squaredDistance(points: Points, i: number, x: number, y: number): number {
  const dx = (points.xs[i] as number) - x;
  const dy = (points.ys[i] as number) - y;
  return dx * dx + dy * dy;
}

/** k-means++ seeding: the first centre uniformly, each next one with probability ∝ squared distance. */
function seedCentres(points: Points, k: number, random: () => number): Points | null {
  const n = points.xs.length;
  const first = Math.floor(random() * n);
  const centres: Points = { xs: new Float64Array(k), ys: new Float64Array(k) };
  centres.xs[0] = points.xs[first] as number;
  centres.ys[0] = points.ys[first] as number;
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i] as number, squaredDistance(points, i, centres.xs[c - 1] as number, centres.ys[c - 1] as number));
      total += nearest[i] as number;
    }
    if (total === 0) return null; // fewer than k distinct positions
    const target = random() * total;
    let chosen = -1;
    let cumulative = 0;
    for (let i = 0; i < n && chosen < 0; i++) {
      cumulative += nearest[i] as number;
      if (cumulative > target && (nearest[i] as number) > 0) chosen = i;
    }
    if (chosen < 0) chosen = nearest.findLastIndex((d) => d > 0); // rounding left target just past the end
    centres.xs[c] = points.xs[chosen] as number;
    centres.ys[c] = points.ys[chosen] as number;
  }
  return centres;
}

/** Lloyd's iterations from the given centres; ties go to the lower-numbered centre. Returns labels and inertia. */
function lloyd(points: Points, centres: Points): { labels: Int32Array; inertia: number } {
  const n = points.xs.length;
  const k = centres.xs.length;
  const labels = new Int32Array(n).fill(-1);
  let inertia = 0;
  for (let iteration = 0; iteration < KMEANS_MAX_ITERATIONS; iteration++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(points, i, centres.xs[c] as number, centres.ys[c] as number);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      inertia += bestDistance;
      if (labels[i] !== best) {
        labels[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const count = new Uint32Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      sx[c] = (sx[c] as number) + (points.xs[i] as number);
      sy[c] = (sy[c] as number) + (points.ys[i] as number);
      count[c]!++;
    }
    for (let c = 0; c < k; c++) {
      if (count[c] === 0) continue; // an empty cluster keeps its centre (and fails the size check later)
      centres.xs[c] = (sx[c] as number) / (count[c] as number);
      centres.ys[c] = (sy[c] as number) / (count[c] as number);
    }
  }
  return { labels, inertia };
}

/** Mean silhouette (b − a) / max(a, b) over all points, with Euclidean distances. */
function silhouette(points: Points, labels: Int32Array, k: number): number {
  const n = labels.length;
  const sizes = new Uint32Array(k);
  for (const label of labels) sizes[label]!++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j !== i) sums[labels[j] as number]! += Math.sqrt(squaredDistance(points, j, points.xs[i] as number, points.ys[i] as number));
    }
    const own = labels[i] as number;
    if ((sizes[own] as number) < 2) continue; // a singleton's silhouette is 0
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && (sizes[c] as number) > 0) b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    const denominator = Math.max(a, b);
    if (denominator > 0 && Number.isFinite(b)) total += (b - a) / denominator;
  }
  return total / n;
}

/** The best clustering over k = 2 … kMax by silhouette (smaller k on ties), or null when no k is acceptable. */
function cluster(points: Points, kMax: number, seed: number): { labels: Int32Array; k: number; silhouette: number } | null {
  let best: { labels: Int32Array; k: number; silhouette: number } | null = null;
  for (let k = 2; k <= kMax; k++) {
    const random = seededRandom(seed * 31 + k);
    let run: { labels: Int32Array; inertia: number } | null = null;
    for (let restart = 0; restart < KMEANS_RESTARTS; restart++) {
      const centres = seedCentres(points, k, random);
      if (!centres) break;
      const candidate = lloyd(points, centres);
      if (!run || candidate.inertia < run.inertia - 1e-12) run = candidate;
    }
    if (!run) continue;
    const sizes = new Uint32Array(k);
    for (const label of run.labels) sizes[label]!++;
    if (sizes.some((size) => size < MIN_GROUP_SIZE)) continue;
    const score = silhouette(points, run.labels, k);
    if (!best || score > best.silhouette + 1e-12) best = { labels: run.labels, k, silhouette: score };
  }
  return best;
}

/** Renumbers clusters by size (largest first), then by their first member, so group 0 is the same every run. */
function canonicalLabels(labels: Int32Array, k: number): Int32Array {
  const sizes = new Uint32Array(k);
  const first = new Int32Array(k).fill(labels.length);
  labels.forEach((label, i) => {
    sizes[label]!++;
    first[label] = Math.min(first[label] as number, i);
  });
  const order = [...Array(k).keys()].sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || (first[a] as number) - (first[b] as number));
  const rename = new Int32Array(k);
  order.forEach((old, index) => (rename[old] = index));
  return labels.map((label) => rename[label] as number);
}

type SideStats = { n: number; sum: number; sumSquares: number };

function varianceOf(side: SideStats): number {
  if (side.n < 2) return 0;
  return Math.max(0, (side.sumSquares - (side.sum * side.sum) / side.n) / (side.n - 1));
}

/** Welch-style z of the group's mean ℓ against the rest's, each variance floored at VARIANCE_FLOOR. */
export function welchZ(group: SideStats, rest: SideStats): number {
  const standardError = Math.sqrt(
    Math.max(varianceOf(group), VARIANCE_FLOOR) / group.n + Math.max(varianceOf(rest), VARIANCE_FLOOR) / rest.n,
  );
  return (group.sum / group.n - rest.sum / rest.n) / standardError;
}

/** opinionGroups over an already indexed table (see opinionGroups). */
export function opinionGroupsOf(table: RatingTable, options: OpinionGroupOptions = {}): OpinionGroups {
  const seed = options.seed ?? 1;
  const R = table.reviewerIds.length;
  const minRatings = Math.min(MIN_RATINGS_TO_PLACE, table.claimIds.length);
  const counts = new Uint32Array(R);
  for (const column of table.columns) for (const r of column.raters) counts[r]!++;
  const eligible: number[] = [];
  const slot = new Int32Array(R).fill(-1);
  for (let r = 0; r < R; r++) {
    if ((counts[r] as number) >= minRatings && (counts[r] as number) > 0) slot[r] = eligible.push(r) - 1;
  }
  const E = eligible.length;
  if (E === 0) return { reviewers: [], groups: [], consensus: [], silhouette: null };

  // Gram matrix of the column-centred matrix; a cell filled with its claim's mean is 0 once centred, so only
  // ratings contribute and the work is Σ (eligible raters of a claim)².
  const gram = new Float64Array(E * E);
  const rows = new Int32Array(E);
  const centred = new Float64Array(E);
  for (const column of table.columns) {
    let m = 0;
    let sum = 0;
    let isConstant = true;
    for (let i = 0; i < column.raters.length; i++) {
      const s = slot[column.raters[i] as number] as number;
      if (s < 0) continue;
      rows[m] = s;
      centred[m] = column.logit[i] as number;
      sum += column.logit[i] as number;
      if (centred[m] !== centred[0]) isConstant = false;
      m++;
    }
    if (m < 2 || isConstant) continue; // centres to exact zeros (sum / m need not give back the value exactly)
    const mu = sum / m;
    for (let i = 0; i < m; i++) centred[i] = (centred[i] as number) - mu;
    for (let i = 0; i < m; i++) {
      const di = centred[i] as number;
      const row = (rows[i] as number) * E;
      for (let j = i; j < m; j++) gram[row + (rows[j] as number)]! += di * (centred[j] as number);
    }
  }
  // Raters are in ascending reviewer order, so only the upper triangle was filled.
  for (let i = 0; i < E; i++) for (let j = i + 1; j < E; j++) gram[j * E + i] = gram[i * E + j] as number;
  const points = principalScores(gram, E, seededRandom(seed));
  const kMax = Math.min(MAX_GROUPS, 2 + Math.floor(E / REVIEWERS_PER_EXTRA_GROUP));
  const clustering = E >= MIN_REVIEWERS_TO_GROUP ? cluster(points, kMax, seed) : null;
  const labels = clustering ? canonicalLabels(clustering.labels, clustering.k) : null;

  const reviewers: PlacedReviewer[] = eligible.map((r, i) => ({
    reviewerId: table.reviewerIds[r] as string,
    x: points.xs[i] as number,
    y: points.ys[i] as number,
    group: labels ? (labels[i] as number) : null,
  }));
  if (!clustering || !labels) return { reviewers, groups: [], consensus: [], silhouette: null };

  const k = clustering.k;
  const representative: RepresentativeClaim[][] = Array.from({ length: k }, () => []);
  const consensus: Array<ConsensusClaim & { weakest: number }> = [];
  table.columns.forEach((column, c) => {
    const sides: SideStats[] = Array.from({ length: k }, () => ({ n: 0, sum: 0, sumSquares: 0 }));
    const all: SideStats = { n: 0, sum: 0, sumSquares: 0 };
    column.raters.forEach((r, i) => {
      const s = slot[r] as number;
      if (s < 0) return;
      const l = column.logit[i] as number;
      const side = sides[labels[s] as number] as SideStats;
      side.n++;
      side.sum += l;
      side.sumSquares += l * l;
      all.n++;
      all.sum += l;
      all.sumSquares += l * l;
    });
    const claimId = table.claimIds[c] as string;
    sides.forEach((group, g) => {
      const rest = { n: all.n - group.n, sum: all.sum - group.sum, sumSquares: all.sumSquares - group.sumSquares };
      if (group.n < MIN_RATINGS_PER_SIDE || rest.n < MIN_RATINGS_PER_SIDE) return;
      const z = welchZ(group, rest);
      if (Math.abs(z) < REPRESENTATIVE_Z) return;
      representative[g]!.push({
        claimId,
        z,
        groupP: sigmoid(group.sum / group.n),
        restP: sigmoid(rest.sum / rest.n),
        groupN: group.n,
        restN: rest.n,
      });
    });
    if (sides.every((side) => side.n > 0)) {
      const means = sides.map((side) => side.sum / side.n);
      const above = means.every((m) => m > 0);
      if (above || means.every((m) => m < 0)) {
        consensus.push({
          claimId,
          side: above ? 'above' : 'below',
          groupP: means.map(sigmoid),
          weakest: Math.min(...means.map(Math.abs)),
        });
      }
    }
  });

  const groups: OpinionGroup[] = representative.map((claims, index) => ({
    index,
    members: reviewers.filter((reviewer) => reviewer.group === index).map(({ reviewerId, x, y }) => ({ reviewerId, x, y })),
    representative: claims.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || compareIds(a.claimId, b.claimId)),
  }));
  return {
    reviewers,
    groups,
    consensus: consensus
      .sort((a, b) => b.weakest - a.weakest || compareIds(a.claimId, b.claimId))
      .map(({ claimId, side, groupP }) => ({ claimId, side, groupP })),
    silhouette: clustering.silhouette,
  };
}

/**
 * Opinion groups. Eligible reviewers have ≥ min(5, number of claims) ratings; their ℓ matrix (missing cells
 * filled with the claim's mean over eligible reviewers) is projected on its first two principal components
 * (each reviewer's x, y). With ≥ 4 eligible reviewers, k-means (deterministic k-means++ seeding from `seed`,
 * best of 10 restarts) runs for k = 2 … min(5, 2 + ⌊eligible / 12⌋) on those coordinates; a k leaving any group
 * below 2 members (or with fewer than k distinct positions) is discarded, and the highest mean silhouette wins.
 * Groups are numbered largest first (ties: the one with the first reviewer id). There is no minimum silhouette: like Polis, any ≥ 4 reviewers that can be
 * split are (the silhouette is returned so a caller can play weak groupings down).
 *
 * Per group, representative claims have |z| ≥ 1.2816 with z = (mean ℓ_group − mean ℓ_rest) /
 * √(var_group/n_group + var_rest/n_rest) over actual ratings (not filled cells), sample variances floored at
 * 0.01, and ≥ 2 ratings on each side; negative z means the group believes the claim less than the rest.
 * Consensus claims are rated by someone in every group and every group's mean ℓ is > 0 (side "above" 0.5) or
 * every one is < 0 ("below"); strongest (largest smallest |group mean ℓ|) first.
 */
export function opinionGroups(ratings: Ratings, options: OpinionGroupOptions = {}): OpinionGroups {
  return opinionGroupsOf(tabulate(ratings), options);
}
