// Search in Chromium: from a document page, `/` opens the workspace's search; a word that is only in the text
// ("janus") finds its passage, marked; the result opens the reader at that passage. Screenshots to look at.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { goto, launchBrowser, screenshotsDir, viewports } from './browser';

const baseUrl = inject('baseUrl');
const workspace = '/w/ai-alignment-reading-group';
const documentPath = `${workspace}/documents/deceptive-alignment-flimsy-arguments`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('search', () => {
  it('goes from `/` on a document page to a passage found by a word only in its text', async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    expect((await goto(page, `${baseUrl}${documentPath}`, { waitUntil: 'load' }))?.status()).toBe(200);
    // `/` works once the page is interactive: press it until the search page opens
    for (let attempt = 0; attempt < 20 && !page.url().includes('/search'); attempt++) {
      await page.keyboard.press('/');
      await page.waitForTimeout(500);
    }
    await page.waitForURL(`**${workspace}/search`);
    const box = page.getByLabel('Search passages, claims, annotations and replies');
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await box.fill('janus');
    await box.press('Enter');
    await page.waitForURL('**/search?q=janus');
    const results = page.getByRole('list', { name: 'Results' });
    await results.waitFor();
    const marks = await results.locator('mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toContain('janus');
    await expect(page.getByRole('complementary', { name: 'Filters' }).getByRole('heading', { name: 'Type' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(screenshotsDir, 'search-results-desktop.png'), fullPage: true });
    await page.setViewportSize(viewports.phone);
    await page.screenshot({ path: path.join(screenshotsDir, 'search-results-phone.png'), fullPage: true });
    await page.setViewportSize(viewports.desktop);

    const first = results.getByRole('link').first();
    const href = (await first.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${documentPath}#p-`));
    const anchor = href.split('#')[1] ?? '';
    await first.click();
    await page.waitForURL(`**${href}`);
    const passage = page.locator(`[id="${anchor}"]`);
    await expect(passage.textContent()).resolves.toMatch(/Janus/);
    // the reader scrolled the passage into view
    await page.waitForFunction((id) => {
      const rect = document.getElementById(id)?.getBoundingClientRect();
      return rect !== undefined && rect.top >= 0 && rect.top < window.innerHeight;
    }, anchor);
    // and marked it as where the reader landed
    expect(await page.evaluate((id) => document.getElementById(id)?.matches(':target'), anchor)).toBe(true);
    await page.screenshot({ path: path.join(screenshotsDir, 'search-opened-passage-desktop.png') });
    await page.close();
  });
});
