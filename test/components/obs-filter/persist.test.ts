import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import { Store } from '../../../src/core/store.js';
import {
  addCondition,
  applyFilter,
  click,
  describe,
  idsWhere,
  it,
  makePoints,
  part,
  parts,
  shadow,
  viewIds,
} from './helpers.js';

/** Sets the page's hash without a history entry or a hashchange event. */
function setHash(hash: string): void {
  const url = new URL(location.href);
  url.hash = hash;
  history.replaceState(history.state, '', url.href);
}

async function persistFixture(persist = '') {
  const store = new Store();
  const points = makePoints();
  store.append(points);
  const element = await fixture<ObsFilter>(
    html`<obs-filter .store=${store} persist=${persist}></obs-filter>`,
  );
  return { element, store, points };
}

describe('<obs-filter persist>', () => {
  afterEach(() => setHash(''));

  it('applies the filter in the hash on load', async () => {
    setHash('#tab=2&filter=category+in+(cpu,+disk)+and+value+%3E+20');

    const { element, store, points } = await persistFixture();

    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => (p.category === 'cpu' || p.category === 'disk') && p.value > 20),
    );
    expect(parts(shadow(element), 'condition')).to.have.length(2);
  });

  it('writes applied criteria to the hash', async () => {
    setHash('#tab=2');
    const { element } = await persistFixture();
    const length = history.length;

    await addCondition(element, { field: 'source', op: 'eq', values: ['host-b'] });
    await applyFilter(element);

    expect(location.hash).to.equal('#tab=2&filter=source+%3D+host-b');
    expect(history.length, 'no history entry per edit').to.equal(length);

    await click(element, part(shadow(element), 'clear'));
    expect(location.hash).to.equal('#tab=2');
  });

  it('uses the attribute value as the parameter name', async () => {
    setHash('#errors=value+%3E+90&filter=value+%3C+1');

    const { store } = await persistFixture('errors');

    expect(store.filter?.conditions).to.deep.equal([{ field: 'value', op: 'gt', value: 90 }]);
  });

  it('ignores an invalid hash with a warning', async () => {
    setHash('#filter=value+%3E+and');
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    let element: ObsFilter;
    let store: Store;
    try {
      ({ element, store } = await persistFixture());
    } finally {
      console.warn = warn;
    }

    expect(store.filter).to.equal(null);
    expect(parts(shadow(element), 'condition')).to.have.length(0);
    expect(part(shadow(element), 'status').textContent).to.contain(
      'The filter in the page address was ignored: invalid query at character 9',
    );
    expect(warnings.join('\n')).to.match(/filter-persist.*ignored the filter in the page address/);
  });

  it('ignores malformed escapes and unknown fields', async () => {
    for (const [hash, reason] of [
      ['#filter=%E0%A4%A', 'malformed percent escape'],
      ['#filter=colour+%3D+red', "unknown field 'colour'"],
    ]) {
      setHash(hash);
      const { element, store } = await persistFixture();

      expect(store.filter, hash).to.equal(null);
      expect(part(shadow(element), 'status').textContent, hash).to.contain(reason);
    }
  });

  it('loads a filter from a changed hash', async () => {
    const { element, store, points } = await persistFixture();

    const changed = oneEvent(element, 'obs-filter-change');
    location.hash = '#filter=category+%3D+memory';
    await changed;

    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.category === 'memory'));
  });

  it('removes the filter when a navigation drops the parameter', async () => {
    setHash('#tab=1&filter=value+%3E+90');
    const { element, store } = await persistFixture();
    expect(store.filter).to.not.equal(null);

    const changed = oneEvent(element, 'obs-filter-change');
    location.hash = '#tab=1';
    await changed;

    expect(store.filter).to.equal(null);
    expect(parts(shadow(element), 'condition')).to.have.length(0);
  });

  it('keeps the store filter when the hash has none', async () => {
    setHash('#tab=1');
    const store = new Store();
    store.append(makePoints());
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 5 }] });

    const element = await fixture<ObsFilter>(
      html`<obs-filter .store=${store} persist></obs-filter>`,
    );

    expect(store.filter?.conditions).to.have.length(1);
    expect(parts(shadow(element), 'condition')).to.have.length(1);
    expect(location.hash).to.equal('#tab=1&filter=value+%3E+5');
  });

  it('leaves the hash alone without persist', async () => {
    setHash('#filter=value+%3E+90');
    const store = new Store();
    store.append(makePoints());
    const element = await fixture<ObsFilter>(html`<obs-filter .store=${store}></obs-filter>`);

    await addCondition(element, { field: 'value', op: 'lt', values: ['5'] });
    await applyFilter(element);
    await waitUntil(() => store.filter !== null);

    expect(location.hash).to.equal('#filter=value+%3E+90');
  });
});
