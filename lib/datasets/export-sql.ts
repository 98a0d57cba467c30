// The SQL of an export: one annotation as a JSON array (and back to an ExportRecord), the FROM its queries share,
// and the WHERE clauses of the annotation and credence queries (workspace, visibility, filters). Builds
// statements only; ./export-queries.ts, ./export-keyset-queries.ts, ./export-cursor.ts and ./w3c-container-queries.ts
// run them.
import { Prisma } from '../generated/prisma/client';
import { HIDDEN_STATEMENT } from '../context/hidden-statement';
import type { AnnotationKind } from '../annotations/types';
import type { Scope } from './export-types';
import type { ExportRecord } from './model';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The columns of one annotation, as a JSON array (positions match `recordFrom`). The bench runs the same SELECT
 * through COPY as the physical limit.
 */
export function exportColumnsSql(options: { replies: boolean; emails: boolean; isOwner: boolean; viewerId?: string | null }): Prisma.Sql {
  const email = options.emails ? Prisma.raw('u.email') : Prisma.raw('NULL::text');
  const replyEmail = options.emails ? Prisma.raw('pu.email') : Prisma.raw('NULL::text');
  // the thread as the API's thread view shows it: a deleted reply stays (empty) while it has a live answer; a hidden
  // one is listed to everyone, its text only to owners and its author. `listed`: live and readable by this viewer
  // (the replies W3C exports write and `reply_count` counts, as before).
  const readable = options.isOwner ? Prisma.sql`TRUE` : Prisma.sql`(p."hiddenAt" IS NULL OR p."authorId" = ${options.viewerId ?? null}::text)`;
  const listed = options.isOwner ? Prisma.sql`p."deletedAt" IS NULL` : Prisma.sql`(p."deletedAt" IS NULL AND p."hiddenAt" IS NULL)`;
  const replies = options.replies
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_array(p.id, p."parentId", p."authorId", pu.name, ${replyEmail},
                   CASE WHEN p."deletedAt" IS NULL AND ${readable} THEN p."bodyText" ELSE '' END,
                   CASE WHEN p."deletedAt" IS NULL AND ${readable} THEN p.body END,
                   to_char(p."createdAt", ${Prisma.raw(ISO)}), to_char(p."updatedAt", ${Prisma.raw(ISO)}),
                   p."hiddenAt" IS NOT NULL, p."deletedAt" IS NOT NULL, ${listed}) ORDER BY p."createdAt", p.id), '[]'::json)
          FROM "Reply" p JOIN "User" pu ON pu.id = p."authorId"
         WHERE p."workspaceId" = a."workspaceId" AND p."annotationId" = a.id
           AND (p."deletedAt" IS NULL OR EXISTS (SELECT 1 FROM "Reply" q
                 WHERE q."workspaceId" = p."workspaceId" AND q."annotationId" = p."annotationId" AND q."parentId" = p.id AND q."deletedAt" IS NULL)))`
    : Prisma.raw(`'[]'::json`);
  // a claim whose every claim annotation is hidden: its statement only for owners and its creator (hidden-statement.ts)
  const statement = (claim: 'c' | 'fc'): Prisma.Sql =>
    options.isOwner
      ? Prisma.raw(`${claim}.statement`)
      : Prisma.sql`CASE WHEN ${Prisma.raw(claim)}."statementHidden" AND ${Prisma.raw(claim)}."createdById" IS DISTINCT FROM ${options.viewerId ?? null}::text
                        THEN ${HIDDEN_STATEMENT}::text ELSE ${Prisma.raw(claim)}.statement END`;
  return Prisma.sql`json_build_array(
      a.id, a."workspaceId", a."documentId", d.slug, d.title, a."versionId", v.number, a.kind, a."claimId", ${statement('c')},
      a."forClaimId", ${statement('fc')}, a.stance, a.strength, a."sourceUrl", a.direction, a.value, a.rationale, a."rationaleText",
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
  JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId"
  JOIN "DocumentVersion" v ON v."workspaceId" = a."workspaceId" AND v.id = a."versionId"
  JOIN "User" u ON u.id = a."authorId"
  LEFT JOIN "Claim" c ON c."workspaceId" = a."workspaceId" AND c.id = a."claimId"
  LEFT JOIN "Claim" fc ON fc."workspaceId" = a."workspaceId" AND fc.id = a."forClaimId"`);

export type Row = [
  string, string, string, string, string, string, number, AnnotationKind, string | null, string | null,
  string | null, string | null, 'for' | 'against' | null, number | null, string | null, 'more' | 'less' | null, number | null,
  ExportRecord['rationale'], string | null,
  string, string, string, number, number, ExportRecord['anchorStatus'], string | null, number | null, number | null,
  string, string, string | null, ExportRecord['externalCreator'], string | null, string | null,
  boolean, boolean, number, string, string,
  [number, string][] | null,
  [string, string | null, string, string, string | null, string, ExportRecord['rationale'], string, string, boolean, boolean, boolean][],
];

export function recordFrom(r: Row): ExportRecord {
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
      hidden: p[9], deleted: p[10], listed: p[11],
    })),
  };
}

/** The WHERE clause every annotation query of the export shares: workspace, visibility, filters. */
export function annotationWhere(scope: Scope): Prisma.Sql {
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

/** The WHERE clause of the credence matrix's queries: current credences of live claims, filtered like the export. */
export function credenceWhere(scope: Scope): Prisma.Sql {
  const ws = scope.workspace.id;
  const { filters } = scope;
  const onDocuments = scope.documentIds
    ? Prisma.sql`AND cr."claimId" IN (SELECT x."claimId" FROM "Annotation" x WHERE x."workspaceId" = ${ws} AND x."deletedAt" IS NULL
                   AND x."documentId" = ANY(${scope.documentIds}::text[]) AND x."claimId" IS NOT NULL)`
    : Prisma.empty;
  const byAuthor = filters.authors.length > 0 ? Prisma.sql`AND cr."userId" = ANY(${filters.authors}::text[])` : Prisma.empty;
  const from = filters.from ? Prisma.sql`AND cr."updatedAt" >= ${filters.from.toISOString()}::timestamp` : Prisma.empty;
  const to = filters.to ? Prisma.sql`AND cr."updatedAt" < ${filters.to.toISOString()}::timestamp` : Prisma.empty;
  return Prisma.sql`cr."workspaceId" = ${ws} AND cr."deletedAt" IS NULL AND c."deletedAt" IS NULL ${onDocuments} ${byAuthor} ${from} ${to}`;
}
