// Streaming dataset exports. Rows come from PostgreSQL (or PGlite) in keyset-paginated batches on
// (createdAt, id) — each batch one SQL statement answering one JSON text, parsed once in Node — and are formatted
// into chunks pulled by the consumer (an HTTP ReadableStream or a file stream), so the next batch is read only when
// the previous one was written: memory stays flat whatever the count. Who may export: members (observers and up);
// emails only for owners and the operator's CLI, never in a pseudonymised export; blind review hides others'
// probability values as it does everywhere else.
import pg from 'pg';
import { databaseKind, db } from '../db';
import { env } from '../env';
import { publicBaseUrl } from './base-url';
import { AppError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { blindFilterFor, type BlindFilter } from '../disagreement/blind';
import { loadVersion, type VersionText } from '../documents/version-queries';
import { overlappingPassages } from '../anchoring';
import { assertRole, hasRole } from '../workspaces/permissions';
import { getWorkspaceAccess, getWorkspaceBySlug } from '../workspaces/queries';
import type { AnnotationKind } from '../annotations/types';
import { credenceHeader, credenceRow, csvHeader, csvLine } from './csv';
import { filtersJson, jsonlLine, metaLine, PassageJsonCache, type ExportCounts } from './jsonl';
import { Identities, type ExportContext, type ExportFilters, type ExportFormat, type ExportRecord, type PassageRecord } from './model';
import { collectionFrame, w3cAnnotation, W3C_CONTENT_TYPE } from './w3c';

/** Who asks: a signed-in user (access checked), or the operator at the command line (sees what an owner sees). */
export type ExportActor = { userId: string } | { operator: true } | { reader: string | null };

/** Rows per database round trip: large enough that per-statement costs vanish, small enough to stay flat. */
export const EXPORT_BATCH_SIZE = 2000;

/** FETCHes in flight on the PostgreSQL cursor (each up to a batch in memory). */
const CURSOR_DEPTH = 3;


const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The columns of one annotation, as a JSON array (positions match `recordFrom`). Exported for the bench, which
 * runs the same SELECT through COPY as the physical limit.
 */
export function exportColumnsSql(options: { replies: boolean; emails: boolean; isOwner: boolean }): Prisma.Sql {
  const email = options.emails ? Prisma.raw('u.email') : Prisma.raw('NULL::text');
  const replyEmail = options.emails ? Prisma.raw('pu.email') : Prisma.raw('NULL::text');
  const replies = options.replies
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_array(p.id, p."parentId", p."authorId", pu.name, ${replyEmail}, p."bodyText", p.body,
                   to_char(p."createdAt", ${Prisma.raw(ISO)}), to_char(p."updatedAt", ${Prisma.raw(ISO)})) ORDER BY p."createdAt", p.id), '[]'::json)
          FROM "Reply" p JOIN "User" pu ON pu.id = p."authorId"
         WHERE p."workspaceId" = a."workspaceId" AND p."annotationId" = a.id AND p."deletedAt" IS NULL
           ${options.isOwner ? Prisma.empty : Prisma.sql`AND p."hiddenAt" IS NULL`})`
    : Prisma.raw(`'[]'::json`);
  return Prisma.sql`json_build_array(
      a.id, a."workspaceId", a."documentId", d.slug, d.title, a."versionId", v.number, a.kind, a."claimId", c.statement,
      a."forClaimId", fc.statement, a.stance, a.strength, a."sourceUrl", a.direction, a.value, a.rationale, a."rationaleText",
      a.exact, a.prefix, a.suffix, a.start, a."end", a."anchorStatus", a."anchoredVersionId", a."anchoredStart", a."anchoredEnd",
      a."authorId", u.name, ${email}, a."externalCreator", a."externalSource", a."externalId",
      a."resolvedAt" IS NOT NULL, a."hiddenAt" IS NOT NULL, a.version,
      to_char(a."createdAt", ${Prisma.raw(ISO)}), to_char(a."updatedAt", ${Prisma.raw(ISO)}),
      CASE WHEN a.kind = 'probability' AND a."externalId" IS NULL THEN
        (SELECT coalesce(json_agg(json_build_array(r.value, to_char(r."createdAt", ${Prisma.raw(ISO)})) ORDER BY r."createdAt", r.id), '[]'::json)
           FROM "CredenceRevision" r
          WHERE r."workspaceId" = a."workspaceId" AND r."claimId" = a."claimId" AND r."userId" = a."authorId")
      END,
      ${replies})`;
}

export const EXPORT_FROM_SQL = Prisma.raw(`"Annotation" a
  JOIN "Document" d ON d.id = a."documentId"
  JOIN "DocumentVersion" v ON v.id = a."versionId"
  JOIN "User" u ON u.id = a."authorId"
  LEFT JOIN "Claim" c ON c.id = a."claimId"
  LEFT JOIN "Claim" fc ON fc.id = a."forClaimId"`);

type Row = [
  string, string, string, string, string, string, number, AnnotationKind, string | null, string | null,
  string | null, string | null, 'for' | 'against' | null, number | null, string | null, 'more' | 'less' | null, number | null,
  ExportRecord['rationale'], string | null,
  string, string, string, number, number, ExportRecord['anchorStatus'], string | null, number | null, number | null,
  string, string, string | null, ExportRecord['externalCreator'], string | null, string | null,
  boolean, boolean, number, string, string,
  [number, string][] | null,
  [string, string | null, string, string, string | null, string, ExportRecord['rationale'], string, string][],
];

function recordFrom(r: Row): ExportRecord {
  return {
    id: r[0], workspaceId: r[1], documentId: r[2], documentSlug: r[3], documentTitle: r[4], versionId: r[5], versionNumber: r[6],
    kind: r[7], claimId: r[8], claimStatement: r[9], forClaimId: r[10], forClaimStatement: r[11], stance: r[12], strength: r[13],
    source: r[14], direction: r[15], value: r[16], rationale: r[17], rationaleText: r[18],
    exact: r[19], prefix: r[20], suffix: r[21], start: r[22], end: r[23], anchorStatus: r[24], anchoredVersionId: r[25],
    anchoredStart: r[26], anchoredEnd: r[27], authorId: r[28], authorName: r[29], authorEmail: r[30], externalCreator: r[31],
    externalSource: r[32], externalId: r[33], resolved: r[34], hidden: r[35], version: r[36], createdAt: r[37], updatedAt: r[38],
    revisions: r[39] === null ? null : r[39].map(([value, at]) => ({ value, at })),
    replies: r[40].map((p) => ({
      id: p[0], parentId: p[1], authorId: p[2], authorName: p[3], authorEmail: p[4], text: p[5], body: p[6], createdAt: p[7], updatedAt: p[8],
    })),
  };
}

export type PreparedExport = {
  format: ExportFormat;
  contentType: string;
  filename: string;
  /** annotations (or, for credences, reviewer rows) the export will hold */
  total: number;
  counts: ExportCounts;
  /** the export's text, in chunks of a few tens of kilobytes; pulled, so it never runs ahead of the consumer */
  chunks: () => AsyncGenerator<string, void, undefined>;
  /** annotations (rows) written so far */
  progress: () => number;
};

export type Scope = {
  workspace: { id: string; slug: string; name: string };
  isOwner: boolean;
  viewerId: string | null;
  documentIds: string[] | null;
  filters: ExportFilters;
};

/**
 * The workspace, the viewer's standing and the documents filtered on. `{userId}` must be a member (observers and
 * up); `{reader}` is anyone who may read the workspace (the W3C protocol's read side, like GET annotations).
 */
export async function resolveScope(actor: ExportActor, workspace: string, filters: ExportFilters): Promise<Scope> {
  let ws: Scope['workspace'];
  let isOwner: boolean;
  let viewerId: string | null;
  if ('operator' in actor) {
    ws = await getWorkspaceBySlug({ slug: workspace });
    isOwner = true;
    viewerId = null;
  } else if ('reader' in actor) {
    const access = await getWorkspaceAccess({ userId: actor.reader, workspace });
    ws = { id: access.workspace.id, slug: access.workspace.slug, name: access.workspace.name };
    isOwner = hasRole(access.role, 'owner');
    viewerId = actor.reader;
  } else {
    const access = await getWorkspaceAccess({ userId: actor.userId, workspace });
    assertRole(access, 'observer', 'export annotations');
    ws = { id: access.workspace.id, slug: access.workspace.slug, name: access.workspace.name };
    isOwner = hasRole(access.role, 'owner');
    viewerId = actor.userId;
  }
  let documentIds: string[] | null = null;
  if (filters.documents.length > 0) {
    const docs = await db.document.findMany({
      where: {
        workspaceId: ws.id,
        ...(isOwner ? {} : { archivedAt: null }),
        OR: [{ slug: { in: filters.documents } }, { id: { in: filters.documents } }],
      },
      select: { id: true, slug: true },
    });
    const missing = filters.documents.filter((d) => !docs.some((doc) => doc.id === d || doc.slug === d));
    if (missing.length > 0) {
      throw new AppError('UNPROCESSABLE', `No such document in this workspace: ${missing.join(', ')}.`, { fields: { document: ['No such document in this workspace.'] } });
    }
    documentIds = docs.map((d) => d.id);
  }
  return { workspace: ws, isOwner, viewerId, documentIds, filters };
}

/** The WHERE clause every annotation query of the export shares: workspace, visibility, filters. */
function annotationWhere(scope: Scope): Prisma.Sql {
  const { filters } = scope;
  const parts: Prisma.Sql[] = [Prisma.sql`a."workspaceId" = ${scope.workspace.id}`, Prisma.sql`a."deletedAt" IS NULL`];
  if (!scope.isOwner) {
    parts.push(Prisma.sql`d."archivedAt" IS NULL`);
    parts.push(scope.viewerId ? Prisma.sql`(a."hiddenAt" IS NULL OR a."authorId" = ${scope.viewerId})` : Prisma.sql`a."hiddenAt" IS NULL`);
  }
  if (scope.documentIds) parts.push(Prisma.sql`a."documentId" = ANY(${scope.documentIds}::text[])`);
  if (filters.kinds.length > 0) parts.push(Prisma.sql`a.kind::text = ANY(${filters.kinds}::text[])`);
  if (filters.authors.length > 0) parts.push(Prisma.sql`a."authorId" = ANY(${filters.authors}::text[])`);
  if (filters.from) parts.push(Prisma.sql`a."createdAt" >= ${filters.from.toISOString()}::timestamp`);
  if (filters.to) parts.push(Prisma.sql`a."createdAt" < ${filters.to.toISOString()}::timestamp`);
  return Prisma.join(parts, ' AND ');
}

export async function countAnnotations(scope: Scope): Promise<ExportCounts> {
  const where = annotationWhere(scope);
  const [byKind, totals] = await Promise.all([
    db.$queryRaw<{ kind: string; n: number }[]>`
      SELECT a.kind::text AS kind, count(*)::int AS n FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId" WHERE ${where} GROUP BY a.kind`,
    db.$queryRaw<{ documents: number; authors: number }[]>`
      SELECT count(DISTINCT a."documentId")::int AS documents, count(DISTINCT a."authorId")::int AS authors
        FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId" WHERE ${where}`,
  ]);
  const kinds: Record<string, number> = { claim: 0, evidence: 0, crux: 0, probability: 0 };
  for (const row of byKind) kinds[row.kind] = Number(row.n);
  return {
    annotations: Object.values(kinds).reduce((a, b) => a + b, 0),
    byKind: kinds,
    documents: Number(totals[0]?.documents ?? 0),
    authors: Number(totals[0]?.authors ?? 0),
  };
}

