import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { Point } from '../../../src/core/types.js';
import {
  BASE_TIME,
  HOSTILE,
  addCondition,
  applyFilter,
  click,
  conditionRow,
  filterFixture,
  idsWhere,
  part,
  parts,
  shadow,
  viewIds,
  type ConditionInput,
  describe,
  fillCondition,
  it,
} from './helpers.js';

interface OperatorCase {
  name: string;
  condition: ConditionInput;
  expected: (point: Point) => boolean;
}

const minutes = (n: number) => BASE_TIME + n * 60_000;
const present = (value: number) => !Number.isNaN(value);

const OPERATOR_CASES: OperatorCase[] = [
  {
    name: 'value eq',
    condition: { field: 'value', op: 'eq', values: ['42'] },
    expected: (p) => p.value === 42,
  },
  {
    name: 'value neq',
    condition: { field: 'value', op: 'neq', values: ['42'] },
    expected: (p) => present(p.value) && p.value !== 42,
  },
  {
    name: 'value gt',
    condition: { field: 'value', op: 'gt', values: ['50'] },
    expected: (p) => p.value > 50,
  },
  {
    name: 'value gte',
    condition: { field: 'value', op: 'gte', values: ['49'] },
    expected: (p) => p.value >= 49,
  },
  {
    name: 'value lt',
    condition: { field: 'value', op: 'lt', values: ['1.5e1'] },
    expected: (p) => p.value < 15,
  },
  {
    name: 'value lte',
    condition: { field: 'value', op: 'lte', values: ['14'] },
    expected: (p) => p.value <= 14,
  },
  {
    name: 'value between',
    condition: { field: 'value', op: 'between', values: ['20', '40'] },
    expected: (p) => p.value >= 20 && p.value <= 40,
  },
  {
    name: 'value exists',
    condition: { field: 'value', op: 'exists' },
    expected: (p) => present(p.value),
  },
  {
    name: 'timestamp between',
    condition: {
      field: 'timestamp',
      op: 'between',
      values: ['2024-03-01T00:10', '2024-03-01T00:20:00'],
    },
    expected: (p) => p.timestamp >= minutes(10) && p.timestamp <= minutes(20),
  },
  {
    name: 'timestamp lt',
    condition: { field: 'timestamp', op: 'lt', values: ['2024-03-01T00:05'] },
    expected: (p) => p.timestamp < minutes(5),
  },
  {
    name: 'category eq',
    condition: { field: 'category', op: 'eq', values: ['cpu'] },
    expected: (p) => p.category === 'cpu',
  },
  {
    name: 'category neq',
    condition: { field: 'category', op: 'neq', values: ['cpu'] },
    expected: (p) => p.category !== 'cpu',
  },
  {
    name: 'category contains',
    condition: { field: 'category', op: 'contains', values: ['MEM'] },
    expected: (p) => p.category.includes('mem'),
  },
  {
    name: 'category not_contains',
    condition: { field: 'category', op: 'not_contains', values: ['o'] },
    expected: (p) => !p.category.includes('o'),
  },
  {
    name: 'category in',
    condition: { field: 'category', op: 'in', values: ['cpu, disk'] },
    expected: (p) => p.category === 'cpu' || p.category === 'disk',
  },
  {
    name: 'source not_in',
    condition: { field: 'source', op: 'not_in', values: ['host-b'] },
    expected: (p) => p.source !== 'host-b',
  },
  {
    name: 'id contains',
    condition: { field: 'id', op: 'contains', values: ['p-1'] },
    expected: (p) => p.id.includes('p-1'),
  },
  {
    name: 'metadata string eq',
    condition: { field: 'metadata.region', op: 'eq', values: ['eu-west'] },
    expected: (p) => p.metadata?.region === 'eu-west',
  },
  {
    name: 'metadata number gte',
    condition: { field: 'metadata.load', op: 'gte', values: ['5'] },
    expected: (p) => typeof p.metadata?.load === 'number' && p.metadata.load >= 5,
  },
  {
    name: 'metadata exists',
    condition: { field: 'metadata.region', op: 'exists' },
    expected: (p) => p.metadata?.region !== undefined,
  },
];

