import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { FilterPreset, ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import { Store } from '../../../src/core/store.js';
import {
  HOSTILE,
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

const PRESETS: FilterPreset[] = [
  { label: 'CPU or memory', query: 'category in (cpu, memory)' },
  {
    label: 'High values',
    criteria: { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 80 }] },
  },
  { label: 'Everything', criteria: null },
];

async function presetFixture(presets: unknown) {
  const store = new Store();
  const points = makePoints();
  store.append(points);
  const element = await fixture<ObsFilter>(
    html`<obs-filter .store=${store} .presets=${presets as FilterPreset[]}></obs-filter>`,
  );
  return { element, store, points };
}

function button(element: ObsFilter, label: string): HTMLButtonElement {
  const found = parts<HTMLButtonElement>(shadow(element), 'preset').find(
    (candidate) => candidate.textContent?.trim() === label,
  );
  if (found === undefined) throw new Error(`no preset '${label}'`);
  return found;
}

describe('<obs-filter> presets', () => {
  it('applies a preset and marks it pressed', async () => {
    const { element, store, points } = await presetFixture(PRESETS);

    const event = oneEvent(element, 'obs-filter-change');
    await click(element, button(element, 'CPU or memory'));

    const criteria = {
      logic: 'and',
      conditions: [{ field: 'category', op: 'in', value: ['cpu', 'memory'] }],
    };
    expect((await event).detail.criteria).to.deep.equal(criteria);
    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.category === 'cpu' || p.category === 'memory'),
    );
    expect(button(element, 'CPU or memory').getAttribute('aria-pressed')).to.equal('true');
    expect(button(element, 'High values').getAttribute('aria-pressed')).to.equal('false');
    expect(parts(shadow(element), 'condition')).to.have.length(1);
  });

  it('replaces the builder and can clear it', async () => {
    const { element, store } = await presetFixture(PRESETS);
    await addCondition(element, { field: 'source', op: 'eq', values: ['host-a'] });
    await applyFilter(element);

    await click(element, button(element, 'High values'));
    expect(store.filter?.conditions).to.deep.equal([{ field: 'value', op: 'gt', value: 80 }]);

    await click(element, button(element, 'Everything'));
    expect(store.filter).to.equal(null);
    expect(parts(shadow(element), 'condition')).to.have.length(0);
    expect(button(element, 'Everything').getAttribute('aria-pressed')).to.equal('true');
  });

  it('presses the preset that matches an edit', async () => {
    const { element } = await presetFixture(PRESETS);

    await addCondition(element, { field: 'value', op: 'gt', values: ['80'] });
    await applyFilter(element);

    expect(button(element, 'High values').getAttribute('aria-pressed')).to.equal('true');
  });

  it('leaves out invalid presets and shows labels as text', async () => {
    const { element } = await presetFixture([
      { label: HOSTILE, query: 'value > 1' },
      { label: 'Bad query', query: 'value >' },
      {
        label: 'Bad field',
        criteria: { logic: 'and', conditions: [{ field: 'x', op: 'eq', value: 1 }] },
      },
      { label: '', query: 'value > 1' },
      { label: 'Both', query: 'value > 1', criteria: null },
      { label: 'Neither' },
      'not an object',
      null,
    ]);

    const labels = parts(shadow(element), 'preset').map((preset) => preset.textContent?.trim());

    expect(labels).to.deep.equal([HOSTILE]);
    expect(shadow(element).querySelector('img')).to.equal(null);
  });

  it('renders no toolbar without presets', async () => {
    const { element } = await presetFixture('not an array');

    expect(parts(shadow(element), 'presets')).to.have.length(0);
  });

  it('labels the toolbar', async () => {
    const { element } = await presetFixture(PRESETS);

    expect(part(shadow(element), 'presets').getAttribute('aria-label')).to.equal('Preset filters');
  });
});
