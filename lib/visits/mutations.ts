// Opening a document (its reading page, its map, or POST …/documents/:doc/visit) is a visit: the row keeps when,
// and the boundary this visit marks "new" against (lib/visits/boundary.ts). Not audited: reading is not a change.
import type { WorkspaceContext } from '../context/context';
import { db } from '../db';
import { env } from '../env';
import { visitBoundary } from './boundary';

/** Records a visit by the signed-in viewer and returns its boundary (null: first visit, or signed out). */
export async function recordVisit({ ctx, documentId, now = new Date() }: { ctx: WorkspaceContext; documentId: string; now?: Date }): Promise<Date | null> {
  const userId = ctx.userId;
  if (!userId) return null;
  const workspaceId = ctx.workspace.id;
  const key = { workspaceId_userId_documentId: { workspaceId, userId, documentId } };
  return db.$transaction(async (tx) => {
    const row = await tx.documentVisit.findUnique({ where: key, select: { visitedAt: true, since: true } });
    const since = visitBoundary(row, now, env.CRUXMAP_VISIT_GAP_SECONDS * 1000);
    await tx.documentVisit.upsert({ where: key, create: { workspaceId, userId, documentId, visitedAt: now, since }, update: { visitedAt: now, since } });
    return since;
  });
}
