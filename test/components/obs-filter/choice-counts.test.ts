import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/obs-chart.js';
import '../../../src/obs-grid.js';
import '../../../src/obs-stream.js';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import type { ObsStream } from '../../../src/components/obs-stream/obs-stream.js';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import { conditionRow, describe, it, part, parts, shadow, typeInto } from './helpers.js';

interface ListedChoice {
  name: string;
  count: number;
  checked: boolean;
}

/** What the "is one of" drop-down of a condition shows. */
interface ChoiceView {
  /** The numbers of the summary, "2 of 5 values". */
  selected: number;
  total: number;
  listed: ListedChoice[];
}

/** Reads the drop-down of the first condition, or null when it is not rendered. */
function readChoices(element: ObsFilter): ChoiceView | null {
  const row = parts(shadow(element), 'condition')[0];
  const details = row?.querySelector('[part~="choices"]');
  if (details === null || details === undefined) return null;
  const summary = details.querySelector('summary')?.textContent?.replace(/\s+/g, ' ') ?? '';
  const match = /(\d[\d,]*) of (\d[\d,]*) values?/.exec(summary);
  if (match === null) throw new Error(`unexpected summary '${summary}'`);
  const number = (text: string) => Number(text.replace(/,/g, ''));
  return {
    selected: number(match[1]),
    total: number(match[2]),
    listed: parts(row, 'choice').map((label) => ({
      name: label.querySelector('.choice-name')?.textContent ?? '',
      count: number(label.querySelector('.choice-count')?.textContent ?? ''),
      checked: label.querySelector('input')?.checked === true,
    })),
  };
}

/** Distinct categories of the store with their counts, by name. */
function categoryCounts(store: Store): Map<string, number> {
  return new Map(store.distinct('category').map(({ value, count }) => [String(value), count]));
}

/**
 * Checks what must hold for any drop-down: no more selected than listed
 * values, every selected value listed and checked, and no count above what
 * the store has now (the store here only grows, so an older count is lower).
 */
function expectConsistent(view: ChoiceView, selected: readonly string[], store: Store): void {
  const listed = view.listed.map((choice) => choice.name);
  expect(view.selected, 'selected in the summary').to.equal(selected.length);
  expect(view.total, 'listed values in the summary').to.be.at.least(listed.length);
  expect(
    view.listed.filter((choice) => choice.checked).map((choice) => choice.name),
  ).to.have.members([...selected]);
  const stored = categoryCounts(store);
  for (const choice of view.listed) {
    expect(choice.count, `count of ${choice.name}`).to.be.at.most(stored.get(choice.name) ?? 0);
  }
}

/** Checks that the listed counts are the store's, with 0 for a selected value it lacks. */
function expectStoreCounts(view: ChoiceView, counts: ReadonlyMap<string, number>): void {
  for (const choice of view.listed) {
    expect(choice.count, `count of ${choice.name}`).to.equal(counts.get(choice.name) ?? 0);
  }
  for (const name of counts.keys()) {
    expect(
      view.listed.some((choice) => choice.name === name),
      `${name} listed`,
    ).to.equal(true);
  }
}

/** Point number `index` of a category, one second after the point before it. */
function point(index: number, category: string): Point {
  return {
    id: `p${index}`,
    timestamp: Date.UTC(2024, 0, 1) + index * 1000,
    value: 1,
    category,
    source: 'a',
  };
}

async function dashboard(attributes: { persist?: boolean } = {}) {
  const stream = await fixture<ObsStream>(
    html`<obs-stream>
      <obs-filter ?persist=${attributes.persist ?? false}></obs-filter>
      <obs-chart></obs-chart>
      <obs-grid></obs-grid>
    </obs-stream>`,
  );
  const filter = stream.querySelector('obs-filter') as ObsFilter;
  await filter.updateComplete;
  return { stream, filter };
}

const SELECTED = ['memory', 'latency'];
const QUERY = 'category in (memory, latency)';

