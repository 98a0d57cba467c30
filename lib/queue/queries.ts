// The rating queue's reads: the claims the viewer has not rated or skipped (of one document, or the workspace),
// with each claim's panel size, its disagreement as the viewer may see it (blind review: only revealed credences
// count), and the disputed claims it is a crux for; ordered by priority.ts. Bounded: at most MAX_CANDIDATES
// claims are weighed (the thinnest panels first), and the answer lists MAX_QUEUE_ITEMS.
import { authorize, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { summarizeCredences } from '../aggregation/claims';
import { blindFilterFor } from '../disagreement/blind-queries';
import { AppError } from '../errors';
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
  const candidates = await db.$queryRaw<CandidateRow[]>`
    SELECT c.id, c.statement,
           (SELECT count(*) FROM "Credence" k
             WHERE k."workspaceId" = ${workspaceId} AND k."claimId" = c.id AND k."deletedAt" IS NULL)::int AS n
      FROM "Claim" c
     WHERE c."workspaceId" = ${workspaceId} AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL AND NOT c."statementHidden"
       AND EXISTS (SELECT 1 FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId" AND d."workspaceId" = ${workspaceId}
                    WHERE a."workspaceId" = ${workspaceId} AND a."claimId" = c.id AND a."deletedAt" IS NULL
                      AND a."hiddenAt" IS NULL AND d."archivedAt" IS NULL
                      AND (${documentId}::text IS NULL OR a."documentId" = ${documentId}))
       AND NOT EXISTS (SELECT 1 FROM "Credence" m
                        WHERE m."workspaceId" = ${workspaceId} AND m."claimId" = c.id AND m."userId" = ${userId} AND m."deletedAt" IS NULL)
       AND NOT EXISTS (SELECT 1 FROM "QueueSkip" s
                        WHERE s."workspaceId" = ${workspaceId} AND s."userId" = ${userId} AND s."claimId" = c.id)
     ORDER BY n ASC, c.id ASC
     LIMIT ${MAX_CANDIDATES}`;

  const raters = await db.membership.count({ where: { workspaceId, role: { in: ['owner', 'reviewer'] } } });
  if (candidates.length === 0) return { items: [], raters };
  const candidateIds = candidates.map((c) => c.id);

  // the claims they are cruxes for (K → C, C live): their disagreement counts too
  const links = await db.$queryRaw<{ cruxClaimId: string; forClaimId: string; statement: string }[]>`
    SELECT l."cruxClaimId", l."forClaimId", f.statement
      FROM "CruxLink" l JOIN "Claim" f ON f.id = l."forClaimId" AND f."workspaceId" = ${workspaceId}
     WHERE l."workspaceId" = ${workspaceId} AND l."cruxClaimId" = ANY(${candidateIds}::text[])
       AND f."deletedAt" IS NULL AND f."mergedIntoId" IS NULL AND NOT f."statementHidden"`;
  const claimIds = [...new Set([...candidateIds, ...links.map((l) => l.forClaimId)])];
  const values = new Map<string, number[]>();
  const rows = await db.credence.findMany({ where: { workspaceId, claimId: { in: claimIds }, deletedAt: null }, select: { claimId: true, value: true } });
  for (const row of rows) {
    const list = values.get(row.claimId) ?? [];
    list.push(row.value);
    values.set(row.claimId, list);
  }
  // blind review: on a claim hidden from me, only the credences revealed when its round opened say anything
  const blind = await blindFilterFor({ workspaceId, viewer: ctx, claimIds });
  const disagreementOf = (claimId: string): number | null => {
    const seen = blind?.hidden.has(claimId) ? (blind.revealed.get(claimId) ?? []).map((r) => r.value) : (values.get(claimId) ?? []);
    return seen.length >= 2 ? summarizeCredences(seen).disagreement : null;
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
