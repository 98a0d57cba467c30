// `npm run bench`: measures what the issues set targets for and prints the figures as a table.
//   --reviewers N --claims N --workspaces N --density F   scale of the generated data set
//   --skip-start                                          skip the start-to-first-page measurement
// Uses an in-memory PGlite, or a throwaway database on the server in DATABASE_URL.
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createThrowawayDatabase } from '../support/throwaway-database';

type Row = { figure: string; value: string; target: string };
const rows: Row[] = [];
const record = (figure: string, value: string, target = '') => {
  rows.push({ figure, value, target });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target})` : ''}`);
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

let args;
try {
  args = parseArgs({
    options: {
      reviewers: { type: 'string', default: '60' },
      claims: { type: 'string', default: '200' },
      workspaces: { type: 'string', default: '2' },
      density: { type: 'string', default: '0.5' },
      'skip-start': { type: 'boolean', default: false },
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

// A database of our own for the run.
const serverUrl = process.env.DATABASE_URL;
const throwaway = serverUrl ? await createThrowawayDatabase(serverUrl, 'cruxmap_bench') : undefined;
if (throwaway) {
  process.env.DATABASE_URL = throwaway.url;
} else {
  process.env.CRUXMAP_DATA_DIR = 'memory://';
}

const { normalizeDocument } = await import('../../lib/corpus/normalize');
const { db, closeDb, databaseKind } = await import('../../lib/db');
const { readBundledManifest, contentDir, loadBundledCorpus } = await import('../../lib/documents/bundled-corpus');
const { generateDataset } = await import('./generate');

console.log(`Cruxmap bench on ${databaseKind === 'embedded' ? 'embedded PGlite (in memory)' : 'PostgreSQL'}`);

try {
  // 1. The importer on the five bundled texts.
  console.log('\n[1/4] importer');
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
  const workspace = await db.workspace.create({ data: { slug: 'bench-corpus', name: 'Bench corpus' } });
  const t1 = performance.now();
  await loadBundledCorpus({ workspaceId: workspace.id });
  record('import the 5 texts into the database', ms(performance.now() - t1), '< 2000 ms together');
  const t2 = performance.now();
  await loadBundledCorpus({ workspaceId: workspace.id });
  record('re-import the 5 unchanged texts', ms(performance.now() - t2));

  // 2. The data generator.
  console.log(`\n[2/4] generating ${scale.workspaces} workspaces × ${scale.reviewers} reviewers × ${scale.claims} claims`);
  const generated = await generateDataset(db, scale, (done, total) =>
    process.stdout.write(`\r  credences ${done}/${total}${done === total ? '\n' : ''}`),
  );
  record('generated rows', `${generated.rows} in ${ms(generated.ms)} (${Math.round(generated.rows / (generated.ms / 1000))} rows/s)`);

  // 3. Reads a later map view will need, pushed into SQL.
  console.log('\n[3/4] aggregate reads');
  const t3 = performance.now();
  const perClaim = await db.credence.groupBy({
    by: ['claimId'],
    where: { workspaceId: generated.workspaceIds[0], deletedAt: null },
    _avg: { value: true },
    _count: { _all: true },
  });
  record(`group ${perClaim.length} claims' credences in SQL`, ms(performance.now() - t3));
} finally {
  await closeDb();
  await throwaway?.drop();
  if (serverUrl) process.env.DATABASE_URL = serverUrl;
}

// 4. `npm start` to the first served page, on an already-built clone.
if (!args['skip-start']) {
  console.log('\n[4/4] start → first page');
  const { needsBuild } = await import('../../lib/cli/start-command');
  if (needsBuild()) {
    record('start → first page', 'skipped: build first (npm run build), then bench again');
  } else {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production' };
    delete env.DATABASE_URL;
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/cruxmap.js', 'start'], { env, stdio: 'ignore', detached: true });
    let firstPage = 0;
    while (performance.now() - started < 180_000) {
      const ok = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
      if (ok) {
        firstPage = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const restart = async () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    };
    await restart();
    record('start → first page (fresh embedded database, built app)', firstPage ? ms(firstPage) : 'did not serve within 180 s');
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log('\nResults');
console.table(rows);
process.exit(0);
