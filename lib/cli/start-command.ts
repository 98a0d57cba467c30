// `npm start`: migrate and seed (strictly before the server opens the database), build when the build's inputs
// differ from the last build's (a hash of their contents, lib/cli/build-inputs.ts), then serve the built app through
// bin/server.ts (Next's handler inside the server that sees each client's socket, lib/server/). `npm run dev`: the
// same preparation, then the same server in dev mode. Each step says what it is doing as it goes
// (lib/cli/progress.ts): the migrations one by one, the corpus, the demo data, Next's own build output.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { embeddedPaths, MEMORY } from '../database/embedded';
import { childProcessEnv, env, isEmbeddedDatabase, listenHost } from '../env';
import { buildInputsHash, buildReason, buildStampFile, recordBuild } from './build-inputs';
import { assertDatabaseAvailable } from './database-guard';
import { progressOut, seconds, type ProgressOut } from './progress';

const nextBin = (): string => path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

/** Whether `start` would build: no build yet, or its inputs changed since (bench and tests ask too). */
export function needsBuild(): boolean {
  return buildReason(process.cwd()) !== null;
}

type Out = { log: (line: string) => void; stream?: { isTTY?: boolean; write: (chunk: string) => unknown } };

/** `cruxmap db migrate`: the first query opens the database, which applies pending migrations. */
export async function migrateDatabase(log: (line: string) => void): Promise<void> {
  assertDatabaseAvailable();
  await openDatabase(progressOut({ log }));
  log('cruxmap: the database is up to date');
}

/** Opens the database (applying pending migrations) and says so as it goes: each migration as it is applied. */
async function openDatabase(out: ProgressOut): Promise<void> {
  const { setMigrationListener } = await import('../database/migrate');
  const { db } = await import('../db');
  const started = performance.now();
  const isNewFolder = isEmbeddedDatabase() && env.CRUXMAP_DATA_DIR !== MEMORY && !existsSync(path.join(embeddedPaths(env.CRUXMAP_DATA_DIR).database, 'PG_VERSION'));
  out.line(isNewFolder ? '  creating the embedded database (PGlite initdb, first start only)…' : '  opening the database…');
  let stopHeartbeat = out.heartbeat(isNewFolder ? '  still creating the embedded database' : '  still opening the database');
  setMigrationListener((event) => {
    if (event.kind === 'pending') {
      stopHeartbeat();
      stopHeartbeat = out.heartbeat('  still migrating');
    }
    if (event.kind === 'pending') out.line(`  migrating: ${event.names.length} migration${event.names.length === 1 ? '' : 's'} to apply (loading Prisma's schema engine)`);
    else if (event.kind === 'engine-ready') out.line(`  migrating: schema engine ready in ${seconds(event.ms)}`);
    else out.progress(`  migrating: [${event.index}/${event.total}] ${event.name} (${seconds(event.ms)})`);
  });
  try {
    await db.$queryRaw`SELECT 1`;
  } finally {
    stopHeartbeat();
    setMigrationListener(undefined);
  }
  out.line(`  database ready in ${seconds(performance.now() - started)}`);
}

/** `cruxmap setup`: migrate and load the bundled corpus. The database stays open for the caller to close. */
export async function prepareDatabase(log: (line: string) => void, stream?: Out['stream']): Promise<void> {
  assertDatabaseAvailable();
  const out = progressOut({ log, stream });
  const where = isEmbeddedDatabase() ? `embedded database in ${path.resolve(env.CRUXMAP_DATA_DIR)}` : 'PostgreSQL (DATABASE_URL)';
  out.line(`Cruxmap: preparing the ${where}`);
  await openDatabase(out);
  const { seed } = await import('../../prisma/seed');
  const withDemo = isEmbeddedDatabase() || env.CRUXMAP_DEMO;
  const corpusStarted = performance.now();
  out.line('  loading the bundled corpus…');
  let demoStarted = 0;
  const report = await seed({
    withDemoAccount: withDemo,
    onProgress: (r, i, total) => {
      out.line(`  [${i + 1}/${total}] ${r.slug}: ${r.status} (v${r.versionNumber}, ${r.passageCount} passages)`);
      if (i + 1 < total) return;
      out.line(`  corpus loaded in ${seconds(performance.now() - corpusStarted)}`);
      if (withDemo) out.line('  demo data: the generated reviewers and their annotations (made once)…');
      demoStarted = performance.now();
    },
    onDemoProgress: (done, total, document) => {
      if (document === 'done') return;
      if (done === 0) return out.line(`  demo data: ${total} annotations generated, writing them a document at a time…`);
      out.progress(`  demo data: ${done}/${total} annotations written (${Math.round((100 * done) / total)}%, ${document}, ${seconds(performance.now() - demoStarted)})`);
    },
  });
  if (report.demoAccount !== 'skipped') out.line('  demo account: demo@cruxmap.local / cruxmap-demo');
  const demo = report.demoData;
  if (demo?.status === 'created') {
    out.line(`  demo data: ${demo.reviewers} generated reviewers, ${demo.claims} claims, ${demo.annotations} annotations, ${demo.replies} replies in ${seconds(demo.ms)}`);
  } else if (demo?.status === 'exists') out.line('  demo data: already there');
}

