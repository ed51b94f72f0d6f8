import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';
import type { FilterCriteria } from '../../../src/core/criteria.js';
import {
  HOSTILE,
  addCondition,
  applyFilter,
  click,
  describe,
  filterFixture,
  it,
  part,
  parts,
  shadow,
  typeInto,
} from './helpers.js';

interface RoundTrip {
  query: string;
  criteria: FilterCriteria;
  /** Text the input shows once the builder contains the criteria. */
  shown: string;
  conditions: number;
  groups: number;
}

const min = (m: number) => Date.UTC(2024, 2, 1, 0, m);

const ROUND_TRIPS: RoundTrip[] = [
  {
    query: 'category in (cpu, memory) and value > 80 and timestamp > now - 15m',
    criteria: {
      logic: 'and',
      conditions: [
        { field: 'category', op: 'in', value: ['cpu', 'memory'] },
        { field: 'value', op: 'gt', value: 80 },
        { field: 'timestamp', op: 'within_last', value: 15, unit: 'minutes' },
      ],
    },
    shown: 'category in (cpu, memory) and value > 80 and timestamp >= now - 15m',
    conditions: 3,
    groups: 0,
  },
  {
    query: 'value >= 10 OR NOT (category = cpu AND source != host-b)',
    criteria: {
      logic: 'or',
      conditions: [
        { field: 'value', op: 'gte', value: 10 },
        {
          logic: 'and',
          not: true,
          conditions: [
            { field: 'category', op: 'eq', value: 'cpu' },
            { field: 'source', op: 'neq', value: 'host-b' },
          ],
        },
      ],
    },
    shown: 'value >= 10 or not (category = cpu and source != host-b)',
    conditions: 3,
    groups: 1,
  },
  {
    query: 'any (source = host-a)',
    criteria: { logic: 'or', conditions: [{ field: 'source', op: 'eq', value: 'host-a' }] },
    shown: 'any (source = host-a)',
    conditions: 1,
    groups: 0,
  },
  {
    query: '(value between 20 and 40 or metadata.region exists) and id not contains "p-1"',
    criteria: {
      logic: 'and',
      conditions: [
        {
          logic: 'or',
          conditions: [
            { field: 'value', op: 'between', value: [20, 40] },
            { field: 'metadata.region', op: 'exists' },
          ],
        },
        { field: 'id', op: 'not_contains', value: 'p-1' },
      ],
    },
    shown: '(value between 20 and 40 or metadata.region exists) and id not contains p-1',
    conditions: 3,
    groups: 1,
  },
  {
    query: `category not in ("a,b", "${HOSTILE}")`,
    criteria: {
      logic: 'and',
      conditions: [{ field: 'category', op: 'not_in', value: ['a,b', HOSTILE] }],
    },
    shown: `category not in ("a,b", "${HOSTILE}")`,
    conditions: 1,
    groups: 0,
  },
  {
    query: 'timestamp >= 2024-03-01T00:30 and timestamp < "2024-03-01T01:40:00+01:00"',
    criteria: {
      logic: 'and',
      conditions: [
        { field: 'timestamp', op: 'gte', value: min(30) },
        { field: 'timestamp', op: 'lt', value: min(40) },
      ],
    },
    shown: 'timestamp >= 2024-03-01T00:30:00Z and timestamp < 2024-03-01T00:40:00Z',
    conditions: 2,
    groups: 0,
  },
  {
    query: 'value > 1 and (category = cpu or (source = host-a and not (value < 50)))',
    criteria: {
      logic: 'and',
      conditions: [
        { field: 'value', op: 'gt', value: 1 },
        {
          logic: 'or',
          conditions: [
            { field: 'category', op: 'eq', value: 'cpu' },
            {
              logic: 'and',
              conditions: [
                { field: 'source', op: 'eq', value: 'host-a' },
                { logic: 'and', not: true, conditions: [{ field: 'value', op: 'lt', value: 50 }] },
              ],
            },
          ],
        },
      ],
    },
    shown: 'value > 1 and (category = cpu or (source = host-a and not (value < 50)))',
    conditions: 4,
    groups: 3,
  },
];

interface Malformed {
  query: string;
  /** Character number (from 1) the error names and the caret moves to. */
  character: number;
  message: string;
  /** The text marked in the error's copy of the query. */
  marked: string;
}

