// The export's rows on PostgreSQL: a server-side cursor (DECLARE … NO SCROLL CURSOR in a read-only REPEATABLE READ
// transaction, on a connection of its own), so the whole export is one plan and one consistent snapshot. Each row
// arrives as one JSON text; the next FETCH is on its way while a batch is written, so at most two batches are in
// memory (one statement at a time per connection: pg 8.23 deprecates queueing more). The connections come from one
// pool per process (LIMITS.exports.poolConnections): more exports than that wait for a connection.
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { reportStatement, type QueryTarget } from '../database/query-log';
import { env } from '../env';
import { LIMITS } from '../limits';
import { Prisma } from '../generated/prisma/client';
import { annotationWhere, EXPORT_FROM_SQL, exportColumnsSql, recordFrom, type Row } from './export-sql';
import type { Scope } from './export-types';
import type { ExportRecord } from './model';

/** Which of the app's databases `url` is, for the statement log. */
const targetOf = (url: string): QueryTarget => (url === env.DATABASE_REPLICA_URL ? 'replica' : 'primary');

/** The process's pool of export connections to `url`, made on first use (kept on globalThis: one per process). */
export function exportPool(url: string): pg.Pool {
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
  let pending: Promise<string[]> | null = null;
  try {
    await client.query('BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ');
    open = true;
    const declare = `DECLARE cruxmap_export NO SCROLL CURSOR FOR ${select.text}`;
    reportStatement(targetOf(url), declare, true);
    await client.query(declare, select.values);
    const fetch = `FETCH ${Math.trunc(batchSize)} FROM cruxmap_export`;
    const fetchBatch = async (): Promise<string[]> => (await client.query<{ r: string }>(fetch)).rows.map((row) => row.r);
    // the next FETCH is sent as soon as a batch arrives, so the server reads it while we write this one (one
    // statement at a time on the connection: pg allows no more)
    pending = fetchBatch();
    while (pending) {
      const rows: string[] = await pending;
      pending = rows.length === batchSize ? fetchBatch() : null;
      pending?.catch(() => undefined); // observed when awaited; an abandoned export must not leave it unhandled
      if (rows.length > 0) yield rows;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    if (open) {
      // an export abandoned mid-way: the FETCH in flight ends before the ROLLBACK is sent
      await pending?.catch(() => undefined);
      await client.query('ROLLBACK').catch(() => (isBroken = true));
    }
    // a connection that could not roll back is not given to the next export
    client.release(isBroken);
  }
}

/**
 * A statement's bind parameters written into its text as literals, for COPY (which takes none): strings as E''
 * literals (quotes and backslashes escaped, whatever standard_conforming_strings says), numbers, booleans, NULL,
 * and arrays of those as text[]. Anything else is refused rather than guessed at.
 */
export function inlineParameters(sql: { text: string; values: unknown[] }): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    if (Array.isArray(v)) return `(ARRAY[${v.map(literal).join(',')}]::text[])`;
    throw new TypeError(`inlineParameters: a ${typeof v} parameter cannot be written as a literal`);
  };
  return sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]));
}

/**
 * `COPY (select) TO STDOUT WITH (FORMAT csv)` on an export connection: PostgreSQL writes the CSV lines and they
 * arrive as byte chunks, read as the consumer asks for them (the socket is paused in between, so memory stays a
 * chunk or two). A consumer that stops early ends the COPY by dropping the connection, which the pool replaces.
 * `counted` hears how many rows were written, once all of them have been.
 */
export async function* copyCsv(url: string, select: Prisma.Sql, counted: (rows: number) => void = () => {}): AsyncGenerator<Buffer> {
  const client = await exportPool(url).connect();
  let done = false;
  const copy = `COPY (${inlineParameters(select)}) TO STDOUT WITH (FORMAT csv)`;
  reportStatement(targetOf(url), copy, false);
  const stream = client.query(copyTo(copy));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
    // the server's own count comes in COPY's command tag, after the last line: once the connection answers the
    // next statement, that tag has been read
    await client.query('SELECT 1');
    done = true;
    counted(stream.rowCount);
  } finally {
    if (!done) stream.destroy();
    // a COPY cut short leaves the connection mid-protocol: it is not given to the next export
    client.release(!done);
  }
}
