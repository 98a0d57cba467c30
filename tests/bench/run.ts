// `npm run bench`: measures what the issues set targets for and prints the figures as a table.
//   --preset scale|demo                                   what the generator makes: the scale data set (default),
//                                                         or the demo preset on the five corpus texts
//   --reviewers N --claims N --workspaces N --density F   scale of the generated data set
//   --skip-start                                          skip the start-to-first-page measurement
//   --annotations N                                       annotation creates per write measurement (default 2000)
//   --skip-annotations                                    skip the annotation measurements
//   --only-reading                                        of the annotation measurements, only the reading page of a
//                                                         document with 5 000 annotations and the list API
//   --skip-map                                            skip the disagreement-map measurements
//   --skip-search                                         skip the search measurements
//   --search-annotations N  --search-embedded-annotations N
//                                                         search bench size on PostgreSQL / embedded PGlite
//                                                         (default 1000000 / 1000000)
//   --skip-claim-page                                     skip the claim page measurements
//   --skip-events                                         skip live fan-out (two instances, 200 SSE streams)
//   --skip-notifications                                  skip notification fan-out (200 members, 100 open streams)
//   --skip-export                                         skip the dataset-export measurements
//   --export-sizes N,N,…  --export-formats F,F,…          export sizes (default 10000,100000,1000000) and formats
//   --skip-load                                           skip the load section (concurrent reviewers writing)
//   --duration S  --load-reviewers N                      its length in seconds (default 60) and reviewers (default 50)
// Sections 1–3 use an in-memory PGlite, or a throwaway database on the server in DATABASE_URL. The
// disagreement map (section 3) is measured at its own fixed scale on both databases, each in a process of its
// own (disagreement.ts). The annotation section needs PostgreSQL (DATABASE_URL, else the local server at
// DEFAULT_POSTGRES) and the built app.
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { startApp, type AppServer } from '../support/app-server';
import { isInterrupted, onInterrupt } from '../support/cleanup';
import { ms, type Figure } from './stats';

const DEFAULT_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

const rows: Figure[] = [];
const record = (figure: string, value: string, target = '') => {
  rows.push({ figure, value, target });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target})` : ''}`);
};

