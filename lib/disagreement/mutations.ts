// Writes of blind review: opening a new round on a document (owners). One transaction with its audit entry and
// change event; the document row is locked so that concurrent openings get consecutive numbers.
import { db } from '../db';
import { AppError } from '../errors';
import { Journal } from '../journal/journal';
import { documentBySlugOrId } from '../documents/permissions';
import { assertRole } from '../workspaces/permissions';
import { getWorkspaceAccess } from '../workspaces/queries';
import type { RoundDto } from './types';

/**
 * Opens the next round on a document: on a blind document, every reader now sees the credences as they stand
 * at this moment (until they rate a claim, after which they see its current ones), and reviewers may revise.
 */
export async function openRound({ userId, workspace, document }: { userId: string; workspace: string; document: string }): Promise<RoundDto> {
  const access = await getWorkspaceAccess({ userId, workspace });
  assertRole(access, 'owner', 'open a new round');
  const workspaceId = access.workspace.id;
  return db.$transaction(async (tx) => {
    const found = await tx.document.findFirst({
      where: { AND: [{ workspaceId, archivedAt: null }, documentBySlugOrId(document)] },
      select: { id: true },
    });
    if (!found) throw new AppError('NOT_FOUND', 'Document not found.');
    await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${found.id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    const last = await tx.round.findFirst({ where: { workspaceId, documentId: found.id }, orderBy: { number: 'desc' }, select: { number: true } });
    const round = await tx.round.create({
      data: { workspaceId, documentId: found.id, number: (last?.number ?? 1) + 1, openedById: userId },
      select: { id: true, number: true, openedAt: true, openedBy: { select: { id: true, name: true } } },
    });
    const journal = new Journal(tx);
    journal.audit(workspaceId, userId, 'round.opened', round.id, { documentId: found.id, number: round.number });
    journal.change({ workspaceId, documentId: found.id, entity: 'round', entityId: round.id, action: 'create', version: 1 });
    await journal.flush();
    return { id: round.id, number: round.number, openedAt: round.openedAt.toISOString(), openedBy: round.openedBy };
  });
}
