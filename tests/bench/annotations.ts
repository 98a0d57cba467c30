// The bench's annotation section. run.ts starts the built app on a throwaway PostgreSQL database and runs this
// file in a process of its own, with DATABASE_URL naming that database, so that lib/db here opens the same
// database the app serves. Against the longest bundled text it measures:
// - API creates: 16 clients, each with its own reviewer's API token, POST claim annotations (each makes a claim)
//   in a loop; rate and per-request latency. For context: creates from 1 client (no queueing), and the
//   cheapest request, GET /api/v1/health, at 16 clients (the floor of any API call on this machine), each warmed up
//   with the same number of requests before it is measured.
// - raw INSERTs of the same rows through `pg`, the driver the app uses on PostgreSQL (a Pool of 16, 16 clients):
//   copies, with new ids, of the Claim + Annotation rows the API wrote, as 2 single-row INSERTs in a transaction;
//   the Annotation row alone, 1 INSERT; and all 6 rows a create writes (Claim, Annotation, AuditLog ×2,
//   ChangeEvent ×2) in a transaction, the floor for the API's own transaction.
// - a document with 5 000 annotations (bulk-inserted): the reading page as a signed-in member, and the list API.
// Figures are printed and written to --out as JSON for run.ts's table.
//   DATABASE_URL=… tsx tests/bench/annotations.ts --base-url http://127.0.0.1:PORT --count 2000 --out figures.json [--only-reading]
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { describeRange } from '../../lib/anchoring';
import { createApiToken } from '../../lib/auth/api-token-mutations';
import { userActor } from '../../lib/context/context';
import { loadWorkspaceContext } from '../../lib/context/queries';
import { closeDb, db } from '../../lib/db';
import { contentDir, readBundledManifest } from '../../lib/documents/bundled-corpus';
import { importDocument } from '../../lib/documents/mutations';
import type { Prisma } from '../../lib/generated/prisma/client';
import { richTextFromPlainText } from '../../lib/richtext/plain-text';
import { hashPassword } from '../../lib/users/mutations';
import { createWorkspace } from '../../lib/workspaces/mutations';
import { HttpClient, overHttp } from '../support/http-client';
import { hasChromium, measureLongTasks } from './long-tasks';
import { kib, ms, percentile, perSecond, type Figure } from './stats';
import { seededRandom } from '../../lib/seeded-random';

const CLIENTS = 16;
const WARM_UP = 100;
const SOLO = 200;
const HEALTH_REQUESTS = 2000;
const READ_ANNOTATIONS = 5000;
/** page loads in Chromium for the long-task figure */
const LONG_TASK_LOADS = 5;
const PAGE_WARM_UPS = 3;
const PAGE_RUNS = 20;
/** a slow page gets fewer runs (at least PAGE_MIN_RUNS), so the whole bench stays within a few minutes */
const PAGE_BUDGET_MS = 30_000;
const PAGE_MIN_RUNS = 3;
const LIST_LIMIT = 500;

const { values: args } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    /** the app's process group (AppServer.pid): its CPU time is read from /proc around each measurement */
    'app-pid': { type: 'string' },
    count: { type: 'string', default: '2000' },
    out: { type: 'string' },
    /** only the reading page of a document with 5 000 annotations and the list API (section 3) */
    'only-reading': { type: 'boolean', default: false },
  },
  strict: true,
});
const baseUrl = args['base-url'];
const count = Number(args.count);
const databaseUrl = process.env.DATABASE_URL;
if (!baseUrl || !args.out || !databaseUrl || !Number.isInteger(count) || count < 1) {
  console.error('usage: DATABASE_URL=postgresql://… tsx tests/bench/annotations.ts --base-url URL --count N --out FILE');
  process.exit(2);
}


const appPid = Number(args['app-pid'] ?? 0);
const CLOCK_TICKS = appPid > 0 ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100 : 100;
/**
 * CPU time (user + system, ms) the app's processes have used so far: every process in its process group, from
 * /proc/<pid>/stat — the server process's own accounting, so the bench's clients and PostgreSQL are not in it.
 */
