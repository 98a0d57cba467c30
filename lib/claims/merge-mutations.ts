// Merging claim B into claim A and undoing it. A merge moves every annotation naming B (as its claim, or as a
// crux's claim C) and every credence on B to A, in one transaction; a reviewer who rated both keeps one credence
// row on A (the more recent live value) with both histories as its revisions. Crux annotations between A and B
// would become "A hinges on A": the merge soft-deletes the live ones and the unmerge restores them. What the merge
// changed is kept in a ClaimMerge row, so an unmerge within 30 days puts every row back exactly as it was. Crux
// links and their conditionals move with the annotations (crux-link-merge.ts: self-links and collisions).
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { authorize, type WorkspaceContext } from '../context/context';
import { notifyClaimRaters } from '../notifications/mutations';
import { Journal } from '../journal/journal';
import { mergeCruxLinks, unmergeCruxLinks } from './crux-link-merge';
import {
  foldCredence,
  mergeRefusal,
  sameCredence,
  unmergeRefusal,
  type CredenceRow,
  type FoldedCredence,
  type MergeUndo,
} from './merge-plan';

type Tx = Prisma.TransactionClient;

type LockedClaim = { id: string; createdById: string; deletedAt: Date | null; mergedIntoId: string | null; mergedAt: Date | null; mergedById: string | null };

const unprocessable = (fields: Record<string, string[]>): AppError =>
  new AppError('UNPROCESSABLE', Object.values(fields)[0]?.[0] ?? 'The request cannot be processed.', { fields });

/** The claims, locked for the rest of the transaction in id order (two merges touching both never deadlock). */
async function lockClaims(tx: Tx, workspaceId: string, ids: string[]): Promise<Map<string, LockedClaim>> {
  // credence revisions are append-only; a merge may re-point them to another claim, nothing else (see the migration)
  await tx.$queryRaw`SELECT set_config('cruxmap.claim_merge', 'on', true)`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Claim" WHERE "workspaceId" = ${workspaceId} AND id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  const claims = await tx.claim.findMany({
    where: { workspaceId, id: { in: rows.map((r) => r.id) } },
    select: { id: true, createdById: true, deletedAt: true, mergedIntoId: true, mergedAt: true, mergedById: true },
  });
  return new Map(claims.map((c) => [c.id, c]));
}

const credenceSelect = {
  id: true,
  workspaceId: true,
  claimId: true,
  userId: true,
  annotationId: true,
  value: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
} satisfies Prisma.CredenceSelect;

function toRow(c: Prisma.CredenceGetPayload<{ select: typeof credenceSelect }>): CredenceRow {
  return {
    ...c,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    deletedAt: c.deletedAt?.toISOString() ?? null,
  };
}

/** A credence row's stored fields from its JSON form (explicit updatedAt: Prisma would otherwise stamp now). */
function fromRow(row: CredenceRow) {
  return {
    value: row.value,
    annotationId: row.annotationId,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt),
  };
}

/** Whether anyone but `userId` has annotated with or rated the claim (deleted annotations count: they can come back). */
async function usedByOthers(tx: Tx, workspaceId: string, claimId: string, userId: string | null): Promise<boolean> {
  const other = userId === null ? {} : { not: userId };
  const [annotation, credence] = await Promise.all([
    tx.annotation.findFirst({ where: { workspaceId, OR: [{ claimId }, { forClaimId: claimId }], authorId: other }, select: { id: true } }),
    tx.credence.findFirst({ where: { workspaceId, claimId, userId: other }, select: { id: true } }),
  ]);
  return annotation !== null || credence !== null;
}

export type MergeResult = { id: string; mergedInto: string; mergedAt: string; moved: { annotations: number; credences: number; folded: number; selfCruxesDeleted: number } };

/**
 * Merges claim `id` (B) into `into` (A): owners, or B's creator when nobody else has used B. 404 when B is not a
 * live claim of the workspace; 422 (field messages) for a merge that cannot be made.
 */
