// `npm run dev` as a developer runs it: first what `cruxmap setup` does — the migrations and the bundled corpus —
// then the app's server in development mode, which starts only after the preparation has closed the database again (only one process may
// open an embedded folder). On the suite's database: a fresh embedded folder, or this file's PostgreSQL database.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPGlite } from '../../lib/database/embedded';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../lib/database/migrate';
import { freePort } from '../support/app-server';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-dev-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Rows of `sql` on the database `npm run dev` prepared: the embedded folder, or DATABASE_URL's database. */
async function query<T>(dataDir: string, sql: string): Promise<T[]> {
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const pglite = await createPGlite(path.join(dataDir, 'pglite'));
  try {
    return (await pglite.query<T>(sql)).rows;
  } finally {
    await pglite.close();
  }
}

describe('npm run dev', () => {
  it('migrates the database and loads the bundled corpus, then starts the development server with the database let go of', async () => {
    const dataDir = path.join(tmp, 'data');
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir, PORT: String(port) };
    if (!process.env.DATABASE_URL) delete env.DATABASE_URL;
    delete env.CRUXMAP_EMBEDDED_TEMPLATE; // a developer's first run: every migration, from nothing
    const dev = spawn('npm', ['run', 'dev'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => dev.once('exit', () => resolve()));
    try {
      // the server says it is ready once it listens (Next compiles pages only when they are asked for)
      const deadline = Date.now() + 240_000;
      while (!/Cruxmap: listening on/.test(output) && dev.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(output).toMatch(/Cruxmap: listening on/);
      expect(output).toMatch(/Cruxmap: preparing the (embedded database|PostgreSQL)/);
      expect(output.match(/^ {2}\[\d\/5\] [\w-]+: created \(v1, \d+ passages\)$/gm)).toHaveLength(5);
      expect(output.indexOf('Cruxmap: starting the development server')).toBeGreaterThan(output.indexOf('[5/5]'));
      // it says what it is doing at each step; in a pipe as plain lines (no redrawing)
      const names = (await readMigrations()).names;
      if (!process.env.DATABASE_URL) {
        expect(output).toContain(`  migrating: ${names.length} migrations to apply`);
        for (const [i, name] of names.entries()) expect(output).toContain(`  migrating: [${i + 1}/${names.length}] ${name} (`);
        expect(output).toMatch(/^ {2}demo data: \d+\/\d+ annotations written \(100%/m);
        expect(output.indexOf('migrating: [1/')).toBeGreaterThan(output.indexOf('opening the database'));
      }
      expect(output.indexOf('database ready in')).toBeLessThan(output.indexOf('[1/5]'));
      expect(output.indexOf('corpus loaded in')).toBeGreaterThan(output.indexOf('[5/5]'));
      expect(output).not.toContain('\x1b[2K');
      // while the server runs, nothing holds the embedded folder: the preparation closed it
      if (!process.env.DATABASE_URL) expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
    } finally {
      if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
      await exited;
    }

    const applied = await query<{ migration_name: string }>(
      dataDir,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    expect(applied.map((m) => m.migration_name)).toEqual((await readMigrations()).names);
    const manifest = JSON.parse(await readFile(path.join('content', 'manifest.json'), 'utf8')) as { workspace: { slug: string }; documents: { slug: string }[] };
    const documents = await query<{ slug: string }>(
      dataDir,
      `SELECT d.slug FROM "Document" d JOIN "Workspace" w ON w.id = d."workspaceId" WHERE w.slug = '${manifest.workspace.slug}' ORDER BY d.slug`,
    );
    expect(documents.map((d) => d.slug)).toEqual(manifest.documents.map((d) => d.slug).sort());
  });
});
