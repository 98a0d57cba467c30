// Crux links in numbers: from a reviewer's conditional credences a = P(C | K) and b = P(C | not K) and their
// credence k in K, what they imply for C, how far learning K would move them, and which pairs K would reconcile.
import { compareIds, logit, mean, sigmoid } from './math';
import { assertProbability } from './table';
import type { Conditional, CruxLinkInput, CruxLinkStats, NumbersDoubleCrux, NumbersDoubleCruxPair, Rating } from './types';

/** The UI mentions a coherence gap (gently) above this. */
export const COHERENCE_GAP_NOTICE = 0.15;
/** A double crux in numbers needs a gap now of at least this on C … */
export const NUMBERS_DOUBLE_CRUX_MIN_GAP = 0.2;
/** … of which K resolves at least this share. */
export const NUMBERS_DOUBLE_CRUX_MIN_SHARE = 0.5;
/**
 * Both bounds are inclusive up to floating-point rounding: |0.7 − 0.5| is 0.19999999999999996 in doubles, and a
 * gap a person computes as 0.2 must count.
 */
const BOUND_TOLERANCE = 1e-9;

/** Implied P(C) = k·a + (1 − k)·b. */
export function impliedCredence(k: number, a: number, b: number): number {
  return k * a + (1 - k) * b;
}

/** Expected shift = 2·k·(1 − k)·|a − b|: the expected |change| in P(C) on learning whether K (E|P(C|K?) − P(C)|). */
export function expectedShift(k: number, a: number, b: number): number {
  return 2 * k * (1 - k) * Math.abs(a - b);
}

/** Coherence gap = |implied P(C) − own credence in C|; null when the reviewer has not rated C. */
export function coherenceGap(k: number, a: number, b: number, own: number | null | undefined): number | null {
  if (own === null || own === undefined) return null;
  return Math.abs(impliedCredence(k, a, b) - own);
}

/** One reviewer on one link: credence k in K, conditionals a and b, and own credence in C. */
export type LinkPosition = { k: number; ifTrue: number; ifFalse: number; credence: number };

/**
 * The gap on C left once both learn K: with k̄ = (k_r + k_s)/2, g' = k̄·|a_r − a_s| + (1 − k̄)·|b_r − b_s|.
 */
export function gapAfterCrux(r: LinkPosition, s: LinkPosition): number {
  const kBar = (r.k + s.k) / 2;
  return kBar * Math.abs(r.ifTrue - s.ifTrue) + (1 - kBar) * Math.abs(r.ifFalse - s.ifFalse);
}

/**
 * The share of r and s's disagreement on C that K resolves: (g − g')/g with g = |P_r(C) − P_s(C)| (their own
 * credences) and g' from gapAfterCrux; 0 when g = 0. Negative when learning K would widen the gap.
 */
export function resolvedShare(r: LinkPosition, s: LinkPosition): number {
  const gap = Math.abs(r.credence - s.credence);
  if (gap === 0) return 0;
  return (gap - gapAfterCrux(r, s)) / gap;
}

/** Where the reviewers' credences come from: their own current ones, and each claim's aggregate. */
export type CredenceSource = {
  /** the reviewer's current credence in the claim; undefined when they have not rated it */
  own(claimId: string, reviewerId: string): number | undefined;
  /** the claim's aggregate σ(mean ℓ); null or undefined when nobody rated it */
  aggregate(claimId: string): number | null | undefined;
};

/** A CredenceSource over current ratings (a pair given twice keeps its last value), aggregates as the map's. */
export function credenceSource(ratings: readonly Rating[]): CredenceSource {
  const own = new Map<string, Map<string, number>>();
  for (const rating of ratings) {
    assertProbability(rating);
    let byReviewer = own.get(rating.claimId);
    if (!byReviewer) own.set(rating.claimId, (byReviewer = new Map<string, number>()));
    byReviewer.set(rating.reviewerId, rating.value);
  }
  const aggregates = new Map<string, number>();
  for (const [claimId, byReviewer] of own) aggregates.set(claimId, sigmoid(mean([...byReviewer.values()].map(logit))));
  return { own: (claimId, reviewerId) => own.get(claimId)?.get(reviewerId), aggregate: (claimId) => aggregates.get(claimId) };
}

function assertConditional(link: CruxLinkInput, c: Conditional): void {
  for (const value of [c.ifTrue, c.ifFalse]) {
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(`crux link ${link.id}, reviewer ${c.reviewerId}: conditional ${value} is not in [0, 1]`);
    }
  }
}

type Placed = { reviewerId: string; k: number; ifTrue: number; ifFalse: number; own: number | undefined };

/**
 * The reviewers of a link who count: those with conditionals and a k (their own credence in K, else K's
 * aggregate), by reviewer id; a reviewer listed twice keeps their last conditionals.
 */
