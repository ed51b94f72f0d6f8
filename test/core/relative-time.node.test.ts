import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store, type FilterDetail, type Point } from '../../src/core/index.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2024, 5, 1, 12);

function point(id: string, timestamp: number): Point {
  return { id, timestamp, value: 1, category: 'cpu', source: 'a' };
}

function viewIds(store: Store): string[] {
  const ids: string[] = [];
  for (let i = 0; i < store.view.length; i++) ids.push(store.idAt(store.view.rowAt(i)));
  return ids;
}

const LAST_5_MINUTES = {
  logic: 'and',
  conditions: [{ field: 'timestamp', op: 'within_last', value: 5, unit: 'minutes' }],
};

describe('within_last', () => {
  it('keeps rows from the start of the window on', () => {
    const now = NOW;
    const store = new Store({ capacity: 10, now: () => now, autoRefresh: false });
    store.append([
      point('old', now - 6 * MINUTE),
      point('edge', now - 5 * MINUTE),
      point('new', now - MINUTE),
      point('future', now + MINUTE),
    ]);

    store.setFilter(LAST_5_MINUTES);

    assert.deepEqual(viewIds(store), ['edge', 'new', 'future']);
  });

  it('slides when refreshed as the clock moves', () => {
    let now = NOW;
    const store = new Store({ capacity: 10, now: () => now, autoRefresh: false });
    store.append([point('a', now - 4 * MINUTE), point('b', now - 2 * MINUTE)]);
    store.setFilter(LAST_5_MINUTES);
    const events: FilterDetail[] = [];
    store.addEventListener('filter', (event) => events.push((event as CustomEvent).detail));

    now += 2 * MINUTE;
    const changed = store.refreshFilter();

    assert.equal(changed, true);
    assert.deepEqual(viewIds(store), ['b']);
    assert.equal(events.length, 1);
    assert.equal(events[0].refreshed, true);
    assert.equal(store.matches(store.start), false);
  });

  it('does not fire filter when a refresh changes nothing', () => {
    let now = NOW;
    const store = new Store({ capacity: 10, now: () => now, autoRefresh: false });
    store.append([point('a', now - MINUTE)]);
    store.setFilter(LAST_5_MINUTES);
    let events = 0;
    store.addEventListener('filter', () => events++);

    now += MINUTE;

    assert.equal(store.refreshFilter(), false);
    assert.equal(events, 0);
  });

  it('lets rows in under not as they age', () => {
    let now = NOW;
    const store = new Store({ capacity: 10, now: () => now, autoRefresh: false });
    store.append([point('a', now - 4 * MINUTE), point('b', now)]);
    store.setFilter({ ...LAST_5_MINUTES, not: true });
    assert.deepEqual(viewIds(store), []);

    now += 2 * MINUTE;
    store.refreshFilter();

    assert.deepEqual(viewIds(store), ['a']);
  });

  it('tests appended rows against the current time', () => {
    let now = NOW;
    const store = new Store({ capacity: 10, now: () => now, autoRefresh: false });
    store.setFilter(LAST_5_MINUTES);

    now += 10 * MINUTE;
    store.append([point('stale', NOW), point('fresh', now)]);

    assert.deepEqual(viewIds(store), ['fresh']);
  });

  it('slides on its own with the timer', async () => {
    const store = new Store({ capacity: 10, refreshInterval: 10 });
    const start = Date.now();
    store.append([point('leaving', start - 4_950), point('staying', start + 60_000)]);
    store.setFilter({
      logic: 'and',
      conditions: [{ field: 'timestamp', op: 'within_last', value: 5, unit: 'seconds' }],
    });
    const refreshed = new Promise<FilterDetail>((resolve) => {
      store.addEventListener('filter', (event) => resolve((event as CustomEvent).detail));
    });
    // Keeps the event loop alive: the store's own timer does not hold the process open.
    const keepAlive = setInterval(() => {}, 1000);

    const detail = await refreshed;
    clearInterval(keepAlive);

    assert.equal(detail.refreshed, true);
    assert.deepEqual(viewIds(store), ['staying']);
    store.setFilter(null);
  });
});
