// Issue 18 in Chromium: by keyboard alone, annotate a sentence as a claim (j/k to the passage, Enter, Shift+↑ down
// to its first sentence, c, Enter), rate it, open its thread, delete it and undo from the toast, go to the map (m) and sort its claims table; and on a
// 390 × 844 phone, tap a highlight, read its card in the bottom sheet, close it and be where you were. Each step in
// both themes: screenshots to look at under tests/e2e/screenshots/keyboard-*.png and phone-*.png.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkspace, importDocument, signedInClient, signUp } from '../support/api-actors';
import { HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';
import { describedBy, goto, launchBrowser, screenshotsDir, signedInContext, viewports } from './browser';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();

const paragraphs = [
  'Deceptive alignment needs a model that plans across episodes.',
  'Training rewards honesty only where it is checked. Checks are rare in long tasks. Nobody audits the rest.',
  'So the argument rests on how often behaviour is checked.',
];
const claimSentence = 'Training rewards honesty only where it is checked.';

let browser: Browser;
const contexts: BrowserContext[] = [];
let owner: HttpClient;
let readerPath = '';

const themes = ['light', 'dark'] as const;
/** One screenshot per theme of the page as it is now. */
async function shots(page: Page, name: string): Promise<void> {
  for (const colorScheme of themes) {
    await page.emulateMedia({ colorScheme });
    // the restyle settled before the picture
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(screenshotsDir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function open(viewport: keyof typeof viewports, options: { hasTouch?: boolean } = {}): Promise<Page> {
  const context = await signedInContext(browser, { baseUrl, client: owner, clientIp, viewport });
  contexts.push(context);
  const page = options.hasTouch ? await (await browser.newContext({ viewport: viewports[viewport], hasTouch: true, isMobile: true, storageState: await context.storageState() })).newPage() : await context.newPage();
  if (options.hasTouch) contexts.push(page.context());
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const response = await goto(page, `${baseUrl}${readerPath}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  await page.locator('[data-document-body][data-interactive]').waitFor();
  return page;
}

const activeText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());

/** Presses Tab until the focused element's text matches, at most `limit` times; fails otherwise. */
async function tabTo(page: Page, pattern: RegExp, limit = 30, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (pattern.test(await activeText(page))) return;
  }
  throw new Error(`no Tab stop matching ${pattern} in ${limit} presses`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const account = await signUp(new HttpClient(app, { clientIp }), 'keys');
  owner = await signedInClient(app, account, clientIp);
  const workspace = await createWorkspace(owner, 'keys');
  const doc = await importDocument(owner, workspace.slug, { slug: 'checks', title: 'Checks', text: ['# Checks', ...paragraphs].join('\n\n') });
  readerPath = `/w/${workspace.slug}/documents/${doc.slug}`;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('by keyboard alone', () => {
  it('annotates a sentence as a claim, rates it, opens its thread, goes to the map and sorts its claims table', async () => {
    const page = await open('desktop');
    // "Skip to content" is the first Tab stop
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    // it lands in the text, past the heat strip (not on the page's main region)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('document-text');

    // j moves from passage to passage; Enter selects the passage's text; Shift+↑ takes back its last sentences
    for (let i = 0; i < 5 && !(await activeText(page)).startsWith('Training rewards'); i++) await page.keyboard.press('j');
    expect(await activeText(page)).toBe(paragraphs[1]);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(paragraphs[1]);
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowUp');
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(claimSentence);
    // a word further, a sentence further, a sentence back
    const selected = () => page.evaluate(() => window.getSelection()?.toString());
    await page.keyboard.press('Shift+ArrowRight');
    expect(await selected()).toBe(`${claimSentence} Checks`);
    await page.keyboard.press('Shift+ArrowDown');
    expect(await selected()).toBe(`${claimSentence} Checks are rare in long tasks.`);
    await page.keyboard.press('Shift+ArrowUp');
    expect(await selected()).toBe(claimSentence);
    await shots(page, 'keyboard-1-selected');

    // c: the composer as a claim, its statement proposed from the selection; Enter saves
    await page.keyboard.press('c');
    const composer = page.getByTestId('annotation-composer');
    await composer.waitFor();
    await shots(page, 'keyboard-2-composer');
    await page.keyboard.press('Enter');
    await composer.waitFor({ state: 'detached' });
    const card = page.getByTestId('annotation-card').filter({ hasText: claimSentence }).first();
    await card.waitFor();
    await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('[data-document-body] mark.hl').allTextContents()).toEqual([claimSentence]);

    // rate it from its card: Tab to Rate, Enter, type, Enter
    await tabTo(page, /^Rate$/);
    await page.keyboard.press('Enter');
    const rater = page.getByRole('form', { name: /Your credence/ });
    await rater.waitFor();
    const field = rater.getByRole('spinbutton');
    for (let i = 0; i < 20 && !(await field.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('65');
    await page.keyboard.press('Enter');
    // saved: the claim's credence chart in the text says so
    await expect.poll(() => describedBy(page.locator('[data-document-body] .credence-glyph').first())).toContain('1 rating, median 65%');
    // the highlight itself is described briefly, as an accessible description (its name stays its words): the claim,
    // the rating just made on the same words, and how many annotations share them
    await expect.poll(() => describedBy(page.locator('[data-document-body] mark.hl[data-opens]').first())).toBe('claim, 1 rating, median 65%. probability 65%. 2 annotations on these words.');
    await shots(page, 'keyboard-3-rated');

    // its thread: d on the card (the card's keys: t d r i o h Delete)
    await card.focus();
    await page.keyboard.press('d');
    await card.getByTestId('thread').getByText('No replies yet.').waitFor();
    await shots(page, 'keyboard-4-thread');
    // t: show it in the text (its highlight flashes)
    await card.focus();
    await page.keyboard.press('t');
    await expect.poll(() => page.locator('[data-document-body] mark.hl-flash').count()).toBeGreaterThan(0);

    // delete it, and undo from the toast at the bottom of the window (announced: a status live region)
    await tabTo(page, /^Delete$/);
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Delete this annotation?' }).waitFor();
    await page.keyboard.press('Enter');
    const toast = page.getByTestId('undo-toast');
    await toast.getByText('Annotation deleted.').waitFor();
    expect(await toast.getAttribute('role')).toBe('status');
    const toastBox = await toast.getByText('Annotation deleted.').boundingBox();
    expect(toastBox && toastBox.y > 0 && toastBox.y + toastBox.height <= viewports.desktop.height).toBe(true);
    await shots(page, 'keyboard-4b-undo-toast');
    // u: undo, from wherever the focus is (not while typing)
    await page.keyboard.press('u');
    await card.waitFor();
    await toast.getByText('Annotation deleted.').waitFor({ state: 'detached' });
    // b: the margin's menu of recently deleted annotations (nothing there now); Esc closes it
    await card.focus();
    await page.keyboard.press('b');
    const menu = page.getByTestId('sidebar-menu');
    await menu.getByTestId('recently-deleted').getByText('Nothing to restore.').waitFor();
    await shots(page, 'keyboard-4c-recently-deleted');
    await menu.locator('summary').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);

    // the shortcuts panel lists the keys used here
    const help = page.getByTestId('shortcuts-help');
    await help.locator('summary').focus();
    await page.keyboard.press('Enter');
    const listed = (await help.textContent()) ?? '';
    for (const key of ['j', 'k', 'Shift ↑', 'Shift →', 'c', 'm', 'n', 'on a card: its discussion', 'undo the last delete', 'recently deleted']) expect(listed).toContain(key);
    await page.keyboard.press('Enter');

    // m: the map; sort its claims table by a column with Enter
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('m');
    await page.waitForURL('**/map');
    const table = page.getByTestId('claims-table');
    await table.waitFor();
    // the heat strip is one Tab stop, however many passages (it was one per passage)
    const strip = page.getByTestId('heat-strip').first();
    expect(await strip.evaluate((el) => [el, ...el.querySelectorAll<HTMLElement>('*')].filter((e) => (e as HTMLElement).tabIndex >= 0).length)).toBe(1);
    expect(await strip.getByRole('option').count()).toBe(paragraphs.length + 1);
    const sortable = table.locator('th[aria-sort] button').first();
    const header = table.locator('th[aria-sort]').first();
    const before = await header.getAttribute('aria-sort');
    await tabTo(page, new RegExp(`^${(await sortable.textContent())?.replace(/[▲▼]/g, '').trim()}`), 80);
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).not.toBe(before);
    await shots(page, 'keyboard-5-map-sorted');
    // the map's keys: 2 sorts by Aggregate (again: the other way), f goes to the filter; its panel lists them
    await page.locator('body').press('2');
    const aggregate = table.locator('th[aria-sort]').nth(1);
    await expect.poll(() => aggregate.getAttribute('aria-sort')).toBe('descending');
    await page.locator('body').press('2');
    await expect.poll(() => aggregate.getAttribute('aria-sort')).toBe('ascending');
    await page.locator('body').press('f');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    const mapHelp = page.getByTestId('shortcuts-help');
    await mapHelp.locator('summary').click();
    const mapKeys = (await mapHelp.textContent()) ?? '';
    for (const words of ['sort the claims', 'filter the claims', 'next page', 'new since your last visit']) expect(mapKeys).toContain(words);
  });
});

describe('on a phone', () => {
  it('opens a tapped highlight in a bottom sheet over the text and, closed, leaves the reader where they were', async () => {
    const page = await open('phone', { hasTouch: true });
    const mark = page.locator('[data-document-body] mark.hl').first();
    await mark.waitFor();
    // the annotation list is not the end of the page: a sheet, closed
    const sheet = page.getByRole('complementary', { name: 'Annotations' });
    expect(await sheet.isVisible()).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 40));
    const scrollY = await page.evaluate(() => window.scrollY);
    await shots(page, 'phone-1-text');

    await mark.tap();
    const card = sheet.getByTestId('annotation-card').filter({ hasText: claimSentence }).first();
    await card.waitFor();
    expect(await card.isVisible()).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    const box = await sheet.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(viewports.phone.height + 1);
    await shots(page, 'phone-2-sheet');

    await sheet.getByRole('button', { name: 'Close' }).tap();
    await sheet.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shots(page, 'phone-3-closed');

    // the claims table at 320 px: nothing clipped, the table scrolls sideways under its claim column
    await page.setViewportSize({ width: 320, height: 700 });
    await goto(page, `${baseUrl}${readerPath}/map`, { waitUntil: 'load' });
    await page.getByTestId('claims-table').waitFor();
    // nothing wider than the screen but what is inside a sideways scroller (the elements that would be, named, when one is)
    const tooWide = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.parentElement?.closest('[role="region"], .overflow-x-auto, .overflow-auto'))
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
        .map((el) => {
          const chain: string[] = [];
          for (let at: HTMLElement | null = el; at && at !== document.body; at = at.parentElement) chain.push(`${at.tagName.toLowerCase()}${at.id ? `#${at.id}` : ''}[${Math.round(at.getBoundingClientRect().width)}] ${at.className.toString().slice(0, 50)}`);
          return chain.join(' < ');
        }),
    );
    if (tooWide.length > 0) console.log(tooWide.join('\n'));
    expect(tooWide).toEqual([]);
    const scroller = page.getByRole('region', { name: 'Claims table' });
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await scroller.evaluate((el) => el.scrollBy(400, 0));
    await scroller.scrollIntoViewIfNeeded();
    await shots(page, 'phone-4-map-320');
  });
});