/** What start and dev do before Next opens the database: prepare it, then close it and release the embedded folder. */
async function prepareThenClose(out: Out): Promise<void> {
  const { closeDb } = await import('../db');
  try {
    await prepareDatabase(out.log, out.stream);
  } finally {
    await closeDb();
  }
}

/** The environment of the Next process: next-auth builds its callback URLs from NEXTAUTH_URL (behind a proxy, set it to the public URL). */
function nextEnv(): NodeJS.ProcessEnv {
  return childProcessEnv({
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(env.PORT),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
  });
}

const serverEntry = (): string => path.join(process.cwd(), 'bin', 'server.ts');

/** Runs the app's server (bin/server.ts) on HOST:PORT in the foreground, passing signals on; resolves with its exit code. */
function runServer(command: 'start' | 'dev', childEnv: NodeJS.ProcessEnv, out?: ProgressOut): Promise<number> {
  const server = spawn(process.execPath, ['--import', 'tsx', serverEntry(), command], {
    stdio: 'inherit',
    env: { ...childEnv, NODE_ENV: command === 'start' ? 'production' : 'development' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => server.kill(signal));
  }
  const exited = new Promise<number>((resolve) => server.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
  if (out) void announceReady(out, exited);
  return exited;
}

/**
 * Next says "Ready" once it listens, but the first request still opens the database and renders: ask for the
 * health check (which opens the database) until it answers, then say the app is ready. Gives up after 10 minutes.
 */
async function announceReady(out: ProgressOut, exited: Promise<number>): Promise<void> {
  const url = `http://localhost:${env.PORT}`;
  const started = performance.now();
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const stopHeartbeat = out.heartbeat('  waiting for the server to answer');
  try {
    while (!hasExited && performance.now() - started < 600_000) {
      const ok = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.ok, () => false);
      if (ok) {
        out.line(`Cruxmap: ready on ${url} (the server answered ${seconds(performance.now() - started)} after it was started)`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    stopHeartbeat();
  }
}

/** `next build`, its output passed through line by line; on success the hash of the inputs it was built from is kept. */
async function build(out: ProgressOut, reason: string, childEnv: NodeJS.ProcessEnv): Promise<number> {
  const root = process.cwd();
  const hash = buildInputsHash(root);
  rmSync(buildStampFile(root), { force: true });
  out.line(`Cruxmap: building the app (next build: ${reason})…`);
  const started = performance.now();
  const child = spawn(process.execPath, [nextBin(), 'build'], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  // Next's own progress (its phases, the routes it compiles), indented under ours
  const pass = (stream: NodeJS.ReadableStream | null) => {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (pending + chunk).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') out.line(`  next: ${line}`);
    });
    stream?.on('end', () => pending.trim() !== '' && out.line(`  next: ${pending}`));
  };
  pass(child.stdout);
  pass(child.stderr);
  // Next prints nothing while it compiles (minutes on a busy machine)
  const stopHeartbeat = out.heartbeat('  still building');
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)))).finally(stopHeartbeat);
  if (code !== 0) {
    out.line(`Cruxmap: the build failed (exit ${code}).`);
    return code;
  }
  recordBuild(root, hash);
  out.line(`Cruxmap: built in ${seconds(performance.now() - started)}`);
  return 0;
}

/** `cruxmap build` (npm run build): build and keep the hash of the inputs, so that `start` builds only when they change. */
export async function runBuild(log: (line: string) => void, stream?: Out['stream']): Promise<number> {
  return build(progressOut({ log, stream }), buildReason(process.cwd()) ?? 'asked for', nextEnv());
}

export async function runStart(log: (line: string) => void, stream?: Out['stream']): Promise<number> {
  const started = performance.now();
  await prepareThenClose({ log, stream });
  const out = progressOut({ log, stream });
  const childEnv = nextEnv();
  const reason = buildReason(process.cwd());
  if (reason === null) out.line('Cruxmap: the build is up to date (its sources are unchanged)');
  else {
    const code = await build(out, reason, childEnv);
    if (code !== 0) return code;
  }
  out.line(`Cruxmap: serving on http://localhost:${env.PORT} (prepared in ${seconds(performance.now() - started)}), starting the server (listening on ${listenHost()})…`);
  return runServer('start', childEnv, out);
}

/**
 * `npm run dev`: what `cruxmap setup` does (migrate, load the corpus, the demo account on the embedded database),
 * then the app's server in development mode (Next's `dev`). The preparation has closed the database — and released the embedded folder's lock — before
 * the server starts, since only one process may open the folder.
 */
export async function runDev(log: (line: string) => void, stream?: Out['stream']): Promise<number> {
  await prepareThenClose({ log, stream });
  log(`Cruxmap: starting the development server on http://localhost:${env.PORT} (listening on ${listenHost()})`);
  return runServer('dev', nextEnv());
}
