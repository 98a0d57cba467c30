// The accessibility audit: every page, signed out and signed in, at desktop and phone widths, checked with axe-core
// in Chromium (@axe-core/playwright drives playwright-core's pages) — no serious or critical violation, no moderate
// one without a reason written below — plus what axe does not check: heading levels that never skip, a visible
// focus ring on the first Tab stops, and on the pages a phone reader uses most, 44 px touch targets. Each page is
// audited four times — light and dark, at desktop (1280) and phone (390) widths — so colour contrast is checked in
// both themes at both widths, and reflow at the phone width.
// One browser, axe only (no screenshots): this file must stay quick. Two pages are audited at a time (two lanes,
// each with a signed-out and a signed-in tab): axe's work is the browser's, one core per page.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { createInviteLink, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';
import { goto, launchBrowser, signedInContext, viewports } from './browser';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();
// the demo data's reading page, as a first visitor sees it (thousands of highlights); the rest on a small public workspace
const demoDoc = '/w/ai-alignment-reading-group/documents/deceptive-alignment-flimsy-arguments';

type Fixture = { ws: string; doc: string; claim: string; invite: string };
type Person = 'signed out' | 'signed in';

/** Every audited page: adding one is one line. `as` says who opens it. */
const pages: { name: string; path: (f: Fixture) => string; as: Person[] }[] = [
  { name: 'library', path: () => '/', as: ['signed out', 'signed in'] },
  { name: 'sign-in', path: () => '/sign-in', as: ['signed out'] },
  { name: 'sign-up', path: () => '/sign-up', as: ['signed out'] },
  { name: 'invite', path: (f) => `/invites/${f.invite}`, as: ['signed out', 'signed in'] },
  { name: 'reader (demo data)', path: () => demoDoc, as: ['signed out'] },
  { name: 'workspace', path: (f) => `/w/${f.ws}`, as: ['signed in'] },
  { name: 'reader', path: (f) => `/w/${f.ws}/documents/${f.doc}`, as: ['signed out', 'signed in'] },
  { name: 'map', path: (f) => `/w/${f.ws}/documents/${f.doc}/map`, as: ['signed in'] },
  { name: 'workspace map', path: (f) => `/w/${f.ws}/map`, as: ['signed in'] },
  { name: 'claim page', path: (f) => `/w/${f.ws}/claims/${f.claim}`, as: ['signed out', 'signed in'] },
  { name: 'search', path: (f) => `/w/${f.ws}/search?q=weights`, as: ['signed in'] },
  { name: 'members', path: (f) => `/w/${f.ws}/members`, as: ['signed in'] },
  { name: 'settings', path: (f) => `/w/${f.ws}/settings`, as: ['signed in'] },
  { name: 'import', path: (f) => `/w/${f.ws}/import`, as: ['signed in'] },
  { name: 'export', path: (f) => `/w/${f.ws}/export`, as: ['signed in'] },
  { name: 'audit', path: (f) => `/w/${f.ws}/audit`, as: ['signed in'] },
  { name: 'new workspace', path: () => '/w/new', as: ['signed in'] },
  { name: 'account', path: () => '/settings/account', as: ['signed in'] },
  { name: 'tokens', path: () => '/settings/tokens', as: ['signed in'] },
  { name: 'rate next', path: (f) => `/w/${f.ws}/queue`, as: ['signed in'] },
  { name: 'inbox', path: () => '/inbox', as: ['signed in'] },
  { name: 'notification settings', path: () => '/settings/notifications', as: ['signed in'] },
  { name: 'review progress', path: (f) => `/w/${f.ws}/documents/${f.doc}/progress`, as: ['signed in'] },
];

/** Moderate violations we accept, each with its reason (none so far). Serious and critical ones are never accepted. */
const acceptedModerate: Record<string, string> = {};

