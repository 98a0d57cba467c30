// The rating queue's reads: the claims the viewer has not rated or skipped (of one document, or the workspace),
// with each claim's panel size, its disagreement as the viewer may see it (blind review: only revealed credences
// count), and the disputed claims it is a crux for; ordered by priority.ts. Bounded: at most MAX_CANDIDATES
// claims are weighed (the thinnest panels first), and the answer lists MAX_QUEUE_ITEMS.
import { authorize, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { SHRINK, summarizeCredences } from '../aggregation/claims';
import { blindFilterFor } from '../disagreement/blind-queries';
import { AppError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { orderQueue, type QueueCandidate } from './priority';
import type { QueueDto } from './schemas';

/** At most this many unrated claims are weighed per request. */
export const MAX_CANDIDATES = 2000;

type CandidateRow = { id: string; statement: string; n: number };

export async function getQueue({ ctx, document }: { ctx: WorkspaceContext; document?: string }): Promise<QueueDto> {
  authorize(ctx, 'annotate');
  const userId = ctx.userId;
  if (!userId) throw new AppError('UNAUTHORIZED', 'Sign in to rate claims.');
  const workspaceId = ctx.workspace.id;
  const documentId = document ? (await requireDocument(ctx, document, { select: { id: true } })).id : null;

  // live, unmerged claims on live annotations (of the document), not hidden by a moderator, that I have neither
  // rated nor skipped; thinnest panels first, so the cap keeps the claims that need ratings most
  // Plain reads, joined here: each is an index scan or one aggregate over the workspace, whatever the planner's
  // statistics say (a join of them planned without statistics took seconds at 2 000 claims).
  const onDocument = documentId === null ? Prisma.empty : Prisma.sql`AND a."documentId" = ${documentId}`;
  const [placedRows, panelRows, mineRows, skipRows] = await Promise.all([
    db.$queryRaw<{ claimId: string }[]>`
      SELECT DISTINCT a."claimId"
        FROM "Annotation" a JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId"
       WHERE a."workspaceId" = ${workspaceId} AND a."claimId" IS NOT NULL AND a."deletedAt" IS NULL
         AND a."hiddenAt" IS NULL AND d."archivedAt" IS NULL ${onDocument}`,
    // each claim's panel: n and the spread of its log-odds (p clipped to [0.01, 0.99], as lib/aggregation's logit)
    db.$queryRaw<{ claimId: string; n: number; spread: number | null }[]>`
      SELECT k."claimId", count(*)::int AS n,
             stddev_pop(ln(least(greatest(k.value, 0.01), 0.99) / (1 - least(greatest(k.value, 0.01), 0.99))))::float8 AS spread
        FROM "Credence" k
       WHERE k."workspaceId" = ${workspaceId} AND k."deletedAt" IS NULL
       GROUP BY k."claimId"`,
    db.credence.findMany({ where: { workspaceId, userId, deletedAt: null }, select: { claimId: true } }),
    db.queueSkip.findMany({ where: { workspaceId, userId }, select: { claimId: true } }),
  ]);
  const excluded = new Set([...mineRows, ...skipRows].map((r) => r.claimId));
  const panels = new Map(panelRows.map((r) => [r.claimId, { n: Number(r.n), spread: r.spread === null ? null : Number(r.spread) }]));
  const open = placedRows.map((r) => r.claimId).filter((id) => !excluded.has(id));
  const claimRows = await db.claim.findMany({
    where: { workspaceId, id: { in: open }, deletedAt: null, mergedIntoId: null, statementHidden: false },
    select: { id: true, statement: true },
  });
  const candidates: CandidateRow[] = claimRows
    .map((c) => ({ id: c.id, statement: c.statement, n: panels.get(c.id)?.n ?? 0 }))
    .sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_CANDIDATES);

  const raters = await db.membership.count({ where: { workspaceId, role: { in: ['owner', 'reviewer'] } } });
  if (candidates.length === 0) return { items: [], raters };
  const candidateIds = candidates.map((c) => c.id);

  // the claims they are cruxes for (K → C, C live): their disagreement counts too
  const links = await db.$queryRaw<{ cruxClaimId: string; forClaimId: string; statement: string }[]>`
    SELECT l."cruxClaimId", l."forClaimId", f.statement
      FROM "CruxLink" l JOIN "Claim" f ON f."workspaceId" = l."workspaceId" AND f.id = l."forClaimId"
     WHERE l."workspaceId" = ${workspaceId} AND l."cruxClaimId" = ANY(${candidateIds}::text[])
       AND f."deletedAt" IS NULL AND f."mergedIntoId" IS NULL AND NOT f."statementHidden"`;
  const claimIds = [...new Set([...candidateIds, ...links.map((l) => l.forClaimId)])];
  // blind review: on a claim hidden from me, only the credences revealed when its round opened say anything
  const blind = await blindFilterFor({ workspaceId, viewer: ctx, claimIds });
  const disagreementOf = (claimId: string): number | null => {
    if (blind?.hidden.has(claimId)) {
      const seen = (blind.revealed.get(claimId) ?? []).map((r) => r.value);
      return seen.length >= 2 ? summarizeCredences(seen).disagreement : null;
    }
    // the map's disagreement: spread · n / (n + 3), from 2 ratings on
    const panel = panels.get(claimId);
    return panel && panel.n >= 2 && panel.spread !== null ? (panel.spread * panel.n) / (panel.n + SHRINK) : null;
  };
  const cruxFor = new Map<string, { statement: string; disagreement: number }>();
  for (const link of links) {
    const disagreement = disagreementOf(link.forClaimId);
    if (disagreement === null) continue;
    const best = cruxFor.get(link.cruxClaimId);
    if (!best || disagreement > best.disagreement) cruxFor.set(link.cruxClaimId, { statement: link.statement, disagreement });
  }
  const weighed: QueueCandidate[] = candidates.map((c) => ({
    claimId: c.id,
    statement: c.statement,
    n: Number(c.n),
    disagreement: disagreementOf(c.id),
    cruxFor: cruxFor.get(c.id) ?? null,
  }));
  const ordered = orderQueue(weighed, raters);

  // where each listed claim sits: the oldest live annotation quoting it (on the document when one is asked for)
  const places = await db.annotation.findMany({
    where: {
      workspaceId,
      claimId: { in: ordered.map((o) => o.claimId) },
      deletedAt: null,
      hiddenAt: null,
      document: { archivedAt: null },
      ...(documentId ? { documentId } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { claimId: true, exact: true, document: { select: { slug: true, title: true } } },
  });
  const placeOf = new Map<string, (typeof places)[number]>();
  for (const place of places) if (place.claimId && !placeOf.has(place.claimId)) placeOf.set(place.claimId, place);
  const nOf = new Map(weighed.map((c) => [c.claimId, c.n]));
  return {
    raters,
    items: ordered.map((item) => {
      const place = placeOf.get(item.claimId);
      return { ...item, n: nOf.get(item.claimId) ?? 0, quote: place?.exact ?? null, document: place?.document ?? null };
    }),
  };
}
