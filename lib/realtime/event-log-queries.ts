// Reads of the change-event log for live streams: the resume point, and the events a reconnecting client or a
// listener that lost its connection missed. What is kept, and for how long: ./event-log-mutations.ts.
import { db } from '../db';

/** A change event as streams receive it: ids and versions, never content (lib/journal/journal.ts writes them). */
export type FeedEvent = {
  id: bigint;
  workspaceId: string;
  documentId: string | null;
  entity: string;
  entityId: string;
  action: string;
  version: number;
};

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
export async function eventTime({ workspaceId, id }: { workspaceId: string; id: bigint }): Promise<Date | null> {
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
