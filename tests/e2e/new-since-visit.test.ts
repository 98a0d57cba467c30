// The team loop on the reading page and the map, in Chromium: a claim rated by several reviewers is one line in
// the margin ("3 ratings · median 60%") whose cards open with one click; what others did since my last visit is
// marked — highlights outlined, cards "New" or "2 new replies", a count with "Next new" — and `n` goes from one to
// the next, on the reader and on the map's claims table. The app under test counts openings 12 s apart as two visits
// (CRUXMAP_VISIT_GAP_SECONDS in tests/setup/app-server.ts). Screenshots to look at (in /work/shots/team/ when that
// folder exists, else tests/e2e/screenshots/): new-reader.png, new-ratings-open.png, new-map.png.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { goto, launchBrowser, screenshotsDir, signedInContext } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();
const shots = existsSync('/work/shots/team') ? '/work/shots/team' : screenshotsDir;
const sentences = [
  'Power-seeking follows from almost any goal.',
  'Deceptive alignment needs situational awareness first.',
  'Scheming is unlikely in models trained this way.',
  'Evaluations can catch most of it before deployment.',
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let workspace: TestWorkspace;
let me: HttpClient;
let others: HttpClient[];
let doc: string;
let text: string;
const claims: string[] = [];
const annotations: string[] = [];

const api = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;
const target = (quote: string) => ({ exact: quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
const readerUrl = () => `${baseUrl}/w/${workspace.slug}/documents/${doc}`;
/** Long enough that the next opening is another visit (the app counts 12 s: tests/setup/app-server.ts). */
const afterAVisit = () => new Promise((resolve) => setTimeout(resolve, 12_500));

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const accounts = await Promise.all(['nme', 'nana', 'nbo', 'ncy'].map((label) => signUp(anonymous, label)));
  me = await signedInClient(app, accounts[0]!, clientIp);
  others = await Promise.all(accounts.slice(1).map((a) => signedInClient(app, a, clientIp)));
  workspace = await createWorkspace(me, 'new-since');
  for (const [i, a] of accounts.slice(1).entries()) await addMemberByEmail(me, workspace.slug, a, 'reviewer', others[i]);
  doc = (await importDocument(me, workspace.slug, { slug: 'since', title: 'Since my last visit', text: ['# Since my last visit', ...sentences].join('\n\n') })).slug;
  text = expectOk<{ text: string }>(await me.get(api(`/documents/${doc}`)), 'document').text;
  for (const quote of sentences.slice(0, 3)) {
    const made = expectOk<AnnotationDto>(await me.post(api('/annotations'), { document: doc, kind: 'claim', target: target(quote) }), 'claim');
    claims.push(made.claimId as string);
    annotations.push(made.id);
  }
  // three reviewers rate the first claim on its sentence: one line in the margin, not three cards
  for (const [i, value] of [0.5, 0.6, 0.9].entries()) {
    expectOk(await others[i]!.post(api('/annotations'), { document: doc, kind: 'probability', target: target(sentences[0]!), probability: { claimId: claims[0], value } }), 'rating');
  }
  context = await signedInContext(browser, { baseUrl, client: me, clientIp });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the reading margin groups ratings', () => {
  it("shows a claim's ratings as one line and opens their cards with one click", async () => {
    expect((await goto(page, readerUrl(), { waitUntil: 'load' }))?.status()).toBe(200);
    const group = page.getByTestId('rating-group');
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.getByTestId('rating-group-line').textContent()).toBe('3 ratings · median 60%');
    expect(await group.textContent()).toContain(sentences[0]);
    // the three probability cards are not in the margin until asked for
    const probabilityCards = page.getByTestId('annotation-card').filter({ has: page.locator('[data-hl-sample="probability"]') });
    expect(await probabilityCards.count()).toBe(0);
    const toggle = group.getByRole('button', { name: 'Show the 3 ratings' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => probabilityCards.count()).toBe(3);
    expect(await group.getByRole('button', { name: 'Hide the ratings' }).getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(shots, 'new-ratings-open.png'), fullPage: true });
    // a first visit: nothing is new
    expect(await page.getByTestId('new-since-visit').count()).toBe(0);
    expect(await page.locator('mark.hl[data-new]').count()).toBe(0);
  });
});

