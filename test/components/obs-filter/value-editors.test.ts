import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  HOSTILE,
  addCondition,
  applyFilter,
  choose,
  click,
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

/** Reads the checkbox labels of a condition's known values as name and count text. */
function choices(row: HTMLElement): { name: string; count: string }[] {
  return parts(row, 'choice').map((label) => ({
    name: label.querySelector('.choice-name')?.textContent ?? '',
    count: label.querySelector('.choice-count')?.textContent ?? '',
  }));
}

function summary(row: HTMLElement): string {
  const text = part(row, 'choices').querySelector('summary')?.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

function checkbox(row: HTMLElement, name: string): HTMLInputElement {
  const label = parts(row, 'choice').find(
    (candidate) => candidate.querySelector('.choice-name')?.textContent === name,
  );
  if (label === undefined) throw new Error(`no choice '${name}'`);
  return label.querySelector('input') as HTMLInputElement;
}

describe('<obs-filter> value choices', () => {
  it('lists known values with their row counts', async () => {
    const { element, points } = await filterFixture();

    const row = await addCondition(element, { field: 'category', op: 'in' });

    const count = (name: string) => String(points.filter((p) => p.category === name).length);
    expect(choices(row)).to.deep.equal([
      { name: 'cpu', count: count('cpu') },
      { name: 'disk', count: count('disk') },
      { name: 'memory', count: count('memory') },
      { name: 'network', count: count('network') },
      { name: HOSTILE, count: '1' },
    ]);
    expect(summary(row)).to.equal('0 of 5 values chosen for condition 1');
  });

  it('applies in from checked values', async () => {
    const { element, store, points } = await filterFixture();
    const row = await addCondition(element, { field: 'category', op: 'in' });
    part(row, 'choices').querySelector('summary')?.click();

    await click(element, checkbox(row, 'disk'));
    await click(element, checkbox(row, 'network'));
    await applyFilter(element);

    expect(part<HTMLInputElement>(row, 'value').value).to.equal('disk, network');
    expect(viewIds(store)).to.deep.equal(
      idsWhere(points, (p) => p.category === 'disk' || p.category === 'network'),
    );
    expect(summary(row)).to.equal('2 of 5 values chosen for condition 1');
  });

  it('applies not_in and unchecks a typed value', async () => {
    const { element, store, points } = await filterFixture();
    const row = await addCondition(element, {
      field: 'source',
      op: 'not_in',
      values: ['host-b, host-z'],
    });

    expect(checkbox(row, 'host-b').checked).to.equal(true);
    expect(checkbox(row, 'host-z').checked, 'typed value stays offered').to.equal(true);
    await click(element, checkbox(row, 'host-z'));
    await applyFilter(element);

    expect(part<HTMLInputElement>(row, 'value').value).to.equal('host-b');
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.source !== 'host-b'));
  });

  it('lists metadata values', async () => {
    const { element, store, points } = await filterFixture();
    const row = await addCondition(element, { field: 'metadata.region', op: 'in' });

    await click(element, checkbox(row, 'us-east'));
    await applyFilter(element);

    expect(choices(row).map((choice) => choice.name)).to.deep.equal(['eu-west', 'us-east']);
    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.metadata?.region === 'us-east'));
  });

  it('closes the value list on Escape', async () => {
    const { element } = await filterFixture();
    const row = await addCondition(element, { field: 'category', op: 'in' });
    const details = part<HTMLDetailsElement>(row, 'choices');
    const summary = details.querySelector('summary') as HTMLElement;
    summary.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    checkbox(row, 'cpu').focus();

    await sendKeys({ press: 'Escape' });

    expect(details.open).to.equal(false);
    expect(shadow(element).activeElement).to.equal(summary);
  });
});

describe('<obs-filter> relative time', () => {
  it('starts at the last 15 minutes', async () => {
    const { element } = await filterFixture();

    const row = await addCondition(element, { field: 'timestamp', op: 'within_last' });

    expect(part<HTMLInputElement>(row, 'value').value).to.equal('15');
    expect(part<HTMLSelectElement>(row, 'unit').value).to.equal('minutes');
    expect(element.criteria?.conditions).to.deep.equal([
      { field: 'timestamp', op: 'within_last', value: 15, unit: 'minutes' },
    ]);
  });

  it('applies the last hours typed and chosen', async () => {
    const { element, store } = await filterFixture();
    const now = Date.now();
    store.append([
      { id: 'hour-ago', timestamp: now - 90 * 60_000, value: 1, category: 'cpu', source: 'x' },
      { id: 'day-ago', timestamp: now - 30 * 3_600_000, value: 1, category: 'cpu', source: 'x' },
    ]);
    const row = await addCondition(element, {
      field: 'timestamp',
      op: 'within_last',
      values: ['2'],
    });

    await choose(element, part<HTMLSelectElement>(row, 'unit'), 'hours');
    await applyFilter(element);

    expect(viewIds(store)).to.deep.equal(['hour-ago']);
    expect(store.filter?.conditions).to.deep.equal([
      { field: 'timestamp', op: 'within_last', value: 2, unit: 'hours' },
    ]);
  });

  it('marks an amount that is not above zero', async () => {
    const { element, store } = await filterFixture();
    const row = await addCondition(element, {
      field: 'timestamp',
      op: 'within_last',
      values: ['0'],
    });

    await applyFilter(element);

    expect(part(row, 'error').textContent).to.contain('above zero');
    expect(store.filter).to.equal(null);
  });

  it('counts the rows of the window', async () => {
    const { element, store } = await filterFixture();
    const now = Date.now();
    store.append([
      { id: 'r1', timestamp: now - 60_000, value: 1, category: 'cpu', source: 'x' },
      { id: 'r2', timestamp: now - 120_000, value: 1, category: 'cpu', source: 'x' },
    ]);

    const row = await addCondition(element, { field: 'timestamp', op: 'within_last' });
    await typeInto(element, part<HTMLInputElement>(row, 'value'), '5');

    await waitUntil(
      () => parts(row, 'count')[0]?.textContent?.trim() === '2 matches',
      'window count never shown',
      { timeout: 3000 },
    );
  });
});
