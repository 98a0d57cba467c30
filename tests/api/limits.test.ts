// The resource limits of lib/limits.ts, each as a client meets it: a body past its limit answered 413 while it is
// still being sent (chunked, through a real socket), with nothing written; a third export at once, a ninth live
// stream, a 61st heartbeat in a minute and an 11th sign-up from one address in an hour answered 429 with
// Retry-After (the stream: the oldest ends with a `reload` frame instead).
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../lib/limits';
import { createWorkspace, importDocument, shortText, signedInClient, signUp } from '../support/api-actors';
import { serveDispatcher, type DispatcherServer } from '../support/dispatcher-server';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { createDispatcher } from '../support/route-dispatcher';
import { SseReader } from '../support/sse';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

const app = inProcessApp();
const appDir = path.resolve(import.meta.dirname, '../../app');

/** An owner, signed in, with a workspace holding one document. */
async function ownerWithDocument(target = app) {
  const account = await signUp(new HttpClient(target), 'limits-owner');
  const owner = await signedInClient(target, account);
  const workspace = await createWorkspace(owner, 'limits');
  const document = await importDocument(owner, workspace.slug, { text: shortText('Limits essay', 'One paragraph to read.', 'Another one.') });
  return { account, owner, workspace, document };
}

type EarlyAnswer = { status: number; body: string; wasStillSending: boolean };

/**
 * POSTs a chunked body of `total` bytes (its first bytes `head`, then filler), 64 KB at a time, and never ends it
 * unless all was sent: resolves with the first answer and whether the upload was still going when it came.
 */
function chunkedUpload(url: string, headers: Record<string, string>, head: string, total: number): Promise<EarlyAnswer> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let isDone = false;
    const req = request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      const wasStillSending = !req.writableEnded;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        isDone = true;
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, wasStillSending });
      });
    });
    req.on('error', (error) => {
      if (!isDone) reject(error);
    });
    const filler = Buffer.alloc(64 * 1024, 'a');
    const send = () => {
      if (isDone || req.destroyed) return;
      const piece = sentBytes === 0 ? Buffer.concat([Buffer.from(head), filler]) : filler;
      sentBytes += piece.length;
      const more = req.write(piece);
      if (sentBytes >= total) return; // all sent, and still not ended: the answer must not wait for the end
      if (more) setImmediate(send);
      else req.once('drain', send);
    };
    send();
  });
}

