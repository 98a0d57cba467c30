// One viewer's disagreement map from a document's feed: the credences blind review lets them see (see
// blind.ts), run through lib/aggregation, with the spread per round. Pure: no database.
import { createHash } from 'node:crypto';
import {
  concatRatings,
  disagreementMap,
  disagreementMapBeside,
  roundSpreads,
  type DisagreementMap,
  type DisagreementMapInput,
  type DisagreementMapOptions,
  type PairRanking,
  ratingColumns,
  RatingColumnsBuilder,
  ratingCount,
  ratingReviewers,
  type Ratings,
  ratingsOf,
  type RatingTable,
  type Revision,
  type RoundClaimStats,
  type TableParts,
} from '../aggregation';
import { compareIds, mean, quantileSorted } from '../aggregation/math';
import { HIDDEN_STATEMENT } from '../context/hidden-statement';
import { visibleCruxLinks } from './crux-links';
import { leadClaims, mostDisputedOf, type MostDisputedClaim, type ReasonRow } from './lead';
import type { Feed, FeedRound } from './map-inputs-queries';
import { MAX_REPRESENTATIVE_CLAIMS, type MapBody, type MapCredences, type MapRound } from './types';

/** Whose view: owners see every credence; anyone else what blind review reveals to them. */
export type MapViewer = { userId: string | null; isOwner: boolean };

/**
 * The blind claims of a feed and, per reviewer, which of them they rated, and the claims whose statement a moderator
 * hid with their creators: enough to tell two viewers' views apart.
 */
export type ViewIndex = { blindIds: string[]; ratedBlind: Map<string, Set<string>>; statementHidden: ReadonlyMap<string, string> };

export function viewIndexOf(feed: Feed): ViewIndex {
  const blindIds = [...feed.blind.keys()].sort(compareIds);
  const ratedBlind = new Map<string, Set<string>>();
  const { statementHidden } = feed;
  if (blindIds.length === 0) return { blindIds, ratedBlind, statementHidden };
  for (const rating of ratingsOf(feed.ratings, (claimId) => feed.blind.has(claimId))) {
    let rated = ratedBlind.get(rating.reviewerId);
    if (!rated) ratedBlind.set(rating.reviewerId, (rated = new Set()));
    rated.add(rating.claimId);
  }
  return { blindIds, ratedBlind, statementHidden };
}

/**
 * The claims whose statement this viewer may not read (lib/context/hidden-statement.ts): those a moderator hid,
 * unless the viewer is an owner or the claim's creator. By id.
 */
export function maskedClaims(index: ViewIndex, viewer: MapViewer): string[] {
  if (viewer.isOwner || index.statementHidden.size === 0) return [];
  const masked: string[] = [];
  for (const [claimId, createdById] of index.statementHidden) if (createdById !== viewer.userId) masked.push(claimId);
  return masked.sort(compareIds);
}

/** The feed with the statements of `masked` claims replaced by HIDDEN_STATEMENT (the same feed when none are). */
export function maskStatements(feed: Feed, masked: readonly string[]): Feed {
  if (masked.length === 0) return feed;
  const set = new Set(masked);
  return { ...feed, claims: feed.claims.map((c) => (set.has(c.claimId) ? { claimId: c.claimId, statement: HIDDEN_STATEMENT } : c)) };
}

/** The blind claims whose current credences this viewer may not see: those they have not rated themselves. */
export function hiddenClaims(index: ViewIndex, viewer: MapViewer): string[] {
  if (viewer.isOwner || index.blindIds.length === 0) return [];
  const rated = (viewer.userId && index.ratedBlind.get(viewer.userId)) || new Set<string>();
  return index.blindIds.filter((id) => !rated.has(id));
}

/**
 * A cache key for a set of hidden claims and of masked statements: viewers who may see the same credences and
 * statements share one computed map.
 */
export function viewKeyOf(hidden: readonly string[], masked: readonly string[] = []): string {
  const credences = hidden.length === 0 ? 'all' : `hidden-${createHash('sha1').update(hidden.join('\n')).digest('base64url')}`;
  return masked.length === 0 ? credences : `${credences}:masked-${createHash('sha1').update(masked.join('\n')).digest('base64url')}`;
}

/** The latest of some revisions per (claim, reviewer); of two at the same instant, the later in the array. */
function latestOf(revisions: Iterable<Revision>): Revision[] {
  const latest = new Map<string, Revision>();
  for (const revision of revisions) {
    const key = `${revision.claimId}\n${revision.reviewerId}`;
    const seen = latest.get(key);
    if (!seen || Number(seen.createdAt) <= Number(revision.createdAt)) latest.set(key, revision);
  }
  return [...latest.values()];
}

/** A computed map before its JSON: the reviewer pairs still a ranking, of which the answer lists the ends. */
export type ComputedMap = Omit<MapBody, 'computedAt' | 'mostDisputed' | 'pairs' | 'pairsTotal' | 'claimsTotal' | 'doubleCruxesTotal' | 'cruxLinksTotal'> & {
  pairRanking: PairRanking;
};

