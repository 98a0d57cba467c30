// The workspace dump's reads: the workspace, the accounts its rows name, and each table's rows in keyset pages of
// to_jsonb, in DUMP_TABLES order (lib/datasets/dump/format.ts). Every statement filters on the workspace.
import { databaseKind, db } from '../../db';
import { env } from '../../env';
import { Prisma } from '../../generated/prisma/client';
import { cursorTexts } from '../export-cursor';
import { AppError } from '../../errors';
import { DUMP_TABLES, type DumpTable, type DumpUser } from './format';

export async function dumpWorkspace(slug: string): Promise<{ id: string; slug: string; name: string; visibility: string; licence: string | null }> {
  const ws = await db.workspace.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, visibility: true, licence: true } });
  if (!ws) throw new AppError('NOT_FOUND', `Workspace "${slug}" not found.`);
  return ws;
}

/** Every account any dumped row names (members, authors, moderators, actors of the audit log). */
export async function dumpUsers(workspaceId: string): Promise<DumpUser[]> {
  const selects = DUMP_TABLES.flatMap((t) => t.users.map((c) => `SELECT t."${c}" AS id FROM "${t.table}" t WHERE t."workspaceId" = $1`));
  return db.$queryRawUnsafe<DumpUser[]>(
    `SELECT u.id, u.email, u.name FROM "User" u WHERE u.id IN (${selects.join(' UNION ')}) ORDER BY u.id`,
    workspaceId,
  );
}

/**
 * One table's rows, a batch at a time in key order: on PostgreSQL through one server-side cursor (a single plan:
 * keyset pages sorted the whole table again for each page, on the C collation no index serves), on the embedded
 * database in keyset pages.
 */
export async function* dumpRows(spec: DumpTable, workspaceId: string, batchSize: number): AsyncGenerator<Record<string, unknown>[]> {
  if (databaseKind === 'postgres' && env.DATABASE_URL) {
    const select = Prisma.sql`SELECT to_jsonb(t)::text AS r FROM ${Prisma.raw(`"${spec.table}"`)} t
       WHERE t."workspaceId" = ${workspaceId} ORDER BY ${Prisma.raw(spec.key)} COLLATE "C"`;
    for await (const texts of cursorTexts(env.DATABASE_URL, select, batchSize)) yield texts.map((text) => JSON.parse(text) as Record<string, unknown>);
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page: { data: string }[] = await db.$queryRawUnsafe<{ data: string }[]>(
      `SELECT coalesce(json_agg(json_build_array(s.r, s.k) ORDER BY s.k COLLATE "C"), '[]'::json)::text AS data
         FROM (SELECT to_jsonb(t) AS r, ${spec.key} AS k FROM "${spec.table}" t
                WHERE t."workspaceId" = $1 AND ($2::text IS NULL OR ${spec.key} COLLATE "C" > $2::text)
                ORDER BY ${spec.key} COLLATE "C" LIMIT $3) s`,
      workspaceId,
      after,
      batchSize,
    );
    const rows = JSON.parse(page[0]?.data ?? '[]') as [Record<string, unknown>, string][];
    if (rows.length > 0) yield rows.map((r) => r[0]);
    if (rows.length < batchSize) return;
    after = (rows[rows.length - 1] as [Record<string, unknown>, string])[1];
  }
}
