// Annotating in Chromium: two reviewers annotate document 000 of the bundled corpus through the reading page —
// claims, a probability each, evidence for and against, a crux, a reply — with the mouse and with the keyboard,
// and each sees the other's work after a reload; overlapping highlights, an observer's read-only view, and the
// phone layout. Screenshots to look at: the page with overlapping highlights, the composer, a thread.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnnotationDto, AnnotationPage } from '@/lib/annotations/types';
import { acceptInvite, addMemberByEmail, createInviteLink, createWorkspace, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { describedBy, goto, launchBrowser, screenshotsDir, selectOffsets, signedInContext, viewports } from './browser';
import { expectOk, HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp } from '../support/unique';

const baseUrl = inject('baseUrl');
const app = overHttp(baseUrl);
const clientIp = uniqueClientIp();

type Person = { account: TestAccount; api: HttpClient; page: Page };

let browser: Browser;
const contexts: BrowserContext[] = [];
let workspace: TestWorkspace;
let documentSlug: string;
let documentPath: string;
let text: string;
let ana: Person;
let ben: Person;
let obi: Omit<Person, 'page'>;

const quotes = {
  claim: 'we will likely eventually get AIs that are strongly power-seeking',
  probability: 'strongly power-seeking, much more so than current SOTA LLMs',
  keyboardClaim: 'Long-horizon RL or similar methods (applied to LLMs or otherwise) will turn AIs into consequentialists',
  evidenceFor: 'In RL, every action is rewarded according to the extent that, after accounting for all of the relevant world dynamics',
  evidenceAgainst: 'Right now SOTA LLMs are still largely in a simulator regime.',
  crux: 'It will likely be difficult to prevent other actors from building consequentialist AI',
};
const statements = {
  claim: 'AIs will eventually be strongly power-seeking',
  keyboardClaim: 'Long-horizon RL makes AIs consequentialists',
};
const rationale = 'Instrumental convergence bites once training rewards long-horizon outcomes.';
const replyText = 'Does this hold for agents trained only with SFT?';

const screenshot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(screenshotsDir, name), fullPage });

/** A browser signed in as the person: the session cookie from the API sign-in, set on a fresh context. */
async function openAs(api: HttpClient, viewport: keyof typeof viewports = 'desktop'): Promise<Page> {
  const context = await signedInContext(browser, { baseUrl, client: api, clientIp, viewport });
  contexts.push(context);
  return context.newPage();
}

async function openDocument(page: Page): Promise<void> {
  const response = await goto(page, `${baseUrl}${documentPath}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  await page.locator('[data-document-body] [data-offset]').first().waitFor();
  // hydrated: the margin's client side is there
  // (on a phone the margin is a closed sheet: there, but hidden)
  await page.locator('aside[aria-label="Annotations"]').waitFor({ state: 'attached' });
  // hydrated: the reader follows the selection (its listeners are attached before the body says so)
  await page.locator('[data-document-body][data-interactive]').waitFor();
}

/** Canonical offsets of a quote (its first occurrence). */
function offsetsOf(quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in document 000: ${quote}`);
  return { start, end: start + quote.length };
}

/** Selects canonical text as a keyboard user's selection would. */
const selectQuote = (page: Page, quote: string): Promise<void> => selectOffsets(page, offsetsOf(quote));

/** Selects a quote with a real mouse drag, from its first character to its last. */
async function dragSelect(page: Page, quote: string): Promise<void> {
  const offsets = offsetsOf(quote);
  await page.evaluate(({ start }) => {
    const pieces = [...document.querySelectorAll<HTMLElement>('[data-document-body] [data-offset]')];
    pieces.find((p) => Number(p.dataset.offset) <= start && start < Number(p.dataset.offset) + (p.textContent?.length ?? 0))?.scrollIntoView({ block: 'center' });
  }, offsets);
  // Where the quote's first and last characters are once the page is still: the scroll may be smooth, and charts
  // drawn as text nears the viewport move the lines below them. Measured until two looks 100 ms apart agree.
  const measure = () => page.evaluate(({ start, end }) => {
    const root = document.querySelector('[data-document-body]') as HTMLElement;
    const pieces = [...root.querySelectorAll<HTMLElement>('[data-offset]')];
    const charRect = (at: number) => {
      for (const piece of pieces) {
        const from = Number(piece.dataset.offset);
        const node = piece.firstChild;
        if (node && at >= from && at < from + (piece.textContent?.length ?? 0)) {
          const range = document.createRange();
          range.setStart(node, at - from);
          range.setEnd(node, at - from + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.left, y: rect.top + rect.height / 2, right: rect.right };
        }
      }
      throw new Error(`offset ${at} is not rendered`);
    };
    const first = charRect(start);
    const last = charRect(end - 1);
    return { x1: first.x + 1, y1: first.y, x2: last.right - 1, y2: last.y };
  }, offsets);
  let box = await measure();
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(100);
    const again = await measure();
    const still = again.x1 === box.x1 && again.y1 === box.y1 && again.x2 === box.x2 && again.y2 === box.y2;
    box = again;
    if (still) break;
  }
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

