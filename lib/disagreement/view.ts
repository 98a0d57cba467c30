// One viewer's disagreement map from a document's feed: the credences blind review lets them see (see
// blind.ts), run through lib/aggregation, with the spread per round. Pure: no database.
import { createHash } from 'node:crypto';
import { disagreementMap, roundSpreads, type DisagreementMapOptions, type Rating, type Revision } from '../aggregation';
import { compareIds } from '../aggregation/math';
import type { Feed, FeedRound } from './feed';
import type { MapBody, MapRound } from './types';

/** Whose view: owners see every credence; anyone else what blind review reveals to them. */
export type MapViewer = { userId: string | null; isOwner: boolean };

/** The blind claims of a feed and, per reviewer, which of them they rated: enough to tell two viewers' views apart. */
export type ViewIndex = { blindIds: string[]; ratedBlind: Map<string, Set<string>> };

export function viewIndexOf(feed: Feed): ViewIndex {
  const blindIds = [...feed.blind.keys()].sort(compareIds);
  const ratedBlind = new Map<string, Set<string>>();
  if (blindIds.length === 0) return { blindIds, ratedBlind };
  for (const rating of feed.ratings) {
    if (!feed.blind.has(rating.claimId)) continue;
    let rated = ratedBlind.get(rating.reviewerId);
    if (!rated) ratedBlind.set(rating.reviewerId, (rated = new Set()));
    rated.add(rating.claimId);
  }
  return { blindIds, ratedBlind };
}

/** The blind claims whose current credences this viewer may not see: those they have not rated themselves. */
export function hiddenClaims(index: ViewIndex, viewer: MapViewer): string[] {
  if (viewer.isOwner || index.blindIds.length === 0) return [];
  const rated = (viewer.userId && index.ratedBlind.get(viewer.userId)) || new Set<string>();
  return index.blindIds.filter((id) => !rated.has(id));
}

/** A cache key for a set of hidden claims: viewers who may see the same credences share one computed map. */
export function viewKeyOf(hidden: readonly string[]): string {
  return hidden.length === 0 ? 'all' : `hidden-${createHash('sha1').update(hidden.join('\n')).digest('base64url')}`;
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

/**
 * The map as this viewer may see it. Hidden claims contribute the credences revealed at their reveal moment
 * (none before round 2) to every statistic, and their revisions only up to that moment to the rounds. The
 * last round's state is the current credences (every credence's latest revision is its current value), so
 * only earlier rounds are computed from the revision history.
 */
export function computeMap(feed: Feed, hiddenIds: readonly string[], options: DisagreementMapOptions = {}): Omit<MapBody, 'computedAt'> {
  const hidden = new Set(hiddenIds);
  let ratings: readonly Rating[] = feed.ratings;
  let revisions: readonly Revision[] = feed.revisions;
  if (hidden.size > 0) {
    revisions = feed.revisions.filter((r) => isRevealed(feed, hidden, r));
    // a hidden claim's revealed credences: each reviewer's latest revision before the reveal moment
    const revealed = latestOf(revisions.filter((r) => hidden.has(r.claimId))).map((r) => ({ claimId: r.claimId, reviewerId: r.reviewerId, value: r.value }));
    ratings = [...feed.ratings.filter((r) => !hidden.has(r.claimId)), ...revealed];
  }

  const map = disagreementMap(
    { ratings, evidence: feed.evidence, cruxes: feed.cruxes, targets: feed.targets, passages: feed.passages, claims: feed.claims },
    options,
  );
  let reviewers = feed.reviewers;
  if (hidden.size > 0) {
    const visible = new Set<string>();
    for (const rating of ratings) visible.add(rating.reviewerId);
    reviewers = reviewers.filter((r) => visible.has(r.id));
  }
  const current = chronological(feed.rounds).at(-1);
  return {
    round: current ? { number: current.number, openedAt: new Date(current.startsAt).toISOString() } : null,
    reviewers,
    ...map,
    claims: map.claims.map((claim) => ({ ...claim, hidden: hidden.has(claim.claimId) })),
    rounds: roundsOf(feed, revisions, map.claims),
  };
}

const chronological = (rounds: readonly FeedRound[]): FeedRound[] => [...rounds].sort((a, b) => a.startsAt - b.startsAt || a.number - b.number);

/** Is a revision one this viewer may see: of a claim not hidden from them, or made before its reveal moment? */
function isRevealed(feed: Feed, hidden: ReadonlySet<string>, revision: Revision): boolean {
  if (!hidden.has(revision.claimId)) return true;
  const at = feed.blind.get(revision.claimId) ?? null;
  return at !== null && Number(revision.createdAt) < at;
}

/** Per round, each claim's n, aggregate and spread at the round's end (the current round: now). */
function roundsOf(feed: Feed, revisions: readonly Revision[], claims: ReturnType<typeof disagreementMap>['claims']): MapRound[] {
  const rounds = chronological(feed.rounds);
  const last = rounds.at(-1);
  if (!last) return [];
  const earlier = rounds.slice(0, -1);
  const before = earlier.length > 0 ? revisions.filter((r) => Number(r.createdAt) < last.startsAt) : [];
  const spreads = earlier.length > 0 ? roundSpreads(before, earlier.map((r) => ({ id: String(r.number), startsAt: r.startsAt }))) : [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: MapRound[] = spreads.map((spread, i) => ({
    number: (earlier[i] as { number: number }).number,
    roundId: (earlier[i] as { id: string | null }).id,
    startsAt: spread.startsAt,
    endsAt: spread.endsAt ?? iso(last.startsAt),
    claims: spread.claims,
  }));
  out.push({
    number: last.number,
    roundId: last.id,
    startsAt: iso(last.startsAt),
    endsAt: null,
    claims: claims
      .filter((c) => c.n > 0)
      .map((c) => ({ claimId: c.claimId, n: c.n, aggregate: c.aggregate as number, spread: c.spread as number }))
      .sort((a, b) => compareIds(a.claimId, b.claimId)),
  });
  return out;
}