describe('new since my last visit', () => {
  it('marks what others did since, and n goes from one to the next, on the reader and the map', async () => {
    await afterAVisit();
    // while I was away: a new claim, a reply to my second claim (two), a rating of my third claim; my own reply is not news
    const [ana, bo] = others as [HttpClient, HttpClient];
    const fresh = expectOk<AnnotationDto>(await ana.post(api('/annotations'), { document: doc, kind: 'claim', target: target(sentences[3]!) }), 'new claim');
    expectOk(await bo.post(api(`/annotations/${annotations[1]}/replies`), { body: 'Why first?' }), 'reply');
    expectOk(await ana.post(api(`/annotations/${annotations[1]}/replies`), { body: 'Agreed, but why?' }), 'reply 2');
    const rating = expectOk<AnnotationDto>(
      await bo.post(api('/annotations'), { document: doc, kind: 'probability', target: target(sentences[2]!), probability: { claimId: claims[2], value: 0.2 } }),
      'rating',
    );
    expectOk(await me.post(api(`/annotations/${annotations[0]}/replies`), { body: 'My own reply.' }), 'mine');

    expect((await goto(page, readerUrl(), { waitUntil: 'load' }))?.status()).toBe(200);
    const banner = page.getByTestId('new-since-visit');
    await expect.poll(() => banner.textContent()).toContain('3 new since your last visit');
    // the highlights: the new claim, the reply's claim, the new rating
    const marked = await page.locator('mark.hl[data-new]').evaluateAll((marks) => [...new Set(marks.map((m) => m.textContent ?? ''))].join(' | '));
    for (const quote of [sentences[1]!, sentences[2]!, sentences[3]!]) expect(marked).toContain(quote);
    expect(marked).not.toContain(sentences[0]!);
    await expect.poll(() => page.locator(`[data-annotation-id="${annotations[1]}"] [data-testid="new-mark"]`).textContent()).toBe('2 new replies');
    await expect.poll(() => page.locator(`[data-annotation-id="${fresh.id}"] [data-testid="new-mark"]`).textContent()).toBe('New');
    await page.screenshot({ path: path.join(shots, 'new-reader.png'), fullPage: true });

    // a reload is the same visit: the same marks
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('new-since-visit').textContent()).toContain('3 new since your last visit');

    // the map (the same visit): the claims others annotated or rated since, and n between them
    expect((await goto(page, `${readerUrl()}/map`, { waitUntil: 'load' }))?.status()).toBe(200);
    const mapBanner = page.getByTestId('new-since-visit');
    await expect.poll(() => mapBanner.textContent()).toContain('2 claims rated or annotated by others since your last visit');
    const newRows = await page.locator('[data-testid="claims-table"] tr:has([data-testid="new-mark"])').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim-id')));
    expect(newRows.sort()).toEqual([claims[2], fresh.claimId].sort());
    await page.locator('body').press('n');
    const focusedClaim = () => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-claim-id'));
    await expect.poll(focusedClaim).not.toBeUndefined();
    const first = await focusedClaim();
    await page.keyboard.press('n');
    await expect.poll(focusedClaim).not.toBe(first);
    expect([first, await focusedClaim()].sort()).toEqual([claims[2], fresh.claimId].sort());
    await page.screenshot({ path: path.join(shots, 'new-map.png'), fullPage: false });

    // back to the text (the same visit: each opening within the gap of the one before)
    expect((await goto(page, readerUrl(), { waitUntil: 'load' }))?.status()).toBe(200);
    await expect.poll(() => page.getByTestId('new-since-visit').textContent()).toContain('3 new since your last visit');
    // n: the first new one in document order (the reply's claim, its thread opened), then the rating, then the claim
    await page.locator('body').press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-annotation-id]')?.getAttribute('data-annotation-id'))).toBe(annotations[1]);
    await expect.poll(() => page.locator(`[data-annotation-id="${annotations[1]}"]`).textContent()).toContain('Agreed, but why?');
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-annotation-id]')?.getAttribute('data-annotation-id'))).toBe(rating.id);
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-annotation-id]')?.getAttribute('data-annotation-id'))).toBe(fresh.id);
    await page.keyboard.press('n'); // round to the first
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-annotation-id]')?.getAttribute('data-annotation-id'))).toBe(annotations[1]);

    // the next visit, with nothing done since: no marks
    await afterAVisit();
    expect((await goto(page, readerUrl(), { waitUntil: 'load' }))?.status()).toBe(200);
    await expect.poll(() => page.getByTestId('rating-group').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('new-since-visit').count()).toBe(0);
    expect(await page.locator('mark.hl[data-new]').count()).toBe(0);
  });
});
