// The reading page in Chromium: the long tasks (PerformanceObserver 'longtask', > 50 ms of main-thread work) of
// a page load as a signed-in member sees it, until the highlights are drawn and the page has been idle for two
// seconds. Reports the longest task before the load event and after it (issue 19: none after load above 200 ms).
import { existsSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, signedInContext } from '../e2e/browser';
import type { HttpClient } from '../support/http-client';

export type LongTaskRun = { loadMs: number; longestBeforeLoad: number; longestAfterLoad: number; afterLoadOver200: number; tasks: number };

declare global {
  interface Window {
    __cruxmapLongTasks?: { start: number; duration: number }[];
  }
}

/** Whether Chromium is here to measure with (CHROMIUM_PATH or Debian's /usr/bin/chromium). */
export const hasChromium = (): boolean => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

export async function measureLongTasks({ url, client, loads }: { url: string; client: HttpClient; loads: number }): Promise<LongTaskRun[]> {
  const browser: Browser = await launchBrowser();
  try {
    const runs: LongTaskRun[] = [];
    for (let i = 0; i < loads; i++) {
      // a new context per load: nothing cached from the one before
      const context = await signedInContext(browser, { baseUrl: new URL(url).origin, client, clientIp: '10.250.0.1' });
      await context.addInitScript(() => {
        window.__cruxmapLongTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__cruxmapLongTasks?.push({ start: entry.startTime, duration: entry.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      const page = await context.newPage();
      // CRUXMAP_BENCH_CPU_PROFILE=file: the first load's main thread as a CPU profile, to open in DevTools (names
      // are minified unless the app was built with productionBrowserSourceMaps)
      const profilePath = i === 0 ? process.env.CRUXMAP_BENCH_CPU_PROFILE : undefined;
      const cdp = profilePath ? await context.newCDPSession(page) : null;
      // CRUXMAP_BENCH_TRACE=file: the first load as a Chrome trace (style, layout and script time of each task)
      const tracePath = i === 0 ? process.env.CRUXMAP_BENCH_TRACE : undefined;
      if (tracePath) await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'] });
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      await page.locator('mark.hl').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(2000);
      const { loadMs, tasks } = await page.evaluate(() => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { loadMs: navigation?.loadEventEnd ?? 0, tasks: window.__cruxmapLongTasks ?? [] };
      });
      if (tracePath) await browser.stopTracing();
      if (cdp && profilePath) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(profilePath, JSON.stringify(profile));
      }
      const before = tasks.filter((t) => t.start < loadMs);
      const after = tasks.filter((t) => t.start >= loadMs);
      runs.push({
        loadMs,
        longestBeforeLoad: Math.max(0, ...before.map((t) => t.duration)),
        longestAfterLoad: Math.max(0, ...after.map((t) => t.duration)),
        afterLoadOver200: after.filter((t) => t.duration > 200).length,
        tasks: tasks.length,
      });
      await context.close();
    }
    return runs;
  } finally {
    await browser.close();
  }
}