describe('<obs-filter>', () => {
  for (const { name, condition, expected } of OPERATOR_CASES) {
    it(`applies ${name}`, async () => {
      const { element, store, points } = await filterFixture();

      await addCondition(element, condition);
      await applyFilter(element);

      const wanted = idsWhere(points, expected);
      expect(wanted.length, 'case selects some but not all points').to.be.within(1, 39);
      expect(viewIds(store)).to.deep.equal(wanted);
      expect(parts(shadow(element), 'error')).to.have.length(0);
    });
  }

  it('combines conditions with AND, then OR', async () => {
    const { element, store, points } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await addCondition(element, { field: 'value', op: 'gt', values: ['50'] });

    await applyFilter(element);
    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.category === 'cpu' && p.value > 50),
    );

    const any = shadow(element).querySelector<HTMLInputElement>(
      '[part~="logic"] input[value="or"]',
    );
    await click(element, any as HTMLInputElement);
    await applyFilter(element);
    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.category === 'cpu' || p.value > 50),
    );
    expect(store.filter?.logic).to.equal('or');
  });

  it('marks an invalid value and applies the rest', async () => {
    const { element, store, points } = await filterFixture();
    await addCondition(element, { field: 'value', op: 'gt', values: ['abc'] });
    await addCondition(element, { field: 'category', op: 'eq', values: ['disk'] });

    await applyFilter(element);

    const bad = conditionRow(element, 0);
    expect(part(bad, 'error').textContent).to.contain('enter a number');
    expect(part(bad, 'value').getAttribute('aria-invalid')).to.equal('true');
    expect(part(bad, 'value').getAttribute('aria-describedby')).to.equal(part(bad, 'error').id);
    expect(parts(conditionRow(element, 1), 'error')).to.have.length(0);
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.category === 'disk'));
    expect(element.criteria).to.deep.equal({
      logic: 'and',
      conditions: [{ field: 'category', op: 'eq', value: 'disk' }],
    });
  });

  it('marks incomplete conditions with a reason', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'value', op: 'between', values: ['9', '3'] });
    await addCondition(element, { field: 'category', op: 'in', values: [' , '] });
    await addCondition(element, { field: 'timestamp', op: 'gt' });

    await applyFilter(element);

    expect(part(conditionRow(element, 0), 'error').textContent).to.contain('lower bound is above');
    expect(part(conditionRow(element, 1), 'error').textContent).to.contain('at least one value');
    expect(part(conditionRow(element, 2), 'error').textContent).to.contain('enter a value');
    expect(store.filter).to.equal(null);
    expect(element.criteria).to.equal(null);
  });

  it('clears an error once the value is fixed', async () => {
    const { element } = await filterFixture();
    const row = await addCondition(element, { field: 'value', op: 'gt', values: ['x'] });
    await applyFilter(element);
    expect(parts(row, 'error')).to.have.length(1);

    const input = part<HTMLInputElement>(row, 'value');
    input.value = '12';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await element.updateComplete;

    expect(parts(row, 'error')).to.have.length(0);
    expect(input.getAttribute('aria-invalid')).to.equal('false');
  });

  it('fires obs-filter-change with the applied criteria', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'value', op: 'lte', values: ['10'] });

    const event = oneEvent(element, 'obs-filter-change');
    part(shadow(element), 'apply').click();
    const { detail, bubbles, composed } = await event;

    const expected = { logic: 'and', conditions: [{ field: 'value', op: 'lte', value: 10 }] };
    expect(detail.criteria).to.deep.equal(expected);
    expect(store.filter).to.deep.equal(expected);
    expect(bubbles).to.equal(true);
    expect(composed).to.equal(true);
  });

  it('fires no event when Apply changes nothing', async () => {
    const { element } = await filterFixture();
    await addCondition(element, { field: 'value', op: 'lte', values: ['10'] });
    await applyFilter(element);
    let fired = 0;
    element.addEventListener('obs-filter-change', () => fired++);

    await applyFilter(element);

    expect(fired).to.equal(0);
  });

  it('clear removes the filter and every condition', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await applyFilter(element);
    expect(store.view.length).to.equal(10);

    const event = oneEvent(element, 'obs-filter-change');
    await click(element, part(shadow(element), 'clear'));

    expect((await event).detail.criteria).to.equal(null);
    expect(store.filter).to.equal(null);
    expect(store.view.length).to.equal(store.size);
    expect(parts(shadow(element), 'condition')).to.have.length(0);
  });

  it('removes one condition with its button', async () => {
    const { element, store, points } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await addCondition(element, { field: 'source', op: 'eq', values: ['host-b'] });

    await click(element, part(conditionRow(element, 0), 'remove'));
    await applyFilter(element);

    expect(parts(shadow(element), 'condition')).to.have.length(1);
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.source === 'host-b'));
  });

  it('matches hostile text literally and never renders it', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: [HOSTILE] });
    await addCondition(element, { field: 'value', op: 'eq', values: [HOSTILE] });

    await applyFilter(element);

    expect(viewIds(store)).to.deep.equal(['p-39']);
    expect(part<HTMLInputElement>(conditionRow(element, 0), 'value').value).to.equal(HOSTILE);
    expect(part(conditionRow(element, 1), 'error').textContent).to.contain(HOSTILE);
    expect(shadow(element).querySelector('img')).to.equal(null);
  });

  it('offers in and not_in choices without rendering markup', async () => {
    const { element, store } = await filterFixture();
    const row = await addCondition(element, { field: 'category', op: 'in' });

    const name = (label: HTMLElement) => label.querySelector('.choice-name')?.textContent;
    const labels = parts(row, 'choice').map(name);
    const hostile = parts(row, 'choice').find((label) => name(label) === HOSTILE);
    await click(element, hostile?.querySelector('input') as HTMLInputElement);
    await applyFilter(element);

    expect(labels).to.include.members(['cpu', 'disk', 'memory', 'network', HOSTILE]);
    expect(shadow(element).querySelector('img')).to.equal(null);
    expect(viewIds(store)).to.deep.equal(['p-39']);
    expect(part<HTMLInputElement>(row, 'value').value).to.equal(HOSTILE);
  });

  it('offers metadata keys seen in the store', async () => {
    const { element } = await filterFixture();
    await click(element, part(shadow(element), 'add'));

    const options = [...part<HTMLSelectElement>(conditionRow(element, 0), 'field').options];

    expect(options.map((option) => option.value)).to.deep.equal([
      'timestamp',
      'value',
      'category',
      'source',
      'id',
      'metadata.load',
      'metadata.region',
    ]);
  });

  it('filters on a __proto__ metadata key', async () => {
    const { element, store } = await filterFixture();
    const metadata = JSON.parse('{"__proto__": "polluted"}');
    store.append([{ id: 'proto', timestamp: 0, value: 1, category: 'cpu', source: 'x', metadata }]);
    await click(element, part(shadow(element), 'add'));
    const row = conditionRow(element, 0);
    const offered = () =>
      [...part<HTMLSelectElement>(row, 'field').options].some(
        (option) => option.value === 'metadata.__proto__',
      );
    // Fields follow the store at most once a second.
    await waitUntil(offered, 'metadata.__proto__ never offered', { timeout: 3000 });

    await fillCondition(element, row, {
      field: 'metadata.__proto__',
      op: 'eq',
      values: ['polluted'],
    });
    await applyFilter(element);

    expect(viewIds(store)).to.deep.equal(['proto']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('offers operators that fit the field', async () => {
    const { element } = await filterFixture();
    await click(element, part(shadow(element), 'add'));
    const row = conditionRow(element, 0);
    const operators = () =>
      [...part<HTMLSelectElement>(row, 'operator').options].map((option) => option.value);

    await addCondition(element, { field: 'category', op: 'eq' });
    const textOperators = [
      ...part<HTMLSelectElement>(conditionRow(element, 1), 'operator').options,
    ];

    expect(operators()).to.deep.equal(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'exists']);
    expect(textOperators.map((option) => option.value)).to.deep.equal([
      'eq',
      'neq',
      'contains',
      'not_contains',
      'in',
      'not_in',
    ]);
  });
});
