// Reads of the discussion under an annotation: threaded replies, oldest first, as the context's viewer sees them.
import type { WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { RESTORE_WINDOW_MS, replySelect, toReplyDto } from './dto';
import type { ReplyDto } from './types';

type Tx = Prisma.TransactionClient;

/** One reply as the context's viewer sees it, whatever its state (inside a write's transaction too). */
export async function readReply({ ctx, id, client = db }: { ctx: WorkspaceContext; id: string; client?: Tx | typeof db }): Promise<ReplyDto> {
  const row = await client.reply.findFirst({ where: { id, workspaceId: ctx.workspace.id }, select: replySelect });
  if (!row) throw new AppError('NOT_FOUND', 'Reply not found.');
  return toReplyDto(row, ctx);
}

/** The thread under an annotation, oldest first; deleted replies stay as placeholders when they have answers. */
export async function listReplies({ ctx, annotationId }: { ctx: WorkspaceContext; annotationId: string }): Promise<{ items: ReplyDto[]; nextCursor: null }> {
  const { userId } = ctx;
  const annotation = await db.annotation.findFirst({ where: { id: annotationId, workspaceId: ctx.workspace.id, deletedAt: null }, select: { id: true } });
  if (!annotation) throw new AppError('NOT_FOUND', 'Annotation not found.');
  const rows = await db.reply.findMany({
    where: { workspaceId: ctx.workspace.id, annotationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: replySelect,
  });
  const hasLiveChild = new Set(rows.filter((r) => r.deletedAt === null && r.parentId).map((r) => r.parentId));
  const items = rows
    .filter((r) => r.deletedAt === null || hasLiveChild.has(r.id) || (userId !== null && (r.authorId === userId || ctx.can.deleteOthersReplies) && Date.now() - r.deletedAt.getTime() < RESTORE_WINDOW_MS))
    .map((r) => {
      const dto = toReplyDto(r, ctx);
      return dto.deleted && !dto.can.restore ? { ...dto, body: null, bodyText: '' } : dto;
    });
  return { items, nextCursor: null };
}

