// e2e global setup: serves the app the way users do — `cruxmap start` (migrate, load the corpus, build if
// needed, `next start`) — on a free port, with a fresh embedded data folder or a throwaway PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createThrowawayDatabase } from '../support/throwaway-database';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseKind: 'embedded' | 'postgres';
    dataDir: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`cruxmap start exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-e2e-'));
  const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl, 'cruxmap_e2e') : undefined;
  const databaseUrl = throwaway?.url;

  const port = await freePort();
  // CRUXMAP_DEMO: the demo account and the generated demo data on PostgreSQL too, as on the embedded database
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production', CRUXMAP_DEMO: '1' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const log: string[] = [];
  const server = spawn(process.execPath, ['bin/cruxmap.js', 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));

  // If this run is interrupted, take the server down with it instead of leaving it serving.
  const killServer = () => {
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killServer);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killServer();
      process.exit(1);
    });
  }

  const baseUrl = `http://localhost:${port}`;
  try {
    await waitForHealth(baseUrl, server, 600_000);
  } catch (error) {
    console.error(log.join(''));
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('databaseKind', databaseUrl ? 'postgres' : 'embedded');
  project.provide('dataDir', dataDir);

  return async () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    await rm(dataDir, { recursive: true, force: true });
    await throwaway?.drop();
  };
}
