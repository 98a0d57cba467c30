// Notifications in Chromium, lean: Ada types "@" in a reply on the reading page, picks Bob from the suggestions
// by keyboard and sends; Bob, on the home page in a second browser context, sees his header's unread count rise
// without reloading; his inbox lists the mention, and "Mark all read" clears the count. The owner's progress
// view shows the panel's numbers. Screenshots to look at (in /work/shots/notify/ when that folder exists, else
// tests/e2e/screenshots/): notify-mention-editor.png, notify-header-live.png, notify-inbox.png, notify-progress.png.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { goto, launchBrowser, screenshotsDir, signedInContext } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();
const shots = existsSync('/work/shots/notify') ? '/work/shots/notify' : screenshotsDir;

const paragraphs = ['Interpretability will scale with model size.', 'Sparse features are the right unit of analysis.'];

let browser: Browser;
const contexts: BrowserContext[] = [];
let owner: HttpClient;
let ada: HttpClient;
let bob: HttpClient;
let bobAccount: TestAccount;
let workspace: TestWorkspace;
let doc: string;
let text: string;

const api = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;

async function openAs(client: HttpClient, pathname: string): Promise<Page> {
  const context = await signedInContext(browser, { baseUrl, client, clientIp });
  contexts.push(context);
  const page = await context.newPage();
  const response = await goto(page, `${baseUrl}${pathname}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return page;
}

const unreadOf = async (page: Page): Promise<number> => Number(await page.getByTestId('inbox-link').getAttribute('data-unread'));

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const [ownerAccount, adaAccount, bobbyAccount] = await Promise.all(['olga', 'ada', 'bob'].map((label) => signUp(anonymous, label)));
  bobAccount = bobbyAccount!;
  [owner, ada, bob] = (await Promise.all([ownerAccount!, adaAccount!, bobAccount].map((a) => signedInClient(app, a, clientIp)))) as [HttpClient, HttpClient, HttpClient];
  workspace = await createWorkspace(owner, 'notify-e2e');
  await addMemberByEmail(owner, workspace.slug, adaAccount!, 'reviewer', ada);
  await addMemberByEmail(owner, workspace.slug, bobAccount, 'reviewer', bob);
  doc = (await importDocument(owner, workspace.slug, { slug: 'interp', title: 'Interpretability', text: ['# Interpretability', ...paragraphs].join('\n\n') })).slug;
  text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;
  const quote = paragraphs[0]!;
  const start = text.indexOf(quote);
  const claim = expectOk<AnnotationDto>(await bob.post(api('/annotations'), { document: doc, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), 'claim');
  expectOk(await bob.post(api('/annotations'), { kind: 'probability', probability: { claimId: claim.claimId, value: 0.6 } }), 'rate');
  expectOk(await owner.post(api('/assignments'), { document: doc, userId: bobAccount.id, dueAt: '2031-03-01T12:00:00Z' }), 'assign bob');
  expectOk(await bob.post('/api/v1/notifications/read', { all: true }), 'bob starts with nothing unread');
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('notifications in the browser', () => {
  it('a mention typed in one context reaches the other’s header live; the inbox lists it and marks all read', async () => {
    const bobPage = await openAs(bob, '/');
    await bobPage.getByTestId('my-assignments').getByText('Interpretability').waitFor();
    expect(await unreadOf(bobPage)).toBe(0);

    const adaPage = await openAs(ada, `/w/${workspace.slug}/documents/${doc}`);
    const card = adaPage.getByTestId('annotation-card').filter({ hasText: paragraphs[0]!.slice(0, 20) }).first();
    await card.getByRole('button', { name: 'Reply' }).click();
    const editor = card.getByRole('textbox', { name: 'Reply' });
    await editor.click();
    await adaPage.keyboard.type('Have a look, @bo');
    const suggestions = card.getByRole('listbox', { name: 'Mention a member' });
    await suggestions.getByRole('option', { name: bobAccount.name }).waitFor();
    await adaPage.screenshot({ path: path.join(shots, 'notify-mention-editor.png') });
    await adaPage.keyboard.press('Enter');
    await adaPage.keyboard.type(' what do you think?');
    await adaPage.keyboard.press('ControlOrMeta+Enter');
    const reply = card.getByTestId('reply').filter({ hasText: 'what do you think?' });
    await reply.waitFor();
    // the mention shows the member's name, and is stored as the id
    expect(await reply.locator('[data-type="mention"]').textContent()).toBe(`@${bobAccount.name}`);
    expect(await reply.locator('[data-type="mention"]').getAttribute('data-id')).toBe(bobAccount.id);

    // Bob's header, without a reload (the reply to his annotation and the mention are one notification: the mention)
    await bobPage.waitForFunction(() => Number(document.querySelector('[data-testid="inbox-link"]')?.getAttribute('data-unread')) === 1, undefined, { timeout: 15_000 });
    expect(await bobPage.getByTestId('inbox-link').getAttribute('aria-label')).toBe('Inbox, 1 unread');
    await bobPage.screenshot({ path: path.join(shots, 'notify-header-live.png'), clip: { x: 0, y: 0, width: 1280, height: 200 } });

    await bobPage.getByTestId('inbox-link').click();
    await bobPage.waitForURL(/\/inbox$/);
    const items = bobPage.getByTestId('inbox-item');
    await items.first().waitFor();
    expect(await items.first().textContent()).toContain(`mentioned you on “Interpretability”`);
    expect(await bobPage.locator('h1').textContent()).toBe('Inbox');
    await bobPage.screenshot({ path: path.join(shots, 'notify-inbox.png'), fullPage: true });
    await bobPage.getByRole('button', { name: 'Mark all read' }).click();
    await bobPage.getByTestId('inbox-unread').filter({ hasText: 'All read.' }).waitFor();
    await bobPage.waitForFunction(() => document.querySelector('[data-testid="inbox-link"]')?.getAttribute('data-unread') === '0');
  });

  it('the owner’s progress view shows claims, five-rating share and each reviewer with their assignment', async () => {
    const page = await openAs(owner, `/w/${workspace.slug}/documents/${doc}/progress`);
    expect(await page.getByTestId('progress-summary').textContent()).toContain('1 claim · 0 rated by at least five reviewers (0%)');
    const bobRow = page.getByTestId('progress-table').getByRole('row').filter({ hasText: bobAccount.name });
    const cells = await bobRow.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['1 of 1', '2']);
    expect(cells[3]).toContain('Done · due');
    await page.screenshot({ path: path.join(shots, 'notify-progress.png'), fullPage: true });
  });
});
