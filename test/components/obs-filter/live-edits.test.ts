import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import { Store } from '../../../src/core/store.js';
import {
  addCondition,
  applyFilter,
  choose,
  conditionRow,
  describe,
  filterFixture,
  it,
  makePoints,
  part,
  parts,
  shadow,
  typeInto,
} from './helpers.js';

function changes(element: ObsFilter): unknown[] {
  const list: unknown[] = [];
  element.addEventListener('obs-filter-change', (event) => list.push(event.detail.criteria));
  return list;
}

describe('<obs-filter live> edits', () => {
  it('applies a choice at once', async () => {
    const { element, store } = await filterFixture({ live: true });
    element.debounce = 60_000;
    const row = await addCondition(element, { field: 'value', op: 'gt' });
    const input = part<HTMLInputElement>(row, 'value');
    input.value = '50';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(store.filter, 'typing waits for the pause').to.equal(null);

    await choose(element, part<HTMLSelectElement>(row, 'operator'), 'lt');

    expect(store.filter?.conditions).to.deep.equal([{ field: 'value', op: 'lt', value: 50 }]);
  });

  it('fires once after typing pauses', async () => {
    const { element, store } = await filterFixture({ live: true });
    element.debounce = 1000;
    const row = await addCondition(element, { field: 'value', op: 'gte' });
    const fired = changes(element);

    await typeInto(element, part<HTMLInputElement>(row, 'value'), '123');
    expect(fired, 'nothing fires while typing').to.have.length(0);
    await waitUntil(() => store.filter !== null, 'typing never applied', { timeout: 5000 });

    expect(fired).to.deep.equal([
      { logic: 'and', conditions: [{ field: 'value', op: 'gte', value: 123 }] },
    ]);
  });

  it('applies a typed query after a pause and keeps its text', async () => {
    const { element, store } = await filterFixture({ live: true });
    element.debounce = 100;
    const input = part<HTMLInputElement>(shadow(element), 'query-input');

    await typeInto(element, input, 'value>90');
    await waitUntil(() => store.filter !== null, 'query never applied', { timeout: 5000 });
    await element.updateComplete;

    expect(store.filter?.conditions).to.deep.equal([{ field: 'value', op: 'gt', value: 90 }]);
    expect(input.value, 'text stays as typed while focused').to.equal('value>90');
    expect(parts(shadow(element), 'condition')).to.have.length(1);

    await sendKeys({ press: 'Tab' });
    await element.updateComplete;
    expect(input.value).to.equal('value > 90');
  });

  it('shows a query error after a pause without applying', async () => {
    const { element, store } = await filterFixture({ live: true });
    element.debounce = 50;

    await typeInto(element, part<HTMLInputElement>(shadow(element), 'query-input'), 'value >');
    await waitUntil(
      () => parts(shadow(element), 'query-error').length === 1,
      'no error shown after the pause',
      { timeout: 5000 },
    );

    expect(part(shadow(element), 'query-error').textContent).to.contain('character 8');
    expect(store.filter).to.equal(null);
  });
});

describe('<obs-filter> external filter changes', () => {
  it('shows a filter set on the store by a script', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await applyFilter(element);
    const fired = changes(element);

    store.setFilter({ logic: 'or', conditions: [{ field: 'source', op: 'eq', value: 'host-b' }] });
    await element.updateComplete;

    const row = conditionRow(element, 0);
    expect(parts(shadow(element), 'condition')).to.have.length(1);
    expect(part<HTMLSelectElement>(row, 'field').value).to.equal('source');
    expect(part<HTMLInputElement>(row, 'value').value).to.equal('host-b');
    expect(part<HTMLInputElement>(shadow(element), 'query-input').value).to.equal(
      'any (source = host-b)',
    );
    expect(fired, 'no event for a change made elsewhere').to.have.length(0);
  });

  it('empties the builder when the store filter is removed', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await applyFilter(element);

    store.setFilter(null);
    await element.updateComplete;

    expect(parts(shadow(element), 'condition')).to.have.length(0);
    expect(element.criteria).to.equal(null);
  });

  it('keeps two builders on one store in step', async () => {
    const store = new Store();
    store.append(makePoints());
    const container = await fixture<HTMLElement>(
      html`<div>
        <obs-filter id="a" .store=${store}></obs-filter>
        <obs-filter id="b" .store=${store}></obs-filter>
      </div>`,
    );
    const [first, second] = [...container.querySelectorAll<ObsFilter>('obs-filter')];
    await first.updateComplete;

    await addCondition(first, { field: 'value', op: 'between', values: ['10', '20'] });
    await applyFilter(first);
    await second.updateComplete;

    expect(second.criteria).to.deep.equal(first.criteria);
    expect(part<HTMLSelectElement>(conditionRow(second, 0), 'operator').value).to.equal('between');
  });
});
