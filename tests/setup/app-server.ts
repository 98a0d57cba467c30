// e2e global setup: serves the app the way users do — `cruxmap start` (migrate, load the corpus, build if
// needed, `next start`) — on a free port, with a fresh embedded data folder or a throwaway PostgreSQL database.
// It returns as soon as the server is spawned, so the other projects' tests run while it prepares its database;
// each e2e file waits for it to answer first (tests/setup/app-ready.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchApp } from '../support/app-server';
import { createThrowawayDatabase } from '../support/throwaway-database';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** the `cruxmap start` process, so a test file can tell a server that died from one still starting */
    appPid: number;
    appLog: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-e2e-'));
  const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl, 'cruxmap_e2e') : undefined;
  const logFile = path.join(dataDir, 'app.log');

  // CRUXMAP_DEMO: the demo account and the generated demo data on PostgreSQL too, as on the embedded database
  // CRUXMAP_PASSWORD_COST: bcrypt's lowest cost for the accounts the browser tests sign up (production's is 12)
  // CRUXMAP_VISIT_GAP_SECONDS: two openings of a document 12 s apart are two visits ("new since my last visit" in
  // seconds; each opening within 12 s of the one before stays the same visit, even on a busy machine)
  const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production', CRUXMAP_DEMO: '1', CRUXMAP_PASSWORD_COST: '4', CRUXMAP_VISIT_GAP_SECONDS: '12' };
  delete env.DATABASE_URL;
  if (throwaway) env.DATABASE_URL = throwaway.url;
  // a build, when the sources are newer than the last one, happens inside `cruxmap start`: allow for it
  const app = await launchApp({ env, readyPath: '/api/v1/health', timeoutMs: 600_000, logFile });
  app.ready.catch(async (error: unknown) => {
    console.error(`${String(error)}\n${await readFile(logFile, 'utf8').catch(() => '')}`);
  });

  project.provide('baseUrl', app.baseUrl);
  project.provide('appPid', app.pid);
  project.provide('appLog', logFile);

  return async () => {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
    await throwaway?.drop();
  };
}
