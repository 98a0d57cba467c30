// A member's API-token sign-in, kept for a moment. A busy client sends many requests a second with one token to one
// workspace, and each read the same row: the token, its user and the membership (lib/auth/api-token-queries.ts) —
// a query that cost a create a third of its time. An entry is used only while both hold:
// - nothing that may change it has been written by this instance since it was read: every statement writing a
//   token, user, membership or workspace advances the sign-in epoch when sent and when committed
//   (lib/database/sign-in-epoch.ts), and an entry read under another epoch is read again — so a revoked token, a
//   changed role, a removed member or an archived workspace applies from the next request;
// - it is younger than CRUXMAP_SIGN_IN_CACHE_MS (1 s by default; 0 turns this off): what another instance or a
//   command-line process wrote applies within that.
// Only members' sign-ins of valid tokens are kept (a stranger's goes through the whole rule anyway, and a wrong
// token is never kept), under the token's hash, never the token. At most 10 000 entries, least recently used out.
import { signInEpoch } from '../database/sign-in-epoch';
import { LruCache } from '../lru-cache';
import { env } from '../env';

type Entry = { row: unknown; epoch: number; readAt: number };

const MAX_ENTRIES = 10_000;
const globalForCache = globalThis as typeof globalThis & { cruxmapSignInCache?: LruCache<Entry> };
const cache = (globalForCache.cruxmapSignInCache ??= new LruCache<Entry>(MAX_ENTRIES));

/**
 * The row `read` answers for `key`, or the one it answered a moment ago (see above). `keep` says whether a row may be
 * kept; one that may not is dropped, so the next request reads again.
 */
export async function rememberedSignIn<T>(key: string, read: () => Promise<T | undefined>, keep: (row: T) => boolean): Promise<T | undefined> {
  const ttl = env.CRUXMAP_SIGN_IN_CACHE_MS;
  const now = Date.now();
  const hit = ttl > 0 ? cache.get(key) : undefined;
  if (hit && hit.epoch === signInEpoch() && now - hit.readAt < ttl) return hit.row as T;
  // the epoch before the read: a write committed while the read runs leaves the entry under an older epoch
  const epoch = signInEpoch();
  const row = await read();
  if (ttl > 0 && row !== undefined && keep(row)) cache.set(key, { row, epoch, readAt: now });
  else cache.delete(key);
  return row;
}
