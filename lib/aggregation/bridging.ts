// Bridged credence: Community Notes' matrix factorisation applied to credences. Each log-odds rating is
// explained as a shared level (μ + i_c), a reviewer's lean (i_r) and one axis of disagreement (f_r·f_c); what is
// left of a claim once the axis is factored out, σ(μ + i_c), is the credence the viewpoints share.
import { seededRandom, sigmoid } from './math';
import type { Ratings } from './columns';
import { tabulate, type RatingTable } from './table';

/** Reviewers need ≥ min(5, claims rated) ratings and claims ≥ 5 ratings to take part. */
export const BRIDGING_MIN_REVIEWER_RATINGS = 5;
export const BRIDGING_MIN_CLAIM_RATINGS = 5;
/** Regularisation of the factors (mean f_r² + mean f_c²) and of the intercepts (mean i_r² + mean i_c² + μ²). */
export const BRIDGING_FACTOR_PENALTY = 0.03;
export const BRIDGING_INTERCEPT_PENALTY = 0.15;
/** The fit stops once the loss changes by less than this in a sweep, or after BRIDGING_MAX_SWEEPS sweeps. */
export const BRIDGING_TOLERANCE = 1e-7;
export const BRIDGING_MAX_SWEEPS = 500;
/** The factors' fixed initialisation: uniform in [−0.5, 0.5) from this seed, reviewers then claims by id. */
export const BRIDGING_SEED = 15;
/**
 * A claim splits by viewpoint when |f_c| > 0.5, Community Notes' own cut (a note whose |factor| reaches 0.5 is not
 * rated helpful). Chosen on a synthetic panel (bridging.test.ts rebuilds it: 40 reviewers in two
 * camps of 20, uniform noise of ±0.2 in log-odds, 30 claims of which 10 the camps hold at h and 1 − h and 20 everyone
 * holds alike at levels from 0.2 to 0.77):
 *
 *   camps at (h / 1 − h)        57/43   60/40   62/38   65/35   70/30   80/20   90/10
 *   |f_c| of a split claim       0.06    0.70    0.79    0.91    1.10    1.46    1.88
 *   largest |f_c| of a shared    1.41    0.24    0.21    0.21    0.19    0.16    0.13
 *
 * Once the camps are far enough apart to be the main axis (60/40 here), a split claim's |f_c| is at least 0.70
 * and a shared claim's at most 0.24: 0.5 sits in that gap, about twice the largest shared value. Below that
 * (57/43) the fitted axis is not the camps at all: with the intercepts shrunk by their 0.15 penalty, the factor
 * carries what every reviewer shares of the claims' levels (all f_r of one sign), so |f_c| is large on the most
 * extreme shared claims. The same happens in a panel without any camps. That is the model, kept as it is;
 * such a fit's "split" is a common lean, and the opinion groups then show no camp for the claim either.
 */
export const SPLITS_BY_VIEWPOINT = 0.5;

export type BridgedClaim = { claimId: string; bridged: number; viewpoint: number; splitsByViewpoint: boolean; intercept: number };
export type BridgedReviewer = { reviewerId: string; intercept: number; factor: number };
export type BridgedCredences = {
  /** the claims in the fit (≥ 5 ratings from reviewers in the fit), by id */
  claims: BridgedClaim[];
  /** the reviewers in the fit, by id; factor > 0 is the larger opinion group's side */
  reviewers: BridgedReviewer[];
  mu: number;
  loss: number;
  sweeps: number;
};
/** Opinion groups as membership lists (OpinionGroup[] fits); the largest sets the factor's sign. */
export type GroupMembership = readonly { members: readonly { reviewerId: string }[] }[];
export type BridgingOptions = { groups?: GroupMembership; maxSweeps?: number };

type Compressed = {
  claimStart: Int32Array;
  byClaimReviewer: Int32Array;
  byClaimL: Float64Array;
  reviewerStart: Int32Array;
  byReviewerClaim: Int32Array;
  byReviewerL: Float64Array;
};

