import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import { MatchCounter } from '../../../src/components/obs-filter/match-counts.js';
import {
  createCondition,
  createGroup,
  type ConditionDraft,
  type GroupDraft,
} from '../../../src/components/obs-filter/filter-model.js';

const CATEGORIES = ['cpu', 'memory', 'disk'];

function points(from: number, count: number, time = (i: number) => i * 1000): Point[] {
  const list: Point[] = [];
  for (let i = from; i < from + count; i++) {
    list.push({
      id: `p-${i}`,
      timestamp: time(i),
      value: (i * 37) % 100,
      category: CATEGORIES[i % 3],
      source: i % 2 === 0 ? 'a' : 'b',
    });
  }
  return list;
}

function condition(field: string, op: string, text: string): ConditionDraft {
  const kind = field === 'value' ? 'number' : 'string';
  return { ...createCondition(field, kind), op, text };
}

/** value > 50, category = cpu, and a nested OR group of source = a or value < 10. */
function tree(): {
  root: GroupDraft;
  high: ConditionDraft;
  cpu: ConditionDraft;
  group: GroupDraft;
} {
  const root = createGroup();
  const high = condition('value', 'gt', '50');
  const cpu = condition('category', 'eq', 'cpu');
  const group = createGroup('or');
  group.children.push(condition('source', 'eq', 'a'), condition('value', 'lt', '10'));
  root.children.push(high, cpu, group);
  return { root, high, cpu, group };
}

function bruteForce(store: Store, test: (row: number) => boolean): number {
  let count = 0;
  for (let row = store.start; row < store.end; row++) if (test(row)) count++;
  return count;
}

/** Runs slices until no count is pending. */
async function settle(counter: MatchCounter, keys: number[]): Promise<void> {
  counter.refresh();
  for (let round = 0; round < 10_000; round++) {
    if (keys.every((key) => counter.count(key)?.pending === false)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('counts never settled');
}

function expected(store: Store) {
  return {
    high: bruteForce(store, (row) => store.valueAt(row) > 50),
    cpu: bruteForce(store, (row) => store.categoryAt(row) === 'cpu'),
    group: bruteForce(store, (row) => store.sourceAt(row) === 'a' || store.valueAt(row) < 10),
  };
}

describe('MatchCounter', () => {
  it('counts conditions and groups', async () => {
    const store = new Store({ capacity: 1000 });
    store.append(points(0, 500));
    const { root, high, cpu, group } = tree();
    const counter = new MatchCounter(() => {});

    counter.track(store, root);
    await settle(counter, [high.key, cpu.key, group.key]);

    const want = expected(store);
    assert.equal(counter.count(high.key)?.value, want.high);
    assert.equal(counter.count(cpu.key)?.value, want.cpu);
    assert.equal(counter.count(group.key)?.value, want.group);
  });

  it('gives invalid conditions no count', () => {
    const store = new Store();
    const root = createGroup();
    const bad = condition('value', 'gt', 'abc');
    root.children.push(bad);
    const counter = new MatchCounter(() => {});

    counter.track(store, root);

    assert.equal(counter.count(bad.key), undefined);
  });

  it('follows appends and evictions across blocks', async () => {
    const store = new Store({ capacity: 20_000 });
    const { root, high, cpu, group } = tree();
    const counter = new MatchCounter(() => {});
    counter.track(store, root);
    let next = 0;
    // Batches of odd sizes make evictions start in the middle of a block.
    for (const size of [5000, 12_345, 9000, 777, 30_001, 4096, 8192, 1]) {
      store.append(points(next, size));
      next += size;
      await settle(counter, [high.key, cpu.key, group.key]);

      const want = expected(store);
      assert.equal(counter.count(high.key)?.value, want.high, `after ${next} points`);
      assert.equal(counter.count(cpu.key)?.value, want.cpu, `after ${next} points`);
      assert.equal(counter.count(group.key)?.value, want.group, `after ${next} points`);
    }
  });

  it('counts again after the store is cleared', async () => {
    const store = new Store({ capacity: 1000 });
    store.append(points(0, 900));
    const { root, high } = tree();
    const counter = new MatchCounter(() => {});
    counter.track(store, root);
    await settle(counter, [high.key]);

    store.clear();
    counter.reset();
    store.append(points(5000, 950));
    await settle(counter, [high.key]);

    assert.equal(counter.count(high.key)?.value, expected(store).high);
  });

  it('spreads a large count over slices', async () => {
    const store = new Store({ capacity: 600_000 });
    store.append(points(0, 600_000));
    const { root, high } = tree();
    let updates = 0;
    const counter = new MatchCounter(() => updates++);
    counter.track(store, root);

    counter.refresh();
    const first = counter.count(high.key);
    await settle(counter, [high.key]);

    assert.deepEqual(first, { value: undefined, pending: true });
    assert.equal(counter.count(high.key)?.value, expected(store).high);
    assert.ok(updates >= 1);
  });

  it('counts relative time from scratch on each refresh', async () => {
    const store = new Store({ capacity: 1000 });
    const now = Date.now();
    store.append(points(0, 120, (i) => now - (120 - i) * 60_000));
    const root = createGroup();
    const recent = { ...createCondition('timestamp', 'date'), op: 'within_last', text: '30' };
    root.children.push(recent);
    const counter = new MatchCounter(() => {});
    counter.track(store, root);

    await settle(counter, [recent.key]);

    // Rows from 30 minutes ago onwards: the clock moved a little, so allow the boundary row.
    assert.ok([29, 30].includes(counter.count(recent.key)?.value ?? -1));
  });
});
