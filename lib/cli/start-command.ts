// `npm start`: migrate and seed (strictly before the server opens the database), build when the sources are
// newer than the last build, then serve with `next start`. `npm run dev`: the same preparation, then `next dev`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { childProcessEnv, env, isEmbeddedDatabase, listenHost } from '../env';
import { assertDatabaseAvailable } from './database-guard';

const nextBin = (): string => path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

const buildInputs = ['app', 'lib', 'next.config.js', 'postcss.config.mjs', 'package.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === 'generated' || child === 'node_modules' || child.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function needsBuild(): boolean {
  const buildId = path.join(process.cwd(), '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return buildInputs.some((entry) => newestMtime(path.join(process.cwd(), entry)) > built);
}

/** `cruxmap db migrate`: the first query opens the database, which applies pending migrations. */
export async function migrateDatabase(log: (line: string) => void): Promise<void> {
  assertDatabaseAvailable();
  const { db } = await import('../db');
  await db.$queryRaw`SELECT 1`;
  log('cruxmap: the database is up to date');
}

/** `cruxmap setup`: migrate and load the bundled corpus. The database stays open for the caller to close. */
export async function prepareDatabase(log: (line: string) => void): Promise<void> {
  assertDatabaseAvailable();
  const { seed } = await import('../../prisma/seed');
  const where = isEmbeddedDatabase() ? `embedded database in ${path.resolve(env.CRUXMAP_DATA_DIR)}` : 'PostgreSQL (DATABASE_URL)';
  log(`Cruxmap: preparing the ${where}`);
  let lastDocument = '';
  const report = await seed({
    withDemoAccount: isEmbeddedDatabase() || env.CRUXMAP_DEMO,
    onProgress: (r, i, total) => log(`  [${i + 1}/${total}] ${r.slug}: ${r.status} (v${r.versionNumber}, ${r.passageCount} passages)`),
    onDemoProgress: (done, total, document) => {
      if (document === lastDocument) return;
      lastDocument = document;
      log(`  demo data: ${Math.round((100 * done) / total)}% ${document === 'done' ? '' : `(${document})`}`.trimEnd());
    },
  });
  if (report.demoAccount !== 'skipped') log('  demo account: demo@cruxmap.local / cruxmap-demo');
  const demo = report.demoData;
  if (demo?.status === 'created') {
    log(`  demo data: ${demo.reviewers} generated reviewers, ${demo.claims} claims, ${demo.annotations} annotations, ${demo.replies} replies in ${(demo.ms / 1000).toFixed(1)} s`);
  }
}

/** What start and dev do before Next opens the database: prepare it, then close it and release the embedded folder. */
async function prepareThenClose(log: (line: string) => void): Promise<void> {
  const { closeDb } = await import('../db');
  try {
    await prepareDatabase(log);
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

/** Runs `next <command>` on HOST:PORT in the foreground, passing signals on; resolves with its exit code. */
function runNext(command: 'start' | 'dev', childEnv: NodeJS.ProcessEnv): Promise<number> {
  const server = spawn(process.execPath, [nextBin(), command, '-H', listenHost(), '-p', String(env.PORT)], {
    stdio: 'inherit',
    env: childEnv,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => server.kill(signal));
  }
  return new Promise((resolve) => server.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

export async function runStart(log: (line: string) => void): Promise<number> {
  await prepareThenClose(log);
  const childEnv = nextEnv();
  if (needsBuild()) {
    log('Cruxmap: building the app (next build)…');
    const build = spawnSync(process.execPath, [nextBin(), 'build'], { stdio: 'inherit', env: childEnv });
    if (build.status !== 0) {
      log('Cruxmap: the build failed.');
      return build.status ?? 1;
    }
  }
  log(`Cruxmap: serving on http://localhost:${env.PORT} (listening on ${listenHost()})`);
  return runNext('start', childEnv);
}

/**
 * `npm run dev`: what `cruxmap setup` does (migrate, load the corpus, the demo account on the embedded database),
 * then `next dev`. The preparation has closed the database — and released the embedded folder's lock — before
 * `next dev` starts, since only one process may open the folder.
 */
export async function runDev(log: (line: string) => void): Promise<number> {
  await prepareThenClose(log);
  log(`Cruxmap: starting next dev on http://localhost:${env.PORT} (listening on ${listenHost()})`);
  return runNext('dev', nextEnv());
}
