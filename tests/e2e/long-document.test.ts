// A long annotated document in Chromium: the page as served paints the highlights of its first passages only (the
// server renders a screenful or two of marks, not thousands), the rest of the text comes plain and selectable, and
// once the page says it is ready every highlight is in the text, down to the last paragraph.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkspace, importDocument, signUp, signedInClient, type TestWorkspace } from '../support/api-actors';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';
import { goto, launchBrowser, signedInContext } from './browser';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();
const PARAGRAPHS = 300;

let browser: Browser;
let owner: HttpClient;
let workspace: TestWorkspace;
let documentPath: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const account = await signUp(new HttpClient(app, { clientIp }), 'long-doc');
  owner = await signedInClient(app, account, clientIp);
  workspace = await createWorkspace(owner, 'long-doc');
  const text = ['Long essay', ...Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} makes point number ${i} in plain words.`)].join('\n\n');
  const document = await importDocument(owner, workspace.slug, { slug: 'long-essay', text });
  documentPath = `/w/${workspace.slug}/documents/${document.slug}`;
  // one highlight per paragraph, on its own words
  const rows = Array.from({ length: PARAGRAPHS }, (_, i) => ({
    id: `note-${i}`,
    uri: 'https://example.org/long',
    text: `Note ${i}`,
    target: [{ source: 'https://example.org/long', selector: [{ type: 'TextQuoteSelector', exact: `makes point number ${i} in` }] }],
  }));
  const imported = expectOk<{ import: { created: number } }>(
    await owner.post(`/api/v1/workspaces/${workspace.slug}/import?format=hypothesis&document=long-essay`, { rows }),
    'import the notes',
  );
  expect(imported.import.created).toBe(PARAGRAPHS);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const marksIn = (html: string) => (html.match(/<mark\b/g) ?? []).length;

describe('a long annotated document', () => {
  it('is served with the first passages painted, and shows every highlight once ready', async () => {
    const served = await owner.get(documentPath);
    expect(served.status).toBe(200);
    const html = served.text;
    const servedMarks = marksIn(html);
    expect(servedMarks).toBeGreaterThan(0);
    expect(servedMarks).toBeLessThan(PARAGRAPHS);
    // the last paragraph's text is there, plain, with its offset for selections
    expect(html).toMatch(/<span data-offset="\d+">Paragraph 299 /);

    const context = await signedInContext(browser, { baseUrl, client: owner, clientIp, viewport: 'desktop' });
    const page: Page = await context.newPage();
    try {
      const response = await goto(page, `${baseUrl}${documentPath}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.locator('[data-document-body][data-interactive]').waitFor();
      const body = page.locator('[data-document-body]');
      expect(await body.locator('mark.hl').count()).toBe(PARAGRAPHS);
      const last = body.locator('p', { hasText: 'Paragraph 299 ' }).locator('mark.hl');
      expect(await last.allTextContents()).toEqual(['makes point number 299 in']);
      // every highlight names its annotation: all 300 are interactive
      const keys = await body.locator('mark.hl[data-a]').evaluateAll((marks) => new Set(marks.flatMap((m) => (m.getAttribute('data-a') ?? '').split(' '))).size);
      expect(keys).toBe(PARAGRAPHS);
    } finally {
      await context.close();
    }
  });
});
