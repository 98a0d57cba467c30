// Writes of blind review: opening a new round on a document (owners). One transaction with its audit entry and
// change event; the document row is locked so that concurrent openings get consecutive numbers.
import { notifyDocumentReviewers } from '../notifications/mutations';
import { Journal } from '../journal/journal';
import { authorize, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import type { RoundDto } from './types';

/**
 * Opens the next round on a document: on a blind document, every reader now sees the credences as they stand
 * at this moment (until they rate a claim, after which they see its current ones), and reviewers may revise.
 */
export async function openRound({ ctx, document }: { ctx: WorkspaceContext; document: string }): Promise<RoundDto> {
  authorize(ctx, 'openRound');
  const { userId } = ctx;
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const found = await requireDocument(ctx, document, { client: tx, select: { id: true } });
    await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${found.id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    const last = await tx.round.findFirst({ where: { workspaceId, documentId: found.id }, orderBy: { number: 'desc' }, select: { number: true } });
    const round = await tx.round.create({
      data: { workspaceId, documentId: found.id, number: (last?.number ?? 1) + 1, openedById: userId },
      select: { id: true, number: true, openedAt: true, openedBy: { select: { id: true, name: true } } },
    });
    const journal = new Journal(tx);
    journal.audit(workspaceId, userId, 'round.opened', round.id, { documentId: found.id, number: round.number });
    journal.change({ workspaceId, documentId: found.id, entity: 'round', entityId: round.id, action: 'create', version: 1 });
    await notifyDocumentReviewers(tx, { workspaceId, documentId: found.id, actorId: userId, subjectId: round.id });
    await journal.flush();
    return { id: round.id, number: round.number, openedAt: round.openedAt.toISOString(), openedBy: round.openedBy };
  });
}
