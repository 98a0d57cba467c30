// Reads of crux links for their own endpoints: the list (GET …/crux-links) with the numbers the caller may see under
// blind review, one link, and a link by its claims. The live links themselves are read by lib/disagreement
// (crux-link-queries.ts), which the map's feed shares.
import type { WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { AppError } from '../errors';
import { cruxLinkStats, type Rating } from '../aggregation';
import { blindFilterFor } from '../disagreement/blind-queries';
import { loadCruxLinks, revealedConditionals } from '../disagreement/crux-link-queries';
import { visibleCruxLinks } from '../disagreement/crux-links';
import type { CruxLinkDto } from './schemas';

const json = <T>(rows: { data: string | null }[]): T => JSON.parse(rows[0]?.data ?? 'null') as T;

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
