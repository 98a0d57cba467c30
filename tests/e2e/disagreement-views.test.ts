// The disagreement map in Chromium: a workspace seeded through the API (12 reviewers in two camps, a double crux,
// evidence), then each view of the document's map page as a user sees it — the heat strip scrolls to a passage,
// the claims table sorts, the scatter shows the two groups, the crux list links both claims, the matrix and pair
// table fill, an owner turns blind review on (a reviewer who has not rated sees nothing of the others) and opens
// round 2 (the spread view shows it; the reviewer now sees round 2's distribution) — and the workspace map.
// Screenshots of each view: tests/e2e/screenshots/map-<view>.png.
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DisagreementMapResponse } from '@/lib/disagreement/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { goto, launchBrowser, screenshotsDir, signedInContext } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();

const claimTexts = {
  C1: 'Capable agents will seek power as a means to almost any goal',
  C2: 'Training selects for models that play the training game',
  C3: 'Deceptive alignment needs situational awareness in the model',
  C4: 'Interpretability will catch deception before deployment',
  C5: 'A compute overhang makes a slow takeoff unlikely',
  C6: 'International regulation of frontier training is feasible',
} as const;
type Key = keyof typeof claimTexts;
const keys = Object.keys(claimTexts) as Key[];

// Camp A (r0–r5) believes C1 and C2 and doubts C5; camp B (r6–r11) the reverse. C3 and C4 are consensus, C6 mixed.
const credences: Record<Key, number[]> = {
  C1: [0.9, 0.85, 0.8, 0.95, 0.9, 0.75, 0.1, 0.2, 0.15, 0.05, 0.1, 0.3],
  C2: [0.8, 0.75, 0.9, 0.7, 0.85, 0.65, 0.3, 0.2, 0.25, 0.1, 0.35, 0.2],
  C3: [0.85, 0.8, 0.9, 0.85, 0.8, 0.75, 0.8, 0.85, 0.9, 0.7, 0.8, 0.85],
  C4: [0.2, 0.25, 0.3, 0.2, 0.15, 0.3, 0.25, 0.2, 0.3, 0.35, 0.2, 0.25],
  C5: [0.3, 0.35, 0.2, 0.25, 0.3, 0.4, 0.7, 0.8, 0.75, 0.65, 0.7, 0.85],
  C6: [0.5, 0.6, 0.4, 0.55, 0.45, 0.5, 0.6, 0.4, 0.5, 0.55, 0.45, 0.6],
};
/** r0 (camp A) and r7 (camp B) both say their view on C1 hinges on C2: a double crux. */
const cruxMarkers = [0, 7];

// Distinct filler paragraphs (the importer merges repeated renderings of a text, so they must not look alike).
const words =
  'alpha river stone lantern orchard copper meadow signal harbor thicket ember quarry falcon glacier velvet compass tundra saffron beacon marble nectar pylon cinder willow tangent prism harvest lattice summit canyon ferric bramble quiver oasis rampart solace tinder umber verdant zephyr anchor basalt citadel dapple estuary fjord garnet hollow ingot jasper kestrel lagoon mantle nimbus obsidian'.split(
    ' ',
  );
let seed = 7;
const pick = () => words[Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / (2147483648 / words.length))]!;
const filler = (i: number) => `Note ${i}: the ${pick()} and the ${pick()} meet near the ${pick()}, while a ${pick()} ${pick()} keeps the ${pick()} from the ${pick()}.`;
const paragraphs = [...keys.map((k) => `${claimTexts[k]}, or so the argument goes.`), 'Agents in simple games hoarded resources they did not need.', ...Array.from({ length: 28 }, (_, i) => filler(i + 8))];

let browser: Browser;
const contexts: BrowserContext[] = [];
let workspace: TestWorkspace;
let owner: HttpClient;
let newcomer: HttpClient;
let reviewers: HttpClient[];
let docSlug: string;
let claimIds: Record<Key, string>;
let passageOf: (text: string) => string;
let passageCount: number;
let ownerPage: Page;