let args;
try {
  args = parseArgs({
    options: {
      preset: { type: 'string', default: 'scale' },
      reviewers: { type: 'string', default: '60' },
      claims: { type: 'string', default: '200' },
      workspaces: { type: 'string', default: '2' },
      density: { type: 'string', default: '0.5' },
      'skip-start': { type: 'boolean', default: false },
      annotations: { type: 'string', default: '2000' },
      'skip-annotations': { type: 'boolean', default: false },
      'only-reading': { type: 'boolean', default: false },
      'skip-map': { type: 'boolean', default: false },
      'skip-search': { type: 'boolean', default: false },
      'search-annotations': { type: 'string', default: '1000000' },
      'search-embedded-annotations': { type: 'string', default: '1000000' },
      'skip-claim-page': { type: 'boolean', default: false },
      'skip-events': { type: 'boolean', default: false },
      'skip-notifications': { type: 'boolean', default: false },
      'skip-export': { type: 'boolean', default: false },
      'export-sizes': { type: 'string', default: '10000,100000,1000000' },
      'export-formats': { type: 'string', default: 'jsonl,csv,w3c,package' },
      'skip-load': { type: 'boolean', default: false },
      duration: { type: 'string', default: '60' },
      'load-reviewers': { type: 'string', default: '50' },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(2);
}
const scale = {
  reviewers: Number(args.reviewers),
  claims: Number(args.claims),
  workspaces: Number(args.workspaces),
  density: Number(args.density),
};
for (const [name, value] of Object.entries(scale)) {
  if (!Number.isFinite(value) || value <= 0 || (name === 'density' && value > 1)) {
    console.error(`bench: --${name} must be a positive number${name === 'density' ? ' up to 1' : ''}`);
    process.exit(2);
  }
}

const { presets } = await import('./presets');
const preset = presets.find((p) => p === args.preset);
if (!preset) {
  console.error(`bench: --preset must be one of ${presets.join(', ')} (got "${args.preset}")`);
  process.exit(2);
}

for (const name of ['search-annotations', 'search-embedded-annotations'] as const) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1000) {
    console.error(`bench: --${name} must be a whole number of at least 1000`);
    process.exit(2);
  }
}

const annotationCount = Number(args.annotations);
if (!Number.isInteger(annotationCount) || annotationCount <= 0) {
  console.error('bench: --annotations must be a positive whole number');
  process.exit(2);
}

/** Can a PostgreSQL server be reached at this URL (within 3 s)? */
async function isPostgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A section measured in a process of its own (`script`: the disagreement map's disagreement.ts by default, or the
 * claim page's claim-page.ts), on an in-memory PGlite (no databaseUrl) or on a throwaway database of the server at
 * databaseUrl.
 */
async function measureApart(
  databaseUrl: string | undefined,
  script = 'tests/bench/disagreement.ts',
  what = 'disagreement map',
  extraArgs: readonly string[] = [],
): Promise<void> {
  const throwaway = databaseUrl ? await createThrowawayDatabase(databaseUrl, 'cruxmap_bench_map') : undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-map-'));
  const keep = onInterrupt(async () => {
    await throwaway?.drop();
    await rm(dir, { recursive: true, force: true });
  });
  const out = path.join(dir, 'figures.json');
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: 'memory://' };
    delete env.DATABASE_URL;
    if (throwaway) env.DATABASE_URL = throwaway.url;
    // --expose-gc: the map's script collects its data generation's garbage before it measures (disagreement.ts)
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--out', out, ...extraArgs], { env, stdio: 'inherit' });
    const keepChild = onInterrupt(() => Promise.resolve(void child.kill('SIGTERM')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    keepChild();
    // what was measured before a failure still counts
    rows.push(...(JSON.parse(await readFile(out, 'utf8').catch(() => '[]')) as Figure[]));
    if (code !== 0) throw new Error(`the ${what} measurements stopped (exit ${code})`);
  } catch (error) {
    record(`${what} on ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}`, `failed: ${(error as Error).message}`);
  } finally {
    keep();
    await throwaway?.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

// A database of our own for the run.
const serverUrl = process.env.DATABASE_URL;
const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl, 'cruxmap_bench') : undefined;
const keepThrowaway = throwaway ? onInterrupt(throwaway.drop) : () => {};
if (throwaway) {
  process.env.DATABASE_URL = throwaway.url;
} else {
  process.env.CRUXMAP_DATA_DIR = 'memory://';
}

const { normalizeDocument } = await import('../../lib/corpus/normalize');
const { db, closeDb, databaseKind } = await import('../../lib/db');
const { operatorActor, workspaceContext } = await import('../../lib/context/context');
const { readBundledManifest, contentDir, loadBundledCorpus } = await import('../../lib/documents/bundled-corpus');
const { generateDataset, generateDemo } = await import('./generate');

console.log(`Cruxmap bench on ${databaseKind === 'embedded' ? 'embedded PGlite (in memory)' : 'PostgreSQL'}`);

try {
  // 1. The importer on the five bundled texts.
  console.log('\n[1/7] importer');
  const manifest = await readBundledManifest();
  const texts = await Promise.all(manifest.documents.map((d) => readFile(path.join(contentDir(), d.file), 'utf8')));
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    for (const [j, text] of texts.entries()) normalizeDocument(text, { filename: manifest.documents[j]?.file });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  record('normalize the 5 texts (median of 5)', ms(runs[2] ?? 0), '< 2000 ms together');

  const t0 = performance.now();
  await db.$queryRaw`SELECT 1`;
  record('open + migrate a fresh database', ms(performance.now() - t0));
  const workspace = await db.workspace.create({ data: { slug: 'bench-corpus', name: 'Bench corpus' }, select: { id: true, slug: true, name: true, visibility: true } });
  const operator = workspaceContext(operatorActor, workspace, null);
  const t1 = performance.now();
  await loadBundledCorpus({ ctx: operator });
  record('import the 5 texts into the database', ms(performance.now() - t1), '< 2000 ms together');
  const t2 = performance.now();
  await loadBundledCorpus({ ctx: operator });
  record('re-import the 5 unchanged texts', ms(performance.now() - t2));

  // 2. The data generator.
  if (preset === 'demo') {
    console.log('\n[2/7] generating the demo preset on the five corpus texts');
    const demo = await generateDemo(db, workspace.id, (done, total, document) =>
      process.stdout.write(`\r  annotations ${done}/${total} ${document.padEnd(40)}${done === total ? '\n' : ''}`),
    );
    record(
      'demo preset',
      `${demo.reviewers} reviewers, ${demo.claims} claims, ${demo.annotations} annotations, ${demo.replies} replies in ${ms(demo.ms)} ` +
        `(${Math.round(demo.annotations / (demo.ms / 1000))} annotations/s, written in batches)`,
    );
  }
  console.log(`\n[2/7] generating ${scale.workspaces} workspaces × ${scale.reviewers} reviewers × ${scale.claims} claims`);
  const generated = await generateDataset(db, scale, (done, total) =>
    process.stdout.write(`\r  credences ${done}/${total}${done === total ? '\n' : ''}`),
  );
  record('generated rows', `${generated.rows} in ${ms(generated.ms)} (${Math.round(generated.rows / (generated.ms / 1000))} rows/s)`);

  // 3. Reads a later map view will need, pushed into SQL.
  console.log('\n[3/7] aggregate reads');
  const t3 = performance.now();
  const perClaim = await db.credence.groupBy({
    by: ['claimId'],
    where: { workspaceId: generated.workspaceIds[0], deletedAt: null },
    _avg: { value: true },
    _count: { _all: true },
  });
  record(`group ${perClaim.length} claims' credences in SQL`, ms(performance.now() - t3));

  // The disagreement map endpoint at 200 reviewers × 2 000 claims × 100 000 credences, on both databases.
  if (!args['skip-map']) {
    console.log('  disagreement map on embedded PGlite (200 reviewers × 2 000 claims × 100 000 credences)');
    await measureApart(undefined);
    const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
    if (await isPostgresReachable(postgresUrl)) {
      console.log('  disagreement map on PostgreSQL (200 reviewers × 2 000 claims × 100 000 credences)');
      await measureApart(postgresUrl);
    } else {
      record('disagreement map on PostgreSQL', `skipped: set DATABASE_URL (${postgresUrl} is unreachable)`);
    }
  }

  // Search: 200 varied queries at 1 000 000 annotations × 100 documents, on both databases.
  if (!args['skip-search']) {
    const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
    if (await isPostgresReachable(postgresUrl)) {
      console.log(`  search on PostgreSQL (${args['search-annotations']} annotations × 100 documents)`);
      await measureApart(postgresUrl, 'tests/bench/search.ts', 'search', ['--annotations', args['search-annotations']]);
    } else {
      record('search on PostgreSQL', `skipped: set DATABASE_URL (${postgresUrl} is unreachable)`);
    }
    console.log(`  search on embedded PGlite (${args['search-embedded-annotations']} annotations × 100 documents)`);
    await measureApart(undefined, 'tests/bench/search.ts', 'search', ['--annotations', args['search-embedded-annotations']]);
  }

  // The claim page's server time for a claim with 200 ratings and 50 pieces of evidence, on both databases.
  if (!args['skip-claim-page']) {
    console.log('  claim page on embedded PGlite (200 ratings, 50 pieces of evidence)');
    await measureApart(undefined, 'tests/bench/claim-page.ts', 'claim page');
    const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
    if (await isPostgresReachable(postgresUrl)) {
      console.log('  claim page on PostgreSQL (200 ratings, 50 pieces of evidence)');
      await measureApart(postgresUrl, 'tests/bench/claim-page.ts', 'claim page');
    } else {
      record('claim page on PostgreSQL', `skipped: set DATABASE_URL (${postgresUrl} is unreachable)`);
    }
  }
} finally {
  await closeDb();
  keepThrowaway();
  await throwaway?.drop();
  if (serverUrl) process.env.DATABASE_URL = serverUrl;
}

// 4. `npm start` to the first served page, on an already-built clone.
const { needsBuild } = await import('../../lib/cli/start-command');
if (!args['skip-start']) {
  console.log('\n[4/7] start → first page');
  if (needsBuild()) {
    record('start → first page', 'skipped: build first (npm run build), then bench again');
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production' };
    delete env.DATABASE_URL;
    try {
      const server = await startApp({ env, readyPath: '/' });
      await server.stop();
      record('start → first page (fresh embedded database, built app)', ms(server.startMs));
    } catch (error) {
      record('start → first page (fresh embedded database, built app)', (error as Error).message);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

// 5. Annotations on PostgreSQL: creates over HTTP beside raw INSERTs of the same rows, and the reading page of a
// document with 5 000 annotations. The measuring runs in a process of its own (annotations.ts) so that its
// lib/db opens the database the app serves, whatever sections 1–3 used.
if (!args['skip-annotations']) {
  console.log('\n[5/7] annotations (built app on PostgreSQL)');
  const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
  const isReachable = await isPostgresReachable(postgresUrl);
  if (needsBuild()) {
    record('annotation figures', 'skipped: build first (npm run build), then bench again');
  } else if (!isReachable) {
    record('annotation figures', `skipped: they need PostgreSQL; set DATABASE_URL (${postgresUrl} is unreachable)`);
  } else {
    const throwaway = await createThrowawayDatabase(postgresUrl, 'cruxmap_bench_annotations');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-annotations-'));
    const keepAnnotationsDatabase = onInterrupt(async () => {
      await throwaway.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const logFile = path.join(dataDir, 'app.log');
    const out = path.join(dataDir, 'figures.json');
    let server: AppServer | undefined;
    try {
      server = await startApp({
        env: { ...process.env, DATABASE_URL: throwaway.url, CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production' },
        readyPath: '/api/v1/health',
        logFile,
      });
      console.log(`  the app serves on ${server.baseUrl} (migrated, corpus loaded) after ${ms(server.startMs)}`);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'tests/bench/annotations.ts', '--base-url', server.baseUrl, '--app-pid', String(server.pid), '--count', String(annotationCount), '--out', out, ...(args['only-reading'] ? ['--only-reading'] : [])],
        { env: { ...process.env, DATABASE_URL: throwaway.url, CRUXMAP_DATA_DIR: dataDir }, stdio: 'inherit' },
      );
      const keepChild = onInterrupt(() => Promise.resolve(void child.kill('SIGTERM')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      keepChild();
      if (code !== 0) throw new Error(`the annotation measurements stopped (exit ${code})`);
      rows.push(...(JSON.parse(await readFile(out, 'utf8')) as Figure[]));
    } catch (error) {
      const log = isInterrupted() ? '' : await readFile(logFile, 'utf8').catch(() => '');
      if (log) console.error(`  the app's last output:\n${log.split('\n').slice(-20).join('\n')}`);
      record('annotation figures', `failed: ${(error as Error).message}`);
    } finally {
      await server?.stop();
      keepAnnotationsDatabase();
      await throwaway.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

// 6. Live fan-out: two built instances on PostgreSQL, 200 SSE streams across them (events.ts).
if (!args['skip-events']) {
  console.log('\n[6/7] live events (two built instances on PostgreSQL, 200 SSE streams)');
  const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
  if (needsBuild()) {
    record('live event figures', 'skipped: build first (npm run build), then bench again');
  } else if (!(await isPostgresReachable(postgresUrl))) {
    record('live event figures', `skipped: they need PostgreSQL; set DATABASE_URL (${postgresUrl} is unreachable)`);
  } else {
    const { measureEvents } = await import('./events');
    try {
      for (const figure of await measureEvents({ postgresUrl, clients: 200, writes: 200 })) {
        rows.push(figure);
        console.log(`  ${figure.figure}: ${figure.value}${figure.target ? ` (target ${figure.target})` : ''}`);
      }
    } catch (error) {
      record('live event figures', `failed: ${(error as Error).message}`);
    }
  }
}

// 6b. Notification fan-out on PostgreSQL: a reply in a 200-member workspace with 100 notification streams open, in a
// process of its own on a throwaway database (notifications.ts).
if (!args['skip-notifications']) {
  console.log('\n[6b/7] notification fan-out (PostgreSQL, 200 members, 100 open streams)');
  const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
  if (!(await isPostgresReachable(postgresUrl))) {
    record('notification fan-out', `skipped: it needs PostgreSQL; set DATABASE_URL (${postgresUrl} is unreachable)`);
  } else {
    const throwaway = await createThrowawayDatabase(postgresUrl, 'cruxmap_bench_notify');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-notify-'));
    const keep = onInterrupt(async () => {
      await throwaway.drop();
      await rm(dir, { recursive: true, force: true });
    });
    try {
      const out = path.join(dir, 'figures.json');
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/notifications.ts', '--members', '200', '--streams', '100', '--replies', '200', '--out', out], {
        env: { ...process.env, DATABASE_URL: throwaway.url },
        stdio: 'inherit',
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`the notification measurements stopped (exit ${code})`);
      rows.push(...(JSON.parse(await readFile(out, 'utf8')) as Figure[]));
    } catch (error) {
      record('notification fan-out', `failed: ${(error as Error).message}`);
    } finally {
      keep();
      await throwaway.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }
}

// 7. Dataset export on PostgreSQL: `cruxmap export` in a child process (rate, peak RSS) beside COPY of the same rows,
// for each size (export.ts, in a process of its own on a throwaway database).
if (!args['skip-export']) {
  console.log('\n[7/7] dataset export (PostgreSQL)');
  const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
  if (!(await isPostgresReachable(postgresUrl))) {
    record('dataset export', `skipped: it needs PostgreSQL; set DATABASE_URL (${postgresUrl} is unreachable)`);
  } else {
    const throwaway = await createThrowawayDatabase(postgresUrl, 'cruxmap_bench_export');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-export-'));
    const keep = onInterrupt(async () => {
      await throwaway.drop();
      await rm(dir, { recursive: true, force: true });
    });
    const out = path.join(dir, 'figures.json');
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'tests/bench/export.ts', '--sizes', args['export-sizes'], '--formats', args['export-formats'], '--out', out],
        { env: { ...process.env, DATABASE_URL: throwaway.url }, stdio: 'inherit' },
      );
      const keepChild = onInterrupt(() => Promise.resolve(void child.kill('SIGTERM')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      keepChild();
      if (code !== 0) throw new Error(`the export measurements stopped (exit ${code})`);
      rows.push(...(JSON.parse(await readFile(out, 'utf8')) as Figure[]));
    } catch (error) {
      record('dataset export', `failed: ${(error as Error).message}`);
    } finally {
      keep();
      await throwaway.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }
}

// 8. Load on PostgreSQL: reviewers writing concurrently for --duration seconds on the built app (load.ts): zero 5xx,
// every acknowledged write present afterwards, p50/p99.
if (!args['skip-load']) {
  const durationS = Number(args.duration);
  const loadReviewers = Number(args['load-reviewers']);
  console.log(`\n[load] ${loadReviewers} reviewers writing for ${durationS} s (built app on PostgreSQL)`);
  const postgresUrl = serverUrl ?? DEFAULT_POSTGRES;
  if (!(durationS > 0) || !Number.isInteger(loadReviewers) || loadReviewers < 1) {
    record('load', 'skipped: --duration and --load-reviewers must be positive numbers');
  } else if (needsBuild()) {
    record('load', 'skipped: build first (npm run build), then bench again');
  } else if (!(await isPostgresReachable(postgresUrl))) {
    record('load', `skipped: it needs PostgreSQL; set DATABASE_URL (${postgresUrl} is unreachable)`);
  } else {
    const { measureLoad } = await import('./load');
    try {
      for (const figure of await measureLoad({ postgresUrl, reviewers: loadReviewers, durationMs: durationS * 1000 })) {
        rows.push(figure);
        console.log(`  ${figure.figure}: ${figure.value}${figure.target ? ` (target ${figure.target})` : ''}`);
      }
    } catch (error) {
      record('load', `failed: ${(error as Error).message}`);
    }
  }
}

console.log('\nResults');
console.table(rows);
process.exit(0);
