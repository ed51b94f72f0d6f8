import { expect, waitUntil } from '@open-wc/testing';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import type { FilterGroup } from '../../../src/core/criteria.js';
import type { Point } from '../../../src/core/types.js';
import {
  addCondition,
  applyFilter,
  choose,
  click,
  conditionRow,
  describe,
  fillCondition,
  filterFixture,
  idsWhere,
  it,
  part,
  parts,
  shadow,
  viewIds,
} from './helpers.js';

describe('<obs-filter> groups', () => {
  it('applies a nested OR group with NOT', async () => {
    const { element, store, points } = await filterFixture();
    await addCondition(element, { field: 'source', op: 'eq', values: ['host-a'] });
    await click(element, part(shadow(element), 'add-group'));
    const group = part(shadow(element), 'group');
    await fillCondition(element, conditionRow(element, 1), {
      field: 'category',
      op: 'eq',
      values: ['cpu'],
    });
    await click(element, part(group, 'group-add'));
    await fillCondition(element, conditionRow(element, 2), {
      field: 'value',
      op: 'gt',
      values: ['80'],
    });

    await applyFilter(element);
    const inner = (p: { category: string; value: number }) => p.category === 'cpu' || p.value > 80;
    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.source === 'host-a' && inner(p)),
    );

    await click(element, part(group, 'not').querySelector('input') as HTMLInputElement);
    await applyFilter(element);
    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.source === 'host-a' && !inner(p)),
    );
    expect(store.filter).to.deep.equal({
      logic: 'and',
      conditions: [
        { field: 'source', op: 'eq', value: 'host-a' },
        {
          logic: 'or',
          not: true,
          conditions: [
            { field: 'category', op: 'eq', value: 'cpu' },
            { field: 'value', op: 'gt', value: 80 },
          ],
        },
      ],
    });
  });

  it('leaves out a disabled condition', async () => {
    const { element, store, points } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    const second = await addCondition(element, { field: 'source', op: 'eq', values: ['host-b'] });

    const toggle = part(second, 'toggle');
    await click(element, toggle);
    await applyFilter(element);

    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(part(shadow(element), 'condition-disabled')).to.equal(second);
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.category === 'cpu'));
  });

  it('duplicates a condition after itself', async () => {
    const { element, store, points } = await filterFixture();
    const first = await addCondition(element, { field: 'value', op: 'gte', values: ['10'] });

    await click(element, part(first, 'duplicate'));
    const copy = conditionRow(element, 1);
    await choose(element, part<HTMLSelectElement>(copy, 'operator'), 'lte');
    await applyFilter(element);

    expect(part<HTMLInputElement>(copy, 'value').value).to.equal('10');
    expect(part<HTMLSelectElement>(first, 'operator').value).to.equal('gte');
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.value === 10));
  });

  it('removes a nested group', async () => {
    const { element, store } = await filterFixture();
    await click(element, part(shadow(element), 'add-group'));
    await fillCondition(element, conditionRow(element, 0), {
      field: 'category',
      op: 'eq',
      values: ['disk'],
    });
    await applyFilter(element);
    expect(store.filter).to.not.equal(null);

    await click(element, part(part(shadow(element), 'group'), 'remove'));
    await applyFilter(element);

    expect(parts(shadow(element), 'group')).to.have.length(0);
    expect(store.filter).to.equal(null);
  });

  it('shows how many rows each condition matches', async () => {
    const { element, store, points } = await filterFixture();
    const row = await addCondition(element, { field: 'category', op: 'eq', values: ['memory'] });

    // Counts refresh at most once a second, so allow a few seconds.
    const wait = { timeout: 3000 };
    await waitUntil(() => parts(row, 'count').length === 1, 'no match count shown', wait);
    const memory = idsWhere(points, (p) => p.category === 'memory').length;
    expect(part(row, 'count').textContent?.trim()).to.equal(`${memory} matches`);

    store.append([{ ...points[1], id: 'extra' }]);
    await waitUntil(
      () => part(row, 'count').textContent?.trim() === `${memory + 1} matches`,
      'match count did not follow the store',
      wait,
    );
  });

  it('filters the last minutes of the clock', async () => {
    const { element, store } = await filterFixture();
    const now = Date.now();
    store.append([
      { id: 'recent', timestamp: now - 60_000, value: 1, category: 'cpu', source: 'host-a' },
      { id: 'old', timestamp: now - 3_600_000, value: 1, category: 'cpu', source: 'host-a' },
    ]);

    const row = await addCondition(element, {
      field: 'timestamp',
      op: 'within_last',
      values: ['5'],
    });
    await choose(element, part<HTMLSelectElement>(row, 'unit'), 'minutes');
    await applyFilter(element);

    expect(viewIds(store)).to.deep.equal(['recent']);
    expect(element.criteria?.conditions).to.deep.equal([
      { field: 'timestamp', op: 'within_last', value: 5, unit: 'minutes' },
    ]);
  });
});