/**
 * The map as this viewer may see it. Hidden claims contribute the credences revealed at their reveal moment
 * (none before round 2) to every statistic, and their revisions only up to that moment to the rounds. The
 * last round's state is the current credences (every credence's latest revision is its current value), so
 * only earlier rounds are computed from the revision history.
 */
export function computeMap(feed: Feed, hiddenIds: readonly string[], options: DisagreementMapOptions = {}): ComputedMap {
  const visible = visibleInput(feed, new Set(hiddenIds));
  return withView(feed, visible, disagreementMap(visible.input, options));
}

/**
 * The same map, its table parts (reviewer pairs, alpha, implicit cruxes) computed by `beside` while this thread
 * computes the rest (table-worker.ts), or here when `beside` cannot (see disagreementMapBeside): the same answer.
 */
export async function computeMapBeside(
  feed: Feed,
  hiddenIds: readonly string[],
  beside: (table: RatingTable) => Promise<TableParts> | null,
  options: DisagreementMapOptions = {},
): Promise<ComputedMap> {
  const visible = visibleInput(feed, new Set(hiddenIds));
  return withView(feed, visible, await disagreementMapBeside(visible.input, options, beside));
}

type VisibleInput = { hidden: ReadonlySet<string>; input: DisagreementMapInput; revisions: readonly Revision[]; steady: Ratings };

/** The map's input as the viewer may see it (hidden: the claims whose credences they may not see). */
function visibleInput(feed: Feed, hidden: ReadonlySet<string>): VisibleInput {
  const { ratings, revisions, steady } = visibleRatings(feed, hidden);
  const input: DisagreementMapInput = {
    ratings,
    evidence: feed.evidence,
    cruxes: feed.cruxes,
    targets: feed.targets,
    passages: feed.passages,
    claims: feed.claims,
    // conditionals are credences in C: hidden with C's credences, revealed with them (crux-links.ts)
    cruxLinks: visibleCruxLinks(feed.cruxLinks, hidden, feed.revealedConditionals),
  };
  return { hidden, input, revisions, steady };
}

/** The viewer's map from the aggregation's: its round, its reviewers, the hidden marks, the groups' lists, the rounds. */
function withView(feed: Feed, { hidden, input, revisions, steady }: VisibleInput, map: DisagreementMap): ComputedMap {
  let reviewers = feed.reviewers;
  if (hidden.size > 0) {
    const visible = new Set(ratingReviewers(input.ratings));
    reviewers = reviewers.filter((r) => visible.has(r.id));
  }
  const current = chronological(feed.rounds).at(-1);
  return {
    round: current ? { number: current.number, openedAt: new Date(current.startsAt).toISOString() } : null,
    reviewers,
    ...map,
    claims: map.claims.map((claim) => ({ ...claim, hidden: hidden.has(claim.claimId) })),
    // the most representative claims of each group (the page shows five), with how many there are
    groups: map.groups.map((group) => ({
      ...group,
      representative: group.representative.slice(0, MAX_REPRESENTATIVE_CLAIMS),
      representativeTotal: group.representative.length,
    })),
    rounds: roundsOf(feed, revisions, steady, map.claims),
  };
}

/** The claims that lead the map (see lead.ts), and of them those whose rationales may be shown (not hidden). */
export function leadClaimIds(map: Pick<MapBody, 'claims'>): { claimIds: string[]; rationaleClaimIds: string[] } {
  const lead = leadClaims(map.claims);
  return { claimIds: lead.map((c) => c.claimId), rationaleClaimIds: lead.filter((c) => !c.hidden).map((c) => c.claimId) };
}

/**
 * "Where we disagree most" for this viewer: the lead claims of their map with the credences they may see, the
 * crux marks, and the reason candidates loaded for those claims (lead-queries.ts).
 */
export function computeLead(feed: Feed, hiddenIds: readonly string[], map: ComputedMap, reasons: readonly ReasonRow[]): MostDisputedClaim[] {
  const { ratings } = visibleRatings(feed, new Set(hiddenIds));
  return mostDisputedOf({
    claims: map.claims,
    ratings,
    groups: map.groups,
    cruxMarks: feed.cruxes,
    doubleCruxes: map.doubleCruxes,
    implicitCruxes: map.implicitCruxes,
    reasons,
  });
}

/**
 * The credences this viewer may see: current ones, except on hidden claims, where each reviewer's latest revision
 * before the claim's reveal moment (none before round 2); and the history they may see: revisions, and the steady
 * credences (unchanged since the first boundary, so revealed as they are at any reveal moment).
 */