function placedOn(link: CruxLinkInput, source: CredenceSource): Placed[] {
  // Conditionals usually come by reviewer id, each reviewer once (as the feed reads them): then no Map is needed.
  let isSortedUnique = true;
  const list = link.conditionals;
  for (let i = 0; i < list.length; i++) {
    assertConditional(link, list[i] as Conditional);
    if (i > 0 && !((list[i - 1] as Conditional).reviewerId < (list[i] as Conditional).reviewerId)) isSortedUnique = false;
  }
  let conditionals: Iterable<Conditional> = list;
  if (!isSortedUnique) {
    const last = new Map<string, Conditional>();
    for (const c of list) last.set(c.reviewerId, c);
    conditionals = last.values();
  }
  const aggregateK = source.aggregate(link.cruxClaimId);
  const out: Placed[] = [];
  for (const c of conditionals) {
    const k = source.own(link.cruxClaimId, c.reviewerId) ?? aggregateK;
    if (k === null || k === undefined) continue;
    out.push({ reviewerId: c.reviewerId, k, ifTrue: c.ifTrue, ifFalse: c.ifFalse, own: source.own(link.forClaimId, c.reviewerId) });
  }
  return out.sort((x, y) => compareIds(x.reviewerId, y.reviewerId));
}

function statsOf(link: CruxLinkInput, placed: readonly Placed[]): CruxLinkStats {
  const n = placed.length;
  let sum = 0;
  for (const p of placed) sum += expectedShift(p.k, p.ifTrue, p.ifFalse);
  return {
    id: link.id,
    cruxClaimId: link.cruxClaimId,
    forClaimId: link.forClaimId,
    direction: link.direction,
    markedBy: link.markedBy,
    n,
    expectedShift: n === 0 ? null : sum / n,
  };
}

/**
 * Each link's numbers: n = the reviewers who gave conditionals and have a k (their own credence in K, else K's
 * aggregate; a reviewer with neither is left out, so n counts exactly those averaged), expectedShift = the mean
 * of 2·k·(1 − k)·|a − b| over them (null when n = 0). Largest expected shift first, links without numbers last,
 * ties by id.
 */
export function cruxLinkStats(links: readonly CruxLinkInput[], source: CredenceSource | readonly Rating[]): CruxLinkStats[] {
  const credences = Array.isArray(source) ? credenceSource(source as readonly Rating[]) : (source as CredenceSource);
  return links.map((link) => statsOf(link, placedOn(link, credences))).sort(byShift);
}

function byShift(x: CruxLinkStats, y: CruxLinkStats): number {
  return (y.expectedShift ?? -1) - (x.expectedShift ?? -1) || compareIds(x.id, y.id);
}

function numbersPairs(placed: readonly Placed[]): NumbersDoubleCruxPair[] {
  const rated = placed.filter((p) => p.own !== undefined);
  const pairs: NumbersDoubleCruxPair[] = [];
  for (let i = 0; i < rated.length; i++) {
    const r = rated[i] as Placed;
    const pr: LinkPosition = { k: r.k, ifTrue: r.ifTrue, ifFalse: r.ifFalse, credence: r.own as number };
    for (let j = i + 1; j < rated.length; j++) {
      const s = rated[j] as Placed;
      const gap = Math.abs(pr.credence - (s.own as number));
      if (gap < NUMBERS_DOUBLE_CRUX_MIN_GAP - BOUND_TOLERANCE) continue;
      const share = resolvedShare(pr, { k: s.k, ifTrue: s.ifTrue, ifFalse: s.ifFalse, credence: s.own as number });
      if (share < NUMBERS_DOUBLE_CRUX_MIN_SHARE - BOUND_TOLERANCE) continue;
      pairs.push({ reviewerA: r.reviewerId, reviewerB: s.reviewerId, gap, resolvedShare: share });
    }
  }
  return pairs;
}

/** Both at once, sharing each link's reviewer placement (see cruxLinkStats and numbersDoubleCruxes). */
export function cruxLinkNumbers(
  links: readonly CruxLinkInput[],
  source: CredenceSource,
): { stats: CruxLinkStats[]; doubleCruxes: NumbersDoubleCrux[] } {
  const stats: CruxLinkStats[] = [];
  const doubleCruxes: NumbersDoubleCrux[] = [];
  for (const link of links) {
    const placed = placedOn(link, source);
    stats.push(statsOf(link, placed));
    if (link.cruxClaimId === link.forClaimId) continue;
    const pairs = numbersPairs(placed);
    if (pairs.length > 0) doubleCruxes.push({ foundBy: 'numbers', cruxClaimId: link.cruxClaimId, forClaimId: link.forClaimId, pairs });
  }
  stats.sort(byShift);
  doubleCruxes.sort(
    (x, y) => y.pairs.length - x.pairs.length || compareIds(x.cruxClaimId, y.cruxClaimId) || compareIds(x.forClaimId, y.forClaimId),
  );
  return { stats, doubleCruxes };
}

/**
 * Double cruxes in numbers: on a link (K, C), two reviewers who both gave conditionals, both have a k and both
 * rated C, whose gap g = |P_r(C) − P_s(C)| ≥ 0.2 and of which K resolves a share (g − g')/g ≥ 0.5 (both bounds
 * inclusive). Pairs by reviewer id (reviewerA < reviewerB); links with most pairs first, ties by ids. Work is
 * O(Σ conditionals per link²): at most 200 × 199 / 2 pair checks per link of a 200-reviewer panel.
 */
export function numbersDoubleCruxes(links: readonly CruxLinkInput[], source: CredenceSource | readonly Rating[]): NumbersDoubleCrux[] {
  const credences = Array.isArray(source) ? credenceSource(source as readonly Rating[]) : (source as CredenceSource);
  return cruxLinkNumbers(links, credences).doubleCruxes;
}
