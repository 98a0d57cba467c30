// Owners assign a document to a member (reviewer or owner) with an optional due date; the assignee is notified in
// the same transaction. Assigning again changes the due date (and the "due soon" notice may come again).
// lib/notifications/due-mutations.ts writes the "due within a day" notices.
import { authorize, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { AppError } from '../errors';
import { Journal } from '../journal/journal';
import { notify } from '../notifications/mutations';
import type { AssignmentDto, CreateAssignment } from './schemas';

const assignmentSelect = {
  id: true,
  dueAt: true,
  createdAt: true,
  document: { select: { slug: true, title: true } },
  user: { select: { id: true, name: true } },
} as const;

type Row = { id: string; dueAt: Date | null; createdAt: Date; document: { slug: string; title: string }; user: { id: string; name: string } };

const assignmentDto = (r: Row): AssignmentDto => ({ id: r.id, document: r.document, user: r.user, dueAt: r.dueAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() });


export async function assignDocument({ ctx, input }: { ctx: WorkspaceContext; input: CreateAssignment }): Promise<{ assignment: AssignmentDto; created: boolean }> {
  authorize(ctx, 'assign');
  const workspaceId = ctx.workspace.id;
  const dueAt = input.dueAt ? new Date(input.dueAt) : null;
  return db.$transaction(async (tx) => {
    const document = await requireDocument(ctx, input.document, { client: tx, select: { id: true }, field: 'document' });
    const member = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: input.userId } }, select: { role: true } });
    if (!member) throw new AppError('UNPROCESSABLE', 'No such member of this workspace.', { fields: { userId: ['is not a member of this workspace'] } });
    if (member.role === 'observer') {
      throw new AppError('UNPROCESSABLE', 'Observers cannot rate or annotate: make them a reviewer first.', { fields: { userId: ['is an observer'] } });
    }
    const existing = await tx.assignment.findUnique({ where: { workspaceId_documentId_userId: { workspaceId, documentId: document.id, userId: input.userId } }, select: { id: true } });
    const row = existing
      ? await tx.assignment.update({ where: { workspaceId_id: { workspaceId, id: existing.id } }, data: { dueAt, dueNotifiedAt: null }, select: assignmentSelect })
      : await tx.assignment.create({ data: { workspaceId, documentId: document.id, userId: input.userId, dueAt, createdById: ctx.userId }, select: assignmentSelect });
    const journal = new Journal(tx);
    journal.audit(workspaceId, ctx.userId, existing ? 'assignment.updated' : 'assignment.created', row.id, { documentId: document.id, userId: input.userId, dueAt: row.dueAt?.toISOString() ?? null });
    await journal.flush();
    if (!existing) await notify(tx, { workspaceId, type: 'assignment', actorId: ctx.userId, documentId: document.id, subjectId: row.id, candidates: [input.userId] });
    return { assignment: assignmentDto(row), created: !existing };
  });
}

export async function unassignDocument({ ctx, document, userId }: { ctx: WorkspaceContext; document: string; userId: string }): Promise<void> {
  authorize(ctx, 'assign');
  const workspaceId = ctx.workspace.id;
  await db.$transaction(async (tx) => {
    const found = await requireDocument(ctx, document, { client: tx, select: { id: true } });
    const row = await tx.assignment.findFirst({ where: { workspaceId, documentId: found.id, userId }, select: { id: true } });
    if (!row) throw new AppError('NOT_FOUND', 'Assignment not found.');
    await tx.assignment.delete({ where: { workspaceId_id: { workspaceId, id: row.id } } });
    await new Journal(tx).audit(workspaceId, ctx.userId, 'assignment.deleted', row.id, { documentId: found.id, userId }).flush();
  });
}