const api = (p = '') => `/api/v1/workspaces/${workspace.slug}${p}`;
const mapPath = () => `/w/${workspace.slug}/documents/${docSlug}/map`;
const shot = (locator: Locator | Page, view: string) => locator.screenshot({ path: path.join(screenshotsDir, `map-${view}.png`) });

async function openAs(client: HttpClient): Promise<Page> {
  const context = await signedInContext(browser, { baseUrl, client, clientIp });
  contexts.push(context);
  return context.newPage();
}

async function openMap(page: Page): Promise<void> {
  const response = await goto(page, `${baseUrl}${mapPath()}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  await page.getByRole('heading', { name: /Disagreement map/ }).waitFor();
  await page.locator('[data-testid=claims-table] tbody tr').first().waitFor();
}

/** A figure of the map's summary line ("12 reviewers"), by its label. */
const figure = (page: Page, label: string) => page.getByTestId('map-summary').locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').innerText();

/** Scrolls a section into view and waits for its chart to be drawn. */
async function showSection(page: Page, id: string, chart?: string): Promise<Locator> {
  const section = page.locator(`section#${id}`);
  await section.scrollIntoViewIfNeeded();
  if (chart) await page.locator(`[data-testid=${chart}] svg`).first().waitFor();
  return section;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const ownerAccount = await signUp(anonymous, 'mapview-owner');
  const accounts: TestAccount[] = [];
  for (let i = 0; i < 12; i++) accounts.push(await signUp(anonymous, `camp${i < 6 ? 'A' : 'B'}-r${i}`));
  const newcomerAccount = await signUp(anonymous, 'newcomer');
  owner = await signedInClient(app, ownerAccount, clientIp);
  reviewers = [];
  for (const account of accounts) reviewers.push(await signedInClient(app, account, clientIp));
  newcomer = await signedInClient(app, newcomerAccount, clientIp);
  workspace = await createWorkspace(owner, 'mapviews');
  for (const account of [...accounts, newcomerAccount]) await addMemberByEmail(owner, workspace.slug, account, 'reviewer');
  docSlug = (await importDocument(owner, workspace.slug, { slug: 'two-camps', text: ['# Two camps on power-seeking', ...paragraphs].join('\n\n') })).slug;
  const doc = expectOk<{ text: string; passages: { id: string; text: string }[] }>(await owner.get(api(`/documents/${docSlug}`)), 'document');
  passageCount = doc.passages.length;
  passageOf = (text) => {
    const found = doc.passages.find((p) => p.text.includes(text));
    if (!found) throw new Error(`no passage holds ${text}`);
    return found.id;
  };
  const target = (quote: string) => {
    const start = doc.text.indexOf(quote);
    return { exact: quote, start, end: start + quote.length };
  };
  const annotate = async (client: HttpClient, body: Record<string, unknown>) =>
    expectOk<{ claimId: string }>(await client.post(api('/annotations'), { document: docSlug, ...body }), `annotate ${JSON.stringify(body).slice(0, 60)}`);

  claimIds = {} as Record<Key, string>;
  for (const key of keys) claimIds[key] = (await annotate(reviewers[0]!, { kind: 'claim', target: target(claimTexts[key]), claim: { statement: claimTexts[key] } })).claimId;
  for (const key of keys) {
    for (const [r, client] of reviewers.entries()) await annotate(client, { kind: 'probability', probability: { claimId: claimIds[key], value: credences[key][r] } });
  }
  for (const r of cruxMarkers) {
    await annotate(reviewers[r]!, { kind: 'crux', target: target(claimTexts.C2), crux: { claimId: claimIds.C2, forClaimId: claimIds.C1, direction: 'more' } });
  }
  const evidence = target('Agents in simple games hoarded resources');
  await annotate(reviewers[1]!, { kind: 'evidence', target: evidence, evidence: { claimId: claimIds.C1, stance: 'for', strength: 3 } });
  await annotate(reviewers[8]!, { kind: 'evidence', target: evidence, evidence: { claimId: claimIds.C1, stance: 'against', strength: 1 } });
  ownerPage = await openAs(owner);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('the document map page', () => {
  it('is linked from the reading page and shows the summary figures', async () => {
    const response = await goto(ownerPage, `${baseUrl}/w/${workspace.slug}/documents/${docSlug}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // the link under the title; the heat strip's ◆ link, named the same, may or may not have loaded by now
    await ownerPage.getByRole('link', { name: 'Disagreement map' }).filter({ hasText: 'Disagreement map' }).click();
    await ownerPage.waitForURL(`**${mapPath()}`);
    await ownerPage.locator('[data-testid=claims-table] tbody tr').first().waitFor();
    expect(await figure(ownerPage, 'claims')).toBe('6');
    expect(await figure(ownerPage, 'reviewers')).toBe('12');
    expect(await figure(ownerPage, 'double crux')).toBe('1');
    await shot(ownerPage, 'overview');
  });

  it('scrolls the passage list to the passage of a heat strip segment and links it to the reader', async () => {
    await openMap(ownerPage);
    const section = await showSection(ownerPage, 'heat');
    const strip = ownerPage.getByTestId('heat-strip');
    expect(passageCount).toBeGreaterThan(30);
    expect(await strip.getByRole('option').count()).toBe(passageCount);
    const hot = strip.locator(`[role="option"][data-passage-id="${passageOf(claimTexts.C1)}"]`);
    expect(await hot.getAttribute('aria-label')).toMatch(/heat [1-9]\.\d\d, 13 annotations by 12 of 12 reviewers/);
    const far = passageOf('Note 34:');
    const item = ownerPage.getByTestId('passage-list').locator(`li[data-passage-id="${far}"]`);
    const isInList = () =>
      item.evaluate((el) => {
        const list = (el.closest('ol') as HTMLElement).getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return box.top >= list.top && box.bottom <= list.bottom;
      });
    expect(await isInList()).toBe(false);
    await strip.locator(`[role="option"][data-passage-id="${far}"]`).click();
    await expect.poll(isInList).toBe(true);
    expect(await item.getAttribute('aria-current')).toBe('true');
    expect(await item.getByRole('link', { name: 'open in reader' }).getAttribute('href')).toBe(`/w/${workspace.slug}/documents/${docSlug}#p-${far}`);
    await strip.locator(`[role="option"][data-passage-id="${passageOf(claimTexts.C2)}"]`).click();
    await shot(section, 'heat');
  });

  it('puts the heat strip beside the reading page, where a segment click scrolls the document to its passage', async () => {
    const page = await openAs(owner);
    await goto(page, `${baseUrl}/w/${workspace.slug}/documents/${docSlug}`, { waitUntil: 'load' });
    const strip = page.getByTestId('reader-heat-strip').getByTestId('heat-strip');
    await strip.waitFor();
    expect(await strip.getByRole('option').count()).toBe(passageCount);
    const far = passageOf('Note 34:');
    const passage = page.locator(`[id="p-${far}"]`);
    const isOnScreen = () => passage.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await isOnScreen()).toBe(false);
    await strip.locator(`[role="option"][data-passage-id="${far}"]`).click();
    await expect.poll(isOnScreen).toBe(true);
    await shot(page, 'reader');
  });

  it('sorts the claims table by a column when its header is clicked, and draws each claim as a beeswarm', async () => {
    const section = await showSection(ownerPage, 'claims', 'credence-beeswarm');
    const table = ownerPage.getByTestId('claims-table');
    const statements = () => table.getByTestId('claim-statement').allInnerTexts();
    const header = (name: string) => table.locator('th', { has: ownerPage.getByRole('button', { name, exact: true }) });
    expect(await header('Disagreement').getAttribute('aria-sort')).toBe('descending');
    // the two camps' claims are the most disputed, the consensus ones the least
    expect((await statements()).slice(0, 3).sort()).toEqual([claimTexts.C1, claimTexts.C2, claimTexts.C5].sort());
    await table.getByRole('button', { name: 'Aggregate', exact: true }).click();
    expect(await header('Aggregate').getAttribute('aria-sort')).toBe('descending');
    expect(await header('Disagreement').getAttribute('aria-sort')).toBe('none');
    expect((await statements())[0]).toBe(claimTexts.C3);
    expect((await statements()).at(-1)).toBe(claimTexts.C4);
    await table.getByRole('button', { name: 'Aggregate', exact: true }).press('Enter');
    expect(await header('Aggregate').getAttribute('aria-sort')).toBe('ascending');
    expect((await statements())[0]).toBe(claimTexts.C4);
    await table.getByRole('button', { name: 'Evidence', exact: true }).click();
    expect((await statements())[0]).toBe(claimTexts.C1);
    // 12 credences per claim: beeswarms (a violin from 30 on), one dot per reviewer
    await table.locator('[data-testid=credence-beeswarm] svg').nth(5).waitFor();
    expect(await table.locator('[data-testid=credence-beeswarm]').count()).toBe(6);
    expect(await table.locator('[data-testid=credence-beeswarm]').first().locator('g[aria-label=dot] circle').count()).toBe(12);
    expect(await table.getByTestId('claim-statement').first().getAttribute('href')).toBe(`/w/${workspace.slug}/documents/${docSlug}#p-${passageOf(claimTexts.C1)}`);
    await table.getByRole('button', { name: 'Disagreement', exact: true }).click();
    await shot(section, 'claims');
  });

  it('starts with the most disputed claims (?claims=N) and fetches the rest from the API when the table needs them', async () => {
    const page = await ownerPage.context().newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/disagreement?')) fetched.push(new URL(request.url()).search);
    });
    const response = await goto(page, `${baseUrl}${mapPath()}?claims=2`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // the summary counts every claim from the start; the table's first page needs more than 2 and loads the rest
    expect(await figure(page, 'claims')).toBe('6');
    const table = page.getByTestId('claims-table');
    await expect.poll(() => table.getByTestId('claim-statement').count()).toBe(6);
    expect(fetched.some((search) => /[?&]claimsOffset=2(?:&|$)/.test(search))).toBe(true);
    expect((await table.getByTestId('claim-statement').allInnerTexts()).sort()).toEqual(Object.values(claimTexts).sort());
    expect(await page.getByText('Claims 1–6 of 6').count()).toBe(1);
    // the rest came with their credences: every row draws its beeswarm
    expect(await table.locator('[data-testid=credence-beeswarm]').count()).toBe(6);
    await page.close();
  });

  it('shows the reviewers in two opinion groups with their representative claims and the consensus claims', async () => {
    const section = await showSection(ownerPage, 'groups', 'groups-scatter');
    expect(await ownerPage.getByTestId('group-card').count()).toBe(2);
    expect(await ownerPage.locator('[data-testid=groups-scatter] g[aria-label=dot] circle').count()).toBe(12);
    const cards = await ownerPage.getByTestId('group-card').allInnerTexts();
    for (const card of cards) expect(card).toMatch(/6 reviewers/);
    const consensus = await ownerPage.getByTestId('consensus-list').innerText();
    expect(consensus).toContain(claimTexts.C3);
    expect(consensus).toContain(claimTexts.C4);
    expect(consensus).not.toContain(claimTexts.C1);
    await shot(section, 'groups');
  });

  it('lists the double crux first, linking to both claims, then implicit cruxes', async () => {
    const section = await showSection(ownerPage, 'cruxes');
    const double = ownerPage.getByTestId('double-crux');
    expect(await double.count()).toBe(1);
    const links = double.getByRole('link');
    expect(await links.allInnerTexts()).toEqual([claimTexts.C2, claimTexts.C1]);
    const reader = `/w/${workspace.slug}/documents/${docSlug}`;
    expect(await links.nth(0).getAttribute('href')).toBe(`${reader}#p-${passageOf(claimTexts.C2)}`);
    expect(await links.nth(1).getAttribute('href')).toBe(`${reader}#p-${passageOf(claimTexts.C1)}`);
    // implicit cruxes: the pairs the permutation test and Benjamini–Hochberg keep (each with its q), the first page
    const map = expectOk<DisagreementMapResponse>(await owner.get(api(`/documents/${docSlug}/disagreement`)), 'map');
    expect(map.implicitCruxes.length).toBeGreaterThan(0);
    for (const x of map.implicitCruxes) expect(x.q).toBeLessThanOrEqual(0.1);
    expect(await ownerPage.getByTestId('implicit-crux').count()).toBe(Math.min(10, map.implicitCruxes.length)); // the list shows ten at first
    expect(await ownerPage.getByTestId('implicit-crux').first().getByRole('link').count()).toBe(2);
    await shot(section, 'cruxes');
  });

  it('draws the reviewer × claim matrix and the pair table', async () => {
    const section = await showSection(ownerPage, 'matrix', 'matrix');
    expect(await ownerPage.locator('[data-testid=matrix] g[aria-label=cell] rect').count()).toBe(72);
    // all 66 pairs fit in the default 50 furthest and 50 closest
    const pairs = ownerPage.getByTestId('pair-row');
    expect(await pairs.count()).toBe(66);
    // the furthest apart first: one reviewer of each camp
    expect(await pairs.first().innerText()).toMatch(/campA-r\d[^&\n]*&.*campB-r\d/);
    expect(await section.getByRole('button', { name: 'Show more pairs' }).count()).toBe(0);
    await shot(section, 'matrix');
  });

  it('lists the furthest and the closest pairs with ?pairs=N, and fetches more with "Show more pairs"', async () => {
    const response = await goto(ownerPage, `${baseUrl}${mapPath()}?pairs=10`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const section = await showSection(ownerPage, 'matrix', 'matrix');
    const pairs = ownerPage.getByTestId('pair-row');
    const between = ownerPage.getByTestId('pairs-between');
    expect(await pairs.count()).toBe(20);
    expect(await between.innerText()).toMatch(/46 pairs in between/);
    // the furthest apart cross the camps; the closest sit inside one camp
    expect(await pairs.first().innerText()).toMatch(/campA-r\d[^&\n]*&.*campB-r\d/);
    expect(await pairs.last().innerText()).toMatch(/camp(A-r\d[^&\n]*&.*campA|B-r\d[^&\n]*&.*campB)-r\d/);
    const rows = async () => (await pairs.allInnerTexts()).map((t) => t.split('\t')[0]);
    const ten = await rows();
    const more = section.getByRole('button', { name: 'Show more pairs' });
    await more.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(screenshotsDir, 'map-pairs-ends.png') });
    await more.click();
    await expect.poll(() => pairs.count()).toBe(40);
    expect(await between.innerText()).toMatch(/26 pairs in between/);
    const twenty = await rows();
    // the first ten and the last ten stay where they were, the next ten of each end join them
    expect(twenty.slice(0, 10)).toEqual(ten.slice(0, 10));
    expect(twenty.slice(-10)).toEqual(ten.slice(-10));
    await more.click();
    await expect.poll(() => pairs.count()).toBe(66);
    await between.waitFor({ state: 'detached' });
    await more.waitFor({ state: 'detached' });
    await section.screenshot({ path: path.join(screenshotsDir, 'map-pairs-all.png') });
  });
});

