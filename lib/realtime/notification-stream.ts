// One user's notification stream (Server-Sent Events): `unread` frames with their unread count, at once and
// whenever a notification for them commits (the hub's per-user signal, lib/journal/live-channel.ts), so the
// header's count follows live on every page. Only the count travels, recomputed for this user: no notification's
// content, and nothing of anyone else's. A few streams per user (the oldest closes); heartbeats keep proxies open.
import { LIMITS } from '../limits';
import { unreadCount } from '../notifications/queries';
import { liveHub, userChannel } from './hub';
import { HEARTBEAT_MS, RETRY_MS } from './schemas';

/** Open notification streams per user on this instance (one per open tab). */
const PER_USER = LIMITS.notifications.streamsPerUser;

const openStreams = ((globalThis as { cruxmapNotificationStreams?: Map<string, Set<() => void>> }).cruxmapNotificationStreams ??= new Map<string, Set<() => void>>());

const encoder = new TextEncoder();

export async function openNotificationStream({ userId, signal, heartbeatMs = HEARTBEAT_MS }: { userId: string; signal: AbortSignal; heartbeatMs?: number }): Promise<Response> {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let isClosed = false;
  // one count query at a time: signals that arrive while it runs are answered by one more query after it
  let isCounting = false;
  let isStale = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let unsubscribe = () => {};

  const write = (text: string) => {
    if (isClosed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const sendCount = async (): Promise<void> => {
    if (isCounting) {
      isStale = true;
      return;
    }
    isCounting = true;
    try {
      do {
        isStale = false;
        const unread = await unreadCount({ userId });
        write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
      } while (isStale && !isClosed);
    } catch {
      // a database hiccup: the next signal or the page's own read catches up
    } finally {
      isCounting = false;
    }
  };
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    unsubscribe();
    clearInterval(heartbeat);
    signal.removeEventListener('abort', close);
    const mine = openStreams.get(userId);
    mine?.delete(close);
    if (mine?.size === 0) openStreams.delete(userId);
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };

  unsubscribe = await liveHub().subscribe(userChannel(userId), (message) => {
    if (message.kind === 'notification') void sendCount();
  });
  let mine = openStreams.get(userId);
  if (!mine) openStreams.set(userId, (mine = new Set()));
  for (const oldest of [...mine].slice(0, Math.max(0, mine.size - PER_USER + 1))) oldest();
  mine.add(close);

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(`retry: ${RETRY_MS}\n\n`);
      void sendCount();
      heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
    },
    cancel: close,
  });
  if (signal.aborted) close();
  else signal.addEventListener('abort', close);
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