/**
 * The export's annotations in (createdAt, id) order, a batch at a time. On PostgreSQL: a server-side cursor
 * (DECLARE … NO SCROLL CURSOR in a read-only REPEATABLE READ transaction on a connection of its own), one plan and
 * one consistent snapshot for the whole export, FETCHed in batches. On the embedded PGlite: keyset pages, one SQL
 * statement per batch answering one JSON text. Either way the next batch is asked for as soon as one arrives, so
 * the database produces batch k+1 while batch k is formatted and written: at most two batches are in memory.
 */
function annotationBatches(scope: Scope, options: { replies: boolean; emails: boolean; batchSize: number }): AsyncGenerator<ExportRecord[]> {
  return databaseKind === 'postgres' && env.DATABASE_URL ? cursorBatches(env.DATABASE_URL, scope, options) : keysetBatches(scope, options);
}

async function* prefetching(fetchNext: (previous: ExportRecord[] | null) => Promise<ExportRecord[]> | null): AsyncGenerator<ExportRecord[]> {
  let pending: Promise<ExportRecord[]> | null = fetchNext(null);
  while (pending) {
    const records: ExportRecord[] = await pending;
    pending = fetchNext(records);
    // an abandoned export (the consumer went away) must not leave a rejected prefetch unobserved
    pending?.catch(() => undefined);
    if (records.length > 0) yield records;
  }
}

