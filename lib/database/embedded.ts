// The embedded database: PGlite persisted under the data directory, guarded by a lock file, because two
// processes opening one PGlite folder destroy it (seen twice: the folder never opened again). `memory://` keeps
// it in memory.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { AppError } from '../errors';

export const MEMORY = 'memory://';

/**
 * Every PGlite this app opens: with the extensions the migrations create (pg_trgm, for search and similar claims).
 * `template`, a data-folder tarball, is what a database that does not exist yet starts from.
 */
export function createPGlite(dataDir?: string, template?: Blob): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm }, ...(template ? { loadDataDir: template } : {}) });
}

/** The template tarball, for a database folder that has no database yet (always, in memory). */
function templateFor(database: string | undefined, templatePath: string | undefined): Blob | undefined {
  if (templatePath === undefined) return undefined;
  if (database !== undefined && existsSync(path.join(database, 'PG_VERSION'))) return undefined;
  return new Blob([readFileSync(/*turbopackIgnore: true*/ templatePath)]);
}

export const embeddedPaths = (dataDir: string) => ({
  database: path.resolve(dataDir, 'pglite'),
  lock: path.resolve(dataDir, 'pglite.lock'),
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process holding the embedded database, or null when it is free. */
export function embeddedHolder(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(/*turbopackIgnore: true*/ embeddedPaths(dataDir).lock, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function busyError(dataDir: string, pid: number): AppError {
  return new AppError(
    'DATABASE_BUSY',
    `The embedded database in ${path.resolve(dataDir)} is in use by another Cruxmap process (pid ${pid}, ` +
      `probably the running app). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
  );
}

const held = new Set<string>();

function acquireLock(dataDir: string): void {
  const lockPath = embeddedPaths(dataDir).lock;
  if (held.has(lockPath)) return;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(/*turbopackIgnore: true*/ lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(lockPath);
      process.once('exit', () => releaseLockSync(lockPath));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = embeddedHolder(dataDir);
      if (holder !== null) throw busyError(dataDir, holder);
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new AppError('DATABASE_BUSY', `Could not take the lock ${lockPath}.`);
}

function releaseLockSync(lockPath: string): void {
  if (!held.delete(lockPath)) return;
  try {
    if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}

export type EmbeddedDatabase = { pglite: PGlite; close: () => Promise<void> };

/** Opens (creating it when new, from `templatePath` when given) the embedded database under `dataDir`. */
export async function openEmbedded(dataDir: string, templatePath?: string): Promise<EmbeddedDatabase> {
  if (dataDir === MEMORY) {
    const pglite = await createPGlite(undefined, templateFor(undefined, templatePath));
    return { pglite, close: () => pglite.close() };
  }
  acquireLock(dataDir);
  const lockPath = embeddedPaths(dataDir).lock;
  try {
    const database = embeddedPaths(dataDir).database;
    const pglite = await createPGlite(database, templateFor(database, templatePath));
    return {
      pglite,
      close: async () => {
        await pglite.close();
        releaseLockSync(lockPath);
      },
    };
  } catch (error) {
    releaseLockSync(lockPath);
    throw error;
  }
}
