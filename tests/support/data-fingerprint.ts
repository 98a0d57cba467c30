// What the app has stored, per table, so a test can tell that a request wrote nothing: for every table of the app's
// schema, its row count and the newest transaction id among its rows (`xmin`: an insert or update leaves its
// transaction's id on the row, a delete lowers the count), read in one query. A rolled-back write leaves no
// visible row, so it changes neither. Left out is what refused requests may rightly record — the rate limiter's
// buckets (failed sign-ins count) and API tokens (their "last used" time) — and Prisma's migration table.
import { db } from '@/lib/db';

const ignoredTables = new Set(['_prisma_migrations', 'RateLimitBucket', 'ApiToken']);

let query: string | undefined;

async function fingerprintQuery(): Promise<string> {
  if (query) return query;
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  query = tables
    .filter((t) => !ignoredTables.has(t.name))
    .map((t) => `SELECT '${t.name}' AS name, count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::text AS digest FROM "${t.name}"`)
    .join(' UNION ALL ');
  return query;
}

export type Fingerprint = Map<string, string>;

/** Each table's row count and newest writing transaction. */
export async function dataFingerprint(): Promise<Fingerprint> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string; rows: number; digest: string }>>(await fingerprintQuery());
  return new Map(rows.map((r) => [r.name, `${r.rows}:${r.digest}`]));
}

/** The tables whose contents differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
