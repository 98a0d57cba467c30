// The export's reads that are not the row stream itself: the documents filtered on, the counts, blind review, and
// the credence matrix's columns and pages. The row stream is chosen here too: a server-side cursor on PostgreSQL
// (./export-cursor.ts), keyset pages on PGlite (./export-keyset-queries.ts).
import { databaseKind, replicaDb } from '../db';
import { env } from '../env';
import { Prisma } from '../generated/prisma/client';
import { type BlindFilter } from '../disagreement/blind';
import { blindFilterFor } from '../disagreement/blind-queries';
import { statementSelect, visibleStatement } from '../context/hidden-statement';
import { ClaimHistory } from './claim-history';
import { cursorBatches } from './export-cursor';
import { keysetBatches } from './export-keyset-queries';
import { annotationWhere } from './export-sql';
import type { Scope } from './export-types';
import type { ExportCounts } from './jsonl';
import type { ExportRecord } from './model';

/** The workspace's documents named by slug or id (archived ones only `withArchived`). */
export async function documentsByRef({ workspaceId, refs, withArchived }: { workspaceId: string; refs: string[]; withArchived: boolean }): Promise<{ id: string; slug: string }[]> {
  return replicaDb.document.findMany({
    where: {
      workspaceId,
      ...(withArchived ? {} : { archivedAt: null }),
      OR: [{ slug: { in: refs } }, { id: { in: refs } }],
    },
    select: { id: true, slug: true },
  });
}