describe('<obs-filter> nested groups by clicks', () => {
  /** Builds: host-a AND (cpu OR NOT (value >= 50 AND value exists)) through the UI. */
  async function buildNested(element: ObsFilter) {
    await addCondition(element, { field: 'source', op: 'eq', values: ['host-a'] });
    await click(element, part(shadow(element), 'add-group'));
    const outer = parts(shadow(element), 'group')[0];
    await fillCondition(element, part(outer, 'condition'), {
      field: 'category',
      op: 'eq',
      values: ['cpu'],
    });
    await click(element, part(outer, 'group-add-group'));
    const inner = parts(outer, 'group')[0];
    await fillCondition(element, part(inner, 'condition'), {
      field: 'value',
      op: 'gte',
      values: ['50'],
    });
    await click(element, part(inner, 'group-add'));
    await fillCondition(element, parts(inner, 'condition')[1], { field: 'value', op: 'exists' });
    await click(element, part(inner, 'not').querySelector('input') as HTMLInputElement);
    return { outer, inner };
  }

  const innerMatch = (p: Point) => p.value >= 50 && !Number.isNaN(p.value);
  const outerMatch = (p: Point) => p.category === 'cpu' || !innerMatch(p);

  it('applies groups nested two deep', async () => {
    const { element, store, points } = await filterFixture();
    const { outer, inner } = await buildNested(element);

    await applyFilter(element);

    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.source === 'host-a' && outerMatch(p)),
    );
    expect(inner.querySelector('input[value="and"]')).to.have.property('checked', true);
    expect(outer.querySelector('input[value="or"]')).to.have.property('checked', true);
    expect(part<HTMLInputElement>(shadow(element), 'query-input').value).to.equal(
      'source = host-a and (category = cpu or not (value >= 50 and value exists))',
    );
  });

  it('shows how many rows each group matches', async () => {
    const { element, points } = await filterFixture();
    const { outer, inner } = await buildNested(element);
    const countOf = (group: HTMLElement) =>
      group
        .querySelector(':scope > .group-box > .group-header [part~="count"]')
        ?.textContent?.trim();

    await waitUntil(
      () => countOf(inner) !== undefined && countOf(inner) !== 'counting…',
      'no group count',
      {
        timeout: 3000,
      },
    );

    expect(countOf(inner)).to.equal(`${idsWhere(points, (p) => !innerMatch(p)).length} matches`);
    expect(countOf(outer)).to.equal(`${idsWhere(points, outerMatch).length} matches`);
  });

  it('leaves out a disabled group and keeps it editable', async () => {
    const { element, store, points } = await filterFixture();
    const { outer } = await buildNested(element);
    const toggle = outer.querySelector<HTMLButtonElement>(
      ':scope > .group-box > .group-header [part~="toggle"]',
    );

    await click(element, toggle as HTMLButtonElement);
    await applyFilter(element);

    expect(toggle?.getAttribute('aria-pressed')).to.equal('false');
    expect(outer.getAttribute('part')).to.contain('group-disabled');
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.source === 'host-a'));
    expect(part<HTMLSelectElement>(outer, 'field').disabled).to.equal(false);
  });

  it('duplicates a group with its conditions', async () => {
    const { element, store } = await filterFixture();
    const { inner } = await buildNested(element);
    const duplicate = inner.querySelector<HTMLButtonElement>(
      ':scope > .group-box > .group-header [part~="duplicate"]',
    );

    await click(element, duplicate as HTMLButtonElement);
    await applyFilter(element);

    expect(parts(shadow(element), 'group')).to.have.length(3);
    expect(parts(shadow(element), 'condition')).to.have.length(6);
    const outerGroup = store.filter?.conditions[1] as FilterGroup;
    expect(outerGroup.conditions).to.have.length(3);
    expect(outerGroup.conditions[2]).to.deep.equal(outerGroup.conditions[1]);
  });
});
