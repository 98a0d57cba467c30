// Presence heartbeats per user and minute on this instance (LIMITS.presence): a reading tab sends one every 8 s, so
// the limit leaves room for several tabs and refuses a client that loops. Counted in memory (a heartbeat must not
// cost a write of its own), on globalThis so every copy of this module in the process counts together.
import { AppError } from '../errors';
import { LIMITS } from '../limits';

type Window = { count: number; resetAt: number };

const windows = ((globalThis as { cruxmapPresenceWindows?: Map<string, Window> }).cruxmapPresenceWindows ??= new Map<string, Window>());
const WINDOW_MS = 60_000;

/** Counts one heartbeat of `userId`; past the limit, a 429 with Retry-After until the minute is over. */
export function countPresenceHeartbeat(userId: string, now = Date.now()): void {
  // forget finished windows now and then, so the map holds only users active this minute
  if (windows.size > 10_000) for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
  let window = windows.get(userId);
  if (!window || window.resetAt <= now) windows.set(userId, (window = { count: 0, resetAt: now + WINDOW_MS }));
  window.count += 1;
  if (window.count > LIMITS.presence.heartbeatsPerMinute) {
    const retryAfter = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    throw new AppError('TOO_MANY_REQUESTS', 'Too many presence heartbeats: slow down.', { retryAfter });
  }
}