function visibleRatings(feed: Feed, hidden: ReadonlySet<string>): { ratings: Ratings; revisions: readonly Revision[]; steady: Ratings } {
  if (hidden.size === 0) return { ratings: feed.ratings, revisions: feed.revisions, steady: feed.steady };
  const revisions = feed.revisions.filter((r) => isRevealed(feed, hidden, r));
  const steady = concatRatings([feed.steady], (claimId) => !hidden.has(claimId) || (feed.blind.get(claimId) ?? null) !== null);
  const revealedLatest = latestOf(revisions.filter((r) => hidden.has(r.claimId))).map((r) => ({ claimId: r.claimId, reviewerId: r.reviewerId, value: r.value }));
  // the visible current credences, then the hidden claims' steady ones and their latest revisions before the reveal
  const builder = new RatingColumnsBuilder(ratingCount(feed.ratings));
  builder.addAll(feed.ratings, (claimId) => !hidden.has(claimId));
  builder.addAll(steady, (claimId) => hidden.has(claimId));
  builder.addAll(revealedLatest);
  return { ratings: builder.build(), revisions, steady };
}

/**
 * The individual credences behind the map (`?credences=true`), as the viewer may see them: per claim, parallel
 * arrays of reviewer positions in `reviewers` (the map's list for the same view) and values, reviewers in that order.
 */
export function computeCredences(feed: Feed, hiddenIds: readonly string[]): MapCredences {
  const hidden = new Set(hiddenIds);
  const ratings = ratingColumns(visibleRatings(feed, hidden).ratings);
  const visible = new Set(ratings.reviewerIds);
  const reviewers = hidden.size > 0 ? feed.reviewers.filter((r) => visible.has(r.id)) : feed.reviewers;
  const position = new Map(reviewers.map((r, i) => [r.id, i]));
  // each column position's place in `reviewers` (-1: not listed)
  const at = Int32Array.from(ratings.reviewerIds, (id) => position.get(id) ?? -1);
  const byClaim: [number, number][][] = ratings.claimIds.map(() => []);
  for (let i = 0; i < ratings.value.length; i++) {
    const place = at[ratings.reviewer[i] as number] as number;
    if (place !== -1) (byClaim[ratings.claim[i] as number] as [number, number][]).push([place, ratings.value[i] as number]);
  }
  const out: MapCredences = {};
  for (const c of ratings.claimIds.map((_, i) => i).sort((a, b) => compareIds(ratings.claimIds[a] as string, ratings.claimIds[b] as string))) {
    const list = (byClaim[c] as [number, number][]).sort((a, b) => a[0] - b[0]);
    if (list.length > 0) out[ratings.claimIds[c] as string] = { reviewers: list.map((x) => x[0]), values: list.map((x) => x[1]) };
  }
  return out;
}

const chronological = (rounds: readonly FeedRound[]): FeedRound[] => [...rounds].sort((a, b) => a.startsAt - b.startsAt || a.number - b.number);

/** Is a revision one this viewer may see: of a claim not hidden from them, or made before its reveal moment? */
function isRevealed(feed: Feed, hidden: ReadonlySet<string>, revision: Revision): boolean {
  if (!hidden.has(revision.claimId)) return true;
  const at = feed.blind.get(revision.claimId) ?? null;
  return at !== null && Number(revision.createdAt) < at;
}

/** The mean and the median of some spreads (null when there are none). */
function spreadSummary(claims: readonly RoundClaimStats[]): Pick<MapRound, 'claimsTotal' | 'meanSpread' | 'medianSpread'> {
  if (claims.length === 0) return { claimsTotal: 0, meanSpread: null, medianSpread: null };
  const spreads = claims.map((c) => c.spread).sort((a, b) => a - b);
  return { claimsTotal: claims.length, meanSpread: mean(spreads), medianSpread: quantileSorted(spreads, 0.5) };
}

/**
 * Per round, each claim's n, aggregate and spread at the round's end (the current round: now), with how many
 * claims were rated and their mean and median spread (the answer lists only some claims of each round).
 */
function roundsOf(feed: Feed, revisions: readonly Revision[], steady: Ratings, claims: ReturnType<typeof disagreementMap>['claims']): MapRound[] {
  const rounds = chronological(feed.rounds);
  const last = rounds.at(-1);
  if (!last) return [];
  const earlier = rounds.slice(0, -1);
  const before = earlier.length > 0 ? revisions.filter((r) => Number(r.createdAt) < last.startsAt) : [];
  const spreads = earlier.length > 0 ? roundSpreads(before, earlier.map((r) => ({ id: String(r.number), startsAt: r.startsAt })), steady) : [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: MapRound[] = spreads.map((spread, i) => ({
    number: (earlier[i] as { number: number }).number,
    roundId: (earlier[i] as { id: string | null }).id,
    startsAt: spread.startsAt,
    endsAt: spread.endsAt ?? iso(last.startsAt),
    claims: spread.claims,
    ...spreadSummary(spread.claims),
  }));
  const current = claims
    .filter((c) => c.n > 0)
    .map((c) => ({ claimId: c.claimId, n: c.n, aggregate: c.aggregate as number, spread: c.spread as number }))
    .sort((a, b) => compareIds(a.claimId, b.claimId));
  out.push({ number: last.number, roundId: last.id, startsAt: iso(last.startsAt), endsAt: null, claims: current, ...spreadSummary(current) });
  return out;
}
