// The library and the reading page in Chromium, at desktop and phone width, with screenshots to look at.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { normalizeDocument } from '../../lib/corpus/normalize';
import { goto, launchBrowser, screenshotsDir, viewports } from './browser';

const baseUrl = inject('baseUrl');
const documentPath = '/w/ai-alignment-reading-group/documents/scheming-ais-section-3';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(url: string, viewport: keyof typeof viewports): Promise<Page> {
  const page = await browser.newPage({ viewport: viewports[viewport] });
  const response = await goto(page, `${baseUrl}${url}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return page;
}

describe('library', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`lists the five documents as links at ${viewport} width`, async () => {
      const page = await open('/', viewport);
      const titles = await page.getByTestId('document-title').allTextContents();
      expect(titles).toHaveLength(5);
      expect(titles).toContain('Power-seeking agents will likely be developed');
      await page.screenshot({ path: path.join(screenshotsDir, `library-${viewport}.png`), fullPage: true });
      await page.getByText('Scheming AIs, Section 3').first().click();
      await page.waitForURL(`**${documentPath}`);
      await expect(page.locator('h1#document-title').textContent()).resolves.toContain('Scheming AIs');
      await page.close();
    });
  }
});

describe('document 004', () => {
  it('renders every passage with its stable anchor, in order', async () => {
    const source = await readFile(path.join(process.cwd(), 'content', 'scheming-ais-section-3.txt'), 'utf8');
    const expected = normalizeDocument(source, { filename: 'scheming-ais-section-3.txt' }).passages.map((p) => `p-${p.id}`);
    const page = await open(documentPath, 'desktop');
    const anchors = await page.locator('[id^="p-"]').evaluateAll((els) =>
      els
        .map((el) => ({ id: el.id, index: Number(el.getAttribute('data-passage-index')) }))
        .sort((a, b) => a.index - b.index)
        .map((e) => e.id),
    );
    expect(anchors).toEqual(expected);
    const target = expected[Math.floor(expected.length / 2)] as string;
    await goto(page, `${baseUrl}${documentPath}#${target}`);
    await expect(page.locator(`#${target}`).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('shows headings and a table of contents whose links reach them', async () => {
    const page = await open(documentPath, 'desktop');
    const headings = await page.locator('article [data-kind="heading"]').allTextContents();
    expect(headings.length).toBeGreaterThanOrEqual(3);
    const tocLinks = page.getByRole('navigation', { name: 'Table of contents' }).getByRole('link');
    expect(await tocLinks.count()).toBe(headings.length);
    const firstHref = await tocLinks.first().getAttribute('href');
    expect(await page.locator(firstHref as string).textContent()).toBe(headings[0]);
    await page.close();
  });

  it('links every footnote marker to its note and every note back to its marker', async () => {
    const page = await open(documentPath, 'desktop');
    const markers = await page.locator('a[data-footnote-ref]').evaluateAll((els) =>
      els.map((el) => ({ href: el.getAttribute('href') ?? '', label: el.getAttribute('data-footnote-ref') ?? '' })),
    );
    expect(markers.length).toBeGreaterThan(5);
    for (const marker of markers) {
      expect(await page.locator(marker.href).count(), `${marker.href} exists`).toBe(1);
    }
    const backLinks = await page.locator('a[data-footnote-back]').evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
    expect(backLinks.length).toBe(new Set(markers.map((m) => m.label)).size);
    for (const href of backLinks) expect(await page.locator(href).count(), `${href} exists`).toBe(1);

    const first = page.locator('a[data-footnote-ref]').first();
    const label = await first.getAttribute('data-footnote-ref');
    await first.click();
    await page.waitForURL(`**#fn-${label}`);
    await expect(page.locator(`#fn-${label}`).isVisible()).resolves.toBe(true);
    await page.locator(`a[data-footnote-back="${label}"]`).click();
    await page.waitForURL(`**#fnref-${label}-1`);
    await page.close();
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`is readable at ${viewport} width without horizontal scrolling`, async () => {
      const page = await open(documentPath, viewport);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(screenshotsDir, `document-004-${viewport}.png`) });
      await page.locator('#footnotes-heading').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshotsDir, `document-004-notes-${viewport}.png`) });
      await page.close();
    });
  }
});
