// Presence writes: the reader's heartbeat (here, looking at that passage) and leaving. Joining, moving to another
// passage and leaving are signalled to every instance through the change feed's channel.
import type { WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import { notifyPresence } from './hub';
import { countPresenceHeartbeat } from './presence-limit';
import { memberDocument, readersOf } from './presence-queries';
import { PRESENCE_TTL_MS, type PresenceDto, type PresenceInput } from './schemas';

/**
 * The reader's heartbeat: here, looking at `passageId`. Signals a join or a move; answers the readers now. Limited
 * per user (./presence-limit.ts).
 */
export async function heartbeatPresence({ ctx, input }: { ctx: WorkspaceContext; input: PresenceInput }): Promise<PresenceDto[]> {
  if (ctx.userId) countPresenceHeartbeat(ctx.userId);
  const { workspaceId, userId, document } = await memberDocument({ ctx, document: input.document });
  const passageId = input.passageId ?? null;
  if (passageId) {
    const passage = await db.passage.findFirst({ where: { workspaceId, versionId: document.currentVersionId ?? '', id: passageId }, select: { id: true } });
    if (!passage) throw new AppError('UNPROCESSABLE', 'That passage is not in the document.', { fields: { passageId: ['is not a passage of the document'] } });
  }
  const key = { workspaceId_documentId_userId: { workspaceId, documentId: document.id, userId } };
  await db.$transaction(async (tx) => {
    const before = await tx.presence.findUnique({ where: key, select: { passageId: true, expiresAt: true } });
    const now = new Date();
    const expiresAt = new Date(now.getTime() + PRESENCE_TTL_MS);
    await tx.presence.upsert({
      where: key,
      create: { workspaceId, documentId: document.id, userId, passageId, expiresAt, updatedAt: now },
      update: { passageId, expiresAt, ...(before && before.expiresAt > now ? {} : { updatedAt: now }) },
    });
    const isNew = !before || before.expiresAt <= now;
    if (isNew || before.passageId !== passageId) {
      await notifyPresence(tx, { workspaceId, documentId: document.id, userId, action: isNew ? 'join' : 'move' });
    }
  });
  return readersOf({ workspaceId, documentId: document.id });
}

/** The reader left (the tab closed or moved on). */
export async function leavePresence({ ctx, document }: { ctx: WorkspaceContext; document: string }): Promise<void> {
  const { workspaceId, userId, document: doc } = await memberDocument({ ctx, document: document });
  await db.$transaction(async (tx) => {
    const gone = await tx.presence.deleteMany({ where: { workspaceId, documentId: doc.id, userId } });
    if (gone.count > 0) await notifyPresence(tx, { workspaceId, documentId: doc.id, userId, action: 'leave' });
  });
}