const composer = (page: Page): Locator => page.getByTestId('annotation-composer');
const cards = (page: Page): Locator => page.getByTestId('annotation-card');
const card = (page: Page, hasText: string): Locator => cards(page).filter({ hasText });
/** A claim rated twice or more: one line in the margin, its rating cards one click away. */
const ratingGroup = (page: Page): Locator => page.getByTestId('rating-group');
const mark = (page: Page, hasText: string): Locator => page.locator('[data-document-body] mark.hl', { hasText });

async function typeRationale(page: Page, words: string): Promise<void> {
  await composer(page).getByRole('textbox', { name: 'Rationale' }).click();
  await page.keyboard.type(words);
}

async function saveAndWaitForCard(page: Page, hasText: string): Promise<void> {
  await card(page, hasText).first().waitFor();
  await composer(page).waitFor({ state: 'detached' });
}

async function annotationsOf(api: HttpClient): Promise<AnnotationDto[]> {
  const page = expectOk<AnnotationPage>(await api.get(`/api/v1/workspaces/${workspace.slug}/annotations?document=${documentSlug}&limit=500`), 'list');
  return page.items;
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  browser = await launchBrowser();
  const anonymous = new HttpClient(app, { clientIp });
  const [anaAccount, benAccount, obiAccount] = await Promise.all(['ana', 'ben', 'obi'].map((label) => signUp(anonymous, label)));
  const [anaApi, benApi, obiApi] = await Promise.all([anaAccount, benAccount, obiAccount].map((a) => signedInClient(app, a as TestAccount, clientIp)));
  workspace = await createWorkspace(anaApi as HttpClient, 'annotating');
  expectOk(await (anaApi as HttpClient).post(`/api/v1/workspaces/${workspace.slug}/corpus`), 'add the corpus');
  const invite = await createInviteLink(anaApi as HttpClient, workspace.slug, { role: 'reviewer' });
  await acceptInvite(benApi as HttpClient, invite.token);
  await addMemberByEmail(anaApi as HttpClient, workspace.slug, (obiAccount as TestAccount), 'observer');

  // Document 000: the first text of the bundled corpus, content/power-seeking-agents.txt.
  const manifest = JSON.parse(await readFile(path.join(process.cwd(), 'content', 'manifest.json'), 'utf8')) as { documents: { slug: string }[] };
  documentSlug = (manifest.documents[0] as { slug: string }).slug;
  documentPath = `/w/${workspace.slug}/documents/${documentSlug}`;
  text = expectOk<{ text: string }>(await (anaApi as HttpClient).get(`/api/v1/workspaces/${workspace.slug}/documents/${documentSlug}`), 'document 000').text;

  ana = { account: anaAccount as TestAccount, api: anaApi as HttpClient, page: await openAs(anaApi as HttpClient) };
  ben = { account: benAccount as TestAccount, api: benApi as HttpClient, page: await openAs(benApi as HttpClient) };
  obi = { account: obiAccount as TestAccount, api: obiApi as HttpClient };
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('annotating document 000 in the browser', () => {
  it('makes a claim from a selection through the "Annotate selection" button', async () => {
    const page = ana.page;
    await openDocument(page);
    expect(await page.getByText('No annotations yet. Select some text to make the first one.').isVisible()).toBe(true);

    await selectQuote(page, quotes.claim);
    const annotate = page.getByRole('button', { name: /Annotate selection/ });
    await annotate.waitFor();
    await annotate.click();
    await composer(page).waitFor();
    expect(await composer(page).locator('blockquote').textContent()).toBe(quotes.claim);
    expect(await composer(page).getByRole('button', { name: /Claim/ }).getAttribute('aria-pressed')).toBe('true');
    const statement = composer(page).getByLabel('Statement');
    expect(await statement.inputValue()).toBe(quotes.claim);
    await statement.fill(statements.claim);
    await typeRationale(page, rationale);
    await screenshot(page, 'annotating-composer-desktop.png');
    // no claim like it in the workspace yet: the statement becomes a new claim only through "Create new claim"
    await composer(page).getByText('None found: saving creates a new claim.').waitFor();
    await composer(page).getByRole('button', { name: 'Create new claim' }).click();
    await saveAndWaitForCard(page, statements.claim);

    const claimCard = card(page, statements.claim);
    expect(await claimCard.textContent()).toContain(rationale);
    expect(await claimCard.textContent()).toContain(ana.account.name);
    const highlight = mark(page, 'strongly power-seeking');
    expect(await highlight.first().getAttribute('data-hl')).toBe('claim');
    expect(await page.locator('[data-document-body] mark.hl[data-hl="claim"]').allTextContents()).toEqual([quotes.claim]);
  });

  it('rates the claim with a probability on overlapping words, chosen with the p key', async () => {
    const page = ana.page;
    await selectQuote(page, quotes.probability);
    await page.keyboard.press('p');
    await composer(page).waitFor();
    const percent = composer(page).getByRole('spinbutton', { name: /Probability in percent/ });
    await expect.poll(() => percent.evaluate((el) => el === document.activeElement)).toBe(true);
    // The claim under the selection is suggested, and chosen by default.
    const claimChoice = composer(page).getByRole('combobox', { name: 'Of which claim' });
    await expect.poll(() => claimChoice.inputValue()).toBe(statements.claim);
    await percent.fill('70');
    expect(await composer(page).getByRole('slider').inputValue()).toBe('70');
    await page.keyboard.press('Enter');
    await saveAndWaitForCard(page, '70%');

    // Two annotations on "strongly power-seeking": one darker piece naming both (by their index on the page), and
    // hovering it lights up both cards.
    const overlap = page.locator('[data-document-body] mark.hl[data-depth="2"]');
    await overlap.first().waitFor();
    expect((await overlap.allTextContents()).join('')).toBe('strongly power-seeking');
    const named = (await overlap.first().getAttribute('data-a'))?.split(' ') ?? [];
    expect(new Set(named).size).toBe(2);
    expect(await annotationsOf(ana.api)).toHaveLength(2);
    await overlap.first().hover();
    await expect.poll(() => page.locator('article[data-testid="annotation-card"].hl-active').count()).toBe(2);
    await page.mouse.move(0, 0);
    expect(await overlap.first().getAttribute('data-hl')).toBe('probability');
    // The claim's credence chart follows its text.
    const glyph = page.locator('[data-document-body] .credence-glyph').first();
    expect(await describedBy(glyph)).toContain('1 rating, median 70%');
  });

  it('makes a claim with the keyboard: select, c, type, Enter', async () => {
    const page = ana.page;
    await selectQuote(page, quotes.keyboardClaim);
    await page.keyboard.press('c');
    await composer(page).waitFor();
    const statement = composer(page).getByLabel('Statement');
    await expect.poll(() => statement.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(statements.keyboardClaim);
    await page.keyboard.press('Enter');
    await saveAndWaitForCard(page, statements.keyboardClaim);
    expect(await mark(page, 'turn AIs into consequentialists').count()).toBeGreaterThan(0);
    expect(await cards(page).count()).toBe(3);
  });

  it("shows Ana's work to Ben, who rates her claim from its credence chart", async () => {
    const page = ben.page;
    await openDocument(page);
    expect(await cards(page).count()).toBe(3);
    expect(await card(page, statements.claim).first().textContent()).toContain(rationale);
    expect(await mark(page, 'turn AIs into consequentialists').count()).toBeGreaterThan(0);

    await page.locator('[data-document-body] .credence-glyph').first().click();
    const rater = page.getByRole('form', { name: /Your credence/ });
    await rater.waitFor();
    const field = rater.getByRole('spinbutton');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await field.fill('40');
    await rater.getByRole('button', { name: 'Save my credence' }).click();
    await expect
      .poll(() => describedBy(page.locator('[data-document-body] .credence-glyph').first()))
      .toContain('2 ratings, median 55%');
    await card(page, '40%').first().waitFor();
  });

  it('adds evidence for and against with the keyboard and the mouse, and a crux', async () => {
    const page = ben.page;
    // Evidence for the keyboard claim: e, pick the claim, strong, a source.
    await selectQuote(page, quotes.evidenceFor);
    await page.keyboard.press('e');
    await composer(page).waitFor();
    const claimPicker = composer(page).getByRole('combobox', { name: 'Evidence about the claim' });
    await expect.poll(() => claimPicker.evaluate((el) => el === document.activeElement)).toBe(true);
    // Saved without a claim: the message shows next to the picker, and nothing is sent.
    await composer(page).getByRole('button', { name: 'Save evidence' }).click();
    await expect.poll(() => claimPicker.getAttribute('aria-invalid')).toBe('true');
    expect(await composer(page).getByText(/^Evidence about the claim /).textContent()).toMatch(/required/);
    // The claim picker is a combobox: type some of its words, the first match is active, Enter takes it.
    await claimPicker.click();
    await page.keyboard.type('makes AIs');
    expect(await claimPicker.getAttribute('aria-expanded')).toBe('true');
    const active = async () => composer(page).locator(`[id="${await claimPicker.getAttribute('aria-activedescendant')}"]`).textContent();
    await expect.poll(active).toContain(statements.keyboardClaim);
    // the workspace's similar claims come first: the one with these words leads the list
    expect((await composer(page).getByRole('listbox').getByRole('option').allTextContents())[0]).toContain(statements.keyboardClaim);
    await page.keyboard.press('Enter');
    expect(await claimPicker.getAttribute('aria-expanded')).toBe('false');
    expect(await claimPicker.inputValue()).toBe(statements.keyboardClaim);
    await expect.poll(() => composer(page).count()).toBe(1);
    await composer(page).getByLabel('strong').check();
    await composer(page).getByLabel(/Source URL/).fill('https://example.org/rl-credit-assignment');
    await composer(page).getByRole('button', { name: 'Save evidence' }).click();
    await saveAndWaitForCard(page, 'Strength: strong');
    const forCard = card(page, 'Strength: strong');
    expect(await forCard.getByRole('link', { name: 'source' }).getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await mark(page, 'every action is rewarded').first().getAttribute('data-hl')).toBe('evidence-for');

    // Evidence against the first claim, selected with a mouse drag: the composer opens by itself.
    await dragSelect(page, quotes.evidenceAgainst);
    await composer(page).waitFor();
    expect(await composer(page).locator('blockquote').textContent()).toBe(quotes.evidenceAgainst);
    await composer(page).getByRole('button', { name: /Evidence/ }).click();
    // with the mouse: open the list, pick the claim
    await composer(page).getByRole('combobox', { name: 'Evidence about the claim' }).click();
    await composer(page).getByRole('option', { name: statements.claim }).click();
    await composer(page).getByLabel(/Undercuts it/).check();
    await composer(page).getByRole('button', { name: 'Save evidence' }).click();
    await saveAndWaitForCard(page, 'Evidence against');
    expect(await mark(page, 'simulator regime').first().getAttribute('data-hl')).toBe('evidence-against');

    // A crux, as a sentence: my view on the first claim depends on whether this text (a new claim K) is true.
    await selectQuote(page, quotes.crux);
    await page.keyboard.press('x');
    await composer(page).waitFor();
    const forClaim = composer(page).getByRole('combobox', { name: 'My view on (claim C)' });
    await expect.poll(() => forClaim.evaluate((el) => el === document.activeElement)).toBe(true);
    // with the arrow keys: the list opens on the first claim, the others follow it
    await page.keyboard.press('ArrowDown');
    await composer(page).getByRole('listbox').waitFor();
    const activeText = async () => composer(page).locator(`[id="${await forClaim.getAttribute('aria-activedescendant')}"]`).textContent();
    for (let i = 0; i < 4 && !(await activeText())?.includes(statements.claim); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    expect(await forClaim.inputValue()).toBe(statements.claim);
    // K: no claim is this text yet, so it is created, explicitly, from the selection
    await composer(page).getByRole('combobox', { name: 'depends on whether (claim K)' }).click();
    await composer(page).getByRole('option', { name: /^Create new claim/ }).click();
    expect(await composer(page).getByLabel('The new claim K').inputValue()).toBe(quotes.crux);
    await composer(page).getByLabel('more likely').check();
    expect(await composer(page).getByTestId('crux-preview').textContent()).toContain(`depends on whether “${quotes.crux}” is true`);
    await composer(page).getByRole('button', { name: 'Save crux' }).click();
    await saveAndWaitForCard(page, 'becomes more likely');
    const cruxCard = card(page, 'becomes more likely');
    expect(await cruxCard.textContent()).toContain(statements.claim);
    expect(await cruxCard.textContent()).toContain(quotes.crux);
    expect(await mark(page, 'prevent other actors').first().getAttribute('data-hl')).toBe('crux');
    // five cards, and the claim's two ratings as one line (issue 16: "12 ratings · median 81%")
    expect(await cards(page).count()).toBe(5);
    expect(await ratingGroup(page).getByTestId('rating-group-line').textContent()).toBe('2 ratings · median 55%');
  });

  it('opens a thread from a highlight with the keyboard and replies in it', async () => {
    const page = ben.page;
    await page.evaluate(() => window.scrollTo(0, 0));
    // The claim's first piece is a button in the tab order; Enter opens its card with the thread.
    const opening = page.locator('[data-document-body] mark.hl[data-opens]', { hasText: 'we will likely eventually' });
    await opening.focus();
    expect(await opening.getAttribute('role')).toBe('button');
    const describedBy = (await opening.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent).join(' '), describedBy);
    // briefly, as issue 18 asks: what it is and how it was rated; the card (Enter) has who and what
    expect(description).toContain('claim, 2 ratings, median 55%.');
    await page.keyboard.press('Enter');
    const focused = page.locator('article[data-testid="annotation-card"]:focus');
    await focused.waitFor();
    const claimCard = page.locator(`#${await focused.getAttribute('id')}`);
    expect(await claimCard.textContent()).toContain(statements.claim);
    const thread = claimCard.getByTestId('thread');
    await thread.getByText('No replies yet.').waitFor();
    await thread.getByRole('textbox', { name: 'Reply' }).click();
    await page.keyboard.type(replyText);
    await page.keyboard.press('ControlOrMeta+Enter');
    await thread.getByTestId('reply').filter({ hasText: replyText }).waitFor();
    expect(await thread.getByTestId('reply').first().textContent()).toContain(ben.account.name);
    await claimCard.scrollIntoViewIfNeeded();
    await screenshot(page, 'annotating-thread-desktop.png');
  });

  it('reads a thread again after a failure that may pass, and offers to try again after one that will not', async () => {
    const page = ben.page;
    const id = await page.locator('article[data-testid="annotation-card"]:has([data-testid="thread"])').first().getAttribute('id');
    const claimCard = page.locator(`#${id}`);
    const isReplies = (url: URL) => url.pathname.endsWith('/replies');
    const failWith = (status: number, code: string, message: string) => (route: Route) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { code, message } }) });
    // the next read of the replies meets a server restarting once (503): the thread reads them again by itself
    await claimCard.getByRole('button', { name: 'Hide discussion' }).click();
    let unavailable = 0;
    await page.route(isReplies, async (route) => {
      if (route.request().method() !== 'GET' || unavailable > 0) return route.fallback();
      unavailable++;
      return failWith(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached right now.')(route);
    });
    await claimCard.getByRole('button', { name: 'Discussion (1)' }).click();
    const thread = claimCard.getByTestId('thread');
    await thread.getByTestId('reply').filter({ hasText: replyText }).waitFor();
    expect(unavailable).toBe(1);
    await page.unroute(isReplies);
    // a 404 is not read again: the thread says why, with a button that tries again
    await claimCard.getByRole('button', { name: 'Hide discussion' }).click();
    let notFound = 0;
    await page.route(isReplies, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      notFound++;
      return failWith(404, 'NOT_FOUND', 'Annotation not found.')(route);
    });
    await claimCard.getByRole('button', { name: 'Discussion (1)' }).click();
    await thread.getByText('Annotation not found.').waitFor();
    expect(notFound).toBe(1);
    expect(await thread.getByTestId('reply').count()).toBe(0);
    await page.unroute(isReplies);
    await thread.getByRole('button', { name: 'Try again' }).click();
    await thread.getByTestId('reply').filter({ hasText: replyText }).waitFor();
    expect(await thread.getByText('Annotation not found.').count()).toBe(0);
  });

  it("shows Ben's work to Ana after a reload, with the overlapping highlights", async () => {
    const page = ana.page;
    await openDocument(page);
    expect(await cards(page).count()).toBe(5);
    // the two ratings of Ana's claim are one line; one click shows their cards
    expect(await ratingGroup(page).getByTestId('rating-group-line').textContent()).toBe('2 ratings · median 55%');
    await ratingGroup(page).getByRole('button', { name: 'Show the 2 ratings' }).click();
    await expect.poll(() => cards(page).count()).toBe(7);
    for (const words of ['Strength: strong', 'Evidence against', 'becomes more likely', '40%', '70%', statements.keyboardClaim]) {
      expect(await card(page, words).count(), words).toBeGreaterThan(0);
    }
    expect(await card(page, statements.claim).filter({ hasText: 'Discussion (1)' }).count()).toBe(1);
    for (const words of ['every action is rewarded', 'simulator regime', 'prevent other actors', 'strongly power-seeking']) {
      expect(await mark(page, words).count(), words).toBeGreaterThan(0);
    }
    // Ben's rating sits on the claim's own text too: three annotations now share "strongly power-seeking".
    const deepest = page.locator('[data-document-body] mark.hl[data-depth="3"]');
    expect((await deepest.allTextContents()).join('')).toBe('strongly power-seeking');

    // Hovering a highlight lights up its card; clicking a card's "Show in text" flashes its highlight.
    await mark(page, 'simulator regime').first().hover();
    await expect.poll(() => card(page, 'Evidence against').getAttribute('class')).toContain('hl-active');
    await card(page, 'becomes more likely').getByRole('button', { name: 'Show in text' }).click();
    await expect.poll(() => mark(page, 'prevent other actors').first().getAttribute('class')).toContain('hl-flash');

    await card(page, statements.claim).filter({ hasText: 'Discussion (1)' }).getByRole('button', { name: 'Discussion (1)' }).click();
    await page.getByTestId('reply').filter({ hasText: replyText }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator('mark.hl-flash').count(), { timeout: 5000 }).toBe(0);
    await screenshot(page, 'annotating-overlaps-desktop.png');
    // On the claim's own words the claim gives the colour; the ratings on the same words add their lines.
    expect(await mark(page, 'eventually get AIs').first().getAttribute('data-hl')).toBe('claim');

    // Filters: only evidence.
    await page.getByRole('group', { name: 'Kinds' }).getByRole('button', { name: /Evidence/ }).click();
    expect(await cards(page).count()).toBe(2);
    expect(await page.locator('[data-document-body] mark.hl[data-hl="claim"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await cards(page).count()).toBe(7);
  });

  it('edits with a version, and when the annotation changes elsewhere meanwhile shows both versions and applies mine on top', async () => {
    const page = ana.page;
    const current = (await annotationsOf(ana.api)).find((a) => a.kind === 'claim' && a.claim?.statement === statements.claim) as AnnotationDto;
    const claimCard = page.locator(`#card-${current.id}`);
    await claimCard.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = claimCard.getByRole('form', { name: 'Edit annotation' });
    await form.getByLabel('Statement').fill(`${statements.claim} within a decade`);
    // Meanwhile the same annotation changes elsewhere (Ana, in another tab).
    expectOk(
      await ana.api.patch(`/api/v1/workspaces/${workspace.slug}/annotations/${current.id}`, { version: current.version, body: 'Edited in another tab.' }),
      'edit elsewhere',
    );
    // the change arrives through the live feed: the conflict view replaces the form before a save could overwrite it
    const conflict = claimCard.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect(await form.count()).toBe(0);
    expect(await conflict.textContent()).toContain('Someone changed this while you were editing.');
    expect(await conflict.getByRole('region', { name: 'Their version' }).textContent()).toContain('Edited in another tab.');
    expect(await conflict.getByRole('region', { name: 'Your version' }).textContent()).toContain(`${statements.claim} within a decade`);
    await screenshot(page, 'annotating-conflict-desktop.png');
    await conflict.getByRole('button', { name: 'Apply mine on top' }).click();
    // the conflict view (which also shows my text) closes once the re-sent edit is saved
    await conflict.waitFor({ state: 'detached' });
    await card(page, `${statements.claim} within a decade`).first().waitFor();
    await expect
      .poll(async () => (await annotationsOf(ana.api)).find((a) => a.id === current.id)?.claim?.statement, { timeout: 10_000 })
      .toBe(`${statements.claim} within a decade`);
    const after = (await annotationsOf(ana.api)).find((a) => a.id === current.id) as AnnotationDto;
    expect(after.claim?.statement).toBe(`${statements.claim} within a decade`);
    expect(after.bodyText).toBe('Edited in another tab.');
    expect(after.version).toBe(current.version + 2);
  });

  it('shows an observer everything but no composer', async () => {
    const page = await openAs(obi.api);
    await openDocument(page);
    expect(await cards(page).count()).toBe(5);
    expect(await ratingGroup(page).count()).toBe(1);
    expect(await page.getByTestId('annotate-notice').textContent()).toBe('Observers can read but not annotate.');
    await selectQuote(page, quotes.crux);
    await page.keyboard.press('a');
    await page.waitForTimeout(300);
    expect(await composer(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Annotate selection/ }).count()).toBe(0);
  });

  it('asks a signed-out reader of a public workspace to sign in to annotate', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    contexts.push(context);
    const page = await context.newPage();
    const response = await goto(page, `${baseUrl}/w/ai-alignment-reading-group/documents/${documentSlug}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const notice = page.getByTestId('annotate-notice');
    expect(await notice.textContent()).toBe('Sign in to annotate.');
    expect(await notice.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toContain('callbackUrl=');
  });

  it('lists annotations whose text a new version dropped as orphans, apart from the highlighted ones', async () => {
    const slug = `orphans-${workspace.slug}`;
    const paragraphs = ['Agents that plan far ahead will seek resources.', 'This sentence will be cut from the next version.', 'A closing line.'];
    const api = `/api/v1/workspaces/${workspace.slug}`;
    expectOk(await ana.api.post(`${api}/documents`, { slug, text: ['# Orphans', ...paragraphs].join('\n\n') }), 'import v1');
    const v1 = expectOk<{ text: string }>(await ana.api.get(`${api}/documents/${slug}`), 'v1').text;
    for (const quote of [paragraphs[0], paragraphs[1]] as string[]) {
      const start = v1.indexOf(quote);
      expectOk(await ana.api.post(`${api}/annotations`, { document: slug, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), 'claim');
    }
    expectOk(await ana.api.post(`${api}/documents`, { slug, text: ['# Orphans', paragraphs[0], paragraphs[2]].join('\n\n') }), 'import v2');

    const page = ana.page;
    await goto(page, `${baseUrl}/w/${workspace.slug}/documents/${slug}`, { waitUntil: 'load' });
    const orphans = page.getByTestId('orphans');
    await orphans.waitFor();
    expect(await orphans.getByRole('heading', { name: /^Orphans/ }).textContent()).toBe('Orphans (1)');
    expect(await orphans.textContent()).toContain('no longer in this one');
    expect(await orphans.getByTestId('annotation-card').textContent()).toContain(paragraphs[1]);
    expect(await mark(page, 'Agents that plan far ahead').count()).toBe(1);
    expect(await page.locator('[data-document-body] mark.hl').allTextContents()).toEqual([paragraphs[0]]);
  });

  it('fits a phone: the margin and the composer as bottom sheets', async () => {
    const page = await openAs(ben.api, 'phone');
    await openDocument(page);
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'annotating-phone.png');
    await selectQuote(page, 'This buffers against power-seeking.');
    await page.getByRole('button', { name: /Annotate selection/ }).click();
    await composer(page).waitFor();
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'annotating-composer-phone.png');
    await page.keyboard.press('Escape');
    await composer(page).waitFor({ state: 'detached' });
    // A highlight's card, under the text.
    await mark(page, 'simulator regime').first().click();
    const focused = page.locator('article[data-testid="annotation-card"]:focus');
    await focused.waitFor();
    // the card in the bottom sheet over the text, in view
    await expect.poll(() => focused.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight && el.getBoundingClientRect().top >= 0), { timeout: 5000 }).toBe(true);
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'annotating-card-phone.png');
  });
});
