// The bench's load section (issue 13, item 7): the built app on a throwaway PostgreSQL database, and N reviewers
// (50 by default), each with an API token of their own, writing at once for a fixed time: create a claim
// annotation, edit one of theirs (compare-and-set on its version), rate a claim (a probability annotation, which
// revises their credence), reply. Each reviewer's requests go one after another; the reviewers run concurrently.
// Afterwards every acknowledged write is looked for in the database directly: the annotations and replies made, each
// edited annotation at least at the version acknowledged, each reviewer's credence at the last value acknowledged.
// Reported: requests, 5xx answers (the target is none), p50/p99 latency per kind of write, writes missing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { acceptInvite, createApiToken, createInviteLink, createWorkspace, importDocument, signedInClient, signUp } from '../support/api-actors';
import { startApp } from '../support/app-server';
import { onInterrupt } from '../support/cleanup';
import { HttpClient, overHttp } from '../support/http-client';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { ms, percentile, type Figure } from './stats';

type Kind = 'create' | 'edit' | 'rate' | 'reply';

export async function measureLoad({ postgresUrl, reviewers, durationMs }: { postgresUrl: string; reviewers: number; durationMs: number }): Promise<Figure[]> {
  const throwaway = await createThrowawayDatabase(postgresUrl, 'cruxmap_bench_load');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-bench-load-'));
  const keep = onInterrupt(async () => {
    await throwaway.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  // bcrypt at its lowest cost: the section measures writes, not the 50 sign-ups it needs first
  const server = await startApp({
    env: { ...process.env, DATABASE_URL: throwaway.url, CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production', CRUXMAP_PASSWORD_COST: '4' },
    readyPath: '/api/v1/health',
    logFile: path.join(dataDir, 'app.log'),
  });
  try {
    const target = overHttp(server.baseUrl);
    const ownerAccount = await signUp(new HttpClient(target), 'load-owner');
    const ownerSession = await signedInClient(target, ownerAccount);
    const workspace = (await createWorkspace(ownerSession, 'load')).slug;
    const api = (p: string) => `/api/v1/workspaces/${workspace}${p}`;
    const text = ['Load essay', ...Array.from({ length: 60 }, (_, i) => `Paragraph ${i} makes point ${i} in words of its own.`)].join('\n\n');
    await importDocument(ownerSession, workspace, { slug: 'essay', text });
    const invite = await createInviteLink(ownerSession, workspace, { role: 'reviewer', maxUses: reviewers });
    const clients: Array<{ client: HttpClient; userId: string }> = [];
    for (let r = 0; r < reviewers; r++) {
      const account = await signUp(new HttpClient(target), `load-r${r}`);
      const session = await signedInClient(target, account);
      await acceptInvite(session, invite.token);
      clients.push({ client: new HttpClient(target, { bearer: (await createApiToken(session, 'load')).token }), userId: account.id });
    }
    const quote = (i: number) => {
      const exact = `makes point ${i % 60}`;
      const start = text.indexOf(` ${exact} `) + 1;
      return { exact, start, end: start + exact.length };
    };

    const latencies: Record<Kind, number[]> = { create: [], edit: [], rate: [], reply: [] };
    const statuses = new Map<number, number>();
    const created: string[] = [];
    const replies: string[] = [];
    const editedVersion = new Map<string, number>();
    const lastRating = new Map<string, { userId: string; claimId: string; value: number }>();
    const deadline = performance.now() + durationMs;

    const reviewer = async ({ client, userId }: { client: HttpClient; userId: string }, r: number) => {
      const mine: Array<{ id: string; claimId: string; version: number }> = [];
      for (let i = 0; performance.now() < deadline; i++) {
        const kind: Kind = mine.length === 0 ? 'create' : (['create', 'edit', 'rate', 'reply'] as const)[i % 4] ?? 'create';
        const own = mine[i % Math.max(1, mine.length)];
        const started = performance.now();
        let answer;
        if (kind === 'create' || !own) {
          answer = await client.post(api('/annotations'), { document: 'essay', kind: 'claim', target: quote(r * 7 + i), claim: { statement: `Reviewer ${r} claim ${i}` } });
          if (answer.status === 201) {
            const body = answer.json as { id: string; claimId: string; version: number };
            mine.push({ id: body.id, claimId: body.claimId, version: body.version });
            created.push(body.id);
          }
        } else if (kind === 'edit') {
          answer = await client.patch(api(`/annotations/${own.id}`), { version: own.version, body: `Edited by reviewer ${r}, round ${i}.` });
          if (answer.status === 200) {
            own.version = (answer.json as { version: number }).version;
            editedVersion.set(own.id, own.version);
          }
        } else if (kind === 'rate') {
          const value = ((r * 31 + i * 17) % 99) / 100 + 0.01;
          answer = await client.post(api('/annotations'), { kind: 'probability', probability: { claimId: own.claimId, value } });
          if (answer.status === 201 || answer.status === 200) lastRating.set(`${userId}:${own.claimId}`, { userId, claimId: own.claimId, value });
        } else {
          answer = await client.post(api(`/annotations/${own.id}/replies`), { body: `Reply ${i} from reviewer ${r}.` });
          if (answer.status === 201) replies.push((answer.json as { id: string }).id);
        }
        latencies[kind].push(performance.now() - started);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    };
    const started = performance.now();
    await Promise.all(clients.map((c, r) => reviewer(c, r)));
    const elapsed = performance.now() - started;

    // every acknowledged write, looked for in the database itself
    const check = new pg.Client({ connectionString: throwaway.url });
    await check.connect();
    let missing = 0;
    try {
      const foundAnnotations = await check.query<{ id: string; version: number }>('SELECT id, version FROM "Annotation" WHERE id = ANY($1::text[])', [created]);
      missing += created.length - (foundAnnotations.rowCount ?? 0);
      const versions = new Map(foundAnnotations.rows.map((a) => [a.id, a.version]));
      for (const [id, version] of editedVersion) if ((versions.get(id) ?? 0) < version) missing++;
      const foundReplies = await check.query('SELECT id FROM "Reply" WHERE id = ANY($1::text[])', [replies]);
      missing += replies.length - (foundReplies.rowCount ?? 0);
      const credences = await check.query<{ userId: string; claimId: string; value: number }>('SELECT "userId", "claimId", value FROM "Credence"');
      const byKey = new Map(credences.rows.map((c) => [`${c.userId}:${c.claimId}`, c.value]));
      for (const [key, rating] of lastRating) if (Math.abs((byKey.get(key) ?? -1) - rating.value) > 1e-9) missing++;
    } finally {
      await check.end();
    }

    const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
    const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((a, [, n]) => a + n, 0);
    const all = Object.values(latencies).flat();
    const figures: Figure[] = [
      {
        figure: `load: ${reviewers} reviewers writing for ${Math.round(elapsed / 1000)} s`,
        value: `${requests} requests (${Math.round(requests / (elapsed / 1000))}/s); statuses ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`,
        target: '',
      },
      { figure: 'load: 5xx answers', value: String(serverErrors), target: '0', met: serverErrors === 0 ? 'yes' : 'no' },
      {
        figure: 'load: acknowledged writes missing afterwards',
        value: `${missing} of ${created.length + editedVersion.size + replies.length + lastRating.size} checked`,
        target: '0',
        met: missing === 0 ? 'yes' : 'no',
      },
      { figure: 'load: latency, all writes', value: `p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}`, target: '' },
    ];
    for (const kind of Object.keys(latencies) as Kind[]) {
      const samples = latencies[kind];
      figures.push({ figure: `load: ${kind} (${samples.length})`, value: `p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}`, target: '' });
    }
    return figures;
  } finally {
    await server.stop();
    keep();
    await throwaway.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
