// A digest of everything the app has stored, per table, so a test can tell that a request wrote nothing: every row
// of every table of the app's schema, as JSON, hashed. Left out is what refused requests may rightly record — the
// rate limiter's buckets (failed sign-ins count) and a token's "last used" time — and Prisma's migration table.
import { db } from '@/lib/db';

const ignoredTables = new Set(['_prisma_migrations', 'RateLimitBucket']);
const ignoredColumns = ['lastUsedAt'];

let query: string | undefined;

async function fingerprintQuery(): Promise<string> {
  if (query) return query;
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const drop = ignoredColumns.map((c) => ` - '${c}'`).join('');
  query = tables
    .filter((t) => !ignoredTables.has(t.name))
    .map(
      (t) =>
        `SELECT '${t.name}' AS name, count(*)::int AS rows, ` +
        `coalesce(md5(string_agg(md5((to_jsonb(x)${drop})::text), '' ORDER BY md5((to_jsonb(x)${drop})::text))), '') AS digest FROM "${t.name}" x`,
    )
    .join(' UNION ALL ');
  return query;
}

export type Fingerprint = Map<string, string>;

/** Each table's row count and digest. */
export async function dataFingerprint(): Promise<Fingerprint> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string; rows: number; digest: string }>>(await fingerprintQuery());
  return new Map(rows.map((r) => [r.name, `${r.rows}:${r.digest}`]));
}

/** The tables whose contents differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
