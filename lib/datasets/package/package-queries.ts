// The data package's reads: each table's CSV lines (on PostgreSQL written by the server's COPY; on the embedded
// database from keyset pages on the table's text key, one statement per page answering one JSON text, the next page
// asked for as soon as one arrives, as ./../export-keyset-queries.ts does), typed rows for the statistics and the
// Polis export, the row counts, and the workspace facts the dataset card names.
import { databaseKind, replicaDb } from '../../db';
import { env } from '../../env';
import { copyCsv, cursorTexts } from '../export-cursor';
import { Prisma } from '../../generated/prisma/client';
import type { PackageQuery, TableSelect, TableSpec } from './tables';

export type Cell = string | number | boolean | null;

/** The rows as JSON arrays of typed values in field order (`r`), with their key (`k`). */
const jsonRows = (s: TableSelect): Prisma.Sql => Prisma.sql`SELECT json_build_array(${Prisma.join(s.columns)}) AS r, ${s.key} AS k FROM ${s.from}`;

async function page(sql: Prisma.Sql, after: string | null, limit: number): Promise<{ rows: Cell[][]; last: string | null }> {
  const where = after === null ? Prisma.empty : Prisma.sql`WHERE t.k > ${after}`;
  const result = await replicaDb.$queryRaw<{ data: string }[]>`
    SELECT coalesce(json_agg(json_build_array(s.r, s.k) ORDER BY s.k COLLATE "C"), '[]'::json)::text AS data
      FROM (SELECT t.r, t.k FROM (${sql}) t ${where} ORDER BY t.k COLLATE "C" LIMIT ${limit}) s`;
  const pairs = JSON.parse(result[0]?.data ?? '[]') as [Cell[], string][];
  return { rows: pairs.map((p) => p[0]), last: pairs.length > 0 ? (pairs[pairs.length - 1] as [Cell[], string])[1] : null };
}

/**
 * A table's rows, a batch at a time in key order: on PostgreSQL through a server-side cursor (one plan for the
 * table), on the embedded database in keyset pages, the next page read while this one is written.
 */
export async function* tableRows(spec: TableSpec, q: PackageQuery, batchSize: number): AsyncGenerator<Cell[][]> {
  if (!spec.select) return;
  const sql = jsonRows(spec.select(q));
  if (databaseKind === 'postgres' && env.DATABASE_URL) {
    const select = Prisma.sql`SELECT t.r::text AS r FROM (${sql}) t ORDER BY t.k COLLATE "C"`;
    for await (const texts of cursorTexts(env.DATABASE_REPLICA_URL ?? env.DATABASE_URL, select, batchSize)) yield texts.map((text) => JSON.parse(text) as Cell[]);
    return;
  }
  yield* keysetPages(sql, batchSize);
}

/** `sql`'s rows (`r` a JSON array, `k` the key) in keyset pages, the next page read while this one is written. */
async function* keysetPages(sql: Prisma.Sql, batchSize: number): AsyncGenerator<Cell[][]> {
  let pending: Promise<{ rows: Cell[][]; last: string | null }> | null = page(sql, null, batchSize);
  while (pending) {
    const current: { rows: Cell[][]; last: string | null } = await pending;
    pending = current.rows.length === batchSize && current.last !== null ? page(sql, current.last, batchSize) : null;
    pending?.catch(() => undefined);
    if (current.rows.length > 0) yield current.rows;
  }
}

/** A CSV cell as PostgreSQL's COPY … (FORMAT csv) writes it: NULL empty, an empty string "", quoted when it holds , " CR or LF. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A table's CSV lines (no header), in key order, a chunk at a time: on PostgreSQL written by the server itself
 * (COPY … TO STDOUT, one statement for the table), on the embedded database from keyset pages of text fields,
 * quoted the way COPY quotes them, so both databases write the same bytes. `counted` hears the number of rows
 * written once the last one is.
 */
export async function* tableCsv(
  spec: TableSpec,
  q: PackageQuery,
  batchSize: number,
  {
    via = databaseKind === 'postgres' && env.DATABASE_URL ? 'copy' : 'pages',
    counted = () => {},
  }: { via?: 'copy' | 'pages'; counted?: (rows: number) => void } = {},
): AsyncGenerator<string | Buffer> {
  if (!spec.select) return;
  const select = spec.select(q);
  // each field as text, as the file writes it: numbers as PostgreSQL writes them, booleans true/false
  const texts = select.columns.map((c) => Prisma.sql`(${c})::text`);
  if (via === 'copy') {
    if (!env.DATABASE_URL) throw new Error('tableCsv: COPY needs a PostgreSQL server (DATABASE_URL)');
    yield* copyCsv(env.DATABASE_REPLICA_URL ?? env.DATABASE_URL, Prisma.sql`SELECT ${Prisma.join(texts)} FROM ${select.from} ORDER BY ${select.key} COLLATE "C"`, counted);
    return;
  }
  const pages = keysetPages(jsonRows({ ...select, columns: texts }), batchSize);
  let rowCount = 0;
  for await (const rows of pages) {
    rowCount += rows.length;
    yield rows.map((row) => `${(row as (string | null)[]).map(csvCell).join(',')}\n`).join('');
  }
  counted(rowCount);
}

export async function countRows(spec: TableSpec, q: PackageQuery): Promise<number> {
  if (!spec.select) return 0;
  const rows = await replicaDb.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${spec.select(q).from}`;
  return Number(rows[0]?.n ?? 0);
}

export async function workspaceFacts(workspaceId: string): Promise<{ createdAt: Date; licence: string | null }> {
  const ws = await replicaDb.workspace.findFirstOrThrow({ where: { id: workspaceId }, select: { createdAt: true, licence: true } });
  return { createdAt: ws.createdAt, licence: ws.licence };
}

/** The workspace's claims a moderator hid (every live annotation making them hidden): their ids. */
export async function moderatedClaimIds(workspaceId: string): Promise<Set<string>> {
  const rows = await replicaDb.claim.findMany({ where: { workspaceId, statementHidden: true, deletedAt: null, mergedIntoId: null }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