async function* keysetBatches(scope: Scope, options: { replies: boolean; emails: boolean; batchSize: number }): AsyncGenerator<ExportRecord[]> {
  const columns = exportColumnsSql({ replies: options.replies, emails: options.emails, isOwner: scope.isOwner });
  const where = annotationWhere(scope);
  const fetchAfter = async (cursor: { at: string; id: string } | null): Promise<ExportRecord[]> => {
    const after: Prisma.Sql = cursor ? Prisma.sql`AND (a."createdAt", a.id) > (${cursor.at}::timestamp, ${cursor.id})` : Prisma.empty;
    const result: { data: string }[] = await db.$queryRaw<{ data: string }[]>`
      SELECT coalesce(json_agg(s.r ORDER BY s."createdAt", s.id), '[]'::json)::text AS data
        FROM (SELECT ${columns} AS r, a."createdAt", a.id
                FROM ${EXPORT_FROM_SQL}
               WHERE ${where} ${after}
               ORDER BY a."createdAt", a.id
               LIMIT ${options.batchSize}) s`;
    return (JSON.parse(result[0]?.data ?? '[]') as Row[]).map(recordFrom);
  };
  yield* prefetching((previous) => {
    if (previous === null) return fetchAfter(null);
    const last = previous[previous.length - 1];
    return previous.length === options.batchSize && last ? fetchAfter({ at: last.createdAt, id: last.id }) : null;
  });
}