describe('<obs-filter> value choice counts', () => {
  it('match the generator right after a query', async () => {
    const { stream, filter } = await dashboard();
    const store = stream.store;
    // The first render after the filter applies happens before the next append, so its
    // counts must be the store's at the moment the query applied.
    const applied = new Promise<{ view: ChoiceView | null; counts: Map<string, number> }>(
      (resolve) => {
        filter.addEventListener(
          'obs-filter-change',
          () => {
            const counts = categoryCounts(store);
            void filter.updateComplete.then(() => resolve({ view: readChoices(filter), counts }));
          },
          { once: true },
        );
      },
    );

    await typeInto(filter, part<HTMLInputElement>(shadow(filter), 'query-input'), QUERY);
    await sendKeys({ press: 'Enter' });
    const first = await applied;

    expect(first.view, 'drop-down right after the query').to.not.equal(null);
    const view = first.view as ChoiceView;
    expectConsistent(view, SELECTED, store);
    expectStoreCounts(view, first.counts);
    const firstCpu = view.listed.find((choice) => choice.name === 'cpu')?.count ?? 0;
    // Poll through the next refresh of the counts, checking every state shown on the way.
    await waitUntil(
      () => {
        const current = readChoices(filter);
        expect(current).to.not.equal(null);
        expectConsistent(current as ChoiceView, SELECTED, store);
        return (current as ChoiceView).listed.some((c) => c.name === 'cpu' && c.count > firstCpu);
      },
      'counts never refreshed',
      { timeout: 5000 },
    );
  });

  it('list selected values a young store lacks', async () => {
    const store = new Store({ capacity: 1000 });
    store.append([point(1, 'cpu')]);
    const filter = await fixture<ObsFilter>(html`<obs-filter .store=${store}></obs-filter>`);

    await typeInto(filter, part<HTMLInputElement>(shadow(filter), 'query-input'), QUERY);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => readChoices(filter) !== null, 'drop-down never shown', { timeout: 5000 });

    const view = readChoices(filter);
    expect(view?.selected).to.equal(2);
    expect(view?.total).to.equal(3);
    expect(view?.listed).to.deep.equal([
      { name: 'cpu', count: 1, checked: false },
      { name: 'memory', count: 0, checked: true },
      { name: 'latency', count: 0, checked: true },
    ]);

    store.append([point(2, 'memory'), point(3, 'memory'), point(4, 'latency')]);
    await waitUntil(
      () => readChoices(filter)?.listed.find((c) => c.name === 'memory')?.count === 2,
      'memory count never refreshed',
      { timeout: 5000 },
    );
    const refreshed = readChoices(filter) as ChoiceView;
    expect(refreshed.selected).to.equal(2);
    expect(refreshed.total).to.equal(3);
    expectStoreCounts(refreshed, categoryCounts(store));
  });

  it('list the selection right after page load', async () => {
    const url = new URL(location.href);
    url.hash = `#filter=${encodeURIComponent(QUERY)}`;
    history.replaceState(history.state, '', url.href);
    try {
      const { stream, filter } = await dashboard({ persist: true });

      const first = readChoices(filter);
      expect(first, 'drop-down on the first render').to.not.equal(null);
      expectConsistent(first as ChoiceView, SELECTED, stream.store);
      await waitUntil(
        () => {
          const current = readChoices(filter);
          expect(current).to.not.equal(null);
          expectConsistent(current as ChoiceView, SELECTED, stream.store);
          return (current as ChoiceView).listed.some((c) => c.name === 'memory' && c.count > 0);
        },
        'counts never refreshed',
        { timeout: 5000 },
      );
    } finally {
      url.hash = '';
      history.replaceState(history.state, '', url.href);
    }
  });

  it('show right after setting criteria', async () => {
    const store = new Store({ capacity: 1000 });
    store.append([point(1, 'cpu'), point(2, 'memory')]);
    const filter = await fixture<ObsFilter>(html`<obs-filter .store=${store}></obs-filter>`);

    filter.criteria = {
      logic: 'and',
      conditions: [{ field: 'category', op: 'in', value: SELECTED }],
    };
    await filter.updateComplete;

    const view = readChoices(filter);
    expect(view, 'drop-down right after setting criteria').to.not.equal(null);
    expect(view?.selected).to.equal(2);
    expect(view?.total).to.equal(3);
    expectStoreCounts(view as ChoiceView, categoryCounts(store));
  });

  it('count a selected value past the top 40', async () => {
    const store = new Store({ capacity: 1000 });
    const points: Point[] = [];
    // Forty-five categories with three points each, then one with a single point.
    for (let c = 0; c < 45; c++) {
      for (let i = 0; i < 3; i++) points.push(point(c * 3 + i, `busy-${c}`));
    }
    points.push(point(999, 'rare'));
    store.append(points);
    const filter = await fixture<ObsFilter>(html`<obs-filter .store=${store}></obs-filter>`);

    filter.criteria = {
      logic: 'and',
      conditions: [{ field: 'category', op: 'in', value: ['rare', 'missing'] }],
    };
    await waitUntil(() => readChoices(filter) !== null, 'drop-down never shown', { timeout: 5000 });

    const view = readChoices(filter);
    expect(view?.selected).to.equal(2);
    expect(view?.total, 'distinct values plus the missing one').to.equal(47);
    const listed = new Map(view?.listed.map((choice) => [choice.name, choice]));
    expect(listed.get('rare')).to.deep.equal({ name: 'rare', count: 1, checked: true });
    expect(listed.get('missing')).to.deep.equal({ name: 'missing', count: 0, checked: true });
    expect(conditionRow(filter, 0).querySelector('.note')?.textContent).to.contain('40 most');
  });
});