describe('blind review and rounds on the map page', () => {
  it("hides the others' credences from a reviewer who has not rated once an owner turns blind review on", async () => {
    await openMap(ownerPage);
    const toggle = ownerPage.getByRole('switch', { name: 'Blind review' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    const document = expectOk<{ blind: boolean }>(await owner.get(api(`/documents/${docSlug}`)), 'document');
    expect(document.blind).toBe(true);

    const page = await openAs(newcomer);
    await openMap(page);
    const notice = page.getByTestId('blind-notice');
    expect(await notice.innerText()).toMatch(/under blind review[\s\S]*only after you give your own[\s\S]*round 1[\s\S]*6 claims are hidden/);
    expect(await page.getByRole('switch').count()).toBe(0);
    const table = page.getByTestId('claims-table');
    expect(await table.getByText('hidden until you rate').count()).toBe(6);
    expect(await table.locator('[data-testid=credence-beeswarm]').count()).toBe(0);
    expect(await figure(page, 'reviewers')).toBe('0');
    await shot(page.locator('header').filter({ has: notice }), 'blind');
    // the owner still sees every credence
    await openMap(ownerPage);
    expect(await ownerPage.getByTestId('claims-table').locator('[data-testid=credence-beeswarm]').count()).toBe(6);
  });

  it('opens round 2 after a confirmation; the spread view shows it and the reviewer sees the distribution as it stood', async () => {
    await ownerPage.getByRole('button', { name: 'Open round 2' }).click();
    const confirm = ownerPage.getByRole('group', { name: 'Open round 2?' });
    await confirm.getByRole('button', { name: 'Open round 2' }).click();
    await expect.poll(() => ownerPage.getByTestId('current-round').innerText()).toBe('Round 2');
    // in round 2, four of camp B come round to camp A on C2 and C5 (C1 and the double crux stay as they were)
    for (const r of [8, 9, 10, 11]) {
      for (const [key, value] of [['C2', 0.7], ['C5', 0.3]] as const) {
        expectOk(
          await reviewers[r]!.post(api('/annotations'), { document: docSlug, kind: 'probability', probability: { claimId: claimIds[key], value } }),
          `r${r} revises ${key}`,
        );
      }
    }
    await openMap(ownerPage);
    const section = await showSection(ownerPage, 'rounds', 'rounds-chart');
    const rows = await ownerPage.getByTestId('rounds-table').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Round 1/);
    expect(rows[1]).toMatch(/^Round 2\s*\(current\)\s+\S.*\s6\s/);
    expect(await ownerPage.locator('[data-testid=rounds-chart] g[aria-label="x-axis tick label"]').textContent()).toMatch(/Round 1[\s\S]*Round 2/);
    const [before, after] = (await ownerPage.getByTestId('mean-spread').allInnerTexts()).map(Number);
    expect(after).toBeLessThan(before! - 0.05);
    await shot(section, 'rounds');
    const rounds = expectOk<{ items: { number: number }[] }>(await owner.get(api(`/documents/${docSlug}/rounds`)), 'rounds');
    expect(rounds.items.map((r) => r.number)).toEqual([1, 2]);

    const page = await openAs(newcomer);
    await openMap(page);
    expect(await page.getByTestId('blind-notice').innerText()).toMatch(/as they stood when round 2 opened/);
    expect(await page.getByTestId('review-state').innerText()).toMatch(/Round 2[\s\S]*Blind review/);
    await showSection(page, 'claims', 'credence-beeswarm');
    expect(await page.getByTestId('claims-table').locator('[data-testid=credence-beeswarm]').count()).toBe(6);
    const map = expectOk<DisagreementMapResponse>(await newcomer.get(api(`/documents/${docSlug}/disagreement?credences=true`)), 'map as newcomer');
    expect(map.claims.every((c) => c.hidden && c.n === 12)).toBe(true);
    expect(Object.values(map.credences ?? {}).map((c) => c.values.length)).toEqual([12, 12, 12, 12, 12, 12]);
  });
});

describe('the workspace map page', () => {
  it('lists each document with its figures, heat strip and most disputed claim, and the cruxes across documents', async () => {
    // a second document with no annotations
    await importDocument(owner, workspace.slug, { slug: 'quiet', text: '# A quiet text\n\nNobody has annotated this one.' });
    const response = await goto(ownerPage, `${baseUrl}/w/${workspace.slug}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await ownerPage.getByRole('link', { name: 'Disagreement map of the workspace →' }).click();
    await ownerPage.waitForURL(`**/w/${workspace.slug}/map`);
    const documents = ownerPage.getByTestId('workspace-document');
    expect(await documents.count()).toBe(2);
    const camps = documents.filter({ hasText: 'Two camps on power-seeking' });
    // the groups as the document's map has them now (round 2's revisions split camp B)
    const groups = expectOk<DisagreementMapResponse>(await owner.get(api(`/documents/${docSlug}/disagreement`)), 'map as owner').groups.length;
    expect(await camps.innerText()).toMatch(new RegExp(`6 claims \\(6 rated\\)[\\s\\S]*12 reviewers[\\s\\S]*${groups} groups[\\s\\S]*1 double crux\\b[\\s\\S]*round 2[\\s\\S]*blind`));
    expect(await camps.getByTestId('heat-strip').getByRole('option').count()).toBe(passageCount);
    expect(await documents.filter({ hasText: 'A quiet text' }).innerText()).toMatch(/No rated claims yet/);
    const disputed = await ownerPage.getByTestId('workspace-claims').locator('tbody tr').allInnerTexts();
    expect(disputed).toHaveLength(6);
    expect([claimTexts.C1, claimTexts.C2, claimTexts.C5].some((c) => disputed[0]!.includes(c))).toBe(true);
    const crux = ownerPage.getByTestId('workspace-cruxes').locator('li').first();
    expect(await crux.innerText()).toMatch(/^Double crux/i);
    expect(await crux.getByRole('link').allInnerTexts()).toEqual([claimTexts.C2, claimTexts.C1]);
    await shot(ownerPage, 'workspace');
    // a segment opens its passage in the reader
    await camps.getByTestId('heat-strip').locator(`[role="option"][data-passage-id="${passageOf(claimTexts.C1)}"]`).click();
    await ownerPage.waitForURL(`**/w/${workspace.slug}/documents/${docSlug}#p-${passageOf(claimTexts.C1)}`);
  });

  it('answers the same roll-up over the API, and 404 to a non-member', async () => {
    const body = expectOk<{ documents: { slug: string; claims: number }[]; reviewers: number }>(await owner.get(api('/disagreement')), 'workspace map');
    expect(body.documents.map((d) => [d.slug, d.claims]).sort()).toEqual([
      ['quiet', 0],
      [docSlug, 6],
    ].sort());
    expect(body.reviewers).toBe(12);
    const outsider = await signedInClient(app, await signUp(new HttpClient(app, { clientIp }), 'outsider'), clientIp);
    expect((await outsider.get(api('/disagreement'))).status).toBe(404);
  });

  it('shows an imported document whose first heading is its title with the title once, no demo banner, and a favicon', async () => {
    const response = await goto(ownerPage, `${baseUrl}/w/${workspace.slug}/documents/quiet`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const article = ownerPage.locator('article');
    expect(await article.locator('h1').allInnerTexts()).toEqual(['A quiet text']);
    expect(await article.getByText('A quiet text', { exact: true }).count()).toBe(1);
    expect(await ownerPage.locator('h1#document-title').innerText()).toBe('A quiet text');
    expect(await ownerPage.getByTestId('demo-data-notice').count()).toBe(0);
    await shot(ownerPage, 'reader-title-once');
    const icon = await ownerPage.request.get(`${baseUrl}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  });
});

describe('a member with the map open', () => {
  it('sees the numbers refresh when another reviewer rates, without reloading', async () => {
    await openMap(ownerPage);
    await ownerPage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const before = Number(await figure(ownerPage, 'reviewers'));
    const lateAccount = await signUp(new HttpClient(app, { clientIp }), 'late-reviewer');
    await addMemberByEmail(owner, workspace.slug, lateAccount, 'reviewer');
    const late = await signedInClient(app, lateAccount, clientIp);
    expectOk(await late.post(api('/annotations'), { document: docSlug, kind: 'probability', probability: { claimId: claimIds.C6, value: 0.95 } }), 'late rating');
    await expect.poll(() => figure(ownerPage, 'reviewers'), { timeout: 10_000 }).toBe(String(before + 1));
    expect(await ownerPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});