async function* cursorBatches(url: string, scope: Scope, options: { replies: boolean; emails: boolean; batchSize: number }): AsyncGenerator<ExportRecord[]> {
  const columns = exportColumnsSql({ replies: options.replies, emails: options.emails, isOwner: scope.isOwner });
  const select = Prisma.sql`SELECT (${columns})::text AS r FROM ${EXPORT_FROM_SQL} WHERE ${annotationWhere(scope)} ORDER BY a."createdAt", a.id`;
  const client = new pg.Client({ connectionString: url, application_name: 'cruxmap-export' });
  await client.connect();
  let open = false;
  try {
    await client.query('BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ');
    open = true;
    await client.query(`DECLARE cruxmap_export NO SCROLL CURSOR FOR ${select.text}`, select.values);
    const fetch = `FETCH ${Math.trunc(options.batchSize)} FROM cruxmap_export`;
    const fetchBatch = async (): Promise<ExportRecord[]> => {
      const result = await client.query<{ r: string }>(fetch);
      return result.rows.map((row) => recordFrom(JSON.parse(row.r) as Row));
    };
    // FETCHes queue up on the connection: keep CURSOR_DEPTH of them in flight so the server never waits for us
    const queue: Promise<ExportRecord[]>[] = [];
    let exhausted = false;
    const fill = () => {
      while (!exhausted && queue.length < CURSOR_DEPTH) {
        const next = fetchBatch();
        next.catch(() => undefined); // observed when awaited; an abandoned export must not leave it unhandled
        queue.push(next);
      }
    };
    fill();
    for (let next = queue.shift(); next; next = queue.shift()) {
      const records = await next;
      if (records.length < options.batchSize) exhausted = true; // those still queued come back empty
      fill();
      if (records.length > 0) yield records;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** One page of annotations by position (the W3C protocol's pages): same order and rows as the export. */
export async function readAnnotationPage(scope: Scope, options: { offset: number; limit: number }): Promise<ExportRecord[]> {
  const columns = exportColumnsSql({ replies: false, emails: false, isOwner: scope.isOwner });
  const result = await db.$queryRaw<{ data: string }[]>`
    SELECT coalesce(json_agg(s.r ORDER BY s."createdAt", s.id), '[]'::json)::text AS data
      FROM (SELECT ${columns} AS r, a."createdAt", a.id
              FROM ${EXPORT_FROM_SQL}
             WHERE ${annotationWhere(scope)}
             ORDER BY a."createdAt", a.id
             OFFSET ${options.offset} LIMIT ${options.limit}) s`;
  return (JSON.parse(result[0]?.data ?? '[]') as Row[]).map(recordFrom);
}

/** One annotation by id, if this scope shows it. */
export async function readAnnotationRecord(scope: Scope, id: string): Promise<ExportRecord | null> {
  const columns = exportColumnsSql({ replies: false, emails: false, isOwner: scope.isOwner });
  const result = await db.$queryRaw<{ data: string | null }[]>`
    SELECT (${columns})::text AS data FROM ${EXPORT_FROM_SQL} WHERE ${annotationWhere(scope)} AND a.id = ${id}`;
  const data = result[0]?.data;
  return data ? recordFrom(JSON.parse(data) as Row) : null;
}

/** The export context for a scope (identities, blind review). */
export async function contextFor(scope: Scope, options: { pseudonymise: boolean; emails: boolean }): Promise<ExportContext> {
  const blind = await blindFor(scope);
  return {
    baseUrl: publicBaseUrl(),
    workspaceSlug: scope.workspace.slug,
    identities: new Identities(options.pseudonymise, options.emails),
    hiddenClaims: blind?.hidden ?? new Set(),
    viewerId: scope.viewerId,
  };
}

/** Blind review: which claims' other values this viewer may not see (computed once per export). */
async function blindFor(scope: Scope): Promise<BlindFilter | null> {
  if (scope.isOwner) return null;
  const blindDocs = await db.document.count({ where: { workspaceId: scope.workspace.id, blind: true } });
  if (blindDocs === 0) return null;
  const claims = await db.claim.findMany({ where: { workspaceId: scope.workspace.id }, select: { id: true } });
  return blindFilterFor({ workspaceId: scope.workspace.id, viewer: { userId: scope.viewerId, role: scope.isOwner ? 'owner' : 'observer' }, claimIds: claims.map((c) => c.id) });
}

/** Passages (ids and texts) of the anchored range, from a per-export cache of versions loaded once per batch. */
function passageFinder() {
  const versions = new Map<string, VersionText>();
  return {
    async load(records: readonly ExportRecord[]): Promise<void> {
      for (const record of records) {
        const id = record.anchoredVersionId;
        if (id !== null && !versions.has(id)) versions.set(id, await loadVersion(id));
      }
    },
    of(record: ExportRecord): PassageRecord[] {
      const version = record.anchoredVersionId === null ? undefined : versions.get(record.anchoredVersionId);
      if (!version || record.anchoredStart === null || record.anchoredEnd === null) return [];
      return overlappingPassages(version.passages, record.anchoredStart, record.anchoredEnd).map((p) => ({ id: p.id, text: version.text.slice(p.start, p.end) }));
    },
  };
}

const CHUNK_CHARS = 64 * 1024;

const contentTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  w3c: W3C_CONTENT_TYPE,
  credences: 'text/csv; charset=utf-8; header=present',
};

const extensions: Record<ExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', w3c: 'jsonld', credences: 'credences.csv' };

/** Checks access and filters, counts, and returns the export ready to stream. */
export async function prepareExport({
  actor,
  workspace,
  format,
  filters,
  batchSize = EXPORT_BATCH_SIZE,
  now = new Date(),
}: {
  actor: ExportActor;
  workspace: string;
  format: ExportFormat;
  filters: ExportFilters;
  batchSize?: number;
  now?: Date;
}): Promise<PreparedExport> {
  const scope = await resolveScope(actor, workspace, filters);
  const emails = scope.isOwner && !filters.pseudonymise;
  const blind = await blindFor(scope);
  const context: ExportContext = {
    baseUrl: publicBaseUrl(),
    workspaceSlug: scope.workspace.slug,
    identities: new Identities(filters.pseudonymise, emails),
    hiddenClaims: blind?.hidden ?? new Set(),
    viewerId: scope.viewerId,
  };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const filename = `${scope.workspace.slug}-${format === 'credences' ? 'credences' : 'annotations'}-${stamp}.${extensions[format]}`;
  let written = 0;

  if (format === 'credences') {
    const matrix = await credenceMatrix(scope, blind, context, batchSize, () => (written += 1));
    return {
      format,
      contentType: contentTypes[format],
      filename,
      total: matrix.reviewers,
      counts: { annotations: 0, byKind: {}, documents: scope.documentIds?.length ?? 0, authors: matrix.reviewers },
      chunks: matrix.chunks,
      progress: () => written,
    };
  }

  const counts = await countAnnotations(scope);
  const passages = passageFinder();
  const passageJson = new PassageJsonCache();

  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let buffer = '';
    if (format === 'jsonl') {
      buffer += metaLine({
        exportedAt: now.toISOString(),
        workspace: scope.workspace,
        filters: filtersJson(filters, context),
        counts,
      });
    } else if (format === 'csv') {
      buffer += csvHeader();
    }
    const frame =
      format === 'w3c'
        ? collectionFrame({
            id: `${context.baseUrl}/api/v1/workspaces/${encodeURIComponent(scope.workspace.slug)}/export?format=w3c&exportedAt=${encodeURIComponent(now.toISOString())}`,
            label: `${scope.workspace.name}: annotations`,
            total: counts.annotations,
            generated: now.toISOString(),
            baseUrl: context.baseUrl,
          })
        : null;
    if (frame) buffer += frame.head;
    let first = true;
    for await (const batch of annotationBatches(scope, { replies: format === 'jsonl' || format === 'csv', emails, batchSize })) {
      if (format !== 'w3c') await passages.load(batch);
      for (const record of batch) {
        if (format === 'jsonl') buffer += jsonlLine(record, passages.of(record), context, passageJson);
        else if (format === 'csv') buffer += csvLine(record, passages.of(record), context);
        else {
          if (!first) buffer += (frame as { separator: string }).separator;
          buffer += JSON.stringify(w3cAnnotation(record, context, { standalone: false }));
        }
        first = false;
        written += 1;
        if (buffer.length >= CHUNK_CHARS) {
          yield buffer;
          buffer = '';
        }
      }
    }
    if (frame) buffer += frame.tail;
    if (buffer.length > 0) yield buffer;
  }

  return { format, contentType: contentTypes[format], filename, total: counts.annotations, counts, chunks, progress: () => written };
}

/**
 * The reviewer × claim matrix of current credences. Columns: claims with at least one current credence (those
 * named on the filtered documents, when filtered); rows: reviewers, paged by (userId, claimId).
 */
async function credenceMatrix(scope: Scope, blind: BlindFilter | null, context: ExportContext, batchSize: number, onRow: () => void) {
  const ws = scope.workspace.id;
  const { filters } = scope;
  const onDocuments = scope.documentIds
    ? Prisma.sql`AND cr."claimId" IN (SELECT x."claimId" FROM "Annotation" x WHERE x."workspaceId" = ${ws} AND x."deletedAt" IS NULL
                   AND x."documentId" = ANY(${scope.documentIds}::text[]) AND x."claimId" IS NOT NULL)`
    : Prisma.empty;
  const byAuthor = filters.authors.length > 0 ? Prisma.sql`AND cr."userId" = ANY(${filters.authors}::text[])` : Prisma.empty;
  const from = filters.from ? Prisma.sql`AND cr."updatedAt" >= ${filters.from.toISOString()}::timestamp` : Prisma.empty;
  const to = filters.to ? Prisma.sql`AND cr."updatedAt" < ${filters.to.toISOString()}::timestamp` : Prisma.empty;
  const where = Prisma.sql`cr."workspaceId" = ${ws} AND cr."deletedAt" IS NULL AND c."deletedAt" IS NULL ${onDocuments} ${byAuthor} ${from} ${to}`;
  const claimRows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT cr."claimId" AS id FROM "Credence" cr JOIN "Claim" c ON c.id = cr."claimId" WHERE ${where} ORDER BY 1`;
  const claimIds = claimRows.map((c) => c.id);
  const reviewerCount = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT cr."userId")::int AS n FROM "Credence" cr JOIN "Claim" c ON c.id = cr."claimId" WHERE ${where}`;
  const revealed = new Map<string, number>();
  for (const [claimId, list] of blind?.revealed ?? []) for (const c of list) revealed.set(`${claimId}\n${c.userId}`, c.value);

  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let buffer = credenceHeader(claimIds);
    let cursor: { userId: string; claimId: string } | null = null;
    let current = null as { id: string; name: string; values: Map<string, number> } | null;
    const flush = () => {
      if (!current) return;
      const person = context.identities.user(current.id, current.name, null);
      buffer += credenceRow({ id: person.id, name: person.name }, current.values, claimIds);
      onRow();
    };
    for (;;) {
      const after: Prisma.Sql = cursor ? Prisma.sql`AND (cr."userId", cr."claimId") > (${cursor.userId}, ${cursor.claimId})` : Prisma.empty;
      const result: { data: string }[] = await db.$queryRaw<{ data: string }[]>`
        SELECT coalesce(json_agg(json_build_array(s."userId", s.name, s."claimId", s.value) ORDER BY s."userId", s."claimId"), '[]'::json)::text AS data
          FROM (SELECT cr."userId", u.name, cr."claimId", cr.value
                  FROM "Credence" cr JOIN "Claim" c ON c.id = cr."claimId" JOIN "User" u ON u.id = cr."userId"
                 WHERE ${where} ${after}
                 ORDER BY cr."userId", cr."claimId" LIMIT ${batchSize}) s`;
      const rows = JSON.parse(result[0]?.data ?? '[]') as [string, string, string, number][];
      for (const [userId, name, claimId, value] of rows) {
        if (current?.id !== userId) {
          flush();
          current = { id: userId, name, values: new Map() };
        }
        const hidden = blind?.hidden.has(claimId) && userId !== scope.viewerId;
        const shown = hidden ? revealed.get(`${claimId}\n${userId}`) : value;
        if (shown !== undefined) current.values.set(claimId, shown);
      }
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
      if (rows.length < batchSize) break;
      const last = rows[rows.length - 1] as [string, string, string, number];
      cursor = { userId: last[0], claimId: last[2] };
    }
    flush();
    if (buffer.length > 0) yield buffer;
  }
  return { reviewers: Number(reviewerCount[0]?.n ?? 0), chunks };
}

/** The export as a web ReadableStream of UTF-8 bytes, pulled chunk by chunk (backpressure from the consumer). */
export function exportStream(prepared: PreparedExport): ReadableStream<Uint8Array> {
  const iterator = prepared.chunks();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error('[export] failed while streaming', error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
