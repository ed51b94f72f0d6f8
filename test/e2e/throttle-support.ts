import type { Browser, CDPSession, Page } from 'playwright-core';
import { collectErrors, launchBrowser, startServer, type RunningServer } from './support.js';

/** Generated points per second: heavy enough that four charts drawing every frame miss 30 fps. */
export const STREAM_RATE = 2000;
/** CPU slowdown factor of Chromium's DevTools CPU throttling. */
export const THROTTLE_RATE = 4;
const CHART_COUNT = 4;

/** Returns a page that streams generated points into four charts, with `head` in its head element. */
export function throttlePage(title: string, head: string, body = ''): string {
  const charts = Array.from(
    { length: CHART_COUNT },
    (_, index) =>
      `<obs-chart series-by="source" label="chart ${index + 1}" style="height: 180px"></obs-chart>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    ${head}
  </head>
  <body>
    ${body}
    <obs-stream id="feed" rate="${STREAM_RATE}" buffer-size="2000000">${charts}</obs-stream>
  </body>
</html>`;
}

export interface ThrottleSession {
  page: Page;
  cdp: CDPSession;
  /** Page errors and console errors logged so far. */
  errors: string[];
  /** Quality levels the page reported through `window.recordLevel`, in order. */
  levels: string[];
  /** Sets Chromium's CPU slowdown factor; 1 turns throttling off. */
  throttle(rate: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server, opens `html` at `path` of its origin in Chromium with a 1280 x 1000
 * viewport, and exposes `window.recordLevel` to the page before any of its scripts run.
 */
export async function openThrottleSession(path: string, html: string): Promise<ThrottleSession> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer(['--no-host-metrics']);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = collectErrors(page);
    const levels: string[] = [];
    const url = new URL(path, server.url).href;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.exposeFunction('recordLevel', (level: string) => levels.push(level));
    await page.goto(url);
    const cdp = await page.context().newCDPSession(page);
    const opened = { server, browser };
    return {
      page,
      cdp,
      errors,
      levels,
      throttle: async (rate) => {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      },
      close: async () => {
        await opened.browser.close();
        await opened.server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.stop();
    throw error;
  }
}