export async function countAnnotations(scope: Scope): Promise<ExportCounts> {
  const where = annotationWhere(scope);
  const [byKind, totals] = await Promise.all([
    replicaDb.$queryRaw<{ kind: string; n: number }[]>`
      SELECT a.kind::text AS kind, count(*)::int AS n FROM "Annotation" a JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId" WHERE ${where} GROUP BY a.kind`,
    replicaDb.$queryRaw<{ documents: number; authors: number }[]>`
      SELECT count(DISTINCT a."documentId")::int AS documents, count(DISTINCT a."authorId")::int AS authors
        FROM "Annotation" a JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId" WHERE ${where}`,
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

/** The live replies (hidden ones for owners only) on the annotations the scope exports: W3C exports write them too. */
export async function countReplies(scope: Scope): Promise<number> {
  const where = annotationWhere(scope);
  const rows = await replicaDb.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Reply" p JOIN "Annotation" a ON a."workspaceId" = p."workspaceId" AND a.id = p."annotationId" JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId"
     WHERE ${where} AND p."deletedAt" IS NULL ${scope.isOwner ? Prisma.empty : Prisma.sql`AND p."hiddenAt" IS NULL`}`;
  return Number(rows[0]?.n ?? 0);
}

/** Blind review: which claims' other values this viewer may not see (computed once per export). */
export async function blindFor(scope: Scope): Promise<BlindFilter | null> {
  if (scope.isOwner) return null;
  const blindDocs = await replicaDb.document.count({ where: { workspaceId: scope.workspace.id, blind: true } });
  if (blindDocs === 0) return null;
  const claims = await replicaDb.claim.findMany({ where: { workspaceId: scope.workspace.id }, select: { id: true } });
  return blindFilterFor({ workspaceId: scope.workspace.id, viewer: { userId: scope.viewerId, role: scope.isOwner ? 'owner' : 'observer' }, claimIds: claims.map((c) => c.id) });
}

/**
 * The export's annotations in (createdAt, id) order, a batch at a time, each batch asked for before the one
 * before it is written: see the two drivers for how many batches that keeps in memory.
 */
export function annotationBatches(scope: Scope, options: { replies: boolean; emails: boolean; batchSize: number }): AsyncGenerator<ExportRecord[]> {
  return databaseKind === 'postgres' && env.DATABASE_URL ? cursorBatches(env.DATABASE_REPLICA_URL ?? env.DATABASE_URL, scope, options) : keysetBatches(scope, options);
}

/** The credence matrix's columns: the claims with at least one current credence under `where` (./export-sql.ts). */
export async function credenceClaimIds(where: Prisma.Sql): Promise<string[]> {
  const rows = await replicaDb.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT cr."claimId" AS id FROM "Credence" cr JOIN "Claim" c ON c."workspaceId" = cr."workspaceId" AND c.id = cr."claimId" WHERE ${where} ORDER BY 1`;
  return rows.map((c) => c.id);
}

export async function countCredenceReviewers(where: Prisma.Sql): Promise<number> {
  const rows = await replicaDb.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT cr."userId")::int AS n FROM "Credence" cr JOIN "Claim" c ON c."workspaceId" = cr."workspaceId" AND c.id = cr."claimId" WHERE ${where}`;
  return Number(rows[0]?.n ?? 0);
}

/** One page of [userId, name, claimId, value] in (userId, claimId) order, after `cursor`. */
export async function credencePage(
  where: Prisma.Sql,
  cursor: { userId: string; claimId: string } | null,
  limit: number,
): Promise<[string, string, string, number][]> {
  const after: Prisma.Sql = cursor ? Prisma.sql`AND (cr."userId", cr."claimId") > (${cursor.userId}, ${cursor.claimId})` : Prisma.empty;
  const result: { data: string }[] = await replicaDb.$queryRaw<{ data: string }[]>`
    SELECT coalesce(json_agg(json_build_array(s."userId", s.name, s."claimId", s.value) ORDER BY s."userId", s."claimId"), '[]'::json)::text AS data
      FROM (SELECT cr."userId", u.name, cr."claimId", cr.value
              FROM "Credence" cr JOIN "Claim" c ON c."workspaceId" = cr."workspaceId" AND c.id = cr."claimId" JOIN "User" u ON u.id = cr."userId"
             WHERE ${where} ${after}
             ORDER BY cr."userId", cr."claimId" LIMIT ${limit}) s`;
  return JSON.parse(result[0]?.data ?? '[]') as [string, string, string, number][];
}

/** The texts of some document versions of the workspace (for W3C offsets in code points: ./version-offsets.ts). */
export function versionTexts(workspaceId: string, ids: readonly string[]): Promise<{ id: string; text: string }[]> {
  return replicaDb.documentVersion.findMany({ where: { workspaceId, id: { in: [...ids] } }, select: { id: true, text: true } });
}

/** The workspace's claim merges, the documents naming each claim, and its rounds: what ClaimHistory is made of. */
export async function loadClaimHistory(workspaceId: string): Promise<ClaimHistory> {
  const [merges, claimDocuments, rounds] = await Promise.all([
    replicaDb.$queryRaw<{ id: string; mergedIntoId: string }[]>`
      SELECT c.id, c."mergedIntoId" FROM "Claim" c WHERE c."workspaceId" = ${workspaceId} AND c."mergedIntoId" IS NOT NULL`,
    replicaDb.$queryRaw<{ claimId: string; documentId: string }[]>`
      SELECT DISTINCT x."claimId", x."documentId" FROM "Annotation" x
       WHERE x."workspaceId" = ${workspaceId} AND x."deletedAt" IS NULL AND x."claimId" IS NOT NULL`,
    replicaDb.$queryRaw<{ documentId: string; number: number; openedAt: Date }[]>`
      SELECT ro."documentId", ro.number, ro."openedAt" FROM "Round" ro WHERE ro."workspaceId" = ${workspaceId}`,
  ]);
  return new ClaimHistory({ merges, claimDocuments, rounds });
}

/** The statements of these claims as this viewer may read them (a moderator-hidden one: HIDDEN_STATEMENT). */
export async function claimStatements(
  workspaceId: string,
  ids: readonly string[],
  viewer: { isOwner: boolean; viewerId: string | null },
): Promise<Map<string, string>> {
  const rows = await replicaDb.claim.findMany({ where: { workspaceId, id: { in: [...ids] } }, select: { id: true, ...statementSelect } });
  const as = { userId: viewer.viewerId, role: viewer.isOwner ? ('owner' as const) : ('observer' as const) };
  return new Map(rows.map((c) => [c.id, visibleStatement(as, c)]));
}
