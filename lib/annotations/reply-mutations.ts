// Writes to the discussion under an annotation: replies (a reply may answer another), edited by their author
// with optimistic concurrency, soft-deleted by the author or an owner, hidden by owners. All audited.
import { authorize, requireUserId, type WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { RESTORE_WINDOW_MS } from './dto';
import { notify } from '../notifications/mutations';
import { newlyMentioned } from '../notifications/rules';
import { Journal } from '../journal/journal';
import { readReply } from './reply-queries';
import type { CreateReply, UpdateReply } from './schemas';
import type { ReplyDto } from './types';

type Tx = Prisma.TransactionClient;

export async function createReply({
  ctx,
  annotationId,
  input,
}: {
  ctx: WorkspaceContext;
  annotationId: string;
  /** parsed with createReplyInputSchema */
  input: CreateReply;
}): Promise<ReplyDto> {
  const data = input;
  if (data.body.text.trim() === '') {
    throw new AppError('BAD_REQUEST', 'The request is invalid.', { fields: { body: ['must not be empty'] } });
  }
  authorize(ctx, 'reply');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const annotation = await tx.annotation.findFirst({ where: { id: annotationId, workspaceId, deletedAt: null }, select: { documentId: true, authorId: true } });
    if (!annotation) throw new AppError('NOT_FOUND', 'Annotation not found.');
    const parentAuthor: string[] = [];
    if (data.parentId) {
      const parent = await tx.reply.findFirst({ where: { id: data.parentId, annotationId, workspaceId }, select: { id: true, authorId: true } });
      if (!parent) throw new AppError('UNPROCESSABLE', 'No such reply in this thread.', { fields: { parentId: ['No such reply in this thread.'] } });
      parentAuthor.push(parent.authorId);
    }
    const reply = await tx.reply.create({
      data: { workspaceId, annotationId, parentId: data.parentId ?? null, authorId: userId, body: data.body.doc, bodyText: data.body.text },
      select: { id: true },
    });
    journal.audit(workspaceId, userId, 'reply.created', reply.id, { annotationId });
    journal.change({ workspaceId, documentId: annotation.documentId, entity: 'reply', entityId: reply.id, action: 'create', version: 1 });
    // a reply to my annotation or to my reply; a mention says more than a reply, so a mentioned author gets the mention
    const mentioned = newlyMentioned(null, data.body.doc);
    const event = { workspaceId, actorId: userId, documentId: annotation.documentId, annotationId, subjectId: reply.id };
    await notify(tx, { ...event, type: 'reply', candidates: [annotation.authorId, ...parentAuthor].filter((id) => !mentioned.includes(id)) });
    await notify(tx, { ...event, type: 'mention', candidates: mentioned });
    await journal.flush();
    return readReply({ ctx, id: reply.id, client: tx });
  });
}

async function replyForWrite(tx: Tx, id: string, workspaceId: string) {
  const row = await tx.reply.findFirst({
    where: { id, workspaceId },
    select: { authorId: true, deletedAt: true, version: true, hiddenAt: true, body: true, annotationId: true, annotation: { select: { documentId: true, deletedAt: true } } },
  });
  if (!row || row.annotation.deletedAt) throw new AppError('NOT_FOUND', 'Reply not found.');
  return row;
}

export async function updateReply({
  ctx,
  id,
  input,
}: {
  ctx: WorkspaceContext;
  id: string;
  /** parsed with updateReplyInputSchema */
  input: UpdateReply;
}): Promise<ReplyDto> {
  const data = input;
  if (data.hidden !== undefined) authorize(ctx, 'moderateReplies');
  authorize(ctx, 'editReply');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const row = await replyForWrite(tx, id, workspaceId);
    if (row.deletedAt) throw new AppError('CONFLICT', 'This reply was deleted; restore it first.');
    if (data.body !== undefined) {
      if (row.authorId !== userId) throw new AppError('FORBIDDEN', 'Only its author can edit a reply.');
      if (data.body.text.trim() === '') throw new AppError('BAD_REQUEST', 'The request is invalid.', { fields: { body: ['must not be empty'] } });
      const updated = await tx.reply.updateMany({
        where: { id, workspaceId, version: data.version, deletedAt: null },
        data: { body: data.body.doc, bodyText: data.body.text, version: { increment: 1 } },
      });
      if (updated.count === 0) {
        const current = await readReply({ ctx, id, client: tx });
        throw new AppError('CONFLICT', `Someone changed this reply since version ${data.version}; it is now at version ${current.version}.`, {
          details: { current },
        });
      }
      journal.audit(workspaceId, userId, 'reply.updated', id);
      await notify(tx, { workspaceId, type: 'mention', actorId: userId, documentId: row.annotation.documentId, annotationId: row.annotationId, subjectId: id, candidates: newlyMentioned(row.body, data.body.doc) });
    }
    if (data.hidden !== undefined && data.hidden !== (row.hiddenAt !== null)) {
      await tx.reply.update({ where: { workspaceId_id: { workspaceId, id } }, data: data.hidden ? { hiddenAt: new Date(), hiddenById: userId } : { hiddenAt: null, hiddenById: null } });
      journal.audit(workspaceId, userId, data.hidden ? 'reply.hidden' : 'reply.shown', id);
    }
    const dto = await readReply({ ctx, id, client: tx });
    journal.change({ workspaceId, documentId: row.annotation.documentId, entity: 'reply', entityId: id, action: 'update', version: dto.version });
    await journal.flush();
    return dto;
  });
}

export async function deleteReply({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<ReplyDto> {
  authorize(ctx, 'deleteReply');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const row = await replyForWrite(tx, id, workspaceId);
    if (row.deletedAt) throw new AppError('NOT_FOUND', 'Reply not found.');
    if (row.authorId !== userId) authorize(ctx, 'deleteOthersReplies');
    await tx.reply.update({ where: { workspaceId_id: { workspaceId, id } }, data: { deletedAt: new Date(), deletedById: userId } });
    journal.audit(workspaceId, userId, 'reply.deleted', id);
    const dto = await readReply({ ctx, id, client: tx });
    journal.change({ workspaceId, documentId: row.annotation.documentId, entity: 'reply', entityId: id, action: 'delete', version: dto.version });
    await journal.flush();
    return dto;
  });
}

export async function restoreReply({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<ReplyDto> {
  authorize(ctx, 'restoreReply');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const row = await replyForWrite(tx, id, workspaceId);
    if (!row.deletedAt || (row.authorId !== userId && !ctx.can.deleteOthersReplies)) throw new AppError('NOT_FOUND', 'Deleted reply not found.');
    if (Date.now() - row.deletedAt.getTime() >= RESTORE_WINDOW_MS) {
      throw new AppError('CONFLICT', 'Deleted replies can be restored for 30 days; this one is older.');
    }
    await tx.reply.update({ where: { workspaceId_id: { workspaceId, id } }, data: { deletedAt: null, deletedById: null } });
    journal.audit(workspaceId, userId, 'reply.restored', id);
    const dto = await readReply({ ctx, id, client: tx });
    journal.change({ workspaceId, documentId: row.annotation.documentId, entity: 'reply', entityId: id, action: 'restore', version: dto.version });
    await journal.flush();
    return dto;
  });
}
