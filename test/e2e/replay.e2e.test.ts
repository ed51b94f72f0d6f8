import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  NAB_FOLDER,
  collectErrors,
  countInkPixels,
  launchBrowser,
  readCsv,
  startServer,
  type RunningServer,
} from './support.js';

const FILE = join(NAB_FOLDER, 'ec2_cpu_utilization_24ae8d.csv');
const ROWS = readCsv(FILE);
const THRESHOLD = 0.2;

describe('demo replaying a NAB file', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    server = await startServer(['--replay', FILE, '--speed', 'max']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    errors = collectErrors(page);
    await page.goto(server.url);
    await page.waitForFunction(
      (rows) =>
        (document.getElementById('live') as unknown as { store: { size: number } }).store.size ===
        rows,
      ROWS.length,
      { timeout: 60_000 },
    );
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('store holds exactly the file rows', async () => {
    const size = await page.evaluate(
      () => (document.getElementById('live') as unknown as { store: { size: number } }).store.size,
    );

    assert.equal(size, ROWS.length);
  });

  it('first and last points match the file', async () => {
    const ends = await page.evaluate(() => {
      const { store } = document.getElementById('live') as unknown as {
        store: {
          start: number;
          end: number;
          timeAt(r: number): number;
          valueAt(r: number): number;
        };
      };
      return {
        first: [store.timeAt(store.start), store.valueAt(store.start)],
        last: [store.timeAt(store.end - 1), store.valueAt(store.end - 1)],
      };
    });
    const utc = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

    assert.deepEqual(ends.first, [utc(ROWS[0].timestamp), ROWS[0].value]);
    assert.deepEqual(ends.last, [utc(ROWS.at(-1)!.timestamp), ROWS.at(-1)!.value]);
  });

  it('grid shows rows', async () => {
    await page.locator('obs-grid [role="row"][aria-rowindex]').first().waitFor();

    const rendered = await page.locator('obs-grid [role="row"][aria-rowindex]').count();

    assert.ok(rendered > 3, `expected several rendered rows, got ${rendered}`);
  });

  it('charts draw the data', async () => {
    await page.waitForFunction(() => document.querySelectorAll('obs-chart').length === 2);

    const ink = await countInkPixels(page, 'obs-chart');

    assert.ok(ink > 2000, `expected the chart to draw, found ${ink} non-background pixels`);
  });

  it('value filter keeps exactly the matching rows', async () => {
    const expected = ROWS.filter((row) => row.value > THRESHOLD).length;

    await page.locator('obs-filter [part="query-input"]').fill(`value > ${THRESHOLD}`);
    await page.locator('obs-filter [part="query-apply"]').click();
    await page.waitForFunction(
      (count) =>
        (document.getElementById('live') as unknown as { store: { view: { length: number } } })
          .store.view.length === count,
      expected,
    );
    const rowCount = await page.locator('obs-grid [role="grid"]').getAttribute('aria-rowcount');

    assert.ok(expected > 0, 'some rows pass the threshold');
    assert.ok(expected < ROWS.length, 'some rows fail the threshold');
    assert.equal(Number(rowCount), expected + 1);
  });

  it('logs no errors', () => {
    assert.deepEqual(errors, []);
  });
});
