import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Store } from '../../../src/core/store.js';
import type { FilterCriteria } from '../../../src/core/criteria.js';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import {
  addCondition,
  conditionRow,
  filterFixture,
  idsWhere,
  makePoints,
  part,
  parts,
  shadow,
  typeInto,
  viewIds,
  describe,
  it,
} from './helpers.js';

const CRITERIA: FilterCriteria = {
  logic: 'or',
  conditions: [
    { field: 'category', op: 'in', value: ['cpu', 'a,b'] },
    { field: 'value', op: 'between', value: [10, 20] },
    { field: 'timestamp', op: 'gte', value: Date.UTC(2024, 2, 1, 0, 30) },
    { field: 'metadata.region', op: 'exists' },
  ],
};

function selected(row: HTMLElement, name: string): string {
  return part<HTMLSelectElement>(row, name).value;
}

function values(row: HTMLElement): string[] {
  return parts<HTMLInputElement>(row, 'value').map((input) => input.value);
}

describe('<obs-filter> criteria property', () => {
  it('fills the builder from criteria', async () => {
    const { element } = await filterFixture();

    element.criteria = CRITERIA;
    await element.updateComplete;

    const rows = parts(shadow(element), 'condition');
    expect(rows).to.have.length(4);
    expect(selected(rows[0], 'field')).to.equal('category');
    expect(selected(rows[0], 'operator')).to.equal('in');
    expect(values(rows[0])).to.deep.equal(['cpu, "a,b"']);
    expect(selected(rows[1], 'operator')).to.equal('between');
    expect(values(rows[1])).to.deep.equal(['10', '20']);
    expect(selected(rows[2], 'field')).to.equal('timestamp');
    expect(values(rows[2])).to.deep.equal(['2024-03-01T00:30']);
    expect(selected(rows[3], 'operator')).to.equal('exists');
    expect(values(rows[3])).to.deep.equal([]);
    const any = shadow(element).querySelector<HTMLInputElement>(
      '[part~="logic"] input[value="or"]',
    );
    expect(any?.checked).to.equal(true);
  });

  it('round-trips criteria and applies them without an event', async () => {
    const { element, store, points } = await filterFixture();
    let fired = 0;
    element.addEventListener('obs-filter-change', () => fired++);

    element.criteria = CRITERIA;

    expect(element.criteria).to.deep.equal(CRITERIA);
    expect(store.filter).to.deep.equal(CRITERIA);
    const expected = idsWhere(
      points,
      (p) =>
        p.category === 'cpu' ||
        (p.value >= 10 && p.value <= 20) ||
        p.timestamp >= Date.UTC(2024, 2, 1, 0, 30) ||
        p.metadata?.region !== undefined,
    );
    expect(viewIds(store)).to.deep.equal(expected);
    expect(fired).to.equal(0);
  });

  it('marks invalid conditions it was given', async () => {
    const { element, store } = await filterFixture();

    element.criteria = {
      logic: 'and',
      conditions: [
        { field: 'nope', op: 'eq', value: 1 },
        { field: 'value', op: 'like' as 'eq', value: 1 },
        { field: 'category', op: 'eq', value: 'cpu' },
      ],
    };
    await element.updateComplete;

    expect(part(conditionRow(element, 0), 'error').textContent).to.contain("unknown field 'nope'");
    expect(part(conditionRow(element, 1), 'error').textContent).to.contain(
      "unknown operator 'like'",
    );
    expect(selected(conditionRow(element, 0), 'field')).to.equal('nope');
    expect(store.filter).to.deep.equal({
      logic: 'and',
      conditions: [{ field: 'category', op: 'eq', value: 'cpu' }],
    });
  });

  it('ignores criteria that are not a group', async () => {
    const { element, store } = await filterFixture();
    element.criteria = { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 5 }] };

    element.criteria = 'value > 5' as unknown as FilterCriteria;

    expect(element.criteria?.conditions).to.have.length(1);
    expect(store.filter?.conditions).to.have.length(1);
  });

  it('setting null removes the filter', async () => {
    const { element, store } = await filterFixture();
    element.criteria = CRITERIA;

    element.criteria = null;
    await element.updateComplete;

    expect(store.filter).to.equal(null);
    expect(parts(shadow(element), 'condition')).to.have.length(0);
  });

  it('adopts the filter a store already has', async () => {
    const store = new Store();
    store.append(makePoints());
    store.setFilter({ logic: 'and', conditions: [{ field: 'source', op: 'eq', value: 'host-a' }] });

    const element = await fixture<ObsFilter>(html`<obs-filter .store=${store}></obs-filter>`);

    expect(selected(conditionRow(element, 0), 'field')).to.equal('source');
    expect(values(conditionRow(element, 0))).to.deep.equal(['host-a']);
  });
});

