// The crux graph in Chromium: drawn on the demo workspace's document map and workspace map (as many nodes and
// arrows as GET …/crux-graph answers), focused on one claim's neighbourhood, its table alternative, and the conditional
// sliders on a claim page (a typed 120% refused where typed, a gentle coherence-gap note, saved values that persist)
// and in the reader's crux composer. Screenshots to look at: crux-graph-document.png, crux-graph-workspace.png,
// crux-graph-focus.png, crux-graph-table.png, crux-graph-groups-bridged.png, crux-graph-sliders.png,
// crux-graph-composer.png.
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { CruxGraph, CruxLinkDto } from '@/lib/cruxes/schemas';
import { createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { goto, launchBrowser, screenshotsDir, selectOffsets, signedInContext } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();
const demo = { workspace: 'ai-alignment-reading-group', document: 'power-seeking-agents' };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let owner: HttpClient;
let workspace: TestWorkspace;
let documentGraph: CruxGraph;
let workspaceGraph: CruxGraph;
const ids = { k: '', c: '' };
const own = { doc: '', text: '' };
const paragraphs = ['Safeguards can be fine-tuned away cheaply.', 'Releasing model weights is a net risk.'];

const shot = (locator: Locator | Page, name: string) => locator.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });

/** The graph section of a map page once Cytoscape has drawn it. */
async function drawnGraph(pathname: string): Promise<Locator> {
  const response = await goto(page, `${baseUrl}${pathname}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  const section = page.locator('section#graph');
  await section.scrollIntoViewIfNeeded();
  await section.locator('[data-testid=crux-graph-canvas][data-ready=true] canvas').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300); // the layout's first paint
  return section;
}

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  documentGraph = expectOk<CruxGraph>(await anonymous.get(`/api/v1/workspaces/${demo.workspace}/documents/${demo.document}/crux-graph`), 'document graph');
  workspaceGraph = expectOk<CruxGraph>(await anonymous.get(`/api/v1/workspaces/${demo.workspace}/crux-graph`), 'workspace graph');

  // a workspace of our own for the sliders: K and C rated by the owner, and a crux K → C
  const account = await signUp(anonymous, 'cora');
  owner = await signedInClient(app, account, clientIp);
  workspace = await createWorkspace(owner, 'crux-graph');
  const doc = (await importDocument(owner, workspace.slug, { slug: 'weights', title: 'Weights', text: ['# Weights', ...paragraphs].join('\n\n') })).slug;
  const api = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;
  const text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'document').text;
  Object.assign(own, { doc, text });
  const target = (quote: string) => ({ exact: quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  const annotate = async (body: Record<string, unknown>) =>
    expectOk<AnnotationDto & { createdClaimIds: string[] }>(await owner.post(api('/annotations'), { document: doc, ...body }), `annotate ${String(body.kind)}`);
  ids.k = (await annotate({ kind: 'claim', target: target(paragraphs[0]!), claim: { statement: paragraphs[0] } })).claimId!;
  ids.c = (await annotate({ kind: 'claim', target: target(paragraphs[1]!), claim: { statement: paragraphs[1] } })).claimId!;
  await annotate({ kind: 'probability', probability: { claimId: ids.k, value: 0.5 } });
  await annotate({ kind: 'probability', probability: { claimId: ids.c, value: 0.2 } });
  await annotate({ kind: 'crux', target: target(paragraphs[0]!), crux: { claimId: ids.k, forClaimId: ids.c, direction: 'more' } });

  browser = await launchBrowser();
  context = await signedInContext(browser, { baseUrl, client: owner, clientIp });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the crux graph on the demo workspace', () => {
  it('draws a document’s claims and crux links, one node and one arrow each, with a table of the same', async () => {
    expect(documentGraph.edges.length).toBeGreaterThan(0);
    const section = await drawnGraph(`/w/${demo.workspace}/documents/${demo.document}/map#graph`);
    const canvas = section.getByTestId('crux-graph-canvas');
    expect(Number(await canvas.getAttribute('data-nodes'))).toBe(documentGraph.nodes.length);
    expect(Number(await canvas.getAttribute('data-edges'))).toBe(documentGraph.edges.length);
    expect(await canvas.getAttribute('aria-label')).toContain(`${documentGraph.nodes.length} claims and ${documentGraph.edges.length} crux links`);
    expect(await section.getByTestId('crux-graph-row').count()).toBe(documentGraph.nodes.length);
    expect(await section.getByTestId('crux-graph-legend').textContent()).toContain('more than 10 points apart');
    await shot(section, 'crux-graph-document');
  });

  it('shows bridged credence beside the aggregate in the opinion groups, and what the camps share', async () => {
    const map = expectOk<{ claims: { n: number; bridged: number | null }[] }>(
      await new HttpClient(app, { clientIp }).get(`/api/v1/workspaces/${demo.workspace}/documents/${demo.document}/disagreement`),
      'map',
    );
    const groups = page.locator('section#groups');
    await groups.scrollIntoViewIfNeeded();
    const table = groups.getByTestId('bridged-table');
    expect(await table.getByTestId('bridged-row').count()).toBe(Math.min(12, map.claims.filter((c) => c.n > 0).length));
    expect(await groups.getByTestId('camps-share').textContent()).toContain('bridged credence is at least 70% and that no opinion group rejects');
    await shot(table.locator('xpath=../..'), 'crux-graph-groups-bridged');
  });

  it('focuses one claim: only it, what it hinges on and what hinges on it', async () => {
    const section = page.locator('section#graph');
    const degree = (id: string) => documentGraph.edges.filter((e) => e.from === id || e.to === id).length;
    const hub = [...documentGraph.nodes].sort((a, b) => degree(b.claimId) - degree(a.claimId))[0]!;
    const around = new Set([hub.claimId, ...documentGraph.edges.flatMap((e) => (e.from === hub.claimId ? [e.to] : e.to === hub.claimId ? [e.from] : []))]);
    expect(around.size).toBeLessThan(documentGraph.nodes.length);

    await section.getByTestId('crux-graph-focus').selectOption(hub.claimId);
    await expect.poll(() => section.getByTestId('crux-graph-row').count()).toBe(around.size);
    const canvas = section.getByTestId('crux-graph-canvas');
    await expect.poll(() => canvas.getAttribute('data-nodes')).toBe(String(around.size));
    expect(await section.getByTestId('crux-graph-status').textContent()).toMatch(/^Showing “.+”, what it hinges on and what hinges on it: \d+ claims, \d+ links?\.$/);
    expect(await section.locator('tr[aria-current=true] th a').getAttribute('href')).toBe(`/w/${demo.workspace}/claims/${hub.claimId}`);
    await section.locator('[data-testid=crux-graph-canvas][data-ready=true] canvas').first().waitFor();
    await page.waitForTimeout(300);
    await shot(section, 'crux-graph-focus');

    await section.getByRole('button', { name: 'Show the whole graph' }).click();
    await expect.poll(() => section.getByTestId('crux-graph-row').count()).toBe(documentGraph.nodes.length);
  });

  it('offers the table to keyboard users: each claim a link to its page, and a Focus button that narrows the graph', async () => {
    const table = page.locator('section#graph').getByTestId('crux-graph-table');
    const firstRow = table.getByTestId('crux-graph-row').first();
    const link = firstRow.locator('th[scope=row] a');
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/w/${demo.workspace}/claims/`));
    const focusButton = firstRow.getByRole('button', { name: /^Focus the graph on/ });
    await focusButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('tr[aria-current=true]').count()).toBe(1);
    await table.scrollIntoViewIfNeeded();
    await shot(table, 'crux-graph-table');
    await page.locator('section#graph').getByRole('button', { name: 'Show the whole graph' }).click();
  });

  it('draws the workspace’s graph across its documents', async () => {
    expect(workspaceGraph.nodes.length).toBeGreaterThanOrEqual(documentGraph.nodes.length);
    const section = await drawnGraph(`/w/${demo.workspace}/map#graph`);
    const canvas = section.getByTestId('crux-graph-canvas');
    expect(Number(await canvas.getAttribute('data-nodes'))).toBe(workspaceGraph.nodes.length);
    expect(Number(await canvas.getAttribute('data-edges'))).toBe(workspaceGraph.edges.length);
    // the table: the first 25 rows (claims in crux links first), all of them a click away
    const rows = section.getByTestId('crux-graph-row');
    expect(await rows.count()).toBe(Math.min(25, workspaceGraph.nodes.length));
    const linked = new Set(workspaceGraph.edges.flatMap((e) => [e.from, e.to]));
    if (linked.size > 0) expect(linked.has((await rows.first().locator('th a').getAttribute('href'))!.split('/').pop()!)).toBe(true);
    await shot(section.locator('figure'), 'crux-graph-workspace');
    if (workspaceGraph.nodes.length > 25) {
      await section.getByRole('button', { name: `Show all ${workspaceGraph.nodes.length}` }).click();
      await expect.poll(() => rows.count()).toBe(workspaceGraph.nodes.length);
    }
  });
});

