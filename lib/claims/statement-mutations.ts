// Rewording a claim: its creator or an owner, with a compare-and-set on the claim's version; every statement the
// claim has had is kept as a ClaimRevision (the first edit records the original too).
import { db } from '../db';
import { AppError } from '../errors';
import { authorize, type WorkspaceContext } from '../context/context';
import { notifyClaimRaters } from '../notifications/mutations';
import { Journal } from '../journal/journal';
import type { UpdateClaimInput } from './schemas';

/** Sets a claim's statement; returns the claim's new version. 404 unless a live claim of the workspace. */
export async function updateClaimStatement({ ctx, id, input }: { ctx: WorkspaceContext; id: string; input: UpdateClaimInput }): Promise<{ version: number }> {
  authorize(ctx, 'editClaim');
  const workspaceId = ctx.workspace.id;
  const userId = ctx.userId;
  return db.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({
      where: { id, workspaceId, deletedAt: null },
      select: { statement: true, createdById: true, createdAt: true, version: true, mergedIntoId: true },
    });
    if (!claim) throw new AppError('NOT_FOUND', 'Claim not found.');
    if (claim.createdById !== userId) authorize(ctx, 'editOthersClaims');
    if (claim.mergedIntoId !== null) {
      const message = 'This claim was merged into another claim: reword that one, or undo the merge first.';
      throw new AppError('UNPROCESSABLE', message, { fields: { statement: [message] } });
    }
    if (input.version !== undefined && input.version !== claim.version) {
      throw new AppError('CONFLICT', `Someone changed this claim since version ${input.version}; it is now at version ${claim.version}.`, {
        details: { current: { statement: claim.statement, version: claim.version } },
      });
    }
    if (input.statement === claim.statement) return { version: claim.version };
    const history = await tx.claimRevision.count({ where: { workspaceId, claimId: id } });
    if (history === 0) {
      await tx.claimRevision.create({
        data: { workspaceId, claimId: id, statement: claim.statement, editedById: claim.createdById, createdAt: claim.createdAt },
      });
    }
    await tx.claimRevision.create({ data: { workspaceId, claimId: id, statement: input.statement, editedById: userId } });
    const updated = await tx.claim.updateMany({
      where: { id, workspaceId, version: claim.version },
      data: { statement: input.statement, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', 'Someone changed this claim at the same moment; reload and try again.');
    const version = claim.version + 1;
    const journal = new Journal(tx);
    journal.audit(workspaceId, userId, 'claim.updated', id, { fields: ['statement'], version });
    journal.change({ workspaceId, documentId: null, entity: 'claim', entityId: id, action: 'update', version });
    await notifyClaimRaters(tx, { workspaceId, type: 'claim_edited', actorId: userId, claimIds: [id], subjectId: id });
    await journal.flush();
    return { version };
  });
}