let browser: Browser;
let owner: HttpClient;
/** Audits run two at a time, each in a lane of its own: a tab per person. */
const LANES = 2;
type Lane = Map<Person, Page>;
const freeLanes: Lane[] = [];
const waiting: ((lane: Lane) => void)[] = [];
const takeLane = (): Promise<Lane> => new Promise((resolve) => (freeLanes.length > 0 ? resolve(freeLanes.pop() as Lane) : waiting.push(resolve)));
const giveBack = (lane: Lane): void => {
  const next = waiting.shift();
  if (next) next(lane);
  else freeLanes.push(lane);
};
const fixture: Fixture = { ws: '', doc: '', claim: '', invite: '' };

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const account = await signUp(anonymous, 'axe');
  owner = await signedInClient(app, account, clientIp);
  const workspace: TestWorkspace = await createWorkspace(owner, 'axe');
  fixture.ws = workspace.slug;
  const text = ['# Open weights', '## Misuse', 'Open weights make misuse easier to attempt and harder to stop.', '### Safeguards', 'Safeguards come off in an afternoon.'].join('\n\n');
  fixture.doc = (await importDocument(owner, workspace.slug, { slug: 'open-weights', title: 'Open weights', text })).slug;
  const canonical = expectOk<{ text: string }>(await owner.get(`/api/v1/workspaces/${fixture.ws}/documents/${fixture.doc}`), 'document').text;
  const exact = 'Open weights make misuse easier';
  const start = canonical.indexOf(exact);
  const claim = expectOk<AnnotationDto>(
    await owner.post(`/api/v1/workspaces/${fixture.ws}/annotations`, { document: fixture.doc, kind: 'claim', target: { exact, start, end: start + exact.length }, claim: { statement: exact } }),
    'claim',
  );
  fixture.claim = claim.claimId!;
  expectOk(await owner.post(`/api/v1/workspaces/${fixture.ws}/annotations`, { document: fixture.doc, kind: 'probability', probability: { claimId: fixture.claim, value: 0.7 } }), 'rate');
  fixture.invite = (await createInviteLink(owner, fixture.ws, { role: 'reviewer', maxUses: 5 })).token;
  expectOk(await owner.patch(`/api/v1/workspaces/${fixture.ws}`, { visibility: 'public' }), 'make public');

  for (let i = 0; i < LANES; i++) {
    const lane: Lane = new Map();
    for (const [person, client] of [['signed out', anonymous], ['signed in', owner]] as const) {
      const context = await signedInContext(browser, { baseUrl, client, clientIp });
      lane.set(person, await context.newPage());
    }
    freeLanes.push(lane);
  }
}, 120_000);

afterAll(async () => {
  // private again: the signed-out library of the files after this one lists public workspaces
  if (fixture.ws) await owner.patch(`/api/v1/workspaces/${fixture.ws}`, { visibility: 'private' });
  await browser?.close();
});

/** Axe's findings that fail the audit, as readable lines (rule, impact, first elements). */
async function axeFindings(page: Page, only?: string[]): Promise<string[]> {
  // legacy mode: axe.run in the page itself. The default runs axe per frame and finishes in a blank page it opens
  // for each analysis — twice the time here, for iframes across origins these pages do not have.
  const builder = only
    ? new AxeBuilder({ page }).setLegacyMode(true).withRules(only)
    : new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || (v.impact === 'moderate' && !(v.id in acceptedModerate)))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} (${v.nodes[0]?.failureSummary?.split('\n').slice(1, 2).join('') ?? ''})`);
}

/** Headings in document order (visible ones, h1–h6 and role=heading): the first is an h1 and no level is skipped. */
async function headingFindings(page: Page): Promise<string[]> {
  const levels = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter((h) => h.getClientRects().length > 0 && !h.closest('[aria-hidden="true"]'))
      .map((h) => ({ level: Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)), text: (h.textContent ?? '').trim().slice(0, 40) })),
  );
  const findings: string[] = [];
  if (levels[0]?.level !== 1) findings.push(`the first heading is not an h1: ${JSON.stringify(levels[0])}`);
  levels.forEach((h, i) => {
    const before = levels[i - 1];
    if (before && h.level > before.level + 1) findings.push(`h${before.level} "${before.text}" is followed by h${h.level} "${h.text}"`);
  });
  return findings;
}

/** The first Tab stops each show a focus ring (an outline or a box shadow that the element lacks unfocused). */
async function focusFindings(page: Page, stops = 6): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.click(1, 1);
  const findings: string[] = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const hasRing = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { hasRing, what: `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"` };
    });
    if (!seen) break;
    if (!seen.hasRing) findings.push(`no visible focus on ${seen.what}`);
  }
  return findings;
}

