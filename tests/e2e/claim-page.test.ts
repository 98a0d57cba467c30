// A claim's page in Chromium: a claim with evidence both ways (rationales, a source), a crux, two rounds of
// ratings and a thread; rating it in place (150% refused where typed, 65% saved), an over-long statement refused
// where typed; merging a duplicate into it from the duplicate's page and undoing the merge. Screenshots to look
// at: claim-page.png (the whole page after rating), claim-page-merged.png (a merged claim's notice).
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { ClaimPageDto } from '@/lib/claims/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { goto, launchBrowser, screenshotsDir, signedInContext } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();

const paragraphs = [
  'Open-weight models make misuse easier to attempt and harder to stop.',
  'Most misuse so far has used closed models through their public interfaces.',
  'Red teams found open models easy to strip of their safeguards.',
  'If safeguards can be fine-tuned away cheaply, releasing weights is a one-way door.',
  'Open weights are a net risk for misuse.',
];

let browser: Browser;
const contexts: BrowserContext[] = [];
let owner: HttpClient;
let reviewer: HttpClient;
let workspace: TestWorkspace;
let doc: string;
let text: string;
let mentioned: string;
const ids = { claim: '', duplicate: '', crux: '' };

const api = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;
const target = (quote: string) => {
  const start = text.indexOf(quote);
  return { exact: quote, start, end: start + quote.length };
};
const annotate = async (client: HttpClient, body: Record<string, unknown>) =>
  expectOk<AnnotationDto & { createdClaimIds: string[] }>(await client.post(api('/annotations'), { document: doc, ...body }), `annotate ${String(body.kind)}`);