describe('conditional credences on the claim page', () => {
  it('refuses 120% where it is typed, notes the coherence gap, and saves values that persist', async () => {
    const linkPath = `/api/v1/workspaces/${workspace.slug}/crux-links`;
    await goto(page, `${baseUrl}/w/${workspace.slug}/claims/${ids.c}`, { waitUntil: 'load' });
    const form = page.getByTestId('conditionals-form');
    await form.waitFor({ timeout: 20_000 });
    const ifTrue = form.getByTestId('conditional-ifTrue');
    await ifTrue.fill('120');
    await form.getByRole('button', { name: 'Save conditionals' }).click();
    await form.getByText('120% is outside 0–100%').waitFor();
    expect(await ifTrue.getAttribute('aria-invalid')).toBe('true');
    expect(expectOk<{ items: CruxLinkDto[] }>(await owner.get(linkPath), 'links').items[0]?.mine).toBeNull();

    // K at 50% (own), C at 20% (own): 80% / 60% imply 70%, 50 points from the own 20%
    await ifTrue.fill('80');
    // the slider by keyboard: from 50%, ten steps right
    await form.getByTestId('conditional-ifFalse-slider').focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    expect(await form.getByTestId('conditional-ifFalse').inputValue()).toBe('60');
    expect(await form.getByTestId('conditional-sentence').textContent()).toContain('at 80%; if it is false, at 60%.');
    expect(await form.getByTestId('coherence-gap').textContent()).toContain('these put C at 70%, while you rated C at 20% — 50 points apart');
    await form.getByRole('button', { name: 'Save conditionals' }).click();
    await form.getByText('Saved: 80% if true, 60% if false.').waitFor();
    await form.scrollIntoViewIfNeeded();
    await shot(page.locator('section:has(#conditionals)'), 'crux-graph-sliders');

    const link = expectOk<{ items: CruxLinkDto[] }>(await owner.get(linkPath), 'links').items.find((l) => l.cruxClaimId === ids.k && l.forClaimId === ids.c);
    expect(link?.mine).toEqual({ ifTrue: 0.8, ifFalse: 0.6 });
    expect(link?.n).toBe(1);
    expect(link?.expectedShift).toBeCloseTo(2 * 0.5 * 0.5 * 0.2, 9);

    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('conditionals-form').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('conditional-ifTrue').inputValue()).toBe('80');
    expect(await page.getByTestId('conditional-ifFalse').inputValue()).toBe('60');
    expect(await page.getByTestId('claim-conditional').textContent()).toContain('expected shift 0.10 over 1 reviewer');
  });

  it('offers the two sliders in the crux composer and saves them once the crux is saved', async () => {
    await goto(page, `${baseUrl}/w/${workspace.slug}/documents/${own.doc}`, { waitUntil: 'load' });
    await page.locator('[data-document-body][data-interactive]').waitFor();
    const start = own.text.indexOf(paragraphs[0]!);
    await selectOffsets(page, { start, end: start + paragraphs[0]!.length });
    await page.keyboard.press('x');
    const composer = page.getByTestId('annotation-composer');
    await composer.waitFor();
    // the other way round from the claim page's link: K's claim now hinges on C's
    const cPicker = composer.getByRole('combobox', { name: 'My view on (claim C)' });
    await cPicker.focus();
    await page.keyboard.type('fine-tuned');
    await expect.poll(async () => composer.locator(`[id="${await cPicker.getAttribute('aria-activedescendant')}"]`).textContent()).toContain(paragraphs[0]);
    await page.keyboard.press('Enter');
    const kPicker = composer.getByRole('combobox', { name: 'depends on whether (claim K)' });
    await kPicker.focus();
    await page.keyboard.type('net risk');
    await expect.poll(async () => composer.locator(`[id="${await kPicker.getAttribute('aria-activedescendant')}"]`).textContent()).toContain(paragraphs[1]);
    await page.keyboard.press('Enter');

    await composer.getByTestId('crux-conditionals-toggle').check();
    const sliders = composer.getByTestId('conditional-sliders');
    await sliders.getByTestId('conditional-ifTrue').fill('90');
    await sliders.getByTestId('conditional-ifFalse').fill('30');
    expect(await sliders.getByTestId('conditional-sentence').textContent()).toContain(`If “${paragraphs[1]}” is true, I'd put “${paragraphs[0]}” at 90%; if it is false, at 30%.`);
    await composer.getByTestId('crux-conditionals').scrollIntoViewIfNeeded();
    await shot(composer, 'crux-graph-composer');
    await composer.getByRole('button', { name: 'Save crux' }).click();
    await composer.waitFor({ state: 'detached', timeout: 20_000 });

    const links = expectOk<{ items: CruxLinkDto[] }>(await owner.get(`/api/v1/workspaces/${workspace.slug}/crux-links`), 'links').items;
    expect(links.find((l) => l.cruxClaimId === ids.c && l.forClaimId === ids.k)?.mine).toEqual({ ifTrue: 0.9, ifFalse: 0.3 });
  });
});
