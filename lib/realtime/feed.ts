// Reads of the change feed for live streams (the resume point, the events a reconnecting client missed) and its
// retention: events are kept an hour (a reconnect may ask for the last RESUME_WINDOW_MS), and each workspace's
// newest 64 always, because the disagreement map's data version is derived from them (lib/disagreement).
import { db } from '../db';
import type { FeedEvent } from './hub';

const RETAIN = "interval '1 hour'";
/** lib/disagreement/queries.ts reads a workspace's newest VERSION_WINDOW events: never prune those. */
const KEEP_NEWEST = 64;

type EventRow = Omit<FeedEvent, 'id'> & { id: bigint; createdAt: Date };

/** The id of the workspace's newest event (0 when it has none): where a new stream starts. */
export async function currentCursor(workspaceId: string): Promise<bigint> {
  const rows = await db.$queryRaw<{ id: bigint | null }[]>`SELECT max(id) AS id FROM "ChangeEvent" WHERE "workspaceId" = ${workspaceId}`;
  return BigInt(rows[0]?.id ?? 0);
}

/** The cursor as a page hands it to the browser (a string: ids are 64-bit), for the stream's Last-Event-ID. */
export async function liveCursorFor({ workspaceId }: { workspaceId: string }): Promise<string> {
  return String(await currentCursor(workspaceId));
}

/** When the workspace's event `id` was written, or null when it is not (or no longer) in the table. */
export async function eventTime(workspaceId: string, id: bigint): Promise<Date | null> {
  const row = await db.changeEvent.findFirst({ where: { workspaceId, id }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** The workspace's events in (after, upTo], in id order (a document's and the workspace-wide ones with `documentId`). */
export async function eventsAfter({
  workspaceId,
  documentId,
  after,
  upTo,
  limit,
}: {
  workspaceId: string;
  documentId: string | null;
  after: bigint;
  upTo: bigint;
  limit: number;
}): Promise<EventRow[]> {
  return db.changeEvent.findMany({
    where: { workspaceId, id: { gt: after, lte: upTo }, ...(documentId ? { OR: [{ documentId }, { documentId: null }] } : {}) },
    orderBy: { id: 'asc' },
    take: limit,
  });
}

/** Every event written since `since`, in id order: what a listener that lost its connection may have missed. */
export async function eventsCommittedSince(since: Date): Promise<FeedEvent[]> {
  return db.changeEvent.findMany({ where: { createdAt: { gte: since } }, orderBy: { id: 'asc' }, take: 10_000 });
}

/** Deletes events past retention (but each workspace's newest KEEP_NEWEST) and expired presence. */
export async function pruneLiveTables(): Promise<{ events: number; presences: number }> {
  const events = await db.$executeRawUnsafe(`
    DELETE FROM "ChangeEvent" e
     WHERE e."createdAt" < now() - ${RETAIN}
       AND e.id < coalesce((SELECT k.id FROM "ChangeEvent" k WHERE k."workspaceId" = e."workspaceId"
                             ORDER BY k.id DESC OFFSET ${KEEP_NEWEST - 1} LIMIT 1), 0)`);
  const presences = await db.presence.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return { events, presences: presences.count };
}
