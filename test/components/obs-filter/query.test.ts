import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  HOSTILE,
  addCondition,
  applyFilter,
  conditionRow,
  describe,
  filterFixture,
  idsWhere,
  it,
  part,
  parts,
  shadow,
  typeInto,
  viewIds,
} from './helpers.js';

function queryInput(root: ShadowRoot): HTMLInputElement {
  return part<HTMLInputElement>(root, 'query-input');
}

describe('<obs-filter> text query', () => {
  it('fills the builder and applies on Enter', async () => {
    const { element, store, points } = await filterFixture();
    const root = shadow(element);

    const event = oneEvent(element, 'obs-filter-change');
    await typeInto(element, queryInput(root), 'category in (cpu, memory) and value > 80');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;

    const expected = idsWhere(
      points,
      (p) => (p.category === 'cpu' || p.category === 'memory') && p.value > 80,
    );
    expect(viewIds(store)).to.deep.equal(expected);
    expect((await event).detail.criteria).to.deep.equal(store.filter);
    expect(parts(root, 'condition')).to.have.length(2);
    expect(part<HTMLSelectElement>(conditionRow(element, 0), 'operator').value).to.equal('in');
    expect(part<HTMLInputElement>(conditionRow(element, 0), 'value').value).to.equal('cpu, memory');
  });

  it('shows the builder as text', async () => {
    const { element } = await filterFixture();
    await addCondition(element, { field: 'source', op: 'not_in', values: ['host-b'] });
    await addCondition(element, { field: 'id', op: 'contains', values: ['p 1'] });

    expect(queryInput(shadow(element)).value).to.equal(
      'source not in (host-b) and id contains "p 1"',
    );
  });

  it('marks a malformed query and keeps the filter', async () => {
    const { element, store } = await filterFixture();
    await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
    await applyFilter(element);
    const input = queryInput(shadow(element));

    await typeInto(element, input, 'value > and');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;

    const error = part(shadow(element), 'query-error');
    expect(error.textContent).to.contain('Invalid query at character 9');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.value).to.equal('value > and');
    expect(store.filter?.conditions).to.deep.equal([{ field: 'category', op: 'eq', value: 'cpu' }]);
  });

  it('rejects an unknown field in a query', async () => {
    const { element, store } = await filterFixture();

    await typeInto(element, queryInput(shadow(element)), 'colour = red');
    part(shadow(element), 'query-apply').click();
    await element.updateComplete;

    expect(part(shadow(element), 'query-error').textContent).to.contain("unknown field 'colour'");
    expect(store.filter).to.equal(null);
  });

  it('matches quoted hostile text literally', async () => {
    const { element, store } = await filterFixture();

    await typeInto(element, queryInput(shadow(element)), `category = "${HOSTILE}"`);
    part(shadow(element), 'query-apply').click();
    await element.updateComplete;

    expect(viewIds(store)).to.deep.equal(['p-39']);
    expect(shadow(element).querySelector('img')).to.equal(null);
  });
});
