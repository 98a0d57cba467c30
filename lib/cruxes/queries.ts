// Reads of crux links: the live links (both claims live and unmerged, marked by at least one live crux
// annotation) with their marks and conditionals, blind review's reveal of conditionals, and the list endpoint.
import type { WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { AppError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { cruxLinkStats, type Conditional, type CruxLinkInput, type Rating } from '../aggregation';
import { blindFilterFor } from '../disagreement/blind-queries';
import { directionOf, visibleCruxLinks } from './blind';
import type { CruxLinkDto } from './schemas';

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

/** The claims named by a document's live annotations (claimId or a crux's forClaimId), live and unmerged. */
async function documentClaimIds(workspaceId: string, documentId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Claim" c
     WHERE c."workspaceId" = ${workspaceId} AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL AND c.id IN (
       SELECT a."claimId" FROM "Annotation" a
        WHERE a."workspaceId" = ${workspaceId} AND a."documentId" = ${documentId} AND a."deletedAt" IS NULL AND a."claimId" IS NOT NULL
       UNION
       SELECT a."forClaimId" FROM "Annotation" a
        WHERE a."workspaceId" = ${workspaceId} AND a."documentId" = ${documentId} AND a."deletedAt" IS NULL AND a."forClaimId" IS NOT NULL)`;
  return rows.map((r) => r.id);
}

/**
 * GET /api/v1/workspaces/:ws/crux-links[?document=]: the live links (of the document's claims), largest expected
 * shift first, with the numbers the caller may see under blind review and the caller's own conditionals.
 * k is each reviewer's own visible credence in K, else K's aggregate over the visible credences.
 */
export async function listCruxLinks({
  ctx,
  document,
  ids,
}: {
  ctx: WorkspaceContext;
  document?: string;
  /** only these links */
  ids?: readonly string[];
}): Promise<{ items: CruxLinkDto[]; nextCursor: null }> {
  const workspaceId = ctx.workspace.id;
  const claimIds = document === undefined ? null : await documentClaimIds(workspaceId, (await requireDocument(ctx, document, { select: { id: true } })).id);
  const links = await loadCruxLinks(workspaceId, claimIds, ids);
  if (links.length === 0) return { items: [], nextCursor: null };
  const named = [...new Set(links.flatMap((l) => [l.cruxClaimId, l.forClaimId]))];
  const [filter, current] = await Promise.all([
    blindFilterFor({ workspaceId, viewer: ctx, claimIds: named }),
    db.$queryRaw<{ data: string | null }[]>`
      SELECT json_build_array(coalesce(json_agg(cr."claimId"), '[]'), coalesce(json_agg(cr."userId"), '[]'), coalesce(json_agg(cr.value), '[]'))::text AS data
        FROM "Credence" cr WHERE cr."workspaceId" = ${workspaceId} AND cr."claimId" = ANY(${named}::text[]) AND cr."deletedAt" IS NULL`,
  ]);
  const hidden = filter?.hidden ?? new Set<string>();
  const [claimCol, userCol, valueCol] = json<[string[], string[], number[]]>(current);
  const ratings: Rating[] = [];
  for (let i = 0; i < claimCol.length; i++) {
    const claimId = claimCol[i] as string;
    if (!hidden.has(claimId)) ratings.push({ claimId, reviewerId: userCol[i] as string, value: valueCol[i] as number });
  }
  for (const [claimId, revealed] of filter?.revealed ?? []) for (const r of revealed) ratings.push({ claimId, reviewerId: r.userId, value: r.value });
  const moments = new Map<string, number>();
  for (const link of links) {
    const at = hidden.has(link.forClaimId) ? filter?.revealedAt.get(link.forClaimId) : null;
    if (at) moments.set(link.id, at.getTime());
  }
  const visible = visibleCruxLinks(links, hidden, await revealedConditionals(workspaceId, moments));
  const mine = new Map<string, { ifTrue: number; ifFalse: number }>();
  for (const link of links) {
    const own = link.conditionals.find((c) => c.reviewerId === ctx.userId);
    if (own) mine.set(link.id, { ifTrue: own.ifTrue, ifFalse: own.ifFalse });
  }
  return {
    items: cruxLinkStats(visible, ratings).map((s) => ({
      id: s.id,
      cruxClaimId: s.cruxClaimId,
      forClaimId: s.forClaimId,
      direction: s.direction,
      markedBy: s.markedBy,
      n: s.n,
      expectedShift: s.expectedShift,
      mine: mine.get(s.id) ?? null,
    })),
    nextCursor: null,
  };
}

/** One live link as GET …/crux-links lists it (the PUT's answer); 404 when it is not live. */
export async function getCruxLink({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<CruxLinkDto> {
  const { items } = await listCruxLinks({ ctx, ids: [id] });
  const found = items[0];
  if (!found) throw new AppError('NOT_FOUND', 'Crux link not found.');
  return found;
}

/** The id of the workspace's crux link (K, C), or null. */
export async function findCruxLinkId({ workspaceId, cruxClaimId, forClaimId }: { workspaceId: string; cruxClaimId: string; forClaimId: string }): Promise<string | null> {
  const link = await db.cruxLink.findUnique({ where: { workspaceId_cruxClaimId_forClaimId: { workspaceId, cruxClaimId, forClaimId } }, select: { id: true } });
  return link?.id ?? null;
}