export async function mergeClaim({ ctx, id, into }: { ctx: WorkspaceContext; id: string; into: string }): Promise<MergeResult> {
  authorize(ctx, 'mergeClaim');
  const workspaceId = ctx.workspace.id;
  const userId = ctx.userId;
  return db.$transaction(async (tx) => {
    const claims = await lockClaims(tx, workspaceId, [id, into]);
    const source = claims.get(id);
    if (!source || source.deletedAt !== null) throw new AppError('NOT_FOUND', 'Claim not found.');
    if (!ctx.can.mergeOthersClaims && (source.createdById !== userId || (await usedByOthers(tx, workspaceId, id, userId)))) {
      authorize(ctx, 'mergeOthersClaims');
    }
    const refusal = mergeRefusal(source, claims.get(into) ?? null);
    if (refusal) throw unprocessable(refusal);
    const mergedAt = new Date();

    // Crux annotations between A and B: "A hinges on A" after the merge. They stay on B; live ones are soft-deleted.
    const selfCruxes = await tx.annotation.findMany({
      where: { workspaceId, kind: 'crux', OR: [{ claimId: id, forClaimId: into }, { claimId: into, forClaimId: id }] },
      select: { id: true, deletedAt: true, updatedAt: true, documentId: true, version: true },
    });
    const selfIds = selfCruxes.map((a) => a.id);
    const selfCruxesDeleted: string[] = [];
    for (const crux of selfCruxes) {
      if (crux.deletedAt !== null) continue;
      await tx.annotation.update({ where: { workspaceId_id: { workspaceId, id: crux.id } }, data: { deletedAt: mergedAt, deletedById: userId, updatedAt: crux.updatedAt } });
      selfCruxesDeleted.push(crux.id);
    }
    // Raw updates: moving an annotation to another claim is not an edit of it (updatedAt and version stay).
    const claimIdMoved = await tx.$queryRaw<{ id: string; documentId: string; live: boolean; version: number }[]>`
      UPDATE "Annotation" SET "claimId" = ${into}
       WHERE "workspaceId" = ${workspaceId} AND "claimId" = ${id} AND NOT (id = ANY(${selfIds}::text[]))
      RETURNING id, "documentId", "deletedAt" IS NULL AS live, version`;
    const forClaimIdMoved = await tx.$queryRaw<{ id: string; documentId: string; live: boolean; version: number }[]>`
      UPDATE "Annotation" SET "forClaimId" = ${into}
       WHERE "workspaceId" = ${workspaceId} AND "forClaimId" = ${id} AND NOT (id = ANY(${selfIds}::text[]))
      RETURNING id, "documentId", "deletedAt" IS NULL AS live, version`;

    // Credences: re-pointed when the reviewer rated B only; folded into A's row when they rated both.
    const sourceCredences = await tx.credence.findMany({ where: { workspaceId, claimId: id }, select: credenceSelect, orderBy: { id: 'asc' } });
    const targetCredences = await tx.credence.findMany({
      where: { workspaceId, claimId: into, userId: { in: sourceCredences.map((c) => c.userId) } },
      select: credenceSelect,
    });
    const targetByUser = new Map(targetCredences.map((c) => [c.userId, toRow(c)]));
    const credencesMoved = sourceCredences.filter((c) => !targetByUser.has(c.userId)).map((c) => c.id);
    if (credencesMoved.length > 0) {
      await tx.$executeRaw`UPDATE "Credence" SET "claimId" = ${into} WHERE "workspaceId" = ${workspaceId} AND id = ANY(${credencesMoved}::text[])`;
      await tx.$executeRaw`UPDATE "CredenceRevision" SET "claimId" = ${into} WHERE "workspaceId" = ${workspaceId} AND "credenceId" = ANY(${credencesMoved}::text[])`;
    }
    const folded: FoldedCredence[] = [];
    for (const credence of sourceCredences) {
      const targetBefore = targetByUser.get(credence.userId);
      if (!targetBefore) continue;
      const source = toRow(credence);
      const revisions = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "CredenceRevision" SET "credenceId" = ${targetBefore.id}, "claimId" = ${into}
         WHERE "workspaceId" = ${workspaceId} AND "credenceId" = ${source.id}
        RETURNING id`;
      await tx.credence.delete({ where: { workspaceId_id: { workspaceId, id: source.id } } });
      const targetAfter = foldCredence(targetBefore, source);
      if (!sameCredence(targetAfter, targetBefore)) await tx.credence.update({ where: { workspaceId_id: { workspaceId, id: targetBefore.id } }, data: fromRow(targetAfter) });
      folded.push({ source, revisionIds: revisions.map((r) => r.id).sort(), targetBefore, targetAfter });
    }

    // Crux links (K, C) and the conditionals on them follow the annotations (crux-link-merge.ts says how).
    const links = await mergeCruxLinks(tx, workspaceId, id, into);

    const current = await tx.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } }, select: { updatedAt: true } });
    await tx.claim.update({ where: { workspaceId_id: { workspaceId, id } }, data: { mergedIntoId: into, mergedAt, mergedById: userId, updatedAt: current.updatedAt } });
    const undo: MergeUndo = {
      claimIdMoved: claimIdMoved.map((a) => a.id).sort(),
      forClaimIdMoved: forClaimIdMoved.map((a) => a.id).sort(),
      selfCruxesDeleted,
      credencesMoved,
      folded,
      ...links,
    };
    await tx.claimMerge.create({ data: { workspaceId, sourceId: id, targetId: into, mergedById: userId, mergedAt, undo } });

    const journal = new Journal(tx);
    const moved = { annotations: claimIdMoved.length + forClaimIdMoved.length, credences: credencesMoved.length, folded: folded.length, selfCruxesDeleted: selfCruxesDeleted.length };
    journal.audit(workspaceId, userId, 'claim.merged', id, { into, ...moved });
    journal.change({ workspaceId, documentId: null, entity: 'claim', entityId: id, action: 'merge', version: 1 });
    journal.change({ workspaceId, documentId: null, entity: 'claim', entityId: into, action: 'merge', version: 1 });
    // Open reading pages re-read the annotations that now name A (and drop the cruxes the merge deleted).
    for (const a of [...claimIdMoved, ...forClaimIdMoved]) {
      if (a.live) journal.change({ workspaceId, documentId: a.documentId, entity: 'annotation', entityId: a.id, action: 'update', version: Number(a.version) });
    }
    for (const crux of selfCruxes) {
      if (selfCruxesDeleted.includes(crux.id)) journal.change({ workspaceId, documentId: crux.documentId, entity: 'annotation', entityId: crux.id, action: 'delete', version: crux.version });
    }
    // everyone who rated either claim: their credence now stands on A
    await notifyClaimRaters(tx, { workspaceId, type: 'claim_merged', actorId: userId, claimIds: [id, into], subjectId: into });
    await journal.flush();
    return { id, mergedInto: into, mergedAt: mergedAt.toISOString(), moved };
  });
}

/**
 * Undoes the merge of claim `id` within 30 days (owners, or whoever merged it): every row the merge changed is put
 * back as it was. A reviewer's credence on A that changed after the merge keeps its new value (B's row and
 * revisions come back all the same); a crux or rating made on A after the merge stays on A.
 */
export async function unmergeClaim({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<{ id: string; mergedInto: null; unmergedFrom: string }> {
  authorize(ctx, 'mergeClaim');
  const workspaceId = ctx.workspace.id;
  const userId = ctx.userId;
  return db.$transaction(async (tx) => {
    const first = await tx.claim.findFirst({ where: { id, workspaceId, deletedAt: null }, select: { mergedIntoId: true } });
    if (!first) throw new AppError('NOT_FOUND', 'Claim not found.');
    const claims = await lockClaims(tx, workspaceId, first.mergedIntoId ? [id, first.mergedIntoId] : [id]);
    const source = claims.get(id) as LockedClaim;
    const into = source.mergedIntoId;
    const refusal = unmergeRefusal(source, into ? (claims.get(into) ?? null) : null, new Date());
    if (refusal) throw unprocessable(refusal);
    if (!ctx.can.mergeOthersClaims && (source.mergedById === null || source.mergedById !== userId)) authorize(ctx, 'mergeOthersClaims');
    const merge = await tx.claimMerge.findFirst({
      where: { workspaceId, sourceId: id, targetId: into as string, undoneAt: null },
      orderBy: { mergedAt: 'desc' },
      select: { id: true, undo: true },
    });
    if (!merge) throw unprocessable({ _: ['This merge has no record to undo it from.'] });
    const undo = merge.undo as unknown as MergeUndo;
    const target = into as string;

    const claimIdBack = await tx.$queryRaw<{ id: string; documentId: string; live: boolean; version: number }[]>`
      UPDATE "Annotation" SET "claimId" = ${id}
       WHERE "workspaceId" = ${workspaceId} AND "claimId" = ${target} AND id = ANY(${undo.claimIdMoved}::text[])
      RETURNING id, "documentId", "deletedAt" IS NULL AS live, version`;
    const forClaimIdBack = await tx.$queryRaw<{ id: string; documentId: string; live: boolean; version: number }[]>`
      UPDATE "Annotation" SET "forClaimId" = ${id}
       WHERE "workspaceId" = ${workspaceId} AND "forClaimId" = ${target} AND id = ANY(${undo.forClaimIdMoved}::text[])
      RETURNING id, "documentId", "deletedAt" IS NULL AS live, version`;
    const restoredCruxes = await tx.annotation.findMany({
      where: { workspaceId, id: { in: undo.selfCruxesDeleted }, deletedAt: { not: null } },
      select: { id: true, updatedAt: true, documentId: true, version: true },
    });
    for (const crux of restoredCruxes) {
      await tx.annotation.update({ where: { workspaceId_id: { workspaceId, id: crux.id } }, data: { deletedAt: null, deletedById: null, updatedAt: crux.updatedAt } });
    }
    if (undo.credencesMoved.length > 0) {
      await tx.$executeRaw`UPDATE "Credence" SET "claimId" = ${id} WHERE "workspaceId" = ${workspaceId} AND "claimId" = ${target} AND id = ANY(${undo.credencesMoved}::text[])`;
      await tx.$executeRaw`UPDATE "CredenceRevision" SET "claimId" = ${id} WHERE "workspaceId" = ${workspaceId} AND "credenceId" = ANY(${undo.credencesMoved}::text[])`;
    }
    for (const fold of undo.folded) {
      const now = await tx.credence.findUnique({ where: { workspaceId_id: { workspaceId, id: fold.targetBefore.id } }, select: credenceSelect });
      // A's value changed after the merge (the reviewer rated A since): it stays; otherwise A's row as it was.
      if (now && sameCredence(toRow(now), fold.targetAfter) && !sameCredence(fold.targetAfter, fold.targetBefore)) {
        await tx.credence.update({ where: { workspaceId_id: { workspaceId, id: fold.targetBefore.id } }, data: fromRow(fold.targetBefore) });
      }
      await tx.credence.create({
        data: { id: fold.source.id, workspaceId, claimId: id, userId: fold.source.userId, ...fromRow(fold.source) },
      });
      if (fold.revisionIds.length > 0) {
        await tx.$executeRaw`UPDATE "CredenceRevision" SET "credenceId" = ${fold.source.id}, "claimId" = ${id}
          WHERE "workspaceId" = ${workspaceId} AND id = ANY(${fold.revisionIds}::text[])`;
      }
    }
    await unmergeCruxLinks(tx, workspaceId, undo, id, target);
    const current = await tx.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } }, select: { updatedAt: true } });
    await tx.claim.update({ where: { workspaceId_id: { workspaceId, id } }, data: { mergedIntoId: null, mergedAt: null, mergedById: null, updatedAt: current.updatedAt } });
    await tx.claimMerge.update({ where: { workspaceId_id: { workspaceId, id: merge.id } }, data: { undoneAt: new Date(), undoneById: userId } });

    const journal = new Journal(tx);
    journal.audit(workspaceId, userId, 'claim.unmerged', id, { from: target, annotations: claimIdBack.length + forClaimIdBack.length });
    journal.change({ workspaceId, documentId: null, entity: 'claim', entityId: id, action: 'unmerge', version: 1 });
    journal.change({ workspaceId, documentId: null, entity: 'claim', entityId: target, action: 'unmerge', version: 1 });
    for (const a of [...claimIdBack, ...forClaimIdBack]) {
      if (a.live) journal.change({ workspaceId, documentId: a.documentId, entity: 'annotation', entityId: a.id, action: 'update', version: Number(a.version) });
    }
    for (const crux of restoredCruxes) {
      journal.change({ workspaceId, documentId: crux.documentId, entity: 'annotation', entityId: crux.id, action: 'restore', version: crux.version });
    }
    await journal.flush();
    return { id, mergedInto: null, unmergedFrom: target };
  });
}
