// The PostgreSQL channel the app instances LISTEN on (lib/realtime/hub.ts), and the one signal written here rather
// than by the change-events trigger: "these users have a new notification" (ids only, sent at commit), which
// the hub hands to those users' own notification streams and nobody else's.
import type { Prisma } from '../generated/prisma/client';

export const LIVE_CHANNEL = 'cruxmap_events';

/** pg_notify payloads are limited to 8 000 bytes: user ids go in chunks. */
const PING_CHUNK = 200;

/** Signals, at commit of `tx`, that each of these users has a new notification. */
export async function pingUsers(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, userIds: readonly string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += PING_CHUNK) {
    const payload = JSON.stringify({ u: userIds.slice(i, i + PING_CHUNK) });
    await tx.$queryRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${payload})::text`;
  }
}
