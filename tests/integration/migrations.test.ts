// Migrations apply the same way to PGlite and PostgreSQL, whole or not at all.
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createPGlite } from '../../lib/database/embedded';
import { describe, expect, it } from 'vitest';
import { pgliteTarget, postgresTarget, type MigrationTarget } from '../../lib/database/adapters';
import { applyMigrations, migrationsDir, readMigrations } from '../../lib/database/migrate';
import { distributedTables } from '../../lib/database/statement-audit';
import { db } from '../../lib/db';
import { createThrowawayDatabase } from '../support/throwaway-database';

/** A second, empty database of the same kind as the test database. */
async function scratchTarget(): Promise<MigrationTarget & { drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pglite = await createPGlite();
    return { ...pgliteTarget(pglite), drop: () => pglite.close() };
  }
  const scratch = await createThrowawayDatabase(serverUrl, 'cruxmap_scratch');
  const target = postgresTarget(scratch.url);
  return {
    ...target,
    drop: async () => {
      await target.close();
      await scratch.drop();
    },
  };
}

describe('migrations', () => {
  it('applies every migration on first use and records it in _prisma_migrations', async () => {
    const { names } = await readMigrations();
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(names);
  });

  it('applies nothing when the database is up to date', async () => {
    const scratch = await scratchTarget();
    try {
      expect(await applyMigrations(scratch)).toEqual((await readMigrations()).names);
      expect(await applyMigrations(scratch)).toEqual([]);
    } finally {
      await scratch.drop();
    }
  });

  it('runs functions with $$ bodies: the audit log rejects updates and deletes', async () => {
    const workspace = await db.workspace.create({ data: { slug: `ws-${randomBytes(3).toString('hex')}`, name: 'W' } });
    const entry = await db.auditLog.create({
      data: { workspaceId: workspace.id, action: 'test', entityType: 'workspace', entityId: workspace.id },
    });
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: 'changed' } })).rejects.toThrow(/append-only/);
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe('test');
  });

  it('rolls a failing migration back completely and refuses to go on until it is resolved', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-migrations-'));
    await cp(migrationsDir(), dir, { recursive: true });
    const broken = path.join(dir, '29991231000000_broken');
    await mkdir(broken);
    await writeFile(
      path.join(broken, 'migration.sql'),
      [
        'CREATE TABLE "Scratch" ("id" INTEGER);',
        'CREATE FUNCTION "scratch_one"() RETURNS integer AS $$ SELECT 1; $$ LANGUAGE sql;',
        'INSERT INTO "Scratch" VALUES (1);',
        'SELECT 1 / 0;',
      ].join('\n'),
    );
    const scratch = await scratchTarget();
    try {
      await expect(applyMigrations(scratch, dir)).rejects.toThrow(/Migration failed/);
      const leftovers = await scratch.queryRows<{ table: string | null; fn: string | null }>(
        `SELECT to_regclass('"Scratch"')::text AS table, to_regproc('scratch_one')::text AS fn`,
      );
      expect(leftovers[0]).toEqual({ table: null, fn: null });
      const recorded = await scratch.queryRows<{ migration_name: string; finished_at: Date | null }>(
        `SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'`,
      );
      expect(recorded).toHaveLength(1);
      expect(recorded[0]?.finished_at).toBeNull();
      await expect(applyMigrations(scratch, dir)).rejects.toThrow(/P3009|failed migrations/);
    } finally {
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('backfills one crux link per (K, C) of the live crux annotations when crux links arrive', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-migrations-'));
    const { names } = await readMigrations();
    const before = names.filter((name) => name < '20261204140000_crux_links');
    await cp(path.join(migrationsDir(), 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'));
    for (const name of before) await cp(path.join(migrationsDir(), name), path.join(dir, name), { recursive: true });
    const scratch = await scratchTarget();
    try {
      await applyMigrations(scratch, dir);
      const crux = (id: string, author: string, k: string, c: string, deleted = false) =>
        `('${id}', 'w', 'd', 'v', '${author}', 'crux', '${k}', '${c}', 'K', 0, 1, now(), ${deleted ? 'now()' : 'NULL'})`;
      for (const statement of [
        `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u1', 'u1@x.test', 'U1', now()), ('u2', 'u2@x.test', 'U2', now())`,
        `INSERT INTO "Workspace" (id, slug, name, "updatedAt") VALUES ('w', 'w', 'W', now())`,
        `INSERT INTO "Document" (id, "workspaceId", slug, title, "updatedAt") VALUES ('d', 'w', 'd', 'D', now())`,
        `INSERT INTO "DocumentVersion" (id, "workspaceId", "documentId", number, text, "contentHash", "sourceFormat") VALUES ('v', 'w', 'd', 1, 'K C E', 'h', 'text')`,
        `INSERT INTO "Claim" (id, "workspaceId", statement, "createdById", "updatedAt") VALUES ('k', 'w', 'K', 'u1', now()), ('c', 'w', 'C', 'u1', now()), ('e', 'w', 'E', 'u1', now())`,
        `INSERT INTO "Annotation" (id, "workspaceId", "documentId", "versionId", "authorId", kind, "claimId", "forClaimId", exact, start, "end", "updatedAt", "deletedAt")
         VALUES ${[crux('a1', 'u1', 'k', 'c'), crux('a2', 'u2', 'k', 'c'), crux('a3', 'u1', 'c', 'k'), crux('a4', 'u1', 'e', 'c', true)].join(', ')}`,
      ]) {
        await scratch.queryRows(statement);
      }
      for (const name of names.filter((n) => !before.includes(n))) await cp(path.join(migrationsDir(), name), path.join(dir, name), { recursive: true });
      await applyMigrations(scratch, dir);
      const links = await scratch.queryRows<{ k: string; c: string }>(`SELECT "cruxClaimId" AS k, "forClaimId" AS c FROM "CruxLink" ORDER BY 1, 2`);
      expect(links).toEqual([
        { k: 'c', c: 'k' },
        { k: 'k', c: 'c' },
      ]);
    } finally {
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leads every workspace table’s keys with workspaceId, and joins workspace tables by it (ready to shard)', async () => {
    // tables with a NOT NULL "workspaceId", but for the two that stay whole on every node (prisma/citus/distribute.sql)
    const tables = await db.$queryRaw<{ table: string }[]>`
      SELECT c.table_name AS "table" FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.column_name = 'workspaceId' AND c.is_nullable = 'NO'
        AND c.table_name NOT IN ('Membership', 'Invite')
      ORDER BY 1`;
    const sharded = new Set(tables.map((t) => t.table));
    expect(sharded).toEqual(new Set(distributedTables));
    const keys = await db.$queryRaw<{ table: string; index: string; columns: string[] }[]>`
      SELECT t.relname AS "table", i.relname AS "index",
             ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
      FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND x.indisunique`;
    const shardKeys = keys.filter((k) => sharded.has(k.table));
    expect(shardKeys.filter((k) => k.index.endsWith('_pkey')).map((k) => k.table).sort()).toEqual([...sharded].sort());
    expect(shardKeys.filter((k) => k.columns[0] !== 'workspaceId')).toEqual([]);
    const foreign = await db.$queryRaw<{ table: string; name: string; references: string; columns: string[]; referenced: string[] }[]>`
      SELECT t.relname AS "table", con.conname AS name, r.relname AS "references",
             ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
             ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced
      FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND con.contype = 'f'`;
    const between = foreign.filter((f) => sharded.has(f.table) && sharded.has(f.references));
    expect(between.length).toBeGreaterThan(20);
    expect(between.filter((f) => f.columns[0] !== 'workspaceId' || f.referenced[0] !== 'workspaceId')).toEqual([]);
  });
});