const MALFORMED: Malformed[] = [
  { query: 'value >', character: 8, message: 'expected a value', marked: ' ' },
  { query: 'value > and', character: 9, message: 'expected a value', marked: 'and' },
  { query: 'value ~ 1', character: 7, message: "expected an operator after 'value'", marked: '~' },
  {
    query: 'category in (cpu memory)',
    character: 18,
    message: "expected ',' or ')'",
    marked: 'memory',
  },
  { query: '(value > 1', character: 11, message: "expected ')', got the end", marked: ' ' },
  { query: 'category = "cpu', character: 12, message: "expected a closing '\"'", marked: '"cpu' },
  {
    query: 'timestamp > now - 5 weeks',
    character: 21,
    message: 'expected a unit',
    marked: 'weeks',
  },
  { query: 'value > 1 or', character: 13, message: 'expected a field name', marked: ' ' },
  { query: 'value > 1 )', character: 11, message: "expected 'and', 'or' or the end", marked: ')' },
];

function queryInput(element: ObsFilter): HTMLInputElement {
  return part<HTMLInputElement>(shadow(element), 'query-input');
}

async function submitQuery(element: ObsFilter, text: string): Promise<void> {
  await typeInto(element, queryInput(element), text);
  await sendKeys({ press: 'Enter' });
  await element.updateComplete;
}

describe('<obs-filter> text round trip', () => {
  for (const trip of ROUND_TRIPS) {
    it(`round-trips ${trip.query}`, async () => {
      const { element, store } = await filterFixture();

      await submitQuery(element, trip.query);

      expect(store.filter, 'applied').to.deep.equal(trip.criteria);
      expect(parts(shadow(element), 'condition'), 'condition rows').to.have.length(trip.conditions);
      expect(parts(shadow(element), 'group'), 'nested groups').to.have.length(trip.groups);
      expect(queryInput(element).value, 'text shown').to.equal(trip.shown);

      // Back to the builder: applying it changes nothing, and the text reads back the same.
      await applyFilter(element);
      expect(store.filter, 'applied from the builder').to.deep.equal(trip.criteria);
      await submitQuery(element, queryInput(element).value);
      expect(store.filter, 'applied from the shown text').to.deep.equal(trip.criteria);
      expect(parts(shadow(element), 'query-error')).to.have.length(0);
    });
  }

  it('keeps a one-condition OR group through the text', async () => {
    const { element, store } = await filterFixture();
    await click(element, part(shadow(element), 'add-group'));
    const group = part(shadow(element), 'group');
    const row = part(group, 'condition');
    await typeInto(element, part<HTMLInputElement>(row, 'value'), '5');
    const nestedOr = group.querySelector<HTMLInputElement>('[part~="logic"] input[value="or"]');

    await click(element, nestedOr as HTMLInputElement);
    await submitQuery(element, queryInput(element).value);

    expect(queryInput(element).value).to.equal('all (any (value > 5))');
    expect(store.filter).to.deep.equal({
      logic: 'and',
      conditions: [{ logic: 'or', conditions: [{ field: 'value', op: 'gt', value: 5 }] }],
    });
    const checked = part(shadow(element), 'group').querySelector<HTMLInputElement>(
      '[part~="logic"] input:checked',
    );
    expect(checked?.value).to.equal('or');
  });
});

describe('<obs-filter> malformed text queries', () => {
  for (const bad of MALFORMED) {
    it(`rejects ${bad.query}`, async () => {
      const { element, store } = await filterFixture();
      await addCondition(element, { field: 'category', op: 'eq', values: ['cpu'] });
      await applyFilter(element);
      const applied = store.filter;

      await submitQuery(element, bad.query);

      const error = part(shadow(element), 'query-error');
      const input = queryInput(element);
      expect(error.textContent).to.contain(`Invalid query at character ${bad.character}:`);
      expect(error.textContent).to.contain(bad.message);
      expect(error.querySelector('mark')?.textContent).to.equal(bad.marked);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal(error.id);
      expect(input.selectionStart, 'caret at the error').to.equal(bad.character - 1);
      expect(input.value, 'text kept for fixing').to.equal(bad.query);
      expect(store.filter, 'filter kept').to.equal(applied);
      expect(parts(shadow(element), 'condition'), 'builder kept').to.have.length(1);
    });
  }

  it('names a rule a parsed query breaks', async () => {
    const { element, store } = await filterFixture();

    await submitQuery(element, 'value = high');

    const error = part(shadow(element), 'query-error');
    expect(error.textContent).to.contain('Invalid query: value: expected a number');
    expect(error.querySelector('mark')).to.equal(null);
    expect(store.filter).to.equal(null);
  });

  it('clears the error once the text changes', async () => {
    const { element } = await filterFixture();
    await submitQuery(element, 'value >');

    await sendKeys({ type: ' 5' });
    await element.updateComplete;

    expect(parts(shadow(element), 'query-error')).to.have.length(0);
    expect(queryInput(element).getAttribute('aria-invalid')).to.equal('false');
  });
});