/**
 * The fitted ℓ twice, as compressed rows: claim by claim (with each rating's reviewer) and reviewer by reviewer
 * (with each rating's claim, by counting sort), so both half-sweeps read memory in order and sum in registers.
 */
function compress(table: RatingTable, reviewerSlot: Int32Array, claimOf: readonly number[], R: number, N: number): Compressed {
  const C = claimOf.length;
  const claimStart = new Int32Array(C + 1);
  const byClaimReviewer = new Int32Array(N);
  const byClaimL = new Float64Array(N);
  let at = 0;
  for (let slot = 0; slot < C; slot++) {
    const column = table.columns[claimOf[slot] as number]!;
    const raters = column.raters;
    const logits = column.logit;
    claimStart[slot] = at;
    for (let t = 0; t < raters.length; t++) {
      const r = reviewerSlot[raters[t] as number] as number;
      if (r < 0) continue;
      byClaimReviewer[at] = r;
      byClaimL[at] = logits[t] as number;
      at++;
    }
  }
  claimStart[C] = at;
  const reviewerStart = new Int32Array(R + 1);
  for (let k = 0; k < N; k++) reviewerStart[(byClaimReviewer[k] as number) + 1]!++;
  for (let r = 0; r < R; r++) reviewerStart[r + 1]! += reviewerStart[r] as number;
  const fill = reviewerStart.slice(0, R);
  const byReviewerClaim = new Int32Array(N);
  const byReviewerL = new Float64Array(N);
  for (let slot = 0; slot < C; slot++) {
    const end = claimStart[slot + 1] as number;
    for (let k = claimStart[slot] as number; k < end; k++) {
      const to = fill[byClaimReviewer[k] as number]!++;
      byReviewerClaim[to] = slot;
      byReviewerL[to] = byClaimL[k] as number;
    }
  }
  return { claimStart, byClaimReviewer, byClaimL, reviewerStart, byReviewerClaim, byReviewerL };
}

/**
 * One half-sweep of exact minimisation: every row's (intercept, factor) given the other side and μ, from the 2 × 2
 * normal equations [n + a, Σf; Σf, Σf² + b]·[i; f] = [Σe; Σe·f] with e = ℓ − μ − (the other side's intercept)
 * (a, b > 0, so the matrix is invertible). With `sums`, it also writes Σ r and Σ r² of the residuals
 * r = e − i − f·f_other at the new values, expanded in the same sums, so μ and the loss need no third pass.
 * Small and monomorphic on purpose: V8 optimises it within the first call.
 */
function solveRows(
  start: Int32Array,
  other: Int32Array,
  values: Float64Array,
  mu: number,
  otherI: Float64Array,
  otherF: Float64Array,
  ownI: Float64Array,
  ownF: Float64Array,
  a: number,
  b: number,
  sums: Float64Array | null,
): void {
  let sumE = 0;
  let sumE2 = 0;
  const rows = ownI.length;
  for (let row = 0; row < rows; row++) {
    let se = 0;
    let see = 0;
    let sef = 0;
    let sf = 0;
    let sff = 0;
    const from = start[row] as number;
    const end = start[row + 1] as number;
    for (let k = from; k < end; k++) {
      const o = other[k] as number;
      const f = otherF[o] as number;
      const e = (values[k] as number) - mu - (otherI[o] as number);
      se += e;
      see += e * e;
      sef += e * f;
      sf += f;
      sff += f * f;
    }
    const n = end - from;
    const m11 = n + a;
    const m22 = sff + b;
    const det = m11 * m22 - sf * sf;
    const i = (se * m22 - sf * sef) / det;
    const g = (m11 * sef - sf * se) / det;
    ownI[row] = i;
    ownF[row] = g;
    sumE += se - n * i - g * sf;
    sumE2 += see - 2 * i * se - 2 * g * sef + n * i * i + 2 * i * g * sf + g * g * sff;
  }
  if (sums) {
    sums[0] = sumE;
    sums[1] = sumE2;
  }
}

