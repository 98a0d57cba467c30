// Reads of the disagreement map and of rounds in the request context's workspace. The map is cached per
// (document, current version, data version, what the viewer may see): a repeated view costs one small query for
// the version, and sends a string already serialised.
import type { WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { replicaDb } from '../db';
import { AppError } from '../errors';
import { LruCache } from './cache';
import { loadLeadReasons } from './lead-queries';
import { loadFeed, type Feed, type FeedDocument } from './map-inputs-queries';
import { DEFAULT_MAP_CLAIMS, DEFAULT_MAP_PAIRS, type DisagreementMapResponse, type MapBody, type RoundDto } from './types';
import { pairEnds, type CruxLinkStats, type PairRanking } from '../aggregation';
import { computeCredences, computeLead, computeMap, hiddenClaims, leadClaimIds, maskedClaims, maskStatements, viewIndexOf, viewKeyOf, type ViewIndex } from './view';

/**
 * How many of the workspace's latest change events the data version sums. Their largest id alone would miss a
 * transaction that took its id before another's but committed after it; the sum changes when it commits.
 */
const VERSION_WINDOW = 64;

/** What the crux graph reads of a computed map: its claims and its crux links (small beside the JSON). */
export type MapGraphParts = { claims: MapBody['claims']; cruxLinks: CruxLinkStats[] };

/**
 * A computed map as JSON text around the parts each request chooses: its claims (each one's JSON, in the ranking's
 * order), its reviewer pairs (a ranking whose ends each request lists) and its rounds (each round's JSON before its
 * claims, and each of its claims' JSON, by claim id). `head` runs up to the claims, `middle` from after them to the
 * pairs, `beforeRounds` from after the pairs to the rounds, `tail` from after the rounds to the end.
 */
type CachedBody = {
  head: string;
  claims: string[];
  claimIds: string[];
  middle: string;
  pairs: PairRanking;
  beforeRounds: string;
  rounds: { head: string; claimIds: string[]; claims: string[] }[];
  tail: string;
};

type Caches = {
  /** computed maps, by feed key and view key */
  bodies: LruCache<CachedBody>;
  /** the individual credences (`?credences=true`), each claim's as JSON text (`"id":{…}`), by the same keys */
  credences: LruCache<Map<string, string>>;
  /** the same maps' claims and crux links, by the same keys, for the crux graph (no JSON to parse again) */
  graphParts: LruCache<MapGraphParts>;
  /** which viewers share a view, by feed key (small) */
  indexes: LruCache<ViewIndex>;
  /** the feeds themselves (large), to compute another viewer's map of the same data without reloading */
  feeds: LruCache<Feed>;
  /** feeds being loaded, so concurrent cold views of one document share one load */
  loading: Map<string, Promise<Feed>>;
};

const globalForCache = globalThis as typeof globalThis & { cruxmapDisagreement?: Caches };
const caches: Caches = (globalForCache.cruxmapDisagreement ??= {
  bodies: new LruCache<CachedBody>(100, 256 * 1024 * 1024),
  credences: new LruCache<Map<string, string>>(100, 256 * 1024 * 1024),
  graphParts: new LruCache<MapGraphParts>(100),
  indexes: new LruCache<ViewIndex>(100),
  feeds: new LruCache<Feed>(4),
  loading: new Map(),
});

/** Empties the caches (the bench measures cold views with it). */
export function clearDisagreementCache(): void {
  caches.bodies.clear();
  caches.credences.clear();
  caches.graphParts.clear();
  caches.indexes.clear();
  caches.feeds.clear();
}

type VersionRow = {
  id: string;
  slug: string;
  title: string;
  blind: boolean;
  createdAt: Date;
  currentVersionId: string;
  versionNumber: number;
  hasBlindDocuments: boolean;
  dataVersion: string;
};

/**
 * The document (live, in the workspace, by slug or id as `requireDocument` finds it) with its current version and
 * the workspace's data version, in one query: this runs on every view of the map, cached or not.
 */
async function documentVersion(workspaceId: string, document: string): Promise<VersionRow> {
  const rows = await replicaDb.$queryRaw<VersionRow[]>`
    SELECT d.id, d.slug, d.title, d.blind, d."createdAt", d."currentVersionId", v.number AS "versionNumber",
           EXISTS (SELECT 1 FROM "Document" b WHERE b."workspaceId" = ${workspaceId} AND b.blind) AS "hasBlindDocuments",
           (SELECT coalesce(max(e.id), 0)::text || '.' || coalesce(sum(e.id), 0)::text
              FROM (SELECT id FROM "ChangeEvent" WHERE "workspaceId" = ${workspaceId} ORDER BY id DESC LIMIT ${VERSION_WINDOW}) e) AS "dataVersion"
      FROM "Document" d JOIN "DocumentVersion" v ON v."workspaceId" = d."workspaceId" AND v.id = d."currentVersionId"
     WHERE d."workspaceId" = ${workspaceId} AND d."archivedAt" IS NULL AND (d.slug = ${document} OR d.id = ${document})
     ORDER BY (d.slug = ${document}) DESC
     LIMIT 1`;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Document not found.');
  return { ...row, versionNumber: Number(row.versionNumber) };
}

async function feedFor(key: string, document: FeedDocument): Promise<Feed> {
  const cached = caches.feeds.get(key);
  if (cached) return cached;
  let loading = caches.loading.get(key);
  if (!loading) {
    loading = loadFeed(document)
      .then((feed) => {
        caches.feeds.set(key, feed);
        return feed;
      })
      .finally(() => caches.loading.delete(key));
    caches.loading.set(key, loading);
  }
  return loading;
}

/** `hidden`: blind claims whose credences the viewer may not see; `masked`: claims whose statement they may not read. */
type MapView = { doc: VersionRow; feedKey: string; feedDocument: FeedDocument; hidden: string[]; masked: string[]; bodyKey: string };

/** Which map this viewer sees of the document: its version row and the cache keys of its feed and of their view. */
async function mapView(ctx: WorkspaceContext, document: string): Promise<MapView> {
  const workspaceId = ctx.workspace.id;
  const doc = await documentVersion(workspaceId, document);
  const feedDocument: FeedDocument = {
    id: doc.id,
    workspaceId,
    currentVersionId: doc.currentVersionId,
    createdAt: doc.createdAt,
    hasBlindDocuments: doc.hasBlindDocuments,
  };
  // Read before the feed: a feed is never older than the version it is cached under.
  const feedKey = `${doc.id}:${doc.currentVersionId}:${doc.dataVersion}`;
  let index = caches.indexes.get(feedKey);
  if (!index) {
    index = viewIndexOf(await feedFor(feedKey, feedDocument));
    caches.indexes.set(feedKey, index);
  }
  const viewer = { userId: ctx.userId, isOwner: ctx.role === 'owner' };
  const hidden = hiddenClaims(index, viewer);
  const masked = maskedClaims(index, viewer);
  return { doc, feedKey, feedDocument, hidden, masked, bodyKey: `${feedKey}:${viewKeyOf(hidden, masked)}` };
}

/** Computes a view's map, caching both its JSON text (in parts) and the crux graph's parts of it. */
async function computeBody(ctx: WorkspaceContext, view: MapView): Promise<{ body: CachedBody; parts: MapGraphParts }> {
  const feed = maskStatements(await feedFor(view.feedKey, view.feedDocument), view.masked);
  const map = computeMap(feed, view.hidden);
  const reasons = await loadLeadReasons({ workspaceId: ctx.workspace.id, ...leadClaimIds(map) });
  const mostDisputed = computeLead(feed, view.hidden, map, reasons);
  // The answer's keys in order: computedAt, round, reviewers, claims, claimsTotal, passages, pairs, pairsTotal,
  // alpha, groups, consensus, doubleCruxes, implicitCruxes, rounds, cruxLinks, mostDisputed.
  const { round, reviewers, claims, passages, pairRanking, alpha, groups, consensus, doubleCruxes, implicitCruxes, rounds, cruxLinks } = map;
  const head: Pick<MapBody, 'computedAt' | 'round' | 'reviewers'> = { computedAt: new Date().toISOString(), round, reviewers };
  const beforeRounds: Pick<MapBody, 'pairsTotal' | 'alpha' | 'groups' | 'consensus' | 'doubleCruxes' | 'implicitCruxes'> = {
    pairsTotal: pairRanking.total,
    alpha,
    groups,
    consensus,
    doubleCruxes,
    implicitCruxes,
  };
  const tail: Pick<MapBody, 'cruxLinks' | 'mostDisputed'> = { cruxLinks, mostDisputed };
  const inner = (value: object) => JSON.stringify(value).slice(1, -1);
  const body: CachedBody = {
    head: `{${inner(head)},"claims":`,
    claims: claims.map((c) => JSON.stringify(c)),
    claimIds: claims.map((c) => c.claimId),
    middle: `,"claimsTotal":${claims.length},"passages":${JSON.stringify(passages)},"pairs":`,
    pairs: pairRanking,
    beforeRounds: `,${inner(beforeRounds)},"rounds":`,
    rounds: rounds.map(({ claims: listed, ...round }) => ({
      head: `{${inner(round)},"claims":`,
      claimIds: listed.map((c) => c.claimId),
      claims: listed.map((c) => JSON.stringify(c)),
    })),
    tail: `,${inner(tail)}}`,
  };
  const parts: MapGraphParts = { claims: map.claims, cruxLinks: map.cruxLinks };
  let chars = body.head.length + body.middle.length + body.beforeRounds.length + body.tail.length;
  for (const text of body.claims) chars += text.length + 30;
  for (const r of body.rounds) for (const text of r.claims) chars += text.length + 30;
  const rankingBytes = pairRanking.total * (4 * 3 + 8 * 2);
  caches.bodies.set(view.bodyKey, body, chars * 2 + rankingBytes);
  caches.graphParts.set(view.bodyKey, parts);
  return { body, parts };
}

/**
 * The claims and crux links of the disagreement map as the viewer may see it (what GET …/disagreement answers in
 * `claims` and `cruxLinks`), from the same cache: for the crux graph.
 */
export async function getDisagreementMapGraphParts({ ctx, document }: { ctx: WorkspaceContext; document: string }): Promise<MapGraphParts> {
  const view = await mapView(ctx, document);
  return caches.graphParts.get(view.bodyKey) ?? (await computeBody(ctx, view)).parts;
}

/** Which claims of the ranking an answer lists: `limit` of them from `offset`. */
export type ClaimsPage = { offset: number; limit: number };

/**
 * GET …/documents/:doc/disagreement as JSON text: the disagreement map as the viewer may see it under blind
 * review. Access as for the document: 404 to those who may not read the workspace.
 */
export async function getDisagreementMapJson({
  ctx,
  document,
  withCredences = false,
  pairs = DEFAULT_MAP_PAIRS,
  claims = { offset: 0, limit: DEFAULT_MAP_CLAIMS },
}: {
  ctx: WorkspaceContext;
  document: string;
  /** also the listed claims' individual credences (`credences`), for the map page's charts */
  withCredences?: boolean;
  /** how many of the least and of the most agreeing reviewer pairs to list (the caller bounds it) */
  pairs?: number;
  /** which claims of the ranking to list (the caller bounds the limit; Infinity: all from the offset) */
  claims?: ClaimsPage;
}): Promise<string> {
  const view = await mapView(ctx, document);
  const { doc, feedKey, feedDocument, hidden, bodyKey } = view;
  const body = caches.bodies.get(bodyKey) ?? (await computeBody(ctx, view)).body;
  const from = Math.min(claims.offset, body.claims.length);
  const to = Math.min(body.claims.length, from + claims.limit);
  const isAll = from === 0 && to === body.claims.length;
  const listed = isAll ? null : new Set(body.claimIds.slice(from, to));
  let credences = '';
  if (withCredences) {
    let cached = caches.credences.get(bodyKey);
    if (cached === undefined) {
      cached = new Map();
      let chars = 0;
      for (const [id, value] of Object.entries(computeCredences(await feedFor(feedKey, feedDocument), hidden))) {
        const text = `${JSON.stringify(id)}:${JSON.stringify(value)}`;
        cached.set(id, text);
        chars += text.length + 30;
      }
      caches.credences.set(bodyKey, cached, chars * 2);
    }
    const texts: string[] = [];
    // by claim id, as computeCredences orders them
    for (const [id, text] of cached) if (listed === null || listed.has(id)) texts.push(text);
    credences = `,"credences":{${texts.join(',')}}`;
  }
  const head: Pick<DisagreementMapResponse, 'document' | 'dataVersion' | 'blind'> = {
    document: { id: doc.id, slug: doc.slug, title: doc.title, version: doc.versionNumber },
    dataVersion: doc.dataVersion,
    blind: doc.blind,
  };
  const rounds = body.rounds.map((round) => {
    const texts = listed === null ? round.claims : round.claims.filter((_, i) => listed.has(round.claimIds[i] as string));
    return `${round.head}[${texts.join(',')}]}`;
  });
  // the document's own fields are never cached (a retitled document needs no recomputation); the rest is
  const headJson = JSON.stringify(head);
  return (
    `${headJson.slice(0, -1)}${credences},${body.head.slice(1)}[${body.claims.slice(from, to).join(',')}]${body.middle}` +
    `${JSON.stringify(pairEnds(body.pairs, pairs))}${body.beforeRounds}[${rounds.join(',')}]${body.tail}`
  );
}

/** The same, parsed: for server components (the map pages). */
export async function getDisagreementMap(args: Parameters<typeof getDisagreementMapJson>[0]): Promise<DisagreementMapResponse> {
  return JSON.parse(await getDisagreementMapJson(args)) as DisagreementMapResponse;
}

/** GET …/documents/:doc/rounds: round 1 (from the document's creation) and every round opened since, in order. */
export async function listRounds({ ctx, document }: { ctx: WorkspaceContext; document: string }): Promise<{ items: RoundDto[]; nextCursor: null }> {
  const found = await requireDocument(ctx, document, {
    select: {
      id: true,
      createdAt: true,
      rounds: {
        where: { workspaceId: ctx.workspace.id },
        orderBy: { number: 'asc' },
        select: { id: true, number: true, openedAt: true, openedBy: { select: { id: true, name: true } } },
      },
    },
  });
  return {
    items: [
      { id: null, number: 1, openedAt: found.createdAt.toISOString(), openedBy: null },
      ...found.rounds.map((r) => ({ id: r.id, number: r.number, openedAt: r.openedAt.toISOString(), openedBy: r.openedBy })),
    ],
    nextCursor: null,
  };
}
