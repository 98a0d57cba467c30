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

/**
 * Reserves one attempt against every key before the password is checked, atomically, so concurrent guesses
 * cannot all pass a check made before any of them is counted. Returns the seconds to wait when any key is
 * over its limit (the attempt must then be refused unchecked), else 0.
 */
export async function reserveAttempt(keys: string[], now = new Date()): Promise<number> {
  const resetAt = new Date(now.getTime() + SIGN_IN_LIMIT.windowSeconds * 1000);
  let waitUntil = 0;
  for (const key of keys) {
    const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
      INSERT INTO "RateLimitBucket" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
        "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimitBucket"."resetAt" END
      RETURNING "count", "resetAt"`;
    const row = rows[0];
    if (row && Number(row.count) > SIGN_IN_LIMIT.failures) waitUntil = Math.max(waitUntil, new Date(row.resetAt).getTime());
  }
  return waitUntil === 0 ? 0 : Math.max(1, Math.ceil((waitUntil - now.getTime()) / 1000));
}

/**
 * A successful sign-in gives its reserved attempts back: the email's counter is cleared, the address's is
 * reduced by one (one address may be guessing many emails, so its earlier failures stand).
 */
export async function releaseAttempt({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: `sign-in:email:${email.trim().toLowerCase()}` } });
  if (ip) {
    await db.$executeRaw`
      UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${`sign-in:ip:${ip}`}`;
  }
}
