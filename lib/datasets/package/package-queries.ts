// The data package's reads: each table's rows in keyset pages on its text key (one statement per page answering
// one JSON text, the next page asked for as soon as one arrives, as ./../export-keyset-queries.ts does), the row
// counts, and the workspace facts the dataset card names.
import { databaseKind, replicaDb } from '../../db';
import { env } from '../../env';
import { cursorTexts } from '../export-cursor';
import { Prisma } from '../../generated/prisma/client';
import type { PackageQuery, TableSpec } from './tables';

export type Cell = string | number | boolean | null;

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
  const sql = spec.select(q);
  if (databaseKind === 'postgres' && env.DATABASE_URL) {
    const select = Prisma.sql`SELECT t.r::text AS r FROM (${sql}) t ORDER BY t.k COLLATE "C"`;
    for await (const texts of cursorTexts(env.DATABASE_REPLICA_URL ?? env.DATABASE_URL, select, batchSize)) yield texts.map((text) => JSON.parse(text) as Cell[]);
    return;
  }
  let pending: Promise<{ rows: Cell[][]; last: string | null }> | null = page(sql, null, batchSize);
  while (pending) {
    const current: { rows: Cell[][]; last: string | null } = await pending;
    pending = current.rows.length === batchSize && current.last !== null ? page(sql, current.last, batchSize) : null;
    pending?.catch(() => undefined);
    if (current.rows.length > 0) yield current.rows;
  }
}

export async function countRows(spec: TableSpec, q: PackageQuery): Promise<number> {
  if (!spec.select) return 0;
  const rows = await replicaDb.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${spec.select(q)}) t`;
  return Number(rows[0]?.n ?? 0);
}

/** Current credence values the package shows, in claim order: [claimId, value]. */
export function credenceValues(credences: TableSpec, q: PackageQuery, batchSize: number): AsyncGenerator<Cell[][]> {
  return tableRows(credences, q, batchSize);
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
