// Who is reading a document now (the reads): a row per reader and document, renewed by the page's heartbeat and
// gone PRESENCE_TTL_MS after the last one; members only. The writes are in presence-mutations.ts.
import { authorize, requireUserId, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import type { PresenceDto } from './schemas';

/** The document a member asks about, in the context's workspace (members only). */
export async function memberDocument({ ctx, document }: { ctx: WorkspaceContext; document: string }) {
  authorize(ctx, 'seePresence');
  const doc = await requireDocument(ctx, document);
  return { workspaceId: ctx.workspace.id, userId: requireUserId(ctx), document: doc };
}

/** The document's readers now (members whose presence has not expired), the longest-present first. */
export async function listPresence({ ctx, document }: { ctx: WorkspaceContext; document: string }): Promise<{ items: PresenceDto[]; nextCursor: null }> {
  const { workspaceId, document: doc } = await memberDocument({ ctx, document: document });
  return { items: await readersOf({ workspaceId, documentId: doc.id }), nextCursor: null };
}

/** The document's readers now (members whose presence has not expired), the longest-present first. */
export async function readersOf({ workspaceId, documentId }: { workspaceId: string; documentId: string }): Promise<PresenceDto[]> {
  const rows = await db.presence.findMany({
    where: { workspaceId, documentId, expiresAt: { gt: new Date() }, user: { memberships: { some: { workspaceId } } } },
    select: { userId: true, passageId: true, expiresAt: true, user: { select: { name: true } } },
    orderBy: [{ updatedAt: 'asc' }, { userId: 'asc' }],
  });
  return rows.map((r) => ({ userId: r.userId, name: r.user.name, passageId: r.passageId, expiresAt: r.expiresAt.toISOString() }));
}
