// How many exports each user runs at once on this instance (LIMITS.exports.perUser): a slot is taken before an
// export is prepared and given back when its stream ends, fails or is cancelled. One more is a 429 with
// Retry-After. Kept on globalThis, so every copy of this module in the process (Next bundles routes separately)
// counts the same exports.
import { AppError } from '../errors';
import { LIMITS } from '../limits';

const running = ((globalThis as { cruxmapExportSlots?: Map<string, number> }).cruxmapExportSlots ??= new Map<string, number>());

/** Takes one of the user's export slots; the function returned gives it back (once, however often it is called). */
export function takeExportSlot(userId: string): () => void {
  const count = running.get(userId) ?? 0;
  if (count >= LIMITS.exports.perUser) {
    throw new AppError('TOO_MANY_REQUESTS', `You already have ${count} exports running: wait for one to finish, then try again.`, {
      retryAfter: LIMITS.exports.retryAfterSeconds,
    });
  }
  running.set(userId, count + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const now = (running.get(userId) ?? 1) - 1;
    if (now <= 0) running.delete(userId);
    else running.set(userId, now);
  };
}
