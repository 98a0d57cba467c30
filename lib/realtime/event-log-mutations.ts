// Retention of the change-event log: events are kept an hour (a reconnect may ask for the last RESUME_WINDOW_MS),
// and each workspace's newest 64 always, because the disagreement map's data version is derived from them
// (lib/disagreement). The hub runs it every ten minutes.
import { db } from '../db';

const RETAIN = "interval '1 hour'";
/** lib/disagreement/queries.ts reads a workspace's newest VERSION_WINDOW events: never prune those. */
const KEEP_NEWEST = 64;

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
