// What `npm start` shows in the demo workspace: the bundled corpus with the generated demo data (the app under
// test is started with it, as on a fresh install), read signed out — the workspace is public. Each view of the
// first text's disagreement map and the workspace map, with a screenshot of each:
// tests/e2e/screenshots/demo-map-<view>.png; the first screen of each map (where we disagree most):
// demo-map-first-screen.png and demo-map-workspace-first-screen.png.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DisagreementMapResponse } from '@/lib/disagreement/types';
import { goto, launchBrowser, screenshotsDir, viewports } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const workspace = 'ai-alignment-reading-group';
const document = 'power-seeking-agents';
const mapPath = `/w/${workspace}/documents/${document}/map`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let map: DisagreementMapResponse;

const shot = (view: string) => page.locator(`section#${view}`).screenshot({ path: path.join(screenshotsDir, `demo-map-${view}.png`) });

async function showSection(id: string, chart?: string) {
  const section = page.locator(`section#${id}`);
  await section.scrollIntoViewIfNeeded();
  if (chart) await page.locator(`[data-testid=${chart}] svg`).first().waitFor();
  return section;
}

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp: uniqueClientIp() });
  map = expectOk<DisagreementMapResponse>(await anonymous.get(`/api/v1/workspaces/${workspace}/documents/${document}/disagreement`), 'map');
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: viewports.desktop });
  page = await context.newPage();
  const response = await goto(page, `${baseUrl}${mapPath}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  await page.locator('[data-testid=claims-table] tbody tr').first().waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the demo workspace', () => {
  it('opens the map on where we disagree most: each claim with its disagreement in words, reasons on both sides, cruxes and groups', async () => {
    expect(map.mostDisputed.length).toBeGreaterThanOrEqual(3);
    const first = page.locator('main section').first();
    expect(await first.getAttribute('id')).toBe('disputed');
    expect(await first.getByRole('heading', { level: 2 }).innerText()).toBe('Where we disagree most');
    const items = first.getByTestId('lead-claim');
    expect(await items.count()).toBe(map.mostDisputed.length);
    const top = items.first();
    const lead = map.mostDisputed[0]!;
    expect(await top.getByTestId('lead-statement').getAttribute('href')).toBe(`/w/${workspace}/claims/${lead.claimId}`);
    expect(await top.getByTestId('lead-disagreement').innerText()).toMatch(/^(strong|moderate|mild) disagreement\s*the middle half of reviewers spans \d+%–\d+%(, all \d+ between \d+% and \d+%)? · \d+ reviewers · aggregate \d+% · evidence (none|\d+ for · \d+ against)$/);
    // reasons: the demo data gives rationales on both sides of its most disputed claims
    for (const side of ['for', 'against'] as const) {
      const reasons = top.getByTestId(`lead-reasons-${side}`);
      expect(await reasons.locator('li').count()).toBe(lead.reasons[side].length);
      const text = lead.reasons[side][0]?.rationale;
      if (text) expect(await reasons.innerText()).toContain(text.slice(0, 40));
    }
    expect(lead.reasons.for.length + lead.reasons.against.length).toBeGreaterThan(1);
    if (lead.groups.length > 0) expect(await top.getByTestId('lead-groups').locator('li').count()).toBe(lead.groups.length);
    await top.locator('[data-testid=lead-distribution] svg').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotsDir, 'demo-map-first-screen.png') });
  });

  it('says its data is generated, on the map and in the library', async () => {
    expect(await page.getByTestId('demo-data-notice').textContent()).toContain('Generated demo data');
    await page.screenshot({ path: path.join(screenshotsDir, 'demo-map-overview.png') });
    const library = await context.newPage();
    await goto(library, `${baseUrl}/w/${workspace}`, { waitUntil: 'load' });
    expect(await library.getByTestId('demo-data-notice').count()).toBe(1);
    await library.close();
  });

  it('shows the heat of the disputed passages', async () => {
    const section = await showSection('heat');
    expect(map.passages.filter((p) => p.heat > 0).length).toBeGreaterThan(3);
    expect(await section.getByTestId('passage-list').locator('[data-passage-id]').count()).toBe(map.passages.length);
    await shot('heat');
  });

  it('lists the claims, most disputed first, with a chart of each one’s credences', async () => {
    const section = await showSection('claims', 'claims-table');
    const rows = section.locator('[data-testid=claims-table] tbody tr');
    expect(await rows.count()).toBe(Math.min(25, map.claims.length));
    const top = [...map.claims].sort((a, b) => (b.disagreement ?? -1) - (a.disagreement ?? -1))[0];
    expect(await rows.first().textContent()).toContain((top?.statement ?? '').slice(0, 40));
    await shot('claims');
  });

  it('finds the two camps as opinion groups, with consensus claims', async () => {
    const section = await showSection('groups', 'groups-scatter');
    expect(map.groups.length).toBeGreaterThanOrEqual(2);
    expect(await section.getByTestId('group-card').count()).toBe(map.groups.length);
    expect(await section.getByTestId('consensus-list').locator('li').count()).toBe(map.consensus.length);
    await shot('groups');
  });

  it('lists the double cruxes between the camps, then the implicit cruxes', async () => {
    const section = await showSection('cruxes');
    expect(map.doubleCruxes.length).toBeGreaterThan(0);
    expect(await section.getByTestId('double-crux').count()).toBe(map.doubleCruxes.length);
    expect(await section.getByTestId('implicit-crux').count()).toBeGreaterThan(0);
    await shot('cruxes');
  });

  it('draws the reviewer × claim matrix and the pair table', async () => {
    const section = await showSection('matrix');
    await section.locator('svg').first().waitFor();
    expect(await section.getByTestId('pair-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('matrix');
  });

  it('shows the second round and the spread falling on the claims discussed', async () => {
    const section = await showSection('rounds');
    expect(map.rounds.map((r) => r.number)).toEqual([1, 2]);
    expect(await section.getByTestId('rounds-table').locator('tbody tr').count()).toBe(2);
    await shot('rounds');
  });

  it('rolls the five texts up on the workspace map', async () => {
    const workspacePage = await context.newPage();
    await goto(workspacePage, `${baseUrl}/w/${workspace}/map`, { waitUntil: 'load' });
    expect(await workspacePage.getByTestId('workspace-document').count()).toBe(5);
    expect(await workspacePage.getByTestId('demo-data-notice').count()).toBe(1);
    // the same lead across documents, first
    const lead = workspacePage.locator('section#lead');
    expect(await lead.getByRole('heading', { level: 2 }).innerText()).toBe('Where we disagree most');
    expect(await lead.getByTestId('lead-claim').count()).toBe(5);
    await lead.locator('[data-testid=lead-distribution] svg').first().waitFor();
    await workspacePage.screenshot({ path: path.join(screenshotsDir, 'demo-map-workspace-first-screen.png') });
    await workspacePage.screenshot({ path: path.join(screenshotsDir, 'demo-map-workspace.png'), fullPage: true });
    await workspacePage.close();
  });
});
