// One claim, not five, in Chromium: a crux made with the sentence form between two existing claims — C on this
// document, K on another one, offered because its statement is like the selected text — creates no claim and links
// the right C and K; a probability typed as 150% and a 600-character statement are explained at their fields and
// nothing is sent. Screenshots to look at: crux-picker-suggestions.png, crux-picker-sentence.png,
// crux-picker-percent.png, crux-picker-statement.png.
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnnotationDto, AnnotationPage, ClaimDto } from '@/lib/annotations/types';
import { createWorkspace, importDocument, shortText, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';
import { goto, launchBrowser, screenshotsDir, selectOffsets, signedInContext } from './browser';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();

const here = shortText(
  'Energy and prices',
  'A carbon tax is the cheapest way to cut emissions, most economists agree.',
  'If households get the revenue back as a dividend, the tax is not regressive at all.',
  'Fuel prices rose by a third last winter, and demand barely moved.',
);
const elsewhere = shortText('Dividends', 'Returning the revenue as a dividend makes a carbon tax progressive for most households.');
const statements = {
  c: 'A carbon tax is the cheapest way to cut emissions',
  k: 'If households get the revenue back as a dividend, a carbon tax is not regressive',
};
const cruxQuote = 'If households get the revenue back as a dividend, the tax is not regressive at all.';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: HttpClient;
let workspace: TestWorkspace;
let slug: string;
let text: string;
const ids = { c: '', k: '' };

const ws = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;
const composer = (): Locator => page.getByTestId('annotation-composer');
const claimCount = async () => expectOk<{ items: ClaimDto[] }>(await api.get(ws('/claims')), 'claims').items.length;
const annotations = async () => expectOk<AnnotationPage>(await api.get(ws(`/annotations?limit=500`)), 'annotations').items;

function target(quote: string, of = text) {
  const start = of.indexOf(quote);
  if (start < 0) throw new Error(`not in the text: ${quote}`);
  return { exact: quote, start, end: start + quote.length };
}

/** Selects the quote in the rendered document as a reader's selection would, by canonical offsets. */
const select = (quote: string): Promise<void> => selectOffsets(page, target(quote));

beforeAll(async () => {
  browser = await launchBrowser();
  const account = await signUp(new HttpClient(app, { clientIp }), 'cruxer');
  api = await signedInClient(app, account, clientIp);
  workspace = await createWorkspace(api, 'crux-picker');
  slug = (await importDocument(api, workspace.slug, { slug: 'energy', text: here, title: 'Energy and prices' })).slug;
  const other = await importDocument(api, workspace.slug, { slug: 'dividends', text: elsewhere, title: 'Dividends' });
  text = expectOk<{ text: string }>(await api.get(ws(`/documents/${slug}`)), 'document').text;
  const otherText = expectOk<{ text: string }>(await api.get(ws(`/documents/${other.slug}`)), 'other document').text;
  const c = expectOk<AnnotationDto>(
    await api.post(ws('/annotations'), { document: slug, kind: 'claim', target: target('A carbon tax is the cheapest way to cut emissions'), claim: { statement: statements.c } }),
    'claim C',
  );
  const k = expectOk<AnnotationDto>(
    await api.post(ws('/annotations'), {
      document: other.slug,
      kind: 'claim',
      target: target('Returning the revenue as a dividend makes a carbon tax progressive', otherText),
      claim: { statement: statements.k },
    }),
    'claim K',
  );
  ids.c = c.claimId as string;
  ids.k = k.claimId as string;
  context = await signedInContext(browser, { baseUrl, client: api, clientIp, viewport: 'desktop' });
  page = await context.newPage();
  const response = await goto(page, `${baseUrl}/w/${workspace.slug}/documents/${slug}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  await page.getByRole('complementary', { name: 'Annotations' }).waitFor();
  // hydrated: the reader follows the selection and the keys
  await page.locator('[data-document-body][data-interactive]').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('choosing claims instead of making them', () => {
  it('makes a crux between two existing claims with the sentence form, creating no claim', async () => {
    const before = await claimCount();
    expect(before).toBe(2);
    await select(cruxQuote);
    await page.keyboard.press('x');
    await composer().waitFor();
    const sentence = composer().getByTestId('crux-sentence');

    // C: the first field, found by typing some of its words; Enter takes the active match
    const cPicker = sentence.getByRole('combobox', { name: 'My view on (claim C)' });
    await expect.poll(() => cPicker.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('cheapest way');
    expect(await cPicker.getAttribute('aria-expanded')).toBe('true');
    const activeOf = async (picker: Locator) => composer().locator(`[id="${await picker.getAttribute('aria-activedescendant')}"]`).textContent();
    await expect.poll(() => activeOf(cPicker)).toContain(statements.c);
    await page.keyboard.press('Enter');
    expect(await cPicker.getAttribute('aria-expanded')).toBe('false');
    expect(await cPicker.inputValue()).toBe(statements.c);

    // K: lives on another document; opened without typing, the claims most like the selected text come first
    const kPicker = sentence.getByRole('combobox', { name: 'depends on whether (claim K)' });
    await kPicker.focus();
    await page.keyboard.press('ArrowDown');
    const listbox = sentence.getByRole('listbox', { name: 'Similar and matching claims' }).last();
    const kOption = listbox.getByRole('option', { name: new RegExp(statements.k) });
    await kOption.waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'crux-picker-suggestions.png') });
    expect(await kOption.textContent()).toContain('Used in Dividends');
    expect(await kOption.textContent()).toContain('0 ratings');
    const options = await listbox.getByRole('option').allTextContents();
    expect(options[0]).toContain(statements.k);
    expect(options.at(-1)).toMatch(/^Create new claim/);
    await expect.poll(() => activeOf(kPicker)).toContain(statements.k);
    await page.keyboard.press('Enter');
    expect(await kPicker.inputValue()).toBe(statements.k);
    await sentence.getByLabel('less likely').check();

    const preview = composer().getByTestId('crux-preview');
    expect(await preview.textContent()).toContain(
      `My view on “${statements.c}” depends on whether “${statements.k}” is true; if it is true, “${statements.c}” becomes less likely.`,
    );
    await composer().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotsDir, 'crux-picker-sentence.png'), fullPage: true });
    await composer().getByRole('button', { name: 'Save crux' }).click();
    await composer().waitFor({ state: 'detached' });
    await page.getByTestId('annotation-card').filter({ hasText: 'becomes less likely' }).first().waitFor();

    expect(await claimCount()).toBe(before);
    const crux = (await annotations()).find((a) => a.kind === 'crux');
    expect(crux?.crux).toMatchObject({ claimId: ids.k, forClaimId: ids.c, direction: 'less' });
    expect(crux?.target.exact).toBe(cruxQuote);
    // the card links both claims to their pages
    const links = page.getByTestId('annotation-card').filter({ hasText: 'becomes less likely' }).locator('a[data-claim-link]');
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      `/w/${workspace.slug}/claims/${ids.k}`,
      `/w/${workspace.slug}/claims/${ids.c}`,
    ]);
  });

  it('says at the field that 150% and a 600-character statement are out of bounds, and sends nothing', async () => {
    const before = (await annotations()).length;
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/annotations')) requests.push(request.url());
    });
    await select('Fuel prices rose by a third last winter');
    await page.keyboard.press('p');
    await composer().waitFor();
    const percent = composer().getByRole('spinbutton', { name: /Probability in percent/ });
    await percent.fill('150');
    const message = composer().getByText('Probability must be between 0% and 100%');
    await message.waitFor();
    expect(await percent.getAttribute('aria-invalid')).toBe('true');
    expect(await percent.inputValue()).toBe('150');
    await composer().getByRole('button', { name: 'Save probability' }).click();
    expect(await percent.inputValue()).toBe('150');
    expect(await message.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshotsDir, 'crux-picker-percent.png'), fullPage: true });

    // the claim kind: a long statement is counted and explained, not cut
    await composer().getByRole('button', { name: /^Claim/ }).click();
    const statement = composer().getByLabel('Statement');
    await statement.fill('x'.repeat(600));
    await composer().getByText('600 / 500 characters').waitFor();
    await composer().getByText('Statement must be at most 500 characters: shorten it by 100').waitFor();
    await composer().getByRole('button', { name: 'Create new claim' }).click();
    expect((await statement.inputValue()).length).toBe(600);
    await page.screenshot({ path: path.join(screenshotsDir, 'crux-picker-statement.png'), fullPage: true });

    expect(requests).toEqual([]);
    expect((await annotations()).length).toBe(before);
  });
});
