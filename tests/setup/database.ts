// Per test file: a fresh database. PGlite in memory by default; with DATABASE_URL, a throwaway database on
// that server, created here and dropped when the file is done. lib/db.ts picks it up from the environment.
import { afterAll } from 'vitest';
import { createThrowawayDatabase } from '../support/throwaway-database';

const serverUrl = process.env.DATABASE_URL;
const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl, 'cruxmap_test') : undefined;

if (throwaway) process.env.DATABASE_URL = throwaway.url;
else process.env.CRUXMAP_DATA_DIR = 'memory://';

afterAll(async () => {
  const { closeDb } = await import('../../lib/db');
  await closeDb();
  delete (globalThis as { cruxmapDb?: unknown }).cruxmapDb;
  if (throwaway) {
    await throwaway.drop();
    process.env.DATABASE_URL = serverUrl;
  }
});
