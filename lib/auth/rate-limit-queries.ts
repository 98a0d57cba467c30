// How long a sign-in must wait: the counters of ./rate-limit.ts's keys, as they stand.
import { db } from '../db';
import { SIGN_IN_LIMIT } from './rate-limit';

/** Seconds until the caller may try again, or 0 when none of the keys is over its limit. */
export async function retryAfterSeconds(keys: string[], now = new Date()): Promise<number> {
  const buckets = await db.rateLimitBucket.findMany({ where: { key: { in: keys }, resetAt: { gt: now } } });
  const blocked = buckets.filter((b) => b.count >= SIGN_IN_LIMIT.failures);
  if (blocked.length === 0) return 0;
  const until = Math.max(...blocked.map((b) => b.resetAt.getTime()));
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}