describe('request bodies', () => {
  let server: DispatcherServer;

  beforeAll(async () => {
    server = await serveDispatcher(createDispatcher({ appDir }), { trustProxy: 1 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers a chunked JSON body past 6 MB with 413 while it is still being sent, and imports nothing', async () => {
    const { owner, workspace } = await ownerWithDocument(server);
    const headers = { cookie: owner.jar.header() ?? '', origin: server.baseUrl, 'content-type': 'application/json', 'x-forwarded-for': owner.clientIp ?? '' };
    const head = `{"slug":"too-big-${uniqueSuffix()}","text":"`;
    const answer = await chunkedUpload(`${server.baseUrl}/api/v1/workspaces/${workspace.slug}/documents`, headers, head, LIMITS.body.jsonBytes + 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.wasStillSending).toBe(true);
    const error = (JSON.parse(answer.body) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/6 MB/);

    const documents = expectOk<{ items: { slug: string }[] }>(await owner.get(`/api/v1/workspaces/${workspace.slug}/documents`), 'documents');
    expect(documents.items).toHaveLength(1);
  });

  it('answers a streamed annotation file past 25 MB with 413 while it is still being sent, and imports nothing', async () => {
    const { owner, workspace } = await ownerWithDocument(server);
    const headers = { cookie: owner.jar.header() ?? '', origin: server.baseUrl, 'content-type': 'application/json', 'x-forwarded-for': owner.clientIp ?? '' };
    const answer = await chunkedUpload(`${server.baseUrl}/api/v1/workspaces/${workspace.slug}/import?format=hypothesis`, headers, '{"rows":[', LIMITS.body.annotationFileBytes + 2 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.wasStillSending).toBe(true);
    expect(answer.body).toMatch(/25 MB/);

    const annotations = expectOk<{ items: unknown[] }>(await owner.get(`/api/v1/workspaces/${workspace.slug}/annotations`), 'annotations');
    expect(annotations.items).toEqual([]);
  });

  it('answers a body whose Content-Length is past the limit with 413 without reading it', async () => {
    const { owner, workspace } = await ownerWithDocument();
    const answer = await app.fetch(`${app.baseUrl}/api/v1/workspaces/${workspace.slug}/documents`, {
      method: 'POST',
      headers: { cookie: owner.jar.header() ?? '', origin: app.baseUrl, 'content-type': 'application/json', 'content-length': String(LIMITS.body.jsonBytes + 1) },
      body: '{}',
    });
    expect(answer.status).toBe(413);
  });
});

describe('exports at once', () => {
  it(`lets one user run ${LIMITS.exports.perUser} exports at once; one more is a 429 with Retry-After until one ends`, async () => {
    const { owner, workspace } = await ownerWithDocument();
    const exportUrl = `${app.baseUrl}/api/v1/workspaces/${workspace.slug}/export?format=csv`;
    const open = (who: HttpClient) => app.fetch(exportUrl, { method: 'GET', headers: { cookie: who.jar.header() ?? '' } });
    // started and not read: each export waits on its reader, as a slow download does
    const running = await Promise.all(Array.from({ length: LIMITS.exports.perUser }, () => open(owner)));
    expect(running.map((r) => r.status)).toEqual(Array(LIMITS.exports.perUser).fill(200));

    const refused = await open(owner);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/exports running/);

    // someone else is not held back by this user's exports
    const reviewerAccount = await signUp(new HttpClient(app), 'limits-other');
    const other = await signedInClient(app, reviewerAccount);
    const otherWorkspace = await createWorkspace(other, 'limits-other');
    const theirs = await app.fetch(`${app.baseUrl}/api/v1/workspaces/${otherWorkspace.slug}/export?format=csv`, { method: 'GET', headers: { cookie: other.jar.header() ?? '' } });
    expect(theirs.status).toBe(200);
    await theirs.text();

    // one export read to its end gives its place back
    expect(await (running[0] as Response).text()).toMatch(/^\uFEFF?[a-z_]+,/);
    const next = await open(owner);
    expect(next.status).toBe(200);
    await next.text();
    await (running[1] as Response).body?.cancel();
  });
});

describe('live streams per user', () => {
  it(`keeps ${LIMITS.eventStreams.perUser} streams of one user open; the next one ends the oldest with a final reload frame`, async () => {
    const { owner, workspace } = await ownerWithDocument();
    const controller = new AbortController();
    const openStream = async () => {
      const answer = await app.fetch(`${app.baseUrl}/api/v1/workspaces/${workspace.slug}/events`, { method: 'GET', headers: { cookie: owner.jar.header() ?? '' }, signal: controller.signal });
      expect(answer.status).toBe(200);
      const reader = new SseReader(answer.body as ReadableStream<Uint8Array>);
      await reader.until(() => reader.frames.some((f) => f.event === 'ready'), 'the ready frame');
      return reader;
    };
    try {
      const streams: SseReader[] = [];
      for (let i = 0; i < LIMITS.eventStreams.perUser; i++) streams.push(await openStream());
      expect(streams.every((s) => !s.isClosed)).toBe(true);

      const newest = await openStream();
      const oldest = streams[0] as SseReader;
      await oldest.until(() => oldest.isClosed, 'the oldest stream to end');
      expect(oldest.frames.at(-1)).toMatchObject({ event: 'reload', data: { final: true } });
      expect(streams.slice(1).every((s) => !s.isClosed)).toBe(true);
      expect(newest.isClosed).toBe(false);
    } finally {
      controller.abort();
    }
  });
});

describe('presence heartbeats', () => {
  it(`accepts ${LIMITS.presence.heartbeatsPerMinute} heartbeats of one user in a minute and answers the next with 429 and Retry-After`, async () => {
    const { owner, workspace, document } = await ownerWithDocument();
    const beat = () => owner.put(`/api/v1/workspaces/${workspace.slug}/presence`, { document: document.slug });
    for (let i = 0; i < LIMITS.presence.heartbeatsPerMinute; i++) expect((await beat()).status).toBe(200);
    const refused = await beat();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(errorOf(refused).code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('sign-ups', () => {
  it(`accepts ${LIMITS.signUp.perAddress} sign-ups from one address in an hour; the next is a 429 with Retry-After, and another address still signs up`, async () => {
    const clientIp = uniqueClientIp();
    const anonymous = new HttpClient(app, { clientIp });
    const signUpHere = (label: string) => anonymous.post('/api/v1/users', { email: `${label}-${uniqueSuffix()}@example.test`, name: label, password: `pw-${label}-long-enough` });
    for (let i = 0; i < LIMITS.signUp.perAddress; i++) expect((await signUpHere(`many${i}`)).status).toBe(201);
    const refused = await signUpHere('one-more');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.signUp.windowSeconds);
    expect(errorOf(refused).message).toMatch(/too many sign-ups/i);

    expect((await new HttpClient(app, { clientIp: uniqueClientIp() }).post('/api/v1/users', { email: `elsewhere-${uniqueSuffix()}@example.test`, name: 'Elsewhere', password: 'pw-elsewhere-long' })).status).toBe(201);
  });
});
