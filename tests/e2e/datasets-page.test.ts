// The export page of annotation datasets in Debian's Chromium, on the built app: an observer exports filtered
// JSONL from the workspace nav and downloads it; an owner imports a Hypothesis file and sees the orphans. The
// same workspace as tests/api/datasets-api.test.ts, set up over HTTP. (The export and import API themselves are
// tested in process, in tests/api.)
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkspace, importDocument, type TestWorkspace } from '../support/api-actors';
import { essay, hypothesisRows, setUpDatasetWorkspace } from '../support/dataset-fixture';
import { overHttp, type HttpClient } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';
import { goto, launchBrowser, screenshotsDir, signedInContext } from './browser';

const baseUrl = inject('baseUrl');
const clientIp = uniqueClientIp();

let owner: HttpClient;
let observer: HttpClient;
let workspace: TestWorkspace;

beforeAll(async () => {
  ({ owner, observer, workspace } = await setUpDatasetWorkspace(overHttp(baseUrl), clientIp));
});

describe('the export page', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  async function openAs(client: HttpClient, url: string): Promise<BrowserPage> {
    const context = await signedInContext(browser, { baseUrl, client, clientIp, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    const response = await goto(page, `${baseUrl}${url}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('lets an observer export filtered JSONL from the workspace nav, showing the count, then download it', async () => {
    const page = await openAs(observer, `/w/${workspace.slug}`);
    await page.getByRole('link', { name: 'Export', exact: true }).click();
    await page.waitForURL(`**/w/${workspace.slug}/export`);
    await expect(page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Export' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByRole('heading', { name: 'Import annotations' }).count()).resolves.toBe(0); // owners only
    await page.getByLabel('Format').selectOption('jsonl');
    await page.getByLabel('probability', { exact: true }).check();
    await page.getByText('Pseudonymise').click();
    await page.getByRole('button', { name: 'Export' }).click();
    const download = page.getByRole('link', { name: /^Download / });
    await download.waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/^Exported 1 annotation \(/);
    await page.screenshot({ path: path.join(screenshotsDir, 'export-done.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const saved = path.join(os.tmpdir(), `cruxmap-export-${Date.now()}.jsonl`);
    await file.saveAs(saved);
    const lines = (await readFile(saved, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; kind?: string; author?: { name: string } });
    expect(lines[0]).toMatchObject({ type: 'meta', filters: { kinds: ['probability'], pseudonymise: true } });
    expect(lines.slice(1).map((l) => l.kind)).toEqual(['probability']);
    expect(lines[1]?.author?.name).toMatch(/^reviewer-/);
  });

  it('lets an owner download the whole workspace as a dataset package, with the filters set aside and identities offered', async () => {
    const page = await openAs(owner, `/w/${workspace.slug}/export`);
    const form = page.getByRole('form', { name: 'Export' }); // the owner's page has the import form too
    await form.getByLabel('Format').selectOption('package');
    await expect(form.getByTestId('export-whole-workspace').textContent()).resolves.toContain('The filters below do not apply.');
    await expect(form.getByLabel('Document').isDisabled()).resolves.toBe(true);
    await expect(form.getByLabel('probability', { exact: true }).isDisabled()).resolves.toBe(true);
    await form.getByRole('checkbox', { name: /^Include identities/ }).check();
    await form.getByRole('button', { name: 'Export' }).click();
    const download = page.getByRole('link', { name: /^Download .*-package-.*\.zip$/ });
    await download.waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/^Exported \d+ rows \(/);
    await page.screenshot({ path: path.join(screenshotsDir, 'export-package.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const zip = await JSZip.loadAsync(await readFile(await file.path()));
    const descriptor = JSON.parse(await zip.file('datapackage.json')!.async('string')) as { resources: { name: string }[] };
    expect(descriptor.resources.map((r) => r.name)).toContain('credences');
    // identities: reviewers.csv has emails (a pseudonymous package leaves them out)
    expect(await zip.file('reviewers.csv')!.async('string')).toMatch(/@/);

    // an observer gets no identities choice; Polis is a zip holding Polis's three export files
    const observed = await openAs(observer, `/w/${workspace.slug}/export`);
    await observed.getByLabel('Format').selectOption('package');
    await expect(observed.getByRole('checkbox', { name: /^Include identities/ }).count()).resolves.toBe(0);
    await observed.getByLabel('Format').selectOption('polis');
    await observed.getByRole('button', { name: 'Export' }).click();
    const polis = observed.getByRole('link', { name: /^Download .*-polis-.*\.zip$/ });
    await polis.waitFor();
    const [polisFile] = await Promise.all([observed.waitForEvent('download'), polis.click()]);
    const polisZip = await JSZip.loadAsync(await readFile(await polisFile.path()));
    expect(Object.keys(polisZip.files)).toEqual(expect.arrayContaining(['comments.csv', 'participants-votes.csv', 'votes.csv']));
  });

  it('lets an owner import a Hypothesis file and lists the orphans', async () => {
    const other = await createWorkspace(owner, 'datasets-ui');
    await importDocument(owner, other.slug, { slug: 'dataset-essay', text: essay });
    const file = path.join(os.tmpdir(), `cruxmap-hypothesis-${Date.now()}.json`);
    await writeFile(file, JSON.stringify({ rows: hypothesisRows(12, { missingEvery: 6, prefix: 'ui' }) }));
    const page = await openAs(owner, `/w/${other.slug}/export`);
    await page.getByLabel('Annotation file (.json, .jsonld)').setInputFiles(file);
    // the answer held back a moment (the request itself untouched) so the progress can be seen: a long import shows it
    await page.route('**/import?**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Import annotations' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    expect(await progress.getByRole('status').textContent()).toMatch(/^(Uploading the file — [\d.]+ of [\d.]+ MB|Importing the annotations \(anchoring each on its text\)…) \(\d+ s\)$/);
    expect(await progress.locator('progress').count()).toBe(1);
    await page.getByText('10 of 12 annotations imported').waitFor();
    await progress.waitFor({ state: 'detached' });
    const orphanRows = page.locator('table tbody tr');
    await expect(orphanRows.count()).resolves.toBe(2);
    await expect(orphanRows.first().textContent()).resolves.toContain('not in the essay 0 at all');
    await page.screenshot({ path: path.join(screenshotsDir, 'import-annotations.png'), fullPage: true });
  });
});