/**
 * Touch targets under 44 × 44 CSS px at the phone width (WCAG 2.5.5): every visible button, link, field, summary and
 * role=button — except targets inline in a sentence or block of text (the "inline" exception: links in prose, the
 * highlighted words themselves, which are the text) and a checkbox or radio whose label is the target. Lines like
 * `button "Save" 120×32`.
 */
async function touchFindings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="link"]');
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.closest('[hidden], [aria-hidden="true"]')) continue;
      // visually hidden until focused ("Skip to content"), or inside a closed disclosure (not on screen)
      if (box.width <= 1 && box.height <= 1) continue;
      const closed = el.closest('details:not([open])');
      if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // inline in text: links in prose, the highlighted words, and a claim's credence chart that follows its words
      if (style.display === 'inline' || el.matches('mark.hl, [data-document-body] .credence-glyph-inline')) continue;
      if (el.matches('input[type="checkbox"], input[type="radio"]')) {
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        const labelBox = label?.getBoundingClientRect();
        if (labelBox && labelBox.height >= 44) continue;
      }
      if (box.width >= 44 && box.height >= 44) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      found.push(`${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return [...new Set(found)];
  });
}

/** The pages a phone reader mostly uses, held to 44 px touch targets. */
const touchPages = ['reader', 'map', 'rate next', 'claim page', 'workspace', 'library'];

describe.concurrent('accessibility audit', () => {
  for (const audited of pages) {
    for (const person of audited.as) {
      it(`${audited.name}, ${person}: no axe violation in either theme at either width; headings in order; focus visible${touchPages.includes(audited.name) ? '; 44 px touch targets on a phone' : ''}`, async ({ expect }) => {
        const lane = await takeLane();
        try {
          const page = lane.get(person)!;
          await page.setViewportSize(viewports.desktop);
          await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
          const response = await goto(page, `${baseUrl}${audited.path(fixture)}`, { waitUntil: 'load' });
          expect(response?.status()).toBe(200);
          const findings = [
            ...(await axeFindings(page)).map((f) => `desktop, light: ${f}`),
            ...(await headingFindings(page)),
            ...(await focusFindings(page)),
          ];
          // the phone width in the dark theme (it follows prefers-color-scheme when none is chosen): reflow, touch
          // targets and the dark colours' contrast in one pass
          await page.setViewportSize(viewports.phone);
          await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
          findings.push(...(await axeFindings(page)).map((f) => `phone, dark: ${f}`));
          if (touchPages.includes(audited.name)) {
            findings.push(...(await touchFindings(page)).map((f) => `phone, touch target under 44 px: ${f}`));
            // the reader's annotations are a bottom sheet on a phone: its cards' controls too, with a card's thread open
            const launcher = page.getByTestId('annotations-launcher');
            if (await launcher.isVisible()) {
              await launcher.click();
              const discussion = page.locator('[data-card-key="d"]').first();
              if (await discussion.isVisible()) await discussion.click();
              findings.push(...(await touchFindings(page)).map((f) => `phone, annotations sheet, touch target under 44 px: ${f}`));
              await page.keyboard.press('Escape');
            }
          }
          // and each theme at the other width: both themes' contrast at both widths (the rules that depend on the
          // theme; the others ran above at each width). Not on the demo reader: its thousands of highlights are the
          // small reader's components again, and four full passes over them cost a minute of CI.
          if (audited.name !== 'reader (demo data)') {
            await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
            findings.push(...(await axeFindings(page, ['color-contrast', 'link-in-text-block'])).map((f) => `phone, light: ${f}`));
            await page.setViewportSize(viewports.desktop);
            await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
            findings.push(...(await axeFindings(page, ['color-contrast', 'link-in-text-block'])).map((f) => `desktop, dark: ${f}`));
          }
          expect(findings).toEqual([]);
        } finally {
          giveBack(lane);
        }
      });
    }
  }
});
