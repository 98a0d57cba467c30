// The live crux links of a workspace or of a document's claims (both claims live and unmerged, marked by at least
// one live crux annotation) with their marks and everyone's conditionals, and blind review's reveal of
// conditionals: what the map's feed and the crux-link list read (lib/cruxes holds the rest of crux links).
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { Conditional, CruxLinkInput } from '../aggregation';
import { directionOf } from './crux-links';

const json = <T>(rows: { data: string | null }[]): T => JSON.parse(rows[0]?.data ?? 'null') as T;

/**
 * The workspace's live crux links with everyone's current conditionals, by id; with `claimIds`, only links both
 * of whose claims are among them (a document's claims). One query, answered as one JSON text.
 */
export async function loadCruxLinks(workspaceId: string, claimIds: readonly string[] | null, linkIds?: readonly string[]): Promise<CruxLinkInput[]> {
  const among =
    claimIds === null ? Prisma.sql`TRUE` : Prisma.sql`a."claimId" = ANY(${claimIds}::text[]) AND a."forClaimId" = ANY(${claimIds}::text[])`;
  const ids = linkIds === undefined ? Prisma.sql`TRUE` : Prisma.sql`l.id = ANY(${linkIds}::text[])`;
  // The marks are grouped once (through the (workspaceId, claimId) index for a document's claims), then joined to
  // their links: a per-link look-up would, without table statistics, scan the workspace's annotations per link.
  const rows = await db.$queryRaw<{ data: string | null }[]>`
    WITH marks AS MATERIALIZED (
      SELECT a."claimId" AS k, a."forClaimId" AS c, count(DISTINCT a."authorId")::int AS marked,
             count(*) FILTER (WHERE a.direction = 'more')::int AS more, count(*) FILTER (WHERE a.direction = 'less')::int AS less
        FROM "Annotation" a
       WHERE a."workspaceId" = ${workspaceId} AND a.kind = 'crux' AND a."deletedAt" IS NULL AND a."claimId" IS NOT NULL
         AND a."forClaimId" IS NOT NULL AND ${among}
       GROUP BY a."claimId", a."forClaimId"
    )
    SELECT coalesce(json_agg(json_build_array(l.id, l."cruxClaimId", l."forClaimId", m.marked, m.more, m.less,
             (SELECT coalesce(json_agg(json_build_array(cc."userId", cc."ifTrue", cc."ifFalse") ORDER BY cc."userId"), '[]')
                FROM "CruxConditional" cc WHERE cc."workspaceId" = ${workspaceId} AND cc."linkId" = l.id)) ORDER BY l.id), '[]')::text AS data
      FROM marks m
      JOIN "CruxLink" l ON l."workspaceId" = ${workspaceId} AND l."cruxClaimId" = m.k AND l."forClaimId" = m.c
      JOIN "Claim" k ON k.id = l."cruxClaimId" AND k."deletedAt" IS NULL AND k."mergedIntoId" IS NULL
      JOIN "Claim" c ON c.id = l."forClaimId" AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL
     WHERE ${ids}`;
  return json<[string, string, string, number, number, number, [string, number, number][]][]>(rows).map(
    ([id, cruxClaimId, forClaimId, markedBy, more, less, conditionals]) => ({
      id,
      cruxClaimId,
      forClaimId,
      direction: directionOf(more, less),
      markedBy,
      conditionals: conditionals.map(([reviewerId, ifTrue, ifFalse]) => ({ reviewerId, ifTrue, ifFalse })),
    }),
  );
}

/**
 * Blind review's reveal of conditionals: per link, each reviewer's latest conditionals given before the link's
 * moment (epoch ms), for conditionals that are still current.
 */
export async function revealedConditionals(workspaceId: string, moments: ReadonlyMap<string, number>): Promise<Map<string, Conditional[]>> {
  const out = new Map<string, Conditional[]>();
  if (moments.size === 0) return out;
  const ids = [...moments.keys()];
  const cutoffs = [...moments.values()];
  const rows = await db.$queryRaw<{ linkId: string; userId: string; ifTrue: number; ifFalse: number }[]>`
    WITH cut AS (SELECT m.id, to_timestamp(m.ms / 1000.0) AT TIME ZONE 'UTC' AS at FROM unnest(${ids}::text[], ${cutoffs}::float8[]) AS m(id, ms))
    SELECT DISTINCT ON (cc.id) cc."linkId", cc."userId", r."ifTrue", r."ifFalse"
      FROM "CruxConditional" cc
      JOIN cut ON cut.id = cc."linkId"
      JOIN "CruxConditionalRevision" r ON r."conditionalId" = cc.id AND r."workspaceId" = ${workspaceId} AND r."createdAt" < cut.at
     WHERE cc."workspaceId" = ${workspaceId} AND cc."linkId" = ANY(${ids}::text[])
     ORDER BY cc.id, r."createdAt" DESC, r.id DESC`;
  for (const row of rows) {
    const list = out.get(row.linkId) ?? [];
    list.push({ reviewerId: row.userId, ifTrue: Number(row.ifTrue), ifFalse: Number(row.ifFalse) });
    out.set(row.linkId, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0));
  return out;
}