function meanSquare(xs: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (xs[i] as number) * (xs[i] as number);
  return sum / xs.length;
}

const EMPTY: BridgedCredences = { claims: [], reviewers: [], mu: 0, loss: 0, sweeps: 0 };

/** The sign that puts the largest group (most members, then lowest index) on the positive side of f_r. */
function orientation(groups: GroupMembership | undefined, reviewerIds: readonly string[], factors: Float64Array): number {
  const slot = new Map(reviewerIds.map((id, i) => [id, i]));
  let largest: readonly { reviewerId: string }[] | null = null;
  for (const group of groups ?? []) if (!largest || group.members.length > largest.length) largest = group.members;
  let sum = 0;
  if (largest && largest.length > 0) {
    for (const member of largest) {
      const i = slot.get(member.reviewerId);
      if (i !== undefined) sum += factors[i] as number;
    }
  } else {
    // no groups: the side with more reviewers (then more total factor) is positive
    for (const f of factors) sum += Math.sign(f);
    if (sum === 0) for (const f of factors) sum += f;
  }
  return sum < 0 ? -1 : 1;
}

/** bridgedCredences over an already indexed table (see bridgedCredences). */
export function bridgedCredencesOf(table: RatingTable, options: BridgingOptions = {}): BridgedCredences {
  const R0 = table.reviewerIds.length;
  const C0 = table.claimIds.length;
  const minReviewer = Math.min(BRIDGING_MIN_REVIEWER_RATINGS, C0);
  const counts = new Int32Array(R0);
  for (let c = 0; c < C0; c++) {
    const raters = table.columns[c]!.raters;
    for (let t = 0; t < raters.length; t++) counts[raters[t] as number]!++;
  }
  const reviewerSlot = new Int32Array(R0).fill(-1);
  const reviewerIds: string[] = [];
  for (let r = 0; r < R0; r++) if ((counts[r] as number) >= minReviewer && (counts[r] as number) > 0) reviewerSlot[r] = reviewerIds.push(table.reviewerIds[r] as string) - 1;
  // A claim needs 5 ratings from reviewers in the fit.
  const claimIds: string[] = [];
  const claimOf: number[] = [];
  let N = 0;
  for (let c = 0; c < C0; c++) {
    const raters = table.columns[c]!.raters;
    let n = 0;
    for (let t = 0; t < raters.length; t++) if ((reviewerSlot[raters[t] as number] as number) >= 0) n++;
    if (n < BRIDGING_MIN_CLAIM_RATINGS) continue;
    claimIds.push(table.claimIds[c] as string);
    claimOf.push(c);
    N += n;
  }
  const R = reviewerIds.length;
  const C = claimIds.length;
  if (C === 0 || R < 2) return EMPTY;

  const { claimStart, byClaimReviewer, byClaimL, reviewerStart, byReviewerClaim, byReviewerL } = compress(table, reviewerSlot, claimOf, R, N);

  const random = seededRandom(BRIDGING_SEED);
  const iR = new Float64Array(R);
  const iC = new Float64Array(C);
  const fR = new Float64Array(R);
  const fC = new Float64Array(C);
  for (let r = 0; r < R; r++) fR[r] = random() - 0.5;
  for (let c = 0; c < C; c++) fC[c] = random() - 0.5;
  let mu = 0;

  // Each penalty on a mean over R reviewers is, against the squared error summed over N ratings, λ·N/R per reviewer.
  const reviewerI = (BRIDGING_INTERCEPT_PENALTY * N) / R;
  const reviewerF = (BRIDGING_FACTOR_PENALTY * N) / R;
  const claimI = (BRIDGING_INTERCEPT_PENALTY * N) / C;
  const claimF = (BRIDGING_FACTOR_PENALTY * N) / C;
  const maxSweeps = options.maxSweeps ?? BRIDGING_MAX_SWEEPS;
  let loss = Number.POSITIVE_INFINITY;
  let sweeps = 0;
  const sums = new Float64Array(2);
  while (sweeps < maxSweeps) {
    sweeps++;
    solveRows(reviewerStart, byReviewerClaim, byReviewerL, mu, iC, fC, iR, fR, reviewerI, reviewerF, null);
    solveRows(claimStart, byClaimReviewer, byClaimL, mu, iR, fR, iC, fC, claimI, claimF, sums);
    const sumE = sums[0] as number;
    const sumE2 = sums[1] as number;
    // μ given the rest: Σ(μ′ − (residual + μ)) + 0.15·N·μ′ = 0; the residuals shift by δ = μ − μ′.
    const next = (sumE + N * mu) / (N * (1 + BRIDGING_INTERCEPT_PENALTY));
    const delta = mu - next;
    mu = next;
    const squaredError = Math.max(0, sumE2 + 2 * delta * sumE + N * delta * delta);
    const value =
      squaredError / N +
      BRIDGING_FACTOR_PENALTY * (meanSquare(fR) + meanSquare(fC)) +
      BRIDGING_INTERCEPT_PENALTY * (meanSquare(iR) + meanSquare(iC) + mu * mu);
    const change = Math.abs(loss - value);
    loss = value;
    if (change < BRIDGING_TOLERANCE) break;
  }

  const sign = orientation(options.groups, reviewerIds, fR);
  return {
    claims: claimIds.map((claimId, c) => {
      const viewpoint = sign * (fC[c] as number);
      return {
        claimId,
        bridged: sigmoid(mu + (iC[c] as number)),
        viewpoint,
        splitsByViewpoint: Math.abs(viewpoint) > SPLITS_BY_VIEWPOINT,
        intercept: iC[c] as number,
      };
    }),
    reviewers: reviewerIds.map((reviewerId, r) => ({ reviewerId, intercept: iR[r] as number, factor: sign * (fR[r] as number) })),
    mu,
    loss,
    sweeps,
  };
}

