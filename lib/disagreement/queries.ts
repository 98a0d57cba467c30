// Reads of the disagreement map and of rounds in the request context's workspace. The map is cached per
// (document, current version, data version, what the viewer may see): a repeated view costs one small query for
// the version, and sends a string already serialised.
import type { WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { replicaDb } from '../db';
import { AppError } from '../errors';
import { LruCache } from '../lru-cache';
import { tablePartsBeside } from './table-worker';
import { loadLeadReasons } from './lead-queries';
import { loadFeed, type Feed, type FeedDocument } from './map-inputs-queries';
import { DEFAULT_MAP_CLAIMS, DEFAULT_MAP_PAIRS, type DisagreementMapResponse, type MapBody, type RoundDto } from './types';
import { pairEnds, type CruxLinkStats, type PairRanking } from '../aggregation';
import { computeCredences, computeLead, computeMapBeside, hiddenClaims, leadClaimIds, maskedClaims, maskStatements, viewIndexOf, viewKeyOf, type ViewIndex } from './view';

/**
 * How many of the workspace's latest change events the data version sums. Their largest id alone would miss a
 * transaction that took its id before another's but committed after it; the sum changes when it commits.
 */
const VERSION_WINDOW = 64;

/** What the crux graph reads of a computed map: its claims and its crux links (small beside the JSON). */
export type MapGraphParts = { claims: MapBody['claims']; cruxLinks: CruxLinkStats[] };

/** JSON texts, each of one claim's (`claimIds` in parallel): an answer lists those of the claims it lists. */
type ByClaim = { claimIds: string[]; texts: string[] };

/**
 * A computed map as JSON text in segments: text as it is, and the parts each request chooses — the claims (each
 * one's JSON, in the ranking's order: the answer lists a slice), what belongs to one claim (a double crux or a crux
 * link, by the claim C that hinges on K: the answer lists those of the listed claims), the rounds (each round's JSON
 * before its claims, and its claims' JSON) and the reviewer pairs (a ranking whose ends each request lists).
 */
type Segment = string | { claims: string[] } | { byClaim: ByClaim } | { rounds: { head: string; claims: ByClaim }[] } | { pairs: PairRanking };
type CachedBody = { segments: Segment[]; claimIds: string[] };

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

/** Computes a view's map, caching both its JSON text (in segments) and the crux graph's parts of it. */
async function computeBody(ctx: WorkspaceContext, view: MapView): Promise<{ body: CachedBody; parts: MapGraphParts }> {
  const feed = maskStatements(await feedFor(view.feedKey, view.feedDocument), view.masked);
  // the table parts on the worker thread beside the rest (table-worker.ts)
  const map = await computeMapBeside(feed, view.hidden, (table) => tablePartsBeside(table));
  const reasons = await loadLeadReasons({ workspaceId: ctx.workspace.id, ...leadClaimIds(map) });
  const mostDisputed = computeLead(feed, view.hidden, map, reasons);
  const { round, reviewers, claims, passages, pairRanking, alpha, groups, consensus, doubleCruxes, implicitCruxes, rounds, cruxLinks } = map;
  const inner = (value: object) => JSON.stringify(value).slice(1, -1);
  const byClaim = <T>(items: readonly T[], claimIdOf: (item: T) => string): ByClaim => ({ claimIds: items.map(claimIdOf), texts: items.map((item) => JSON.stringify(item)) });
  const head: Pick<MapBody, 'computedAt' | 'round' | 'reviewers'> = { computedAt: new Date().toISOString(), round, reviewers };
  const groupParts: Pick<MapBody, 'pairsTotal' | 'alpha' | 'groups' | 'consensus'> = { pairsTotal: pairRanking.total, alpha, groups, consensus };
  // The answer's keys in order: computedAt, round, reviewers, claims, claimsTotal, passages, pairs, pairsTotal, alpha,
  // groups, consensus, doubleCruxes, doubleCruxesTotal, implicitCruxes, rounds, cruxLinks, cruxLinksTotal, mostDisputed.
  const segments: Segment[] = [
    `{${inner(head)},"claims":`,
    { claims: claims.map((c) => JSON.stringify(c)) },
    `,"claimsTotal":${claims.length},"passages":${JSON.stringify(passages)},"pairs":`,
    { pairs: pairRanking },
    `,${inner(groupParts)},"doubleCruxes":`,
    { byClaim: byClaim(doubleCruxes, (d) => d.forClaimId) },
    `,"doubleCruxesTotal":${doubleCruxes.length},"implicitCruxes":${JSON.stringify(implicitCruxes)},"rounds":`,
    {
      rounds: rounds.map(({ claims: listed, ...r }) => ({
        head: `{${inner(r)},"claims":`,
        claims: byClaim(listed, (c) => c.claimId),
      })),
    },
    `,"cruxLinks":`,
    { byClaim: byClaim(cruxLinks, (l) => l.forClaimId) },
    `,"cruxLinksTotal":${cruxLinks.length},"mostDisputed":${JSON.stringify(mostDisputed)}}`,
  ];
  const body: CachedBody = { segments, claimIds: claims.map((c) => c.claimId) };
  const parts: MapGraphParts = { claims: map.claims, cruxLinks: map.cruxLinks };
  const charsOf = (texts: readonly string[]) => texts.reduce((sum, text) => sum + text.length + 30, 0);
  let chars = 0;
  for (const segment of segments) {
    if (typeof segment === 'string') chars += segment.length;
    else if ('claims' in segment) chars += charsOf(segment.claims);
    else if ('byClaim' in segment) chars += charsOf(segment.byClaim.texts);
    else if ('rounds' in segment) for (const r of segment.rounds) chars += r.head.length + charsOf(r.claims.texts);
  }
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
  const from = Math.min(claims.offset, body.claimIds.length);
  const to = Math.min(body.claimIds.length, from + claims.limit);
  const isAll = from === 0 && to === body.claimIds.length;
  const listed = isAll ? null : new Set(body.claimIds.slice(from, to));
  const ofListed = ({ claimIds, texts }: ByClaim): string => `[${(listed === null ? texts : texts.filter((_, i) => listed.has(claimIds[i] as string))).join(',')}]`;
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
  // the document's own fields are never cached (a retitled document needs no recomputation); the rest is
  const headJson = JSON.stringify(head);
  const out: string[] = [`${headJson.slice(0, -1)}${credences},`];
  for (const segment of body.segments) {
    if (typeof segment === 'string') out.push(out.length === 1 ? segment.slice(1) : segment);
    else if ('claims' in segment) out.push(`[${segment.claims.slice(from, to).join(',')}]`);
    else if ('byClaim' in segment) out.push(ofListed(segment.byClaim));
    else if ('rounds' in segment) out.push(`[${segment.rounds.map((r) => `${r.head}${ofListed(r.claims)}}`).join(',')}]`);
    else out.push(JSON.stringify(pairEnds(segment.pairs, pairs)));
  }
  return out.join('');
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
