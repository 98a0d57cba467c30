// Debian's Chromium driven by playwright-core (never a downloaded browser), and where screenshots go.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { SESSION_COOKIE, type HttpClient } from '../support/http-client';

export const screenshotsDir = path.join(process.cwd(), 'tests', 'e2e', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  await mkdir(screenshotsDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * `page.goto`, then waits until React has hydrated the page (`data-hydrated` on <html>, set by the root layout's
 * HydrationMark), so a click that follows reaches an attached handler rather than inert server-rendered HTML.
 */
export async function goto(page: Page, url: string, options?: Parameters<Page['goto']>[1]): Promise<Response | null> {
  const response = await page.goto(url, options);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  return response;
}

export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * A new browser context carrying `client`'s session cookie for `baseUrl` (signed out when it has none), its
 * requests seen as coming from `clientIp` (so the sign-in limit of one test file never meets another's).
 */
export async function signedInContext(
  browser: Browser,
  {
    baseUrl,
    client,
    clientIp,
    viewport = 'desktop',
    acceptDownloads = false,
  }: { baseUrl: string; client: HttpClient; clientIp: string; viewport?: keyof typeof viewports; acceptDownloads?: boolean },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: viewports[viewport], acceptDownloads, extraHTTPHeaders: { 'x-forwarded-for': clientIp } });
  const session = client.jar.get(SESSION_COOKIE);
  if (session) await context.addCookies([{ name: SESSION_COOKIE, value: session, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** Selects [start, end) of the document's canonical text as a keyboard user's selection would: a DOM Range over
 *  the reader's rendered pieces (`[data-offset]`). */
export async function selectOffsets(page: Page, offsets: { start: number; end: number }): Promise<void> {
  await page.evaluate(({ start, end }) => {
    const root = document.querySelector('[data-document-body]') as HTMLElement;
    const pieces = [...root.querySelectorAll<HTMLElement>('[data-offset]')];
    const locate = (at: number, isEnd: boolean): [Node, number] => {
      for (const piece of pieces) {
        const from = Number(piece.dataset.offset);
        const length = piece.textContent?.length ?? 0;
        if (isEnd ? at > from && at <= from + length : at >= from && at < from + length) {
          const walker = document.createTreeWalker(piece, NodeFilter.SHOW_TEXT);
          let rest = at - from;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const n = node.textContent?.length ?? 0;
            if (isEnd ? rest <= n : rest < n) return [node, rest];
            rest -= n;
          }
        }
      }
      throw new Error(`offset ${at} is not rendered`);
    };
    const range = document.createRange();
    range.setStart(...locate(start, false));
    range.setEnd(...locate(end, true));
    const selection = window.getSelection() as Selection;
    selection.removeAllRanges();
    selection.addRange(range);
  }, offsets);
}

/** An element's accessible description: the text of the elements its `aria-describedby` names. */
export async function describedBy(locator: Locator): Promise<string> {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  );
}
