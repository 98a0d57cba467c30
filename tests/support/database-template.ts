// A migrated database that each test file's database starts from, made once per run: migrating a new database
// costs several seconds of CPU (Prisma's schema engine in WASM, the whole history), copying a migrated one a
// fraction of that. On PostgreSQL a template database (`CREATE DATABASE … TEMPLATE`); on the embedded database a
// PGlite data-folder tarball that lib/database/embedded.ts loads (CRUXMAP_EMBEDDED_TEMPLATE).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pgliteTarget, postgresTarget } from '../../lib/database/adapters';
import { createPGlite } from '../../lib/database/embedded';
import { applyMigrations } from '../../lib/database/migrate';

export type DatabaseTemplate = { kind: 'postgres'; name: string } | { kind: 'embedded'; file: string };

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabaseTemplate(serverUrl: string | undefined): Promise<{ template: DatabaseTemplate; drop: () => Promise<void> }> {
  if (serverUrl) {
    const name = `cruxmap_template_${randomBytes(6).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const target = postgresTarget(url.toString());
    try {
      await applyMigrations(target);
    } finally {
      await target.close(); // a template must have no connections while databases are copied from it
    }
    return {
      template: { kind: 'postgres', name },
      drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-template-'));
  const file = path.join(dir, 'pglite.tar');
  const pglite = await createPGlite();
  try {
    await applyMigrations(pgliteTarget(pglite));
    const dump = await pglite.dumpDataDir('none');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  return { template: { kind: 'embedded', file }, drop: () => rm(dir, { recursive: true, force: true }) };
}
