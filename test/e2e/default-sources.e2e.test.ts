import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  PROJECT_ROOT,
  collectErrors,
  countInkPixels,
  launchBrowser,
  startServer,
  type RunningServer,
} from './support.js';

type StreamElement = HTMLElement & {
  store: { size: number; categories(): readonly string[] };
};

describe('demo with the default sources', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    server = await startServer([]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    errors = collectErrors(page);
    await page.goto(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('stream goes live', async () => {
    await page.waitForFunction(
      () => document.getElementById('live')?.getAttribute('status') === 'live',
    );
  });

  it('receives generator and host metric points', async () => {
    await page.waitForFunction(
      () => {
        const categories = (document.getElementById('live') as StreamElement).store.categories();
        return categories.some((name) => name.startsWith('host_')) && categories.length > 2;
      },
      undefined,
      { timeout: 20_000 },
    );
  });

  it('charts and grid render the stream', async () => {
    await page.waitForFunction(
      () => (document.getElementById('live') as StreamElement).store.size > 200,
    );
    await page.locator('obs-grid [role="row"][aria-rowindex]').first().waitFor();

    const ink = await countInkPixels(page, 'obs-chart');

    assert.ok(ink > 2000, `expected the chart to draw, found ${ink} non-background pixels`);
  });

  it('saves a screenshot', async () => {
    const folder = join(PROJECT_ROOT, 'test-results');
    mkdirSync(folder, { recursive: true });

    await page.screenshot({ path: join(folder, 'demo-default-sources.png'), fullPage: true });
  });

  it('logs no errors', () => {
    assert.deepEqual(errors, []);
  });
});

describe('plain page with one script tag', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer(['--no-host-metrics']);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders live generated data in all four elements', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);

    await page.goto(new URL('script-tag.html', server.url).href);
    await page.waitForFunction(
      () => (document.getElementById('generated') as StreamElement).store.size > 20,
    );
    await page.locator('obs-grid [role="row"][aria-rowindex]').first().waitFor();
    await page.locator('obs-filter [part~="add"]').first().waitFor();
    const ink = await countInkPixels(page, 'obs-chart');
    const scripts = await page.locator('script').count();

    assert.equal(scripts, 1);
    assert.ok(ink > 1000, `expected the chart to draw, found ${ink} non-background pixels`);
    assert.deepEqual(errors, []);
  });
});
