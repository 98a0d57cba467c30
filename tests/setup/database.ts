// Per test file: a fresh database, copied from the run's migrated template (tests/setup/database-template.ts).
// PGlite in memory by default; with DATABASE_URL, a throwaway database on that server, created here and dropped
// when the file is done. lib/db.ts picks it up from the environment. The CLI processes a test starts inherit
// CRUXMAP_EMBEDDED_TEMPLATE, so a new embedded folder they open starts migrated too; a test of the first-start
// path itself removes it from the child's environment.
import { afterAll, inject } from 'vitest';
import { createThrowawayDatabase } from '../support/throwaway-database';

const serverUrl = process.env.DATABASE_URL;
const template = inject('databaseTemplate');
const throwaway = serverUrl
  ? await createThrowawayDatabase(serverUrl, 'cruxmap_test', template.kind === 'postgres' ? template.name : undefined)
  : undefined;

if (throwaway) process.env.DATABASE_URL = throwaway.url;
else process.env.CRUXMAP_DATA_DIR = 'memory://';
if (template.kind === 'embedded') process.env.CRUXMAP_EMBEDDED_TEMPLATE = template.file;

afterAll(async () => {
  const { closeDb } = await import('../../lib/db');
  await closeDb();
  delete (globalThis as { cruxmapDb?: unknown }).cruxmapDb;
  if (throwaway) {
    await throwaway.drop();
    process.env.DATABASE_URL = serverUrl;
  }
});
