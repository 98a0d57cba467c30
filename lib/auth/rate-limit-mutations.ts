// Counting sign-in attempts against ./rate-limit.ts's keys: reserved before the password is checked, given back
// after a success.
import { db } from '../db';
import { AppError } from '../errors';
import { LIMITS } from '../limits';
import { backOffSeconds, type SignInKeys } from './rate-limit';

const later = (now: Date, seconds: number): Date => new Date(now.getTime() + seconds * 1000);
const secondsUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** One more in a fixed window: the count after it and when the window ends. */
async function countInWindow(key: string, windowSeconds: number, now: Date): Promise<{ count: number; resetAt: Date }> {
  const resetAt = later(now, windowSeconds);
  const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0] as { count: number; resetAt: Date };
  return { count: Number(row.count), resetAt: new Date(row.resetAt) };
}

/**
 * One more failure (reserved) for one email at one address, unless the pair is locked: then the seconds to wait.
 * From the 5th failure on, the pair is locked for ./rate-limit.ts's backOffSeconds, measured from this attempt.
 */
async function countEmailAtAddress(key: string, now: Date): Promise<number> {
  const { memorySeconds } = LIMITS.signIn.perEmailAtAddress;
  const forgetAt = later(now, memorySeconds);
  const rows = await db.$queryRaw<{ count: number; lockedUntil: Date | null; wasLocked: boolean }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt") VALUES (${key}, 1, ${forgetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."lockedUntil" > ${now} THEN "RateLimitBucket"."count"
                     WHEN "RateLimitBucket"."resetAt" <= ${now} THEN 1
                     ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."lockedUntil" > ${now} THEN "RateLimitBucket"."resetAt" ELSE ${forgetAt} END
    RETURNING "count", "lockedUntil", coalesce("lockedUntil" > ${now}, false) AS "wasLocked"`;
  const row = rows[0] as { count: number; lockedUntil: Date | null; wasLocked: boolean };
  if (row.wasLocked && row.lockedUntil) return secondsUntil(new Date(row.lockedUntil), now);
  const lock = backOffSeconds(Number(row.count));
  if (lock > 0) await db.$executeRaw`UPDATE "RateLimitBucket" SET "lockedUntil" = ${later(now, lock)} WHERE "key" = ${key}`;
  return 0;
}

/**
 * Reserves one attempt against every key before the password is checked, atomically per key, so concurrent guesses
 * cannot all pass a check made before any of them is counted. Returns the seconds to wait when a limit refuses the
 * attempt (it must then be refused unchecked), else 0.
 */
export async function reserveAttempt(keys: SignInKeys, now = new Date()): Promise<number> {
  const locked = await countEmailAtAddress(keys.emailAtAddress, now);
  if (locked > 0) return locked;
  let waitUntil = 0;
  if (keys.address) {
    const address = await countInWindow(keys.address, LIMITS.signIn.perAddress.windowSeconds, now);
    if (address.count > LIMITS.signIn.perAddress.failures) waitUntil = Math.max(waitUntil, address.resetAt.getTime());
  }
  const email = await countInWindow(keys.email, LIMITS.signIn.perEmail.windowSeconds, now);
  if (email.count > LIMITS.signIn.perEmail.failures) {
    const known = await db.rateLimitBucket.findFirst({ where: { key: keys.knownAddress, resetAt: { gt: now } }, select: { key: true } });
    if (!known) waitUntil = Math.max(waitUntil, email.resetAt.getTime());
  }
  return waitUntil === 0 ? 0 : secondsUntil(new Date(waitUntil), now);
}

/**
 * A successful sign-in gives its reserved attempt back: the (email, address) pair's failures are forgotten, the
 * address's and the email's counters are reduced by one (an address may be guessing many emails, and an email may
 * be guessed from many addresses, so their other failures stand), and the address becomes a known one for the
 * account, exempt from the per-email ceiling.
 */
export async function releaseAttempt(keys: SignInKeys, now = new Date()): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: keys.emailAtAddress } });
  for (const key of [keys.address, keys.email]) {
    if (key) await db.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
  }
  const knownUntil = later(now, LIMITS.signIn.knownAddressSeconds);
  await db.$executeRaw`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt") VALUES (${keys.knownAddress}, 1, ${knownUntil})
    ON CONFLICT ("key") DO UPDATE SET "resetAt" = ${knownUntil}`;
}

/**
 * Counts one sign-up from `address` (LIMITS.signUp: each costs a bcrypt hash) and refuses it past the limit with a
 * 429 and Retry-After. An unknown address counts in one shared bucket, so a misdeployed server fails closed.
 */
export async function limitSignUp(address: string | null, now = new Date()): Promise<void> {
  const { perAddress, windowSeconds } = LIMITS.signUp;
  const bucket = await countInWindow(`sign-up:ip:${address ?? 'unknown'}`, windowSeconds, now);
  if (bucket.count > perAddress) {
    const retryAfter = secondsUntil(bucket.resetAt, now);
    throw new AppError('TOO_MANY_REQUESTS', `Too many sign-ups from your address. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, { retryAfter });
  }
}
