// "Rate next" in Chromium, by keyboard alone: the page opens focused on the first claim of the queue (the thinnest
// panel, with its reason and passage); "7" sets 70%, Enter saves and shows the claim's ratings, the next claim comes
// up; S skips it (and it stays skipped after a reload); the last one is set with arrows and saved; Esc leaves for the
// workspace. Screenshots to look at (in /work/shots/queue/ when that folder exists, else tests/e2e/screenshots/):
// rate-next-first.png, rate-next-saved.png, rate-next-empty.png.
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
const shots = existsSync('/work/shots/queue') ? '/work/shots/queue' : screenshotsDir;
const sentences = ['Nobody else has rated this sentence.', 'One reviewer rated this one.', 'Two reviewers rated this one.'];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let workspace: TestWorkspace;
let me: HttpClient;
const claims: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const [ownerAccount, meAccount, otherAccount] = await Promise.all(['qowner', 'qme', 'qother'].map((label) => signUp(anonymous, label)));
  const owner = await signedInClient(app, ownerAccount!, clientIp);
  me = await signedInClient(app, meAccount!, clientIp);
  const other = await signedInClient(app, otherAccount!, clientIp);
  workspace = await createWorkspace(owner, 'rate-next');
  await addMemberByEmail(owner, workspace.slug, meAccount!, 'reviewer', me);
  await addMemberByEmail(owner, workspace.slug, otherAccount!, 'reviewer', other);
  const api = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;
  const doc = (await importDocument(owner, workspace.slug, { slug: 'queue-doc', title: 'Queue document', text: ['# Queue document', ...sentences].join('\n\n') })).slug;
  const text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;
  for (const quote of sentences) {
    const start = text.indexOf(quote);
    claims.push(expectOk<AnnotationDto>(await owner.post(api('/annotations'), { document: doc, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), 'claim').claimId as string);
  }
  expectOk(await other.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[1], value: 0.4 } }), 'rate 1');
  expectOk(await other.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[2], value: 0.6 } }), 'rate 2');
  expectOk(await owner.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[2], value: 0.8 } }), 'rate 2 by owner');
  context = await signedInContext(browser, { baseUrl, client: me, clientIp });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const statement = () => page.getByTestId('rate-next-statement');

describe('Rate next', () => {
  it('is driven by the keyboard alone: a digit and Enter rate, S skips (remembered), arrows and Enter rate, Esc leaves', async () => {
    expect((await goto(page, `${baseUrl}/w/${workspace.slug}/queue`, { waitUntil: 'load' }))?.status()).toBe(200);
    const group = page.getByTestId('rate-next');
    await expect.poll(() => group.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => statement().textContent()).toBe(sentences[0]);
    expect(await page.getByTestId('rate-next-reason').textContent()).toBe('Nobody has rated this yet.');
    await page.keyboard.press('7');
    expect(await page.getByTestId('rate-next-percent').textContent()).toBe('70%');
    // every key is listed in the page's shortcuts panel
    const help = page.getByTestId('shortcuts-help');
    expect(await help.textContent()).toContain('open the passage it sits on');
    for (const words of ['save the rating', 'skip this claim', 'leave for the workspace']) expect(await help.textContent()).toContain(words);
    await page.screenshot({ path: path.join(shots, 'rate-next-first.png'), fullPage: true });

    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('rate-next-saved').textContent()).toContain('Saved 70%');
    expect(await page.getByTestId('rate-next-saved').textContent()).toContain('Now 1 rating');
    // next: the claim one reviewer rated (of 3 who may rate)
    await expect.poll(() => statement().textContent()).toBe(sentences[1]);
    expect(await page.getByTestId('rate-next-reason').textContent()).toBe('Only 1 of 3 have rated this.');
    await page.screenshot({ path: path.join(shots, 'rate-next-saved.png'), fullPage: true });

    await page.keyboard.press('s');
    await expect.poll(() => statement().textContent()).toBe(sentences[2]);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => statement().textContent()).toBe(sentences[2]); // the skip is remembered
    await page.getByTestId('rate-next').focus();
    await page.keyboard.press('ArrowUp'); // 55%
    await page.keyboard.press('ArrowUp'); // 60%
    expect(await page.getByTestId('rate-next-percent').textContent()).toBe('60%');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('rate-next-empty').isVisible()).toBe(true);
    expect(await page.getByTestId('rate-next-saved').textContent()).toContain('Now 3 ratings, median 60%');
    await page.screenshot({ path: path.join(shots, 'rate-next-empty.png'), fullPage: true });

    // what was saved is my rating, through the API as anyone sees it
    const claim = expectOk<{ myCredence: number | null }>(await me.get(`/api/v1/workspaces/${workspace.slug}/claims/${claims[0]}`), 'claim');
    expect(claim.myCredence).toBe(0.7);
    await page.getByTestId('rate-next').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/w/${workspace.slug}`);
  });
});
