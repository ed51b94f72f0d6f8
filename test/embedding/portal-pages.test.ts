// The script-tag bundles on portal pages: a strict Content Security Policy with Trusted Types
// required, and hostile global CSS. The pages live in demo/embedding/ and load dist/.
import { expect, waitUntil } from '@open-wc/testing';
import {
  closePortals,
  isShown,
  openPortal,
  paintedPixels,
  shadowOf,
  sizeOf,
  type PortalFrame,
} from './support/portal-frame.js';

/** Waits until the chart has drawn data and the grid shows rows. */
async function waitForData({ document }: PortalFrame, chartSelector = 'obs-chart'): Promise<void> {
  const chart = document.querySelector(chartSelector)!;
  const grid = document.querySelector('obs-grid')!;
  await waitUntil(
    () => {
      const canvas = shadowOf(chart).querySelector<HTMLCanvasElement>('canvas[part~="canvas"]');
      return canvas !== null && paintedPixels(canvas) > 500;
    },
    `${chartSelector} drew no data`,
    { timeout: 15_000 },
  );
  await waitUntil(
    () => shadowOf(grid).querySelectorAll('[part~="row"]').length > 3,
    'the grid shows no rows',
    { timeout: 15_000 },
  );
}

/** Checks that each element shows its main parts. */
function expectElementsShown({ document }: PortalFrame): void {
  const stream = document.querySelector('obs-stream')!;
  expect(isShown(shadowOf(stream).querySelector('[part~="status"]')!), 'stream status').to.equal(
    true,
  );

  const chart = document.querySelector('obs-chart')!;
  const canvas = shadowOf(chart).querySelector('canvas[part~="canvas"]')!;
  expect(isShown(canvas), 'chart canvas').to.equal(true);
  expect(sizeOf(canvas).height, 'chart canvas height').to.be.greaterThan(100);

  const grid = document.querySelector('obs-grid')!;
  const row = shadowOf(grid).querySelector('[part~="row"]')!;
  expect(isShown(row), 'grid row').to.equal(true);
  expect(row.textContent, 'grid row text').to.match(/\d{4}-\d{2}-\d{2}/);

  const filter = document.querySelector('obs-filter')!;
  expect(isShown(shadowOf(filter).querySelector('[part~="apply"]')!), 'filter apply').to.equal(
    true,
  );
}

afterEach(closePortals);

describe('strict Content Security Policy', () => {
  for (const [name, path] of [
    ['module bundle', '/demo/embedding/strict-csp.html'],
    ['classic-script bundle', '/demo/embedding/strict-csp-classic.html'],
    ['two bundles', '/demo/embedding/strict-csp-two-copies.html'],
  ]) {
    it(`runs the ${name} without violations`, async () => {
      const portal = await openPortal(path);
      await waitForData(portal);
      expectElementsShown(portal);
      // A filter edit re-renders the grid and the chart under the policy too.
      const filter = portal.document.querySelector('obs-filter')!;
      filter.criteria = {
        logic: 'and',
        conditions: [{ field: 'category', op: 'eq', value: 'cpu' }],
      };
      await waitUntil(
        () => shadowOf(portal.document.querySelector('obs-grid')!).textContent?.includes('cpu'),
        'the grid did not show the filtered rows',
      );
      const violations = (portal.window.cspViolations ?? []).map(({ directive, source, sample }) =>
        `${directive} at ${source} ${sample}`.trim(),
      );
      expect([...new Set(violations)]).to.deep.equal([]);
      expect(portal.window.pageErrors).to.deep.equal([]);
    });
  }
});

describe('hostile global CSS', () => {
  it('leaves the elements rendered', async () => {
    const portal = await openPortal('/demo/embedding/hostile-css.html');
    await waitForData(portal);
    await waitForData(portal, '#unsized');
    expectElementsShown(portal);
  });

  it('keeps the sizes the elements give themselves', async () => {
    const portal = await openPortal('/demo/embedding/hostile-css.html');
    await waitForData(portal);
    const { document } = portal;
    // The page sets --obs-grid-height to 240px, and `* { all: unset }` must not undo it.
    expect(sizeOf(document.querySelector('obs-grid')!).height).to.be.within(200, 280);
    const unsized = shadowOf(document.querySelector('#unsized')!).querySelector('canvas')!;
    expect(sizeOf(unsized).height).to.be.greaterThan(100);
  });
});
