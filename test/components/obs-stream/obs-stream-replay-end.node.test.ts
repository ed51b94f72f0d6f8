// <obs-stream> in Chromium against observatory-server replaying a NAB file. The browser tests
// reach only the scripted server, so this test starts the real server from source, bundles the
// element from source with esbuild and drives the page with playwright-core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: a plain JavaScript module without type declarations.
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { killAll, NAB_FILE, startServer, type RunningServer } from '../../server/support.js';

/** Rows of the NAB file, counted the plain way, independent of the server's parser. */
const ROWS = readFileSync(NAB_FILE, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '').length;

/** What the page records of its `<obs-stream>`. */
interface Recorded {
  statuses: string[];
  ends: { seq: number; total: number }[];
  staleChanges: boolean[];
  status: string | null;
  label: string | undefined;
  /** Computed background color of the status dot. */
  dot: string;
  stale: boolean;
  freshness: number | null;
  size: number;
}

async function bundleElement(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../../src/obs-stream.ts', import.meta.url))],
    tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0].text;
}

/** Adds an `<obs-stream>` for `url` with `stale-after="100"` that records its events. */
async function addStream(page: Page, url: string): Promise<void> {
  await page.evaluate((socketUrl) => {
    const recorded = { statuses: [] as string[], ends: [] as unknown[], staleChanges: [] };
    Object.assign(window, { recorded });
    const element = document.createElement('obs-stream');
    element.setAttribute('stale-after', '100');
    element.setAttribute('url', socketUrl);
    element.addEventListener('obs-status-change', (event) =>
      recorded.statuses.push((event as CustomEvent<{ status: string }>).detail.status),
    );
    element.addEventListener('obs-end', (event) =>
      recorded.ends.push((event as CustomEvent).detail),
    );
    element.addEventListener('obs-stale-change', (event) =>
      (recorded.staleChanges as boolean[]).push(
        (event as CustomEvent<{ stale: boolean }>).detail.stale,
      ),
    );
    document.body.append(element);
  }, url);
}

function readStream(page: Page): Promise<Recorded> {
  return page.evaluate(() => {
    const element = document.querySelector('obs-stream') as unknown as HTMLElement & {
      stale: boolean;
      freshness: number | null;
      store: { size: number };
    };
    const { recorded } = window as unknown as { recorded: Recorded };
    const dot = element.shadowRoot?.querySelector('.dot');
    return {
      ...recorded,
      status: element.getAttribute('status'),
      label: element.shadowRoot?.querySelector('.label')?.textContent?.trim(),
      dot: dot ? getComputedStyle(dot).backgroundColor : '',
      stale: element.stale,
      freshness: element.freshness,
      size: element.store.size,
    };
  });
}

/** Polls the page until `condition` holds for what it recorded. */
async function waitForStream(
  page: Page,
  condition: (recorded: Recorded) => boolean,
  message: string,
  timeoutMs = 30_000,
): Promise<Recorded> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recorded = await readStream(page);
    if (condition(recorded)) return recorded;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${message}; last ${JSON.stringify(recorded)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('<obs-stream> at the end of a replay', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    const [running, code] = await Promise.all([
      startServer(['--replay', NAB_FILE, '--speed', 'max']),
      bundleElement(),
    ]);
    server = running;
    browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      args: chromiumArgs(),
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code, type: 'module' });
    await page.waitForFunction(() => customElements.get('obs-stream') !== undefined);
    await addStream(page, `ws://127.0.0.1:${server.port}/ws`);
  });

  after(async () => {
    await browser?.close();
    await killAll();
  });

  it('turns ended and fires obs-end', async () => {
    const recorded = await waitForStream(page, (r) => r.status === 'ended', 'status is ended');

    assert.deepEqual(recorded.statuses, ['connecting', 'live', 'ended']);
    assert.deepEqual(recorded.ends, [{ seq: ROWS, total: ROWS }]);
    assert.equal(recorded.label, 'Ended');
    // The light default of --obs-stream-ended-color, not the red of offline.
    assert.equal(recorded.dot, 'rgb(89, 99, 110)');
    assert.equal(recorded.size, ROWS);
  });

  it('never turns stale after the end', async () => {
    // With stale-after at 100 ms, a live stream turns stale at the first freshness check, which
    // runs every second, so by 2.5 s at least two checks have passed.
    const recorded = await waitForStream(
      page,
      (r) => (r.freshness ?? 0) > 2500,
      'the last point is 2.5 s old',
    );

    assert.equal(recorded.stale, false);
    assert.deepEqual(recorded.staleChanges, []);
    assert.equal(recorded.status, 'ended');
  });

  it('connect after the end ends again', async () => {
    await page.evaluate(() =>
      (document.querySelector('obs-stream') as unknown as { connect(): void }).connect(),
    );

    const recorded = await waitForStream(page, (r) => r.ends.length === 2, 'a second obs-end');

    assert.deepEqual(recorded.statuses.slice(3), ['connecting', 'live', 'ended']);
    assert.deepEqual(recorded.ends[1], { seq: ROWS, total: ROWS });
    assert.equal(recorded.size, ROWS);
  });

  it('stays ended when the server closes', async () => {
    await server.stop();
    const { freshness } = await readStream(page);

    // Without a pending retry nothing changes, so let two freshness checks pass first.
    const recorded = await waitForStream(
      page,
      (r) => (r.freshness ?? 0) > (freshness ?? 0) + 2000,
      'two more seconds passed',
    );

    assert.equal(recorded.status, 'ended');
    assert.equal(recorded.statuses.length, 6);
  });
});