class TestStream extends HTMLElement {
  readonly store = new Store();
}
customElements.define('filter-test-stream', TestStream);

describe('<obs-filter> store lookup', () => {
  it('applies criteria set before a store is found', async () => {
    const container = await fixture<HTMLDivElement>(
      html`<div>
        <obs-filter stream="metrics"></obs-filter>
      </div>`,
    );
    const element = container.querySelector('obs-filter') as ObsFilter;
    element.criteria = { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 50 }] };
    const stream = document.createElement('filter-test-stream') as TestStream;
    stream.id = 'metrics';
    stream.store.append(makePoints());
    container.append(stream);

    element.stream = null;
    element.stream = 'metrics';
    await element.updateComplete;

    expect(stream.store.filter?.conditions).to.have.length(1);
    expect(viewIds(stream.store)).to.deep.equal(idsWhere(makePoints(), (p) => p.value > 50));
  });

  it('applies the filter to a replacement store', async () => {
    const { element } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['disk'] });
    part(shadow(element), 'apply').click();
    const next = new Store();
    next.append(makePoints());

    element.store = next;
    await element.updateComplete;

    expect(viewIds(next)).to.deep.equal(idsWhere(makePoints(), (p) => p.category === 'disk'));
  });

  it('says so when no store is found', async () => {
    const element = await fixture<ObsFilter>(html`<obs-filter></obs-filter>`);

    expect(part(shadow(element), 'status').textContent).to.contain('No stream found');
  });

  it('works again after being removed and re-added', async () => {
    const { element, store } = await filterFixture();
    const parent = element.parentElement as HTMLElement;
    element.remove();
    parent.append(element);
    await element.updateComplete;

    await addCondition(element, { field: 'source', op: 'eq', values: ['host-b'] });
    part(shadow(element), 'apply').click();

    expect(store.filter?.conditions).to.deep.equal([
      { field: 'source', op: 'eq', value: 'host-b' },
    ]);
  });
});

describe('<obs-filter live>', () => {
  it('applies after typing pauses', async () => {
    const { element, store, points } = await filterFixture({ live: true });
    const changes: unknown[] = [];
    element.addEventListener('obs-filter-change', (event) => changes.push(event.detail.criteria));

    const row = await addCondition(element, { field: 'value', op: 'gte' });
    await typeInto(element, part<HTMLInputElement>(row, 'value'), '90');
    // With a 10 ms pause, '9' may apply before '0' arrives; the last apply must be 90.
    const applied = () => (store.filter?.conditions[0] as { value?: unknown } | undefined)?.value;
    await waitUntil(() => applied() === 90, 'live edit never applied');

    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.value >= 90));
    expect(changes.at(-1)).to.deep.equal({
      logic: 'and',
      conditions: [{ field: 'value', op: 'gte', value: 90 }],
    });
  });

  it('does not flag a condition the user has not filled in yet', async () => {
    const { element, store } = await filterFixture({ live: true });
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await waitUntil(() => store.filter !== null, 'live edit never applied');

    const applied = oneEvent(store, 'filter');
    part(shadow(element), 'add').click();
    await applied;
    await element.updateComplete;

    expect(parts(shadow(element), 'error')).to.have.length(0);
  });
});
