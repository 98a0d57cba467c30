// Applies prisma/migrations/* to PostgreSQL or PGlite with Prisma's own schema engine, compiled to WASM
// (Prisma's native engine cannot be downloaded here). It records Prisma's standard _prisma_migrations table.
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationTarget } from './adapters';

import type * as SchemaEngineModule from '@prisma/schema-engine-wasm/schema_engine_bg';

type SchemaEngineRuntime = typeof SchemaEngineModule;
type SchemaEngine = Awaited<ReturnType<SchemaEngineRuntime['SchemaEngine']['new']>>;

const emptyFilters = { externalTables: [] as string[], externalEnums: [] as string[] };

export const migrationsDir = (): string => path.join(process.cwd(), 'prisma', 'migrations');
const schemaPath = (): string => path.join(process.cwd(), 'prisma', 'schema.prisma');

let runtimePromise: Promise<SchemaEngineRuntime> | undefined;

function loadRuntime(): Promise<SchemaEngineRuntime> {
  runtimePromise ??= (async () => {
    const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    const entry = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(entry), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })();
  return runtimePromise;
}

async function withEngine<T>(target: MigrationTarget, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const runtime = await loadRuntime();
  const logs: string[] = [];
  const engine = await runtime.SchemaEngine.new(
    { datamodels: undefined },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(target.factory),
  );
  try {
    return await run(engine);
  } catch (error) {
    throw new Error(`Migration failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; error_code?: unknown };
    if (typeof e.message === 'string') return `${typeof e.error_code === 'string' ? `${e.error_code} ` : ''}${e.message}`;
    return JSON.stringify(error);
  }
  return String(error);
}

export type MigrationFileSet = { names: string[]; list: Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'] };

export async function readMigrations(dir = migrationsDir()): Promise<MigrationFileSet> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    names,
    list: {
      baseDir: dir,
      lockfile: { path: 'migration_lock.toml', content: lockContent },
      shadowDbInitScript: '',
      migrationDirectories,
    },
  };
}

/** Names of migrations the database has finished applying (empty on a fresh database). */
async function appliedMigrations(target: MigrationTarget): Promise<Set<string>> {
  const exists = await target.queryRows<{ present: boolean }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
  );
  if (!exists[0]?.present) return new Set();
  const rows = await target.queryRows<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => r.migration_name));
}

/** What applying migrations reports as it goes: the pending count, then each migration as it is applied. */
export type MigrationEvent =
  | { kind: 'pending'; names: string[] }
  | { kind: 'engine-ready'; ms: number }
  | { kind: 'applied'; name: string; index: number; total: number; ms: number };

let migrationListener: ((event: MigrationEvent) => void) | undefined;

/** Who hears the migrations of this process as they apply (`npm start` prints them); undefined: nobody. */
export function setMigrationListener(listener: ((event: MigrationEvent) => void) | undefined): void {
  migrationListener = listener;
}

/**
 * Applies every pending migration; returns the names applied. Cheap when nothing is pending. When the applied ones
 * are the first of the list (the usual case), the pending ones are applied one call each, so that a listener
 * hears each one; otherwise (a history merged out of order) all in one call, as Prisma's deploy does.
 */
export async function applyMigrations(target: MigrationTarget, dir = migrationsDir()): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const applied = await appliedMigrations(target);
  const pending = migrations.names.filter((name) => !applied.has(name));
  if (pending.length === 0) return [];
  const listener = migrationListener;
  listener?.({ kind: 'pending', names: pending });
  const started = performance.now();
  return withEngine(target, async (engine) => {
    listener?.({ kind: 'engine-ready', ms: performance.now() - started });
    // the pending ones are the list's last ones: applying a growing prefix applies exactly one each time
    const firstPending = migrations.names.indexOf(pending[0] as string);
    const isPrefix = migrations.names.slice(firstPending).every((name) => !applied.has(name));
    if (!listener || !isPrefix) {
      const result = await engine.applyMigrations({ migrationsList: migrations.list, filters: emptyFilters });
      return result.appliedMigrationNames;
    }
    const names: string[] = [];
    for (const [i, name] of pending.entries()) {
      const began = performance.now();
      const upTo = firstPending + i + 1;
      const list = { ...migrations.list, migrationDirectories: migrations.list.migrationDirectories.slice(0, upTo) };
      const result = await engine.applyMigrations({ migrationsList: list, filters: emptyFilters });
      names.push(...result.appliedMigrationNames);
      listener({ kind: 'applied', name, index: i + 1, total: pending.length, ms: performance.now() - began });
    }
    return names;
  });
}

/**
 * Writes a new migration: the SQL that takes a database migrated to the current history to
 * prisma/schema.prisma. `scratch` must be an empty database (a throwaway in-memory PGlite).
 */
export async function createMigration(
  scratch: MigrationTarget,
  name: string,
): Promise<{ directory: string; sql: string } | null> {
  const migrations = await readMigrations().catch(() => null);
  const schema = { path: schemaPath(), content: await readFile(schemaPath(), 'utf8') };
  return withEngine(scratch, async (engine) => {
    if (migrations && migrations.names.length > 0) {
      await engine.applyMigrations({ migrationsList: migrations.list, filters: emptyFilters });
    }
    const diff = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: emptyFilters,
    });
    const sql = diff.stdout ?? '';
    if (diff.exitCode !== 2 || sql.trim() === '' || sql.includes('-- This is an empty migration.')) return null;
    const stamp = new Date().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
    const directory = path.join(migrationsDir(), `${stamp}_${name}`);
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, 'migration.sql'), sql);
    const lockPath = path.join(migrationsDir(), 'migration_lock.toml');
    await writeFile(lockPath, '# Please do not edit this file manually\nprovider = "postgresql"\n', { flag: 'wx' }).catch(() => {});
    return { directory, sql };
  });
}
