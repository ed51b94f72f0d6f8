import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import { Store } from '../../../src/core/store.js';
import {
  addCondition,
  applyFilter,
  click,
  describe,
  it,
  makePoints,
  part,
  parts,
  shadow,
  typeInto,
} from './helpers.js';

/** Renders a builder with presets, a nested NOT group, an open value list and an invalid row. */
async function busyFixture(theme: 'light' | 'dark') {
  const store = new Store();
  store.append(makePoints());
  const element = await fixture<ObsFilter>(
    html`<obs-filter
      .store=${store}
      theme=${theme}
      .presets=${[{ label: 'Busy hosts', query: 'value > 80' }]}
    ></obs-filter>`,
  );
  const row = await addCondition(element, { field: 'category', op: 'in', values: ['cpu'] });
  part<HTMLDetailsElement>(row, 'choices').open = true;
  await addCondition(element, { field: 'timestamp', op: 'within_last' });
  await click(element, part(shadow(element), 'add-group'));
  await click(
    element,
    part(part(shadow(element), 'group'), 'not').querySelector('input') as HTMLElement,
  );
  await addCondition(element, { field: 'value', op: 'between', values: ['9', '1'] });
  await applyFilter(element);
  return element;
}

describe('<obs-filter> accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe with a full builder in the ${theme} theme`, async () => {
      const element = await busyFixture(theme);

      expect(parts(shadow(element), 'error').length).to.be.greaterThan(0);
      await expect(element).to.be.accessible();
    });
  }

  it('passes axe with a query error', async () => {
    const store = new Store();
    store.append(makePoints());
    const element = await fixture<ObsFilter>(html`<obs-filter .store=${store}></obs-filter>`);

    await typeInto(element, part<HTMLInputElement>(shadow(element), 'query-input'), 'value > and');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;

    expect(parts(shadow(element), 'query-error')).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('passes axe when empty and without a store', async () => {
    const element = await fixture<ObsFilter>(html`<obs-filter hide-query></obs-filter>`);

    await expect(element).to.be.accessible();
  });

  it('hides the text query with hide-query', async () => {
    const element = await fixture<ObsFilter>(html`<obs-filter hide-query></obs-filter>`);
    expect(parts(shadow(element), 'query')).to.have.length(0);

    element.hideQuery = false;
    await element.updateComplete;

    expect(parts(shadow(element), 'query')).to.have.length(1);
    expect(element.hasAttribute('hide-query')).to.equal(false);
  });
});