/**
 * Bridged credences, Community Notes' matrix factorisation on log-odds. Over reviewers with ≥ min(5, claims
 * rated) ratings and claims with ≥ 5 ratings from those reviewers, fit ℓ̂_rc = μ + i_r + i_c + f_r·f_c to the
 * observed ℓ_rc (p clipped to [0.01, 0.99]) minimising
 *   (1/N)·Σ (ℓ_rc − ℓ̂_rc)² + 0.03·(mean f_r² + mean f_c²) + 0.15·(mean i_r² + mean i_c² + μ²)
 * (means over the reviewers and claims in the fit). Deterministic: i = μ = 0 and f uniform in [−0.5, 0.5) from a
 * fixed seed (reviewers, then claims, by id), then full-batch block-coordinate descent — each sweep solves every
 * reviewer's (i_r, f_r) exactly given the claims, then every claim's (i_c, f_c), then μ, so the loss never rises —
 * until the loss changes by < 1e-7 or after 500 sweeps. Per claim: bridged = σ(μ + i_c), viewpoint = f_c, the
 * factor's sign chosen so the largest of `groups` (most members; with no groups, the most reviewers) has
 * positive mean f_r; splitsByViewpoint = |f_c| > 0.5 (see SPLITS_BY_VIEWPOINT). Nothing is fitted (empty result)
 * with no eligible claim or fewer than 2 eligible reviewers. Work: O(N) per sweep.
 */
export function bridgedCredences(ratings: Ratings, options: BridgingOptions = {}): BridgedCredences {
  return bridgedCredencesOf(tabulate(ratings), options);
}

/** The claims of a fit by id. */
export function bridgedByClaim(fit: BridgedCredences): Map<string, BridgedClaim> {
  return new Map(fit.claims.map((c) => [c.claimId, c]));
}
