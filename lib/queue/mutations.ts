// The rating queue's one write: "skip" (S) — the claim leaves my queue. Kept per reviewer and claim; skipping
// twice is one skip. Only a live claim of this workspace can be skipped (else 404).
import { authorize, type WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';

export async function skipClaim({ ctx, claimId }: { ctx: WorkspaceContext; claimId: string }): Promise<{ claimId: string; skipped: true }> {
  authorize(ctx, 'annotate');
  const userId = ctx.userId;
  if (!userId) throw new AppError('UNAUTHORIZED', 'Sign in to rate claims.');
  const workspaceId = ctx.workspace.id;
  const claim = await db.claim.findFirst({ where: { id: claimId, workspaceId, deletedAt: null, mergedIntoId: null }, select: { id: true } });
  if (!claim) throw new AppError('NOT_FOUND', 'Claim not found.');
  await db.queueSkip.upsert({
    where: { workspaceId_userId_claimId: { workspaceId, userId, claimId } },
    create: { workspaceId, userId, claimId },
    update: {},
  });
  return { claimId, skipped: true };
}
