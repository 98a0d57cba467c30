// Per test file: a fresh database. PGlite in memory by default; with DATABASE_URL, a throwaway database on
// that server, created here and dropped when the file is done. lib/db.ts picks it up from the environment.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

const serverUrl = process.env.DATABASE_URL;
let throwaway: string | undefined;

if (serverUrl) {
  throwaway = `cruxmap_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${throwaway}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${throwaway}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.CRUXMAP_DATA_DIR = 'memory://';
}

afterAll(async () => {
  const { closeDb } = await import('../../lib/db');
  await closeDb();
  delete (globalThis as { cruxmapDb?: unknown }).cruxmapDb;
  if (serverUrl && throwaway) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${throwaway}" WITH (FORCE)`);
    await admin.end();
    process.env.DATABASE_URL = serverUrl;
  }
});
