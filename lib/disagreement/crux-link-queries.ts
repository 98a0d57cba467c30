// The live crux links of a workspace or of a document's claims (both claims live and unmerged, marked by at least
// one live crux annotation) with their marks and everyone's conditionals, and blind review's reveal of
// conditionals: what the map's feed and the crux-link list read (lib/cruxes holds the rest of crux links).
import { replicaDb } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { Conditional, CruxLinkInput } from '../aggregation';
import { directionOf } from './crux-links';

const SEPARATOR = String.fromCharCode(31);
const json = <T>(rows: { data: string | null }[]): T => JSON.parse(rows[0]?.data ?? 'null') as T;

/** A live link: id, K, C, distinct markers, marks "more", marks "less". */
export type LiveCruxLinkRow = [id: string, cruxClaimId: string, forClaimId: string, marked: number, more: number, less: number];

/**
 * The workspace's live crux links (their ids, claims and marks, no conditionals), by id; with `claimIds`, only
 * links both of whose claims are among them (a document's claims). One query, answered as one JSON text.
 */
export async function liveCruxLinkRows(workspaceId: string, claimIds: readonly string[] | null, linkIds?: readonly string[]): Promise<LiveCruxLinkRow[]> {
  const among =
    claimIds === null ? Prisma.sql`TRUE` : Prisma.sql`a."claimId" = ANY(${claimIds}::text[]) AND a."forClaimId" = ANY(${claimIds}::text[])`;
  const ids = linkIds === undefined ? Prisma.sql`TRUE` : Prisma.sql`l.id = ANY(${linkIds}::text[])`;
  // Set-based: the marks grouped once (through the (workspaceId, claimId) index for a document's claims) and joined
  // to their links, then the links' conditionals in one index read; per-link subqueries would, without table
  // statistics, scan the workspace's annotations per link, and cost a look-up per link even with them.
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    WITH marks AS MATERIALIZED (
      SELECT a."claimId" AS k, a."forClaimId" AS c, count(DISTINCT a."authorId")::int AS marked,
             count(*) FILTER (WHERE a.direction = 'more')::int AS more, count(*) FILTER (WHERE a.direction = 'less')::int AS less
        FROM "Annotation" a
       WHERE a."workspaceId" = ${workspaceId} AND a.kind = 'crux' AND a."deletedAt" IS NULL AND a."claimId" IS NOT NULL
         AND a."forClaimId" IS NOT NULL AND ${among}
       GROUP BY a."claimId", a."forClaimId"
    )
    SELECT coalesce(json_agg(json_build_array(l.id, l."cruxClaimId", l."forClaimId", m.marked, m.more, m.less) ORDER BY l.id), '[]')::text AS data
      FROM marks m
      JOIN "CruxLink" l ON l."workspaceId" = ${workspaceId} AND l."cruxClaimId" = m.k AND l."forClaimId" = m.c
      JOIN "Claim" k ON k."workspaceId" = l."workspaceId" AND k.id = l."cruxClaimId" AND k."deletedAt" IS NULL AND k."mergedIntoId" IS NULL
      JOIN "Claim" c ON c."workspaceId" = l."workspaceId" AND c.id = l."forClaimId" AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL
     WHERE ${ids}`;
  return json<LiveCruxLinkRow[]>(rows);
}

/**
 * The workspace's live crux links with everyone's current conditionals, by id; with `claimIds`, only links both
 * of whose claims are among them (a document's claims). One query, answered as one JSON text.
 */
export async function loadCruxLinks(workspaceId: string, claimIds: readonly string[] | null, linkIds?: readonly string[]): Promise<CruxLinkInput[]> {
  const found = await liveCruxLinkRows(workspaceId, claimIds, linkIds);
  // the conditionals in a second read, as parallel arrays through the (workspaceId, linkId) index
  const byLink = new Map<string, Conditional[]>();
  if (found.length > 0) {
    const [row] = await replicaDb.$queryRaw<{ n: number; links: string | null; users: string | null; ifTrue: string | null; ifFalse: string | null }[]>`
      SELECT count(*)::int AS n, string_agg(cc."linkId", chr(31)) AS links, string_agg(cc."userId", chr(31)) AS users,
             string_agg(cc."ifTrue"::text, chr(31)) AS "ifTrue", string_agg(cc."ifFalse"::text, chr(31)) AS "ifFalse"
        FROM "CruxConditional" cc
       WHERE cc."workspaceId" = ${workspaceId} AND cc."linkId" = ANY(${found.map((f) => f[0])}::text[])`;
    // as the feed's credences (map-inputs-queries.ts): columns joined by chr(31), read again as JSON should an id hold one
    const n = row?.n ?? 0;
    const cut = (text: string | null | undefined): string[] | null => (n === 0 ? [] : typeof text === 'string' && text.split(SEPARATOR).length === n ? text.split(SEPARATOR) : null);
    let linkCol = cut(row?.links);
    let userCol = cut(row?.users);
    let trueCol: ArrayLike<number> = (cut(row?.ifTrue) ?? []).map(Number);
    let falseCol: ArrayLike<number> = (cut(row?.ifFalse) ?? []).map(Number);
    if (!linkCol || !userCol || trueCol.length !== n || falseCol.length !== n) {
      const conditionals = await replicaDb.$queryRaw<{ data: string | null }[]>`
        SELECT json_build_array(coalesce(json_agg(cc."linkId"), '[]'), coalesce(json_agg(cc."userId"), '[]'),
                                coalesce(json_agg(cc."ifTrue"), '[]'), coalesce(json_agg(cc."ifFalse"), '[]'))::text AS data
          FROM "CruxConditional" cc
         WHERE cc."workspaceId" = ${workspaceId} AND cc."linkId" = ANY(${found.map((f) => f[0])}::text[])`;
      [linkCol, userCol, trueCol, falseCol] = json<[string[], string[], number[], number[]]>(conditionals);
    }
    for (let i = 0; i < linkCol.length; i++) {
      const linkId = linkCol[i] as string;
      let list = byLink.get(linkId);
      if (!list) byLink.set(linkId, (list = []));
      list.push({ reviewerId: userCol[i] as string, ifTrue: trueCol[i] as number, ifFalse: falseCol[i] as number });
    }
    for (const list of byLink.values()) list.sort((x, y) => (x.reviewerId < y.reviewerId ? -1 : x.reviewerId > y.reviewerId ? 1 : 0));
  }
  return found.map(([id, cruxClaimId, forClaimId, markedBy, more, less]) => ({
    id,
    cruxClaimId,
    forClaimId,
    direction: directionOf(more, less),
    markedBy,
    conditionals: byLink.get(id) ?? [],
  }));
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
  const rows = await replicaDb.$queryRaw<{ linkId: string; userId: string; ifTrue: number; ifFalse: number }[]>`
    WITH cut AS (SELECT m.id, to_timestamp(m.ms / 1000.0) AT TIME ZONE 'UTC' AS at FROM unnest(${ids}::text[], ${cutoffs}::float8[]) AS m(id, ms))
    SELECT DISTINCT ON (cc.id) cc."linkId", cc."userId", r."ifTrue", r."ifFalse"
      FROM "CruxConditional" cc
      JOIN cut ON cut.id = cc."linkId"
      JOIN "CruxConditionalRevision" r ON r."workspaceId" = cc."workspaceId" AND r."conditionalId" = cc.id AND r."createdAt" < cut.at
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
