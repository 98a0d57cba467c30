// One listener per app instance: a dedicated PostgreSQL connection LISTENing on the change feed's channel (or,
// on the embedded database, PGlite's own listen() on the instance the app holds), and an in-process fan-out of
// what it hears to the open streams, by workspace. The notifications carry the change events themselves (ids,
// never content; see the live_collaboration migration), so delivering one costs no query, however many clients
// are connected. A lost connection is re-opened with backoff, and what was committed meanwhile is read back from
// the events table; streams drop what they already sent.
import pg from 'pg';
import { listenEmbedded, unlistenEmbedded } from '../database/embedded-listen';
import type { db } from '../db';
import { env } from '../env';
import { LIVE_CHANNEL } from '../journal/live-channel';
import { pruneLiveTables } from './event-log-mutations';
import { eventsCommittedSince, type FeedEvent } from './event-log-queries';

export { LIVE_CHANNEL };

export type HubMessage =
  | { kind: 'change'; event: FeedEvent }
  | { kind: 'presence'; workspaceId: string; documentId: string; userId: string; action: 'join' | 'move' | 'leave' }
  /** a new notification for this user (delivered only to their own subscription, `userChannel(userId)`) */
  | { kind: 'notification'; userId: string };

/** The hub key of a user's own notification signals (never a workspace id: those are cuids without a colon). */
export const userChannel = (userId: string): string => `user:${userId}`;

type Subscriber = (message: HubMessage) => void;

type ChangeRow = [string, string, string | null, string, string, string, number];

const PRUNE_EVERY_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 10_000;

class Hub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private listening: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private backoffMs = 250;
  private lostAt: Date | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;

  /** Calls `subscriber` with every change and presence signal of the workspace (or a user's `userChannel`), from when this resolves. */
  async subscribe(workspaceId: string, subscriber: Subscriber): Promise<() => void> {
    let set = this.subscribers.get(workspaceId);
    if (!set) this.subscribers.set(workspaceId, (set = new Set()));
    set.add(subscriber);
    const unsubscribe = () => {
      const current = this.subscribers.get(workspaceId);
      current?.delete(subscriber);
      if (current?.size === 0) this.subscribers.delete(workspaceId);
    };
    try {
      await this.ensureListening();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  private ensureListening(): Promise<void> {
    this.listening ??= this.listen().catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private async listen(): Promise<void> {
    const embedded = await listenEmbedded(LIVE_CHANNEL, (payload) => this.receive(payload));
    if (!embedded) await this.connect();
    if (!this.pruneTimer) {
      const prune = () => void pruneLiveTables().catch((error: unknown) => console.error('[live] pruning the change feed failed', error));
      this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
      this.pruneTimer.unref();
      setTimeout(prune, 5_000).unref();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env.DATABASE_URL, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload) this.receive(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
    this.backoffMs = 250;
  }

  /** The listening connection broke: open another, then deliver what was committed in between. */
  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.lostAt ??= new Date();
    void client.end().catch(() => undefined);
    const retry = async () => {
      try {
        await this.connect();
        const since = this.lostAt;
        this.lostAt = null;
        // a little before the loss: notifications in flight when it broke
        if (since) for (const event of await eventsCommittedSince(new Date(since.getTime() - 5_000))) this.dispatch({ kind: 'change', event });
      } catch (error) {
        console.error(`[live] reconnecting the change-feed listener failed; retrying in ${this.backoffMs} ms`, (error as Error).message);
        this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
        setTimeout(() => void retry(), this.backoffMs).unref();
      }
    };
    setTimeout(() => void retry(), this.backoffMs).unref();
  }

  private receive(payload: string): void {
    let parsed: { e?: ChangeRow[]; p?: [string, string, string, 'join' | 'move' | 'leave']; u?: string[] };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch {
      return;
    }
    for (const [id, workspaceId, documentId, entity, entityId, action, version] of parsed.e ?? []) {
      this.dispatch({ kind: 'change', event: { id: BigInt(id), workspaceId, documentId, entity, entityId, action, version } });
    }
    if (parsed.p) {
      const [workspaceId, documentId, userId, action] = parsed.p;
      this.dispatch({ kind: 'presence', workspaceId, documentId, userId, action });
    }
    for (const userId of parsed.u ?? []) this.dispatch({ kind: 'notification', userId });
  }

  private dispatch(message: HubMessage): void {
    const key = message.kind === 'change' ? message.event.workspaceId : message.kind === 'presence' ? message.workspaceId : userChannel(message.userId);
    for (const subscriber of this.subscribers.get(key) ?? []) {
      try {
        subscriber(message);
      } catch (error) {
        console.error('[live] a subscriber failed', error);
      }
    }
  }

  /** Stops listening (tests, shutdown). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.listening = null;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    await client?.end().catch(() => undefined);
    await unlistenEmbedded(LIVE_CHANNEL);
  }
}

const globalForHub = globalThis as typeof globalThis & { cruxmapHub?: Hub };

/** This process's hub (one per process, whatever number of times the module is loaded). */
export const liveHub = (): Hub => (globalForHub.cruxmapHub ??= new Hub());

/** Sends a presence signal to every instance, in the transaction `tx` (sent only if it commits). */
export async function notifyPresence(
  tx: Pick<typeof db, '$queryRaw'>,
  signal: { workspaceId: string; documentId: string; userId: string; action: 'join' | 'move' | 'leave' },
): Promise<void> {
  const payload = JSON.stringify({ p: [signal.workspaceId, signal.documentId, signal.userId, signal.action] });
  await tx.$queryRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${payload})::text`;
}
