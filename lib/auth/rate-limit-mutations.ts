// Counting sign-in attempts against ./rate-limit.ts's keys: reserved before the password is checked, given back
// after a success.
import { db } from '../db';
import { SIGN_IN_LIMIT } from './rate-limit';

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
