// Live fan-out across instances: two built app instances on one PostgreSQL database, `clients` SSE streams of
// one workspace split evenly across them, and `writes` writes; for every write, how long until each stream had
// its event. Two kinds of write: a transaction that inserts a change event (timed from just before its COMMIT,
// so the figure is "committed → received", the feed's own cost) and an annotation created over HTTP on either
// instance (timed from the request, so it includes the write itself).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { startApp, type AppServer } from '../support/app-server';
import { onInterrupt } from '../support/cleanup';
import { ms, percentile, type Figure } from './stats';

type Json = Record<string, unknown>;

async function call(baseUrl: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json; headers: Headers }> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), origin: baseUrl, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await response.text();
  const json = (text ? JSON.parse(text) : {}) as Json;
  if (response.status >= 400) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return { status: response.status, json, headers: response.headers };
}

/** Signs up and signs in through next-auth (for a session that may create a token); returns an API token. */
async function ownerToken(baseUrl: string): Promise<{ token: string }> {
  const suffix = randomBytes(4).toString('hex');
  const email = `bench-live-${suffix}@example.test`;
  const password = `bench-live-${suffix}-password`;
  await call(baseUrl, 'POST', '/api/v1/users', { email, name: `Bench ${suffix}`, password });
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    redirect: 'manual',
  });
  const session = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('next-auth.session-token='));
  if (!session) throw new Error('bench sign-in failed');
  const { json } = await call(baseUrl, 'POST', '/api/v1/tokens', { name: 'bench live' }, { cookie: session });
  return { token: json.token as string };
}

/** One SSE client: records, per entity id, when its event arrived. */
async function openClient(baseUrl: string, route: string, token: string, received: Map<string, number[]>, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${baseUrl}${route}`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: ready')) resolveReady();
          if (block.includes('event: ')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const id = (JSON.parse(data.slice(6)) as { id: string }).id;
          let times = received.get(id);
          if (!times) received.set(id, (times = []));
          times.push(now);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await ready;
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}

export async function measureEvents({ postgresUrl, clients, writes }: { postgresUrl: string; clients: number; writes: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const throwaway = await createThrowawayDatabase(postgresUrl, 'cruxmap_bench_events');
  const dirs: string[] = [];
  const servers: AppServer[] = [];
  const streams = new AbortController();
  const sql = new pg.Client({ connectionString: throwaway.url });
  const cleanUp = async () => {
    streams.abort();
    await sql.end().catch(() => undefined);
    for (const server of servers) await server.stop();
    await throwaway.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  };
  const keep = onInterrupt(cleanUp);
  try {
    const secret = randomBytes(32).toString('hex');
    for (let i = 0; i < 2; i++) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-events-'));
      dirs.push(dir);
      servers.push(
        await startApp({
          // one owner's token opens every stream: allow them all (the per-user cap is 8 by default)
          env: { ...process.env, DATABASE_URL: throwaway.url, CRUXMAP_DATA_DIR: dir, NODE_ENV: 'production', NEXTAUTH_SECRET: secret, CRUXMAP_STREAMS_PER_USER: '1000' },
          readyPath: '/api/v1/health',
          logFile: path.join(dir, 'app.log'),
        }),
      );
    }
    const [a, b] = servers as [AppServer, AppServer];
    await sql.connect();
    const { token } = await ownerToken(a.baseUrl);
    const auth = { authorization: `Bearer ${token}` };
    const slug = `bench-live-${randomBytes(3).toString('hex')}`;
    const { json: created } = await call(a.baseUrl, 'POST', '/api/v1/workspaces', { slug, name: 'Bench live' }, auth);
    const workspaceId = (created.workspace as { id: string }).id;
    const sentence = 'Each reviewer reads this sentence and marks it.';
    await call(a.baseUrl, 'POST', `/api/v1/workspaces/${slug}/documents`, { slug: 'live', text: `Live bench\n\n${sentence}\n\nThe end.` }, auth);
    const { json: doc } = await call(a.baseUrl, 'GET', `/api/v1/workspaces/${slug}/documents/live`, undefined, auth);
    const start = (doc.text as string).indexOf(sentence);

    const received = new Map<string, number[]>();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        openClient((i % 2 === 0 ? a : b).baseUrl, `/api/v1/workspaces/${slug}/events?document=live`, token, received, streams.signal),
      ),
    );
    figures.push({ figure: `open ${clients} SSE streams across 2 instances`, value: ms(performance.now() - t0), target: '' });

    // 1. committed → received: a transaction inserting one change event, timed from just before COMMIT
    const commitLatencies: number[] = [];
    const commitWorst: number[] = [];
    let missing = 0;
    for (let i = 0; i < writes; i++) {
      const entityId = `bench-${i}-${randomBytes(3).toString('hex')}`;
      await sql.query('BEGIN');
      await sql.query(`SELECT pg_advisory_xact_lock(hashtext('cruxmap.change_events'), hashtext($1))`, [workspaceId]);
      await sql.query(`INSERT INTO "ChangeEvent" ("workspaceId", "documentId", entity, "entityId", action, version) VALUES ($1, NULL, 'claim', $2, 'update', 1)`, [
        workspaceId,
        entityId,
      ]);
      const committing = performance.now();
      await sql.query('COMMIT');
      if (!(await waitFor(() => (received.get(entityId)?.length ?? 0) >= clients, 5_000))) missing++;
      const times = received.get(entityId) ?? [];
      for (const t of times) commitLatencies.push(t - committing);
      commitWorst.push(Math.max(...times.map((t) => t - committing)));
    }
    figures.push({
      figure: `fan-out, write committed → event received (${writes} writes × ${clients} streams, 2 instances)`,
      value: `p50 ${ms(percentile(commitLatencies, 50))}, p99 ${ms(percentile(commitLatencies, 99))}${missing ? `, ${missing} writes not seen by every stream` : ''}`,
      target: 'p99 < 250 ms',
      met: percentile(commitLatencies, 99) < 250 && missing === 0 ? 'yes' : 'no',
    });
    figures.push({ figure: '  … the last of the streams to receive each write', value: `p50 ${ms(percentile(commitWorst, 50))}, p99 ${ms(percentile(commitWorst, 99))}`, target: '' });

    // 2. an annotation over HTTP, alternating instances: request sent → event received by every stream
    const apiLatencies: number[] = [];
    const apiWrites = Math.min(writes, 100);
    for (let i = 0; i < apiWrites; i++) {
      const server = i % 2 === 0 ? a : b;
      const sent = performance.now();
      const { json } = await call(
        server.baseUrl,
        'POST',
        `/api/v1/workspaces/${slug}/annotations`,
        { document: 'live', kind: 'claim', target: { exact: sentence, start, end: start + sentence.length }, claim: { statement: `Claim ${i}` } },
        auth,
      );
      const id = json.id as string;
      await waitFor(() => (received.get(id)?.length ?? 0) >= clients, 5_000);
      for (const t of received.get(id) ?? []) apiLatencies.push(t - sent);
    }
    figures.push({
      figure: `annotation over HTTP → event received (${apiWrites} creates, alternating instances, ${clients} streams)`,
      value: `p50 ${ms(percentile(apiLatencies, 50))}, p99 ${ms(percentile(apiLatencies, 99))}`,
      target: '',
    });
    return figures;
  } finally {
    keep();
    await cleanUp();
  }
}
