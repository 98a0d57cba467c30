// How long a sign-in must wait: the counters of ./rate-limit.ts's keys, as they stand.
import { db } from '../db';
import { LIMITS } from '../limits';
import type { SignInKeys } from './rate-limit';

/** Seconds until the caller may try again, or 0 when no limit refuses them now. */
export async function retryAfterSeconds(keys: SignInKeys, now = new Date()): Promise<number> {
  const wanted = [keys.address, keys.emailAtAddress, keys.email, keys.knownAddress].filter((k): k is string => k !== null);
  const buckets = new Map((await db.rateLimitBucket.findMany({ where: { key: { in: wanted } } })).map((b) => [b.key, b]));
  const waits: Date[] = [];
  const address = keys.address ? buckets.get(keys.address) : undefined;
  if (address && address.resetAt > now && address.count >= LIMITS.signIn.perAddress.failures) waits.push(address.resetAt);
  const pair = buckets.get(keys.emailAtAddress);
  if (pair?.lockedUntil && pair.lockedUntil > now) waits.push(pair.lockedUntil);
  const email = buckets.get(keys.email);
  const known = buckets.get(keys.knownAddress);
  const isKnown = known !== undefined && known.resetAt > now;
  if (email && email.resetAt > now && email.count >= LIMITS.signIn.perEmail.failures && !isKnown) waits.push(email.resetAt);
  if (waits.length === 0) return 0;
  const until = Math.max(...waits.map((d) => d.getTime()));
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}