function appCpuMs(): number {
  if (!(appPid > 0)) return Number.NaN;
  return processCpuMs((fields) => Number(fields[2]) === appPid);
}

/**
 * CPU time (ms) PostgreSQL's processes on this machine have used so far (every process named postgres: the
 * backends serving the app, and the server's own background work, which runs on the same two cores).
 */
function databaseCpuMs(): number {
  return processCpuMs((_, comm) => comm === 'postgres');
}

/** The summed CPU time (user + system, ms) of the processes `pick` chooses, from /proc/<pid>/stat. */
function processCpuMs(pick: (fields: string[], comm: string) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // after "pid (comm) ": state, ppid, pgrp, …; utime and stime are fields 14 and 15 of the line
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!pick(fields, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
const cpu: Record<string, number> = {};
const databaseCpu: Record<string, number> = {};
/** `run`'s result; the app's and the database server's CPU milliseconds per request over it are kept under `name`. */
async function withCpu<T>(name: string, requests: number, run: () => Promise<T>): Promise<T> {
  const before = appCpuMs();
  const databaseBefore = databaseCpuMs();
  const result = await run();
  cpu[name] = (appCpuMs() - before) / requests;
  databaseCpu[name] = (databaseCpuMs() - databaseBefore) / requests;
  return result;
}
const figures: Figure[] = [];
const record = (figure: string, value: string, target = '', met?: boolean) => {
  figures.push({ figure, value, target, ...(met === undefined ? {} : { met: met ? 'yes' : 'no' }) });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target}${met === undefined ? '' : met ? ', met' : ', missed'})` : ''}`);
};
/** A counter updated in place on a terminal; elsewhere (a log) only its last value. */
const progress = (label: string, done: number, total: number) => {
  if (process.stdout.isTTY) process.stdout.write(`\r  ${label} ${done}/${total}${done === total ? '\n' : ''}`);
  else if (done === total) console.log(`  ${label} ${done}/${total}`);
};


type Target = { exact: string; start: number; end: number };

/** The sentences of the document's paragraphs, list items, quotes and footnotes, as targets into its text. */
function sentenceTargets(text: string, passages: { kind: string; start: number; end: number }[]): Target[] {
  const targets: Target[] = [];
  for (const passage of passages) {
    if (passage.kind === 'heading') continue;
    for (const match of text.slice(passage.start, passage.end).matchAll(/[^.!?]+[.!?]*/g)) {
      const exact = match[0].trim();
      if (exact.length < 20) continue;
      const start = passage.start + match.index + (match[0].length - match[0].trimStart().length);
      targets.push({ exact, start, end: start + exact.length });
    }
  }
  return targets;
}

/** Runs `total` operations on `workers` concurrent loops; each operation's latency is kept. */
async function concurrently(
  total: number,
  workers: number,
  operation: (index: number, worker: number) => Promise<void>,
  onProgress: (done: number) => void,
): Promise<{ latencies: number[]; elapsed: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = next++; index < total; index = next++) {
        const t0 = performance.now();
        await operation(index, worker);
        latencies.push(performance.now() - t0);
        if (latencies.length % 50 === 0 || latencies.length === total) onProgress(latencies.length);
      }
    }),
  );
  return { latencies, elapsed: performance.now() - started };
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS });

