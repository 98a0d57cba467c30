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
import { DEFAULT_MAP_PAIRS, type DisagreementMapResponse, type MapBody, type RoundDto } from './types';
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
 * A computed map as JSON text in two parts, around its reviewer pairs (`…"passages":[…],"pairs":` and
 * `,"pairsTotal":N,"alpha":…}`), and the pairs' ranking: each request lists the ends of the ranking it asks for.
 */
type CachedBody = { head: string; tail: string; pairs: PairRanking };

type Caches = {
  /** computed maps, by feed key and view key */
  bodies: LruCache<CachedBody>;
  /** the individual credences (`?credences=true`) as JSON text, by the same keys */
  credences: LruCache<string>;
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
  credences: new LruCache<string>(100, 256 * 1024 * 1024),
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

/** Computes a view's map, caching both its JSON text (around the pairs) and the crux graph's parts of it. */
async function computeBody(ctx: WorkspaceContext, view: MapView): Promise<{ body: CachedBody; parts: MapGraphParts }> {
  const feed = maskStatements(await feedFor(view.feedKey, view.feedDocument), view.masked);
  const map = computeMap(feed, view.hidden);
  const reasons = await loadLeadReasons({ workspaceId: ctx.workspace.id, ...leadClaimIds(map) });
  const mostDisputed = computeLead(feed, view.hidden, map, reasons);
  // The answer's keys in order: computedAt, round, reviewers, claims, passages, pairs, pairsTotal, alpha, groups,
  // consensus, doubleCruxes, implicitCruxes, rounds, cruxLinks, mostDisputed.
  const { round, reviewers, claims, passages, pairRanking, ...rest } = map;
  const head: Pick<MapBody, 'computedAt' | 'round' | 'reviewers' | 'claims' | 'passages'> = { computedAt: new Date().toISOString(), round, reviewers, claims, passages };
  const tail: Omit<MapBody, keyof typeof head | 'pairs'> = { pairsTotal: pairRanking.total, ...rest, mostDisputed };
  const headJson = JSON.stringify(head);
  const tailJson = JSON.stringify(tail);
  const body: CachedBody = { head: `${headJson.slice(0, -1)},"pairs":`, tail: `,${tailJson.slice(1)}`, pairs: pairRanking };
  const parts: MapGraphParts = { claims: map.claims, cruxLinks: map.cruxLinks };
  const rankingBytes = pairRanking.total * (4 * 3 + 8 * 2);
  caches.bodies.set(view.bodyKey, body, (body.head.length + body.tail.length) * 2 + rankingBytes);
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

/**
 * GET …/documents/:doc/disagreement as JSON text: the disagreement map as the viewer may see it under blind
 * review. Access as for the document: 404 to those who may not read the workspace.
 */
export async function getDisagreementMapJson({
  ctx,
  document,
  withCredences = false,
  pairs = DEFAULT_MAP_PAIRS,
}: {
  ctx: WorkspaceContext;
  document: string;
  /** also the individual credences (`credences`), for the map page's charts */
  withCredences?: boolean;
  /** how many of the least and of the most agreeing reviewer pairs to list (the caller bounds it) */
  pairs?: number;
}): Promise<string> {
  const view = await mapView(ctx, document);
  const { doc, feedKey, feedDocument, hidden, bodyKey } = view;
  const body = caches.bodies.get(bodyKey) ?? (await computeBody(ctx, view)).body;
  let credences = '';
  if (withCredences) {
    let cached = caches.credences.get(bodyKey);
    if (cached === undefined) {
      cached = JSON.stringify(computeCredences(await feedFor(feedKey, feedDocument), hidden));
      caches.credences.set(bodyKey, cached, cached.length * 2);
    }
    credences = `,"credences":${cached}`;
  }
  const head: Pick<DisagreementMapResponse, 'document' | 'dataVersion' | 'blind'> = {
    document: { id: doc.id, slug: doc.slug, title: doc.title, version: doc.versionNumber },
    dataVersion: doc.dataVersion,
    blind: doc.blind,
  };
  // the document's own fields are never cached (a retitled document needs no recomputation); the rest is
  const headJson = JSON.stringify(head);
  return `${headJson.slice(0, -1)}${credences},${body.head.slice(1)}${JSON.stringify(pairEnds(body.pairs, pairs))}${body.tail}`;
}

/** The same, parsed: for server components (the map pages). */
export async function getDisagreementMap(args: { ctx: WorkspaceContext; document: string; withCredences?: boolean; pairs?: number }): Promise<DisagreementMapResponse> {
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
