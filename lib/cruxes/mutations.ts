// Writes to crux links: keeping one link per (K, C) for the crux annotations that mark it (called inside the
// annotation mutations' transactions), and a reviewer's conditional credences on a link, with their history.
import { randomUUID } from 'node:crypto';
import { authorize, requireUserId, type WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { Journal } from '../journal/journal';
import type { ConditionalsInput } from './schemas';

type Tx = Prisma.TransactionClient;

/**
 * Makes sure the workspace has a crux link for each (K, C) given (K ≠ C), in the caller's transaction; returns
 * the links' ids by "K\nC". Concurrent callers are safe: the unique (workspace, K, C) decides.
 */
export async function ensureCruxLinks(
  tx: Tx,
  workspaceId: string,
  pairs: readonly { cruxClaimId: string; forClaimId: string }[],
): Promise<Map<string, string>> {
  const distinct = new Map<string, { cruxClaimId: string; forClaimId: string }>();
  for (const p of pairs) if (p.cruxClaimId !== p.forClaimId) distinct.set(`${p.cruxClaimId}\n${p.forClaimId}`, p);
  const ids = new Map<string, string>();
  if (distinct.size === 0) return ids;
  const ks = [...distinct.values()].map((p) => p.cruxClaimId);
  const cs = [...distinct.values()].map((p) => p.forClaimId);
  const fresh = ks.map(() => randomUUID());
  await tx.$executeRaw`
    INSERT INTO "CruxLink" (id, "workspaceId", "cruxClaimId", "forClaimId")
    SELECT p.id, ${workspaceId}, p.k, p.c FROM unnest(${fresh}::text[], ${ks}::text[], ${cs}::text[]) AS p(id, k, c)
    ON CONFLICT ("workspaceId", "cruxClaimId", "forClaimId") DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: string; k: string; c: string }[]>`
    SELECT l.id, l."cruxClaimId" AS k, l."forClaimId" AS c
      FROM "CruxLink" l JOIN unnest(${ks}::text[], ${cs}::text[]) AS p(k, c) ON l."cruxClaimId" = p.k AND l."forClaimId" = p.c
     WHERE l."workspaceId" = ${workspaceId}`;
  for (const row of rows) ids.set(`${row.k}\n${row.c}`, row.id);
  return ids;
}

/** One link, as ensureCruxLinks. */
export async function ensureCruxLink(tx: Tx, workspaceId: string, cruxClaimId: string, forClaimId: string): Promise<string> {
  const ids = await ensureCruxLinks(tx, workspaceId, [{ cruxClaimId, forClaimId }]);
  return ids.get(`${cruxClaimId}\n${forClaimId}`) as string;
}

/**
 * Sets the caller's conditional credences on a live crux link (reviewers; one current row per reviewer and link,
 * every value pair kept as a revision). 404 for a link that is not live: both claims live and unmerged, and at
 * least one live crux annotation marking it.
 */
export async function setConditionals({
  ctx,
  id,
  input,
}: {
  ctx: WorkspaceContext;
  id: string;
  input: ConditionalsInput;
}): Promise<{ ifTrue: number; ifFalse: number; updatedAt: string }> {
  authorize(ctx, 'annotate');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const live = await tx.$queryRaw<{ id: string }[]>`
      SELECT l.id FROM "CruxLink" l
        JOIN "Claim" k ON k."workspaceId" = l."workspaceId" AND k.id = l."cruxClaimId" AND k."deletedAt" IS NULL AND k."mergedIntoId" IS NULL
        JOIN "Claim" c ON c."workspaceId" = l."workspaceId" AND c.id = l."forClaimId" AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL
       WHERE l."workspaceId" = ${workspaceId} AND l.id = ${id}
         AND EXISTS (SELECT 1 FROM "Annotation" a
                      WHERE a."workspaceId" = ${workspaceId} AND a.kind = 'crux' AND a."deletedAt" IS NULL
                        AND a."claimId" = l."cruxClaimId" AND a."forClaimId" = l."forClaimId")
       FOR UPDATE OF l`;
    if (live.length === 0) throw new AppError('NOT_FOUND', 'Crux link not found.');
    const row = await tx.cruxConditional.upsert({
      where: { workspaceId_linkId_userId: { workspaceId, linkId: id, userId } },
      create: { workspaceId, linkId: id, userId, ifTrue: input.ifTrue, ifFalse: input.ifFalse },
      update: { ifTrue: input.ifTrue, ifFalse: input.ifFalse },
      select: { id: true, ifTrue: true, ifFalse: true, updatedAt: true },
    });
    await tx.cruxConditionalRevision.create({ data: { workspaceId, conditionalId: row.id, userId, ifTrue: input.ifTrue, ifFalse: input.ifFalse } });
    const journal = new Journal(tx);
    journal.audit(workspaceId, userId, 'cruxLink.conditionals', id);
    journal.change({ workspaceId, documentId: null, entity: 'cruxLink', entityId: id, action: 'update', version: 1 });
    await journal.flush();
    return { ifTrue: row.ifTrue, ifFalse: row.ifFalse, updatedAt: row.updatedAt.toISOString() };
  });
}
