// LISTEN on the embedded database: PGlite's own listen() on the instance this process holds, since Prisma cannot
// LISTEN. On PostgreSQL a listener opens a connection of its own instead (lib/realtime/hub.ts).
import { embeddedInstance } from '../db';

/** Calls `onPayload` with each notification on `channel` and returns true on PGlite; false on PostgreSQL. */
export async function listenEmbedded(channel: string, onPayload: (payload: string) => void): Promise<boolean> {
  const pglite = await embeddedInstance();
  if (!pglite) return false;
  await pglite.listen(channel, onPayload);
  return true;
}

/** Stops listening on `channel` (a no-op on PostgreSQL, or when the database was never opened). */
export async function unlistenEmbedded(channel: string): Promise<void> {
  const pglite = await embeddedInstance().catch(() => null);
  await pglite?.unlisten(channel).catch(() => undefined);
}