async function openAs(client: HttpClient, pathname: string): Promise<Page> {
  const context = await signedInContext(browser, { baseUrl, client, clientIp });
  contexts.push(context);
  const page = await context.newPage();
  const response = await goto(page, `${baseUrl}${pathname}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const [ownerAccount, reviewerAccount] = await Promise.all(['olga', 'rui'].map((label) => signUp(anonymous, label)));
  [owner, reviewer] = (await Promise.all([ownerAccount, reviewerAccount].map((a) => signedInClient(app, a!, clientIp)))) as [HttpClient, HttpClient];
  workspace = await createWorkspace(owner, 'claim-page');
  await addMemberByEmail(owner, workspace.slug, reviewerAccount!, 'reviewer');
  doc = (await importDocument(owner, workspace.slug, { slug: 'open-weights', title: 'Open weights', text: ['# Open weights', ...paragraphs].join('\n\n') })).slug;
  text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;

  ids.claim = (await annotate(owner, { kind: 'claim', target: target(paragraphs[0]!), claim: { statement: 'Open-weight models make misuse easier.' } })).claimId!;
  await annotate(owner, { kind: 'probability', probability: { claimId: ids.claim, value: 0.7 } });
  await annotate(reviewer, { kind: 'probability', probability: { claimId: ids.claim, value: 0.2 } });
  expectOk(await owner.post(api(`/documents/${doc}/rounds`)), 'open round 2');
  await annotate(reviewer, { kind: 'probability', probability: { claimId: ids.claim, value: 0.35 } });
  await annotate(reviewer, { kind: 'evidence', target: target(paragraphs[1]!), evidence: { claimId: ids.claim, stance: 'against', strength: 3, source: 'https://example.org/misuse-report' }, body: 'Attackers mostly used hosted models.' });
  const support = await annotate(owner, { kind: 'evidence', target: target(paragraphs[2]!), evidence: { claimId: ids.claim, stance: 'for', strength: 2 }, body: 'Safeguards came off in an afternoon.' });
  expectOk(await reviewer.post(api(`/annotations/${support.id}/replies`), { body: 'Was that on the largest models too?' }), 'reply');
  // a mention of the owner, stored by id: the page shows the owner's current name
  mentioned = ownerAccount!.name;
  const mention = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Asking ' }, { type: 'mention', attrs: { id: ownerAccount!.id, label: 'stale label' } }] }] };
  expectOk(await reviewer.post(api(`/annotations/${support.id}/replies`), { body: mention }), 'reply with a mention');
  const crux = await annotate(owner, { kind: 'crux', target: target(paragraphs[3]!), crux: { statement: 'Safeguards can be fine-tuned away cheaply.', forClaimId: ids.claim, direction: 'more' } });
  ids.crux = crux.claimId!;
  ids.duplicate = (await annotate(reviewer, { kind: 'claim', target: target(paragraphs[4]!) })).claimId!;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('the claim page', () => {
  it('shows evidence, cruxes, history and the thread, and rates in place (150% refused where typed)', async () => {
    const page = await openAs(reviewer, `/w/${workspace.slug}/claims/${ids.claim}`);
    await expect.poll(() => page.getByTestId('claim-statement').textContent(), { timeout: 20_000 }).toBe('Open-weight models make misuse easier.');
    const against = page.getByTestId('evidence-against');
    expect(await against.textContent()).toContain('Attackers mostly used hosted models.');
    expect(await against.getByRole('link', { name: 'https://example.org/misuse-report' }).count()).toBe(1);
    expect(await page.getByTestId('evidence-for').textContent()).toContain('Safeguards came off in an afternoon.');
    await page.getByTestId('hinges-on').getByRole('link', { name: 'Safeguards can be fine-tuned away cheaply.' }).waitFor();
    expect(await page.getByTestId('discussion').textContent()).toContain('Was that on the largest models too?');
    expect(await page.getByTestId('discussion').textContent()).toContain(`Asking @${mentioned}`);
    expect(await page.getByTestId('anchors').getByRole('link').first().getAttribute('href')).toMatch(new RegExp(`/documents/${doc}#p-`));
    await page.getByTestId('credence-history-chart').locator('svg').waitFor();
    expect(await page.getByTestId('history-table').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('history-table').locator('tbody tr').last().locator('td').last().textContent()).toBe('2');

    const input = page.getByLabel('Your probability that it is true (0–100%)');
    await input.fill('150');
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('150% is outside 0–100%').waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(expectOk<ClaimPageDto>(await reviewer.get(api(`/claims/${ids.claim}`)), 'claim').myCredence).toBe(0.35);

    await input.fill('65');
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('Saved: 65%.').waitFor();
    await expect.poll(async () => (await page.getByTestId('credence-table').textContent()) ?? '', { timeout: 20_000 }).toContain('65%');
    expect(expectOk<ClaimPageDto>(await reviewer.get(api(`/claims/${ids.claim}`)), 'claim').myCredence).toBe(0.65);
    await page.getByTestId('credence-now-chart').locator('svg').waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'claim-page.png'), fullPage: true });
  });

  it('refuses an over-long statement where it is typed, then merges a duplicate into the claim and undoes it', async () => {
    const page = await openAs(owner, `/w/${workspace.slug}/claims/${ids.duplicate}`);
    await page.getByRole('button', { name: 'Edit statement' }).click();
    await page.getByLabel('Statement').fill('x'.repeat(501));
    await page.getByText('501 of 500 characters — 1 too many').waitFor();
    await page.getByRole('button', { name: 'Save statement' }).click();
    await page.getByText('Statement must be at most 500 characters; it has 501. Shorten it — nothing is cut.').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByText('Merge into another claim…').click();
    await page.getByLabel('Find the claim to merge into').fill('misuse easier');
    await page.getByLabel(/Open-weight models make misuse easier\./).check();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.waitForURL(`${baseUrl}/w/${workspace.slug}/claims/${ids.claim}`);
    await expect.poll(() => page.getByTestId('anchors').getByRole('link').count(), { timeout: 20_000 }).toBe(2);

    await goto(page, `${baseUrl}/w/${workspace.slug}/claims/${ids.duplicate}`, { waitUntil: 'load' });
    const notice = page.getByTestId('merged-notice');
    expect(await notice.textContent()).toContain('“Open-weight models make misuse easier.”');
    await page.screenshot({ path: path.join(screenshotsDir, 'claim-page-merged.png'), fullPage: false });
    await notice.getByRole('button', { name: 'Undo merge' }).click();
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    expect(expectOk<ClaimPageDto>(await owner.get(api(`/claims/${ids.duplicate}`)), 'claim').mergedInto).toBeNull();
  });
});
