import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Store } from '../../../src/core/store.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import { afterEach, beforeEach, dataRows, describe, it, makeStore, scroller } from './helpers.js';

/** Counts listeners that `target` has added and not removed, by type and callback. */
function trackListeners(target: EventTarget): () => number {
  const live = new Set<unknown>();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  target.addEventListener = (type, callback, options) => {
    live.add(`${type}`);
    live.add(callback);
    add(type, callback, options);
  };
  target.removeEventListener = (type, callback, options) => {
    live.delete(callback);
    remove(type, callback, options);
  };
  return () => [...live].filter((entry) => typeof entry !== 'string').length;
}

type ObserverClass = typeof ResizeObserver | typeof MutationObserver;

/** Replaces an observer class with one that counts observers observing something. */
function trackObservers<T extends ObserverClass>(name: 'ResizeObserver' | 'MutationObserver') {
  const Original = window[name] as T;
  const live = new Set<object>();
  const Counting = class extends (Original as typeof ResizeObserver) {
    override observe(...args: Parameters<ResizeObserver['observe']>): void {
      live.add(this);
      super.observe(...args);
    }
    override disconnect(): void {
      live.delete(this);
      super.disconnect();
    }
  };
  (window as unknown as Record<string, unknown>)[name] = Counting;
  return {
    count: () => live.size,
    restore: () => {
      (window as unknown as Record<string, unknown>)[name] = Original;
    },
  };
}

function elementCount(grid: ObsGrid): number {
  return grid.shadowRoot!.querySelectorAll('*').length;
}

describe('<obs-grid> memory', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('keeps rows bounded over a long scroll', async () => {
    const store = makeStore(200_000, 200_000);
    const grid = await fixture<ObsGrid>(html`<obs-grid .store=${store}></obs-grid>`);
    await waitUntil(() => dataRows(grid).length > 0, 'no data rows rendered');
    const table = scroller(grid);
    const counts: number[] = [];

    for (let step = 0; step < 200; step++) {
      table.scrollTop = step * 997 * 7;
      await nextFrame();
      counts.push(elementCount(grid));
      expect(dataRows(grid).length).to.be.below(100);
    }

    // After the first screens, scrolling reuses row elements instead of adding more.
    const settled = counts.slice(20);
    expect(Math.max(...settled) - Math.min(...settled)).to.be.below(50);
  });

  it('releases listeners and observers on removal', async () => {
    const store = makeStore(1_000);
    const storeListeners = trackListeners(store);
    const windowListeners = trackListeners(window);
    const resizeObservers = trackObservers('ResizeObserver');
    const mutationObservers = trackObservers('MutationObserver');
    try {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const grid = document.createElement('obs-grid');
      grid.store = store as Store;
      grid.sort = { key: 'value', direction: 'desc' };
      const baseline = { window: windowListeners(), resize: resizeObservers.count() };
      let attached = { store: 0, elements: 0, mutation: 0 };

      for (let cycle = 0; cycle < 30; cycle++) {
        container.append(grid);
        await waitUntil(() => dataRows(grid).length > 0, `cycle ${cycle}: no rows rendered`);
        if (cycle === 0) {
          await nextFrame();
          await nextFrame();
          attached = {
            store: storeListeners(),
            elements: elementCount(grid),
            mutation: mutationObservers.count(),
          };
        }
        await waitUntil(
          () => elementCount(grid) === attached.elements,
          `cycle ${cycle}: ${elementCount(grid)} elements, ${attached.elements} at first`,
        );
        expect(storeListeners()).to.equal(attached.store);
        expect(mutationObservers.count()).to.equal(attached.mutation);

        grid.remove();
        await waitUntil(() => storeListeners() === 0, 'store listeners stayed after removal');
        expect(resizeObservers.count()).to.equal(baseline.resize);
      }
      expect(attached.store).to.be.above(0);
      expect(windowListeners()).to.be.at.most(baseline.window + 2);
    } finally {
      resizeObservers.restore();
      mutationObservers.restore();
    }
  });
});
