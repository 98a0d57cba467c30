// Failed sign-in limits, counted in the database so they hold across app instances: 5 failures per email and
// per IP address in 15 minutes, then HTTP 429 with Retry-After until the window ends.
import { db } from '../db';

export const SIGN_IN_LIMIT = { failures: 5, windowSeconds: 15 * 60 } as const;

export const signInKeys = ({ email, ip }: { email: string; ip: string | null }): string[] =>
  [`sign-in:email:${email.trim().toLowerCase()}`, ip ? `sign-in:ip:${ip}` : null].filter((k): k is string => k !== null);

/** Seconds until the caller may try again, or 0 when none of the keys is over its limit. */
export async function retryAfterSeconds(keys: string[], now = new Date()): Promise<number> {
  const buckets = await db.rateLimitBucket.findMany({ where: { key: { in: keys }, resetAt: { gt: now } } });
  const blocked = buckets.filter((b) => b.count >= SIGN_IN_LIMIT.failures);
  if (blocked.length === 0) return 0;
  const until = Math.max(...blocked.map((b) => b.resetAt.getTime()));
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Counts one failure against every key, atomically (a fresh window starts when the old one has ended). */
export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  const resetAt = new Date(now.getTime() + SIGN_IN_LIMIT.windowSeconds * 1000);
  for (const key of keys) {
    await db.$executeRaw`
      INSERT INTO "RateLimitBucket" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
        "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimitBucket"."resetAt" END`;
  }
}

/** A successful sign-in clears the email's counter (not the IP's: one address may be guessing many emails). */
export async function clearFailures(email: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: `sign-in:email:${email.trim().toLowerCase()}` } });
}