try {
  // ---- setup, through the app's own modules on the app's database
  const run = randomBytes(3).toString('hex');
  const manifest = await readBundledManifest();
  const texts = await Promise.all(manifest.documents.map(async (d) => ({ entry: d, text: await readFile(path.join(contentDir(), d.file), 'utf8') })));
  // the longest bundled text: the most passages to render and room to spread 5 000 annotations over
  const source = texts.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const password = `bench-${run}-password`;
  const [owner, ...reviewers] = await db.user.createManyAndReturn({
    data: Array.from({ length: CLIENTS + 1 }, (_, i) => ({
      email: `${i === 0 ? 'owner' : `reviewer-${i}`}-${run}@bench.test`,
      name: i === 0 ? 'Bench owner' : `Reviewer ${i}`,
    })),
    select: { id: true, email: true },
  });
  if (!owner || reviewers.length !== CLIENTS) throw new Error('could not create the bench users');
  const ownerId = owner.id;
  const member = reviewers[0] as { id: string; email: string };
  // one reviewer can sign in, for the reading page as a member sees it
  await db.user.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(password) } });
  const tokens = await Promise.all(reviewers.map(async (r) => (await createApiToken({ userId: r.id, input: { name: 'bench' } })).token));

  async function benchWorkspace(label: string) {
    const workspace = await createWorkspace({ actor: userActor(ownerId), input: { slug: `bench-${label}-${run}`, name: `Bench ${label}` } });
    await db.membership.createMany({ data: reviewers.map((r) => ({ workspaceId: workspace.id, userId: r.id, role: 'reviewer' as const })) });
    const imported = await importDocument({
      ctx: await loadWorkspaceContext({ actor: userActor(ownerId), workspace: workspace.id }),
      input: { ...source.entry, text: source.text, filename: source.entry.file },
    });
    const document = await db.document.findUniqueOrThrow({
      where: { workspaceId_id: { workspaceId: workspace.id, id: imported.documentId } },
      select: { slug: true, currentVersion: { select: { id: true, text: true, passages: { select: { kind: true, start: true, end: true } } } } },
    });
    const version = document.currentVersion as NonNullable<typeof document.currentVersion>;
    return { workspace, documentId: imported.documentId, slug: document.slug, versionId: version.id, text: version.text, targets: sentenceTargets(version.text, version.passages) };
  }

  const write = await benchWorkspace('writes');
  console.log(
    `  "${source.entry.title}": ${write.text.length.toLocaleString('en')} characters, ${write.targets.length} sentences; ${CLIENTS} reviewers with API tokens`,
  );

  // --only-reading: section 3 alone (the reading page and the list API), for iterating on the reading page
  if (!args['only-reading']) {
    // ---- 1. creates over HTTP
    const createUrl = `${baseUrl}/api/v1/workspaces/${write.workspace.slug}/annotations`;
    const failures: string[] = [];
    /** what each client made: the annotations it may edit, the claims others may rate */
    const made: { annotationId: string; claimId: string; worker: number }[] = [];
    const createOne = async (index: number, worker: number) => {
      const target = write.targets[(index * 7919) % write.targets.length] as Target;
      const response = await fetch(createUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[worker] as string}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          document: write.slug,
          kind: 'claim',
          target,
          claim: index % 2 === 0 ? { statement: `Bench claim ${index}: ${target.exact.slice(0, 80)}` } : {},
        }),
      });
      const body = await response.text();
      if (response.status !== 201) failures.push(`HTTP ${response.status} ${body.slice(0, 300)}`);
      else {
        const created = JSON.parse(body) as { id: string; claimId: string };
        made.push({ annotationId: created.id, claimId: created.claimId, worker });
      }
    };
    await concurrently(WARM_UP, CLIENTS, (i, w) => createOne(count + i, w), (done) => progress('warm-up creates', done, WARM_UP));
    if (failures.length > 0) throw new Error(`annotation creates fail: ${failures[0]}`);
    const api = await withCpu('create', count, () => concurrently(count, CLIENTS, createOne, (done) => progress('creates over HTTP', done, count)));
    if (failures.length > 0) throw new Error(`${failures.length} of ${count} creates failed, e.g. ${failures[0]}`);
    const apiRate = count / (api.elapsed / 1000);
    const apiP99 = percentile(api.latencies, 99);
    record(`API creates (POST claim annotation), ${CLIENTS} clients × ${count}: rate`, perSecond(count, api.elapsed));
    record('API creates: p50 / p99', `${ms(percentile(api.latencies, 50))} / ${ms(apiP99)}`, 'p99 < 50 ms', apiP99 < 50);

    // Context for those figures: one create with nobody queueing beside it, and the cheapest request the app
    // answers (no auth, one SELECT 1) at the same concurrency, i.e. the floor of any API call on this machine.
    const alone = await concurrently(SOLO, 1, (i) => createOne(count + WARM_UP + i, 0), (done) => progress('creates, 1 client', done, SOLO));
    if (failures.length > 0) throw new Error(`creates failed: ${failures[0]}`);
    record(`API creates, 1 client × ${SOLO}: p50 / p99`, `${ms(percentile(alone.latencies, 50))} / ${ms(percentile(alone.latencies, 99))}`);
    const getHealth = async () => {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      await response.text();
      if (response.status !== 200) throw new Error(`GET /api/v1/health answered ${response.status}`);
    };
    // warmed up as the creates were (the JIT compiles its path first), then measured
    await concurrently(WARM_UP, CLIENTS, getHealth, (done) => progress('warm-up health checks', done, WARM_UP));
    const health = await withCpu('health', HEALTH_REQUESTS, () =>
      concurrently(HEALTH_REQUESTS, CLIENTS, getHealth, (done) => progress('GET /api/v1/health', done, HEALTH_REQUESTS)),
    );
    const healthRate = HEALTH_REQUESTS / (health.elapsed / 1000);
    record(
      `create throughput / health throughput, ${CLIENTS} clients, this run`,
      `${(apiRate / healthRate).toFixed(2)}× (${perSecond(count, api.elapsed)} against ${perSecond(HEALTH_REQUESTS, health.elapsed)})`,
      '≥ 0.5×',
      apiRate / healthRate >= 0.5,
    );

    // Edits (each client PATCHes the rationale of annotations it made, at version 1), ratings (each client rates
    // claims the others made: a probability annotation naming the claim) and list pages, at the same concurrency.
    const mine = (worker: number) => made.filter((m) => m.worker === worker);
    const editQueues = Array.from({ length: CLIENTS }, (_, w) => mine(w).slice(0, Math.ceil(count / CLIENTS / 2)));
    const edits = editQueues.reduce((n, q) => n + q.length, 0);
    const editPosition = new Array<number>(CLIENTS).fill(0);
    const edited = await withCpu('edit', edits, () =>
      concurrently(
        edits,
        CLIENTS,
        async (_, worker) => {
          const queue = editQueues[worker] as typeof made;
          const position = editPosition[worker] ?? 0;
          editPosition[worker] = position + 1;
          const item = queue[position % queue.length] as (typeof made)[number];
          const response = await fetch(`${baseUrl}/api/v1/workspaces/${write.workspace.slug}/annotations/${item.annotationId}`, {
            method: 'PATCH',
            headers: { authorization: `Bearer ${tokens[worker] as string}`, 'content-type': 'application/json' },
            body: JSON.stringify({ version: 1, body: `Edited by the bench, ${item.annotationId.slice(0, 8)}.` }),
          });
          const text = await response.text();
          if (response.status !== 200 && response.status !== 409) failures.push(`PATCH: HTTP ${response.status} ${text.slice(0, 300)}`);
        },
        (done) => progress('edits over HTTP', done, edits),
      ),
    );
    const rates = Math.min(count, made.length);
    const ratings = await withCpu('rate', rates, () =>
      concurrently(
        rates,
        CLIENTS,
        async (index, worker) => {
          const claim = made[(index * 31 + worker) % made.length] as (typeof made)[number];
          const response = await fetch(createUrl, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[worker] as string}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'probability', probability: { claimId: claim.claimId, value: ((index % 97) + 1) / 99 } }),
          });
          const text = await response.text();
          if (response.status !== 201 && response.status !== 200) failures.push(`rate: HTTP ${response.status} ${text.slice(0, 300)}`);
        },
        (done) => progress('ratings over HTTP', done, rates),
      ),
    );
    if (failures.length > 0) throw new Error(`${failures.length} edits or ratings failed, e.g. ${failures[0]}`);
    const lists = 400;
    const listPages = await withCpu('list', lists, () =>
      concurrently(
        lists,
        CLIENTS,
        async (_, worker) => {
          const response = await fetch(`${createUrl}?document=${write.slug}&limit=50`, { headers: { authorization: `Bearer ${tokens[worker] as string}` } });
          await response.text();
          if (response.status !== 200) throw new Error(`GET annotations answered ${response.status}`);
        },
        (done) => progress('list pages (50) over HTTP', done, lists),
      ),
    );
    for (const [label, result, n] of [['edits (PATCH rationale)', edited, edits], ['ratings (POST probability on a claim)', ratings, rates], ['list pages of 50 (GET annotations)', listPages, lists]] as const) {
      record(`API ${label}, ${CLIENTS} clients × ${n}: rate, p50 / p99`, `${perSecond(n, result.elapsed)}, ${ms(percentile(result.latencies, 50))} / ${ms(percentile(result.latencies, 99))}`);
    }
    record(
      'app CPU per request (ms, the server processes\' own accounting): create / edit / rate / list / health',
      ['create', 'edit', 'rate', 'list', 'health'].map((k) => (Number.isFinite(cpu[k]) ? (cpu[k] as number).toFixed(2) : 'n/a')).join(' / '),
    );
    record(
      'PostgreSQL CPU per request (ms, its processes\' accounting, background work included): create / edit / rate / list / health',
      ['create', 'edit', 'rate', 'list', 'health'].map((k) => (Number.isFinite(databaseCpu[k]) ? (databaseCpu[k] as number).toFixed(2) : 'n/a')).join(' / '),
    );
    record(
      `floor: GET /api/v1/health, ${CLIENTS} clients: rate, p50 / p99`,
      `${perSecond(HEALTH_REQUESTS, health.elapsed)}, ${ms(percentile(health.latencies, 50))} / ${ms(percentile(health.latencies, 99))}`,
    );

    // ---- 2. the same rows through `pg` directly: copies of the Claim + Annotation rows the API just wrote
    const { rows: written } = await pool.query<Record<string, unknown>>(
      `SELECT * FROM "Annotation" WHERE "workspaceId" = $1 ORDER BY "createdAt" DESC LIMIT $2`,
      [write.workspace.id, count],
    );
    const { rows: writtenClaims } = await pool.query<Record<string, unknown>>(`SELECT * FROM "Claim" WHERE "id" = ANY($1)`, [
      written.map((a) => a.claimId),
    ]);
    const claimById = new Map(writtenClaims.map((c) => [c.id as string, c]));
    const insert = (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      return {
        text: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        values: columns.map((c) => row[c]),
      };
    };
    type SqlRow = Record<string, unknown>;
    const copyOf = (index: number): { claim: SqlRow; annotation: SqlRow } => {
      const annotation = written[index % written.length] as Record<string, unknown>;
      const claim = claimById.get(annotation.claimId as string) as Record<string, unknown>;
      const now = new Date();
      const claimCopy = { ...claim, id: randomUUID(), createdAt: now, updatedAt: now };
      const annotationCopy = { ...annotation, id: randomUUID(), claimId: claimCopy.id, createdAt: now, updatedAt: now };
      return { claim: claimCopy, annotation: annotationCopy };
    };
    const inTransaction = async (statements: { text: string; values: unknown[] }[]) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const statement of statements) await client.query(statement);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    };
    console.log(`  raw: copies (new ids) of the Claim + Annotation rows the API just wrote, through pg.Pool (max ${CLIENTS}), ${CLIENTS} clients`);
    const pairs = Array.from({ length: count }, (_, i) => copyOf(i));
    await concurrently(WARM_UP, CLIENTS, async (i) => {
      const { claim, annotation } = copyOf(i);
      await inTransaction([insert('Claim', claim), insert('Annotation', annotation)]);
    }, () => undefined);

    const rawPair = await concurrently(
      count,
      CLIENTS,
      async (i) => {
        const { claim, annotation } = pairs[i] as (typeof pairs)[number];
        await inTransaction([insert('Claim', claim), insert('Annotation', annotation)]);
      },
      (done) => progress('raw Claim + Annotation', done, count),
    );
    const rawAlone = await concurrently(
      count,
      CLIENTS,
      async (i) => {
        const { annotation } = pairs[i] as (typeof pairs)[number];
        await pool.query(insert('Annotation', { ...annotation, id: randomUUID() }));
      },
      (done) => progress('raw Annotation alone', done, count),
    );
    const rawAll = await concurrently(
      count,
      CLIENTS,
      async (i) => {
        const { claim, annotation } = copyOf(i);
        const base = { workspaceId: annotation.workspaceId, actorId: annotation.authorId, createdAt: annotation.createdAt };
        await inTransaction([
          insert('Claim', claim),
          insert('AuditLog', { ...base, action: 'claim.created', entityType: 'claim', entityId: claim.id, data: {} }),
          insert('ChangeEvent', { workspaceId: base.workspaceId, documentId: null, entity: 'claim', entityId: claim.id, action: 'create', version: 1 }),
          insert('Annotation', annotation),
          insert('AuditLog', {
            ...base,
            action: 'annotation.created',
            entityType: 'annotation',
            entityId: annotation.id,
            data: { kind: 'claim', documentId: annotation.documentId },
          }),
          insert('ChangeEvent', {
            workspaceId: base.workspaceId,
            documentId: annotation.documentId,
            entity: 'annotation',
            entityId: annotation.id,
            action: 'create',
            version: 1,
          }),
        ]);
      },
      (done) => progress('raw 6 rows of a create', done, count),
    );
    const rawFigures = (label: string, result: { latencies: number[]; elapsed: number }) => {
      record(
        `raw ${label}: rate, p50 / p99`,
        `${perSecond(count, result.elapsed)}, ${ms(percentile(result.latencies, 50))} / ${ms(percentile(result.latencies, 99))}`,
      );
      return count / (result.elapsed / 1000);
    };
    const pairRate = rawFigures('Claim + Annotation (2 INSERTs, 1 transaction)', rawPair);
    const aloneRate = rawFigures('Annotation alone (1 INSERT, autocommit)', rawAlone);
    const allRate = rawFigures('all 6 rows of a create (6 INSERTs, 1 transaction)', rawAll);
    const ratio = (rate: number) => `${Math.round((apiRate / rate) * 100)}%`;
    record('API rate / raw Claim + Annotation rate', ratio(pairRate), '≥ 40%', apiRate / pairRate >= 0.4);
    record('API rate / raw Annotation-alone rate', ratio(aloneRate), '≥ 40%', apiRate / aloneRate >= 0.4);
    record('API rate / raw 6-row rate', ratio(allRate));
  }

  // ---- 3. a document with 5 000 annotations: the reading page and the list API
  const read = await benchWorkspace('reads');
  const rand = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  /** a sentence, or (one time in three) a run of words inside it, so highlights overlap as they do in use */
  const someTarget = (): Target => {
    const sentence = pick(read.targets);
    const spaces = [...sentence.exact.matchAll(/ /g)].map((m) => m.index);
    const half = Math.floor(spaces.length / 2);
    if (spaces.length < 4 || rand() > 1 / 3) return sentence;
    const start = sentence.start + (spaces[Math.floor(rand() * half)] as number) + 1;
    const end = sentence.start + (spaces[half + Math.floor(rand() * (spaces.length - half))] as number);
    const exact = read.text.slice(start, end);
    return exact.trim().length < 10 || exact !== exact.trim() ? sentence : { exact, start, end };
  };
  const madeAt = Date.now() - READ_ANNOTATIONS * 1000;
  const claims: (Prisma.ClaimCreateManyInput & { id: string; target: Target })[] = [];
  const annotations: (Prisma.AnnotationCreateManyInput & { id: string })[] = [];
  const credences: Prisma.CredenceCreateManyInput[] = [];
  const revisions: Prisma.CredenceRevisionCreateManyInput[] = [];
  const rated = new Set<string>();
  const newClaim = (target: Target, authorId: string, at: Date) => {
    const claim = {
      id: randomUUID(),
      workspaceId: read.workspace.id,
      statement: `Read claim ${claims.length}: ${target.exact.replace(/\s+/g, ' ').slice(0, 120)}`,
      createdById: authorId,
      createdAt: at,
      updatedAt: at,
      target,
    };
    claims.push(claim);
    return claim;
  };
  for (let i = 0; i < READ_ANNOTATIONS; i++) {
    const author = reviewers[i % CLIENTS] as { id: string };
    const at = new Date(madeAt + i * 1000);
    const roll = rand();
    let kind: 'claim' | 'evidence' | 'probability' | 'crux' = claims.length < 20 || roll < 0.4 ? 'claim' : roll < 0.65 ? 'evidence' : roll < 0.9 ? 'probability' : 'crux';
    let ratedClaim = kind === 'probability' ? pick(claims) : undefined;
    if (ratedClaim && rated.has(`${ratedClaim.id} ${author.id}`)) {
      kind = 'evidence';
      ratedClaim = undefined;
    }
    const target = ratedClaim ? ratedClaim.target : someTarget();
    const base = {
      id: randomUUID(),
      workspaceId: read.workspace.id,
      documentId: read.documentId,
      versionId: read.versionId,
      authorId: author.id,
      kind,
      ...describeRange(read.text, target.start, target.end),
      anchorStatus: 'anchored' as const,
      anchoredVersionId: read.versionId,
      anchoredStart: target.start,
      anchoredEnd: target.end,
      createdAt: at,
      updatedAt: at,
      ...(kind !== 'claim' && rand() < 0.3
        ? (() => {
            const text = `Bench rationale ${i}. ${pick(read.targets).exact}`;
            return { rationale: richTextFromPlainText(text) as unknown as Prisma.InputJsonValue, rationaleText: text };
          })()
        : {}),
    };
    switch (kind) {
      case 'claim':
        annotations.push({ ...base, claimId: newClaim(target, author.id, at).id });
        break;
      case 'evidence':
        annotations.push({ ...base, claimId: pick(claims).id, stance: rand() < 0.5 ? 'for' : 'against', strength: 1 + Math.floor(rand() * 3) });
        break;
      case 'crux': {
        const forClaim = pick(claims);
        annotations.push({ ...base, claimId: newClaim(target, author.id, at).id, forClaimId: forClaim.id, direction: rand() < 0.5 ? 'more' : 'less' });
        break;
      }
      case 'probability': {
        const claim = ratedClaim as (typeof claims)[number];
        rated.add(`${claim.id} ${author.id}`);
        const value = Math.round(rand() * 100) / 100;
        annotations.push({ ...base, claimId: claim.id, value });
        const credenceId = randomUUID();
        credences.push({ id: credenceId, workspaceId: read.workspace.id, claimId: claim.id, userId: author.id, annotationId: base.id, value, createdAt: at, updatedAt: at });
        // some reviewers changed their mind before settling on the current value
        const earlier = rand() < 0.3 ? [Math.round(rand() * 100) / 100] : [];
        for (const [n, v] of [...earlier, value].entries()) {
          revisions.push({ workspaceId: read.workspace.id, credenceId, claimId: claim.id, userId: author.id, value: v, createdAt: new Date(at.getTime() - (earlier.length - n) * 500) });
        }
        break;
      }
    }
  }
  const totalRows = claims.length + annotations.length + credences.length + revisions.length;
  let inserted = 0;
  const inBatches = async <T>(rows: T[], write: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await write(batch);
      inserted += batch.length;
      progress('bulk rows', inserted, totalRows);
    }
  };
  await inBatches(claims.map(({ target: _target, ...claim }) => claim), (batch) => db.claim.createMany({ data: batch }));
  await inBatches(annotations, (batch) => db.annotation.createMany({ data: batch }));
  await inBatches(credences, (batch) => db.credence.createMany({ data: batch }));
  await inBatches(revisions, (batch) => db.credenceRevision.createMany({ data: batch }));
  // a database in use has planner statistics (autovacuum gathers them within a minute or so); without them the
  // first plans after a bulk load can be nested loops that say nothing about the page
  await pool.query('ANALYZE "Claim", "Annotation", "Credence", "CredenceRevision"');
  const kinds = annotations.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.kind]: (acc[a.kind] ?? 0) + 1 }), {});
  console.log(
    `  ${annotations.length} annotations (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}) on ${read.targets.length} sentences, ${claims.length} claims, ${credences.length} credences`,
  );

  const reader = new HttpClient(overHttp(baseUrl));
  await reader.signInOrThrow(member.email, password);
  const pageUrl = `${baseUrl}/w/${read.workspace.slug}/documents/${read.slug}`;
  const pageTimes: number[] = [];
  let html = '';
  const getPage = async () => {
    const t0 = performance.now();
    const response = await fetch(pageUrl, { headers: { cookie: reader.jar.header() ?? '' }, redirect: 'manual' });
    html = await response.text();
    if (response.status !== 200) throw new Error(`GET ${pageUrl} answered ${response.status}: ${html.slice(0, 300)}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < PAGE_WARM_UPS; i++) {
    const elapsed = await getPage();
    progress('reading page warm-up', i + 1, PAGE_WARM_UPS);
    if (elapsed > PAGE_BUDGET_MS / PAGE_RUNS) break; // slow enough that one warm-up tells
  }
  const pagesStarted = performance.now();
  const pageCpuBefore = appCpuMs();
  while (pageTimes.length < PAGE_RUNS && (pageTimes.length < PAGE_MIN_RUNS || performance.now() - pagesStarted < PAGE_BUDGET_MS)) {
    pageTimes.push(await getPage());
    if (process.stdout.isTTY) process.stdout.write(`\r  reading page ${pageTimes.length}`);
  }
  const pageCpuMs = (appCpuMs() - pageCpuBefore) / pageTimes.length;
  progress('reading page', pageTimes.length, pageTimes.length);
  const annotationIds = new Set(annotations.map((a) => a.id));
  const shown = new Set([...html.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]).filter((id) => annotationIds.has(id)));
  const pageMedian = percentile(pageTimes, 50);
  record(
    `reading page, ${READ_ANNOTATIONS} annotations, as a member: median / p90 of ${pageTimes.length}`,
    `${ms(pageMedian)} / ${ms(percentile(pageTimes, 90))}`,
    '< 200 ms',
    pageMedian < 200,
  );
  record('reading page: app CPU per request (ms, the server processes\' own accounting)', Number.isFinite(pageCpuMs) ? pageCpuMs.toFixed(1) : 'n/a');
  record('reading page: HTML size; annotation ids in it', `${kib(Buffer.byteLength(html))}; ${shown.size} of ${READ_ANNOTATIONS}`);

  // the same page in Chromium: main-thread long tasks until the highlights are drawn and two idle seconds pass
  if (hasChromium()) {
    const runs = await measureLongTasks({ url: pageUrl, client: reader, loads: LONG_TASK_LOADS });
    const after = percentile(runs.map((r) => r.longestAfterLoad), 50);
    record(
      `reading page in Chromium, ${READ_ANNOTATIONS} annotations: longest task after load, median of ${runs.length} loads (each: longest after / before load; tasks > 200 ms after load)`,
      `${ms(after)} (${runs.map((r) => `${ms(r.longestAfterLoad)} / ${ms(r.longestBeforeLoad)}; ${r.afterLoadOver200}`).join(' · ')}); load event at ${ms(percentile(runs.map((r) => r.loadMs), 50))}`,
      '≤ 200 ms',
      runs.every((r) => r.afterLoadOver200 === 0),
    );
  } else {
    record('reading page in Chromium: long tasks', 'skipped: no Chromium (CHROMIUM_PATH or /usr/bin/chromium)');
  }

  const listAll = async () => {
    const times: number[] = [];
    let items = 0;
    let cursor: string | null = null;
    const started = performance.now();
    do {
      const t0 = performance.now();
      const response = await fetch(
        `${baseUrl}/api/v1/workspaces/${read.workspace.slug}/annotations?document=${read.slug}&limit=${LIST_LIMIT}${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: { authorization: `Bearer ${tokens[0] as string}` } },
      );
      const body = (await response.json()) as { items?: unknown[]; nextCursor?: string | null };
      times.push(performance.now() - t0);
      if (response.status !== 200 || !body.items) throw new Error(`listing annotations answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      items += body.items.length;
      cursor = body.nextCursor ?? null;
    } while (cursor);
    return { times, items, elapsed: performance.now() - started };
  };
  await listAll();
  const listed = await listAll();
  record(
    `list API, all ${READ_ANNOTATIONS} in pages of ${LIST_LIMIT}: total; median / slowest page`,
    `${ms(listed.elapsed)} (${listed.items} in ${listed.times.length} pages); ${ms(percentile(listed.times, 50))} / ${ms(Math.max(...listed.times))}`,
  );
} finally {
  await pool.end();
  await closeDb();
}
await writeFile(args.out, JSON.stringify(figures));
