// The export's rows on PostgreSQL: a server-side cursor (DECLARE … NO SCROLL CURSOR in a read-only REPEATABLE READ
// transaction, on a connection of its own), so the whole export is one plan and one consistent snapshot. Each row
// arrives as one JSON text; CURSOR_DEPTH FETCHes stay queued on the connection so the server never waits for us:
// with the batch being written, at most CURSOR_DEPTH + 1 batches are in memory. The connections come from one
// pool per process (LIMITS.exports.poolConnections): more exports than that wait for a connection.
import pg from 'pg';
import { LIMITS } from '../limits';
import { Prisma } from '../generated/prisma/client';
import { annotationWhere, EXPORT_FROM_SQL, exportColumnsSql, recordFrom, type Row } from './export-sql';
import type { Scope } from './export-types';
import type { ExportRecord } from './model';

/** FETCHes in flight on the PostgreSQL cursor (each up to a batch in memory). */
const CURSOR_DEPTH = 3;

/** The process's pool of export connections to `url`, made on first use (kept on globalThis: one per process). */
function exportPool(url: string): pg.Pool {
  const global = globalThis as { cruxmapExportPools?: Map<string, pg.Pool> };
  const pools = (global.cruxmapExportPools ??= new Map<string, pg.Pool>());
  let pool: pg.Pool | undefined = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      application_name: 'cruxmap-export',
      max: LIMITS.exports.poolConnections,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
    });
    // an idle connection the server ended (a restart, a dropped database) is discarded by the pool; nothing to do
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

export async function* cursorBatches(url: string, scope: Scope, options: { replies: boolean; emails: boolean; batchSize: number }): AsyncGenerator<ExportRecord[]> {
  const columns = exportColumnsSql({ replies: options.replies, emails: options.emails, isOwner: scope.isOwner, viewerId: scope.viewerId });
  const select = Prisma.sql`SELECT (${columns})::text AS r FROM ${EXPORT_FROM_SQL} WHERE ${annotationWhere(scope)} ORDER BY a."createdAt", a.id`;
  for await (const texts of cursorTexts(url, select, options.batchSize)) yield texts.map((text) => recordFrom(JSON.parse(text) as Row));
}

/**
 * Any export query's rows through the cursor: `select` answers one text column `r` (a row as JSON text), in the
 * order it gives. The data package's tables read this way on PostgreSQL (one plan per table instead of a keyset
 * page per batch).
 */
export async function* cursorTexts(url: string, select: Prisma.Sql, batchSize: number): AsyncGenerator<string[]> {
  const client = await exportPool(url).connect();
  let open = false;
  let isBroken = false;
  try {
    await client.query('BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ');
    open = true;
    await client.query(`DECLARE cruxmap_export NO SCROLL CURSOR FOR ${select.text}`, select.values);
    const fetch = `FETCH ${Math.trunc(batchSize)} FROM cruxmap_export`;
    const fetchBatch = async (): Promise<string[]> => (await client.query<{ r: string }>(fetch)).rows.map((row) => row.r);
    // FETCHes queue up on the connection: keep CURSOR_DEPTH of them in flight so the server never waits for us
    const queue: Promise<string[]>[] = [];
    let exhausted = false;
    const fill = () => {
      while (!exhausted && queue.length < CURSOR_DEPTH) {
        const next = fetchBatch();
        next.catch(() => undefined); // observed when awaited; an abandoned export must not leave it unhandled
        queue.push(next);
      }
    };
    fill();
    for (let next = queue.shift(); next; next = queue.shift()) {
      const rows = await next;
      if (rows.length < batchSize) exhausted = true; // those still queued come back empty
      fill();
      if (rows.length > 0) yield rows;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    if (open) {
      await client.query('ROLLBACK').catch(() => (isBroken = true));
    }
    // a connection that could not roll back is not given to the next export
    client.release(isBroken);
  }
}
