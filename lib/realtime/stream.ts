// One live stream (Server-Sent Events) of a workspace's change feed, optionally narrowed to one document (its
// events and the workspace-wide ones). Order of business: subscribe to this instance's hub (buffering), read the
// workspace's newest event id M, replay what a reconnecting client missed up to M from the events table, then
// release the buffer past M. Per workspace, ids follow commit order (lib/journal/journal.ts), so nothing falls
// between the replay and the live feed and nothing comes twice. Every frame carries `id:` (presence and control
// frames the stream's current position). Access is checked again on every membership event about the viewer
// and at every heartbeat: a revoked membership or token ends the stream.
import { authenticateToken } from '../auth/api-token-queries';
import { authorize, requireUserId, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { isMemberOf } from '../workspaces/queries';
import { currentCursor, eventsAfter, eventTime, type FeedEvent } from './event-log-queries';
import { LIMITS } from '../limits';
import { liveHub, type HubMessage } from './hub';
import { HEARTBEAT_MS, RESUME_WINDOW_MS, RETRY_MS, type LiveEvent } from './schemas';

/** More missed events than this and the client is better off reloading. */
const MAX_REPLAY = 1_000;

// Each user's open streams on this instance, oldest first (LIMITS.eventStreams.perUser): opening one more ends the
// oldest with a `reload` frame. On globalThis, so every copy of this module in the process shares it.
const openStreams = ((globalThis as { cruxmapOpenStreams?: Map<string, Set<() => void>> }).cruxmapOpenStreams ??= new Map<string, Set<() => void>>());

/** Registers a user's new stream (ending their oldest ones past the cap); the function returned unregisters it. */
function registerStream(userId: string, evict: () => void): () => void {
  let streams = openStreams.get(userId);
  if (!streams) openStreams.set(userId, (streams = new Set()));
  // a Set iterates in insertion order: the first is the oldest
  for (const oldest of [...streams].slice(0, Math.max(0, streams.size - LIMITS.eventStreams.perUser + 1))) {
    streams.delete(oldest);
    oldest();
  }
  streams.add(evict);
  return () => {
    const current = openStreams.get(userId);
    current?.delete(evict);
    if (current?.size === 0) openStreams.delete(userId);
  };
}

const encoder = new TextEncoder();

const frame = (id: bigint, event: string | null, data: unknown): string =>
  `id: ${id}\n${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

const payloadOf = (e: FeedEvent): LiveEvent => ({
  workspace: e.workspaceId,
  document: e.documentId,
  entity: e.entity as LiveEvent['entity'],
  id: e.entityId,
  action: e.action,
  version: e.version,
});

export async function openEventStream({
  ctx,
  bearer,
  document,
  lastEventId,
  signal,
  heartbeatMs = HEARTBEAT_MS,
}: {
  ctx: WorkspaceContext;
  /** the API token the stream was opened with, checked again at every heartbeat */
  bearer: string | null;
  document?: string;
  lastEventId?: string;
  signal: AbortSignal;
  /** how often a comment line is sent and access checked again */
  heartbeatMs?: number;
}): Promise<Response> {
  authorize(ctx, 'follow');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  const documentId = document === undefined ? null : (await requireDocument(ctx, document)).id;

  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let isLive = false;
  let isClosed = false;
  const buffered: HubMessage[] = [];
  let cursor = 0n;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let unsubscribe = () => {};
  let unregister = () => {};

  const close = () => {
    if (isClosed) return;
    isClosed = true;
    unsubscribe();
    unregister();
    clearInterval(heartbeat);
    signal.removeEventListener('abort', close);
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };
  const write = (text: string) => {
    if (isClosed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };

  const isStillAllowed = async (): Promise<boolean> => {
    try {
      if (bearer) await authenticateToken(bearer);
      return await isMemberOf({ userId, workspaceId });
    } catch {
      return false;
    }
  };
  const checkAccess = async () => {
    if (isClosed || (await isStillAllowed())) return;
    write(frame(cursor, 'revoked', { reason: 'Your access to this workspace has ended.' }));
    close();
  };

  const deliver = (message: HubMessage) => {
    if (isClosed) return;
    if (message.kind === 'presence') {
      if (documentId && message.documentId !== documentId) return;
      write(frame(cursor, 'presence', { workspace: workspaceId, document: message.documentId, entity: 'presence', id: message.userId, action: message.action, version: 0 }));
      return;
    }
    if (message.kind !== 'change') return;
    const event = message.event;
    if (event.id <= cursor) return; // sent already (replayed, or read back after the listener reconnected)
    cursor = event.id;
    if (event.entity === 'membership' && event.entityId === userId) void checkAccess();
    if (documentId && event.documentId !== null && event.documentId !== documentId) return;
    write(frame(event.id, null, payloadOf(event)));
  };

  unsubscribe = await liveHub().subscribe(workspaceId, (message) => (isLive ? deliver(message) : buffered.push(message)));
  const opening: string[] = [`retry: ${RETRY_MS}\n\n`];
  try {
    const newest = await currentCursor(workspaceId);
    if (lastEventId === undefined) {
      cursor = newest;
    } else {
      const after = BigInt(lastEventId);
      const missed = after < newest ? await eventsAfter({ workspaceId, documentId, after, upTo: newest, limit: MAX_REPLAY + 1 }) : [];
      // The replay is whole if the client's last event is still in the table (pruning removes the oldest first);
      // a first missed event older than the window means the client was away longer than it.
      const isKnown = after === 0n || (after <= newest && (await eventTime({ workspaceId, id: after })) !== null);
      const firstMissed = missed[0]?.createdAt.getTime() ?? Date.now();
      const isResumable = isKnown && firstMissed >= Date.now() - RESUME_WINDOW_MS && missed.length <= MAX_REPLAY;
      cursor = newest;
      if (isResumable) for (const e of missed) opening.push(frame(e.id, null, payloadOf(e)));
      else opening.push(frame(newest, 'reload', { reason: 'Too much changed while you were away: reload to catch up.' }));
    }
    opening.push(frame(cursor, 'ready', { workspace: workspaceId, document: documentId }));
  } catch (error) {
    unsubscribe();
    throw error;
  }

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const text of opening) write(text);
      // what arrived while the replay was read, past its end, in order
      for (const message of buffered.splice(0)) deliver(message);
      isLive = true;
      heartbeat = setInterval(() => {
        write(': heartbeat\n\n');
        void checkAccess();
      }, heartbeatMs);
    },
    cancel: close,
  });
  unregister = registerStream(userId, () => {
    write(frame(cursor, 'reload', { reason: 'You opened more live views than one person may keep open: reload to follow this one again.', final: true }));
    close();
  });
  if (signal.aborted) close();
  else signal.addEventListener('abort', close);

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: compression would hold frames back
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
