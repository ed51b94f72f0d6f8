import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import '../../../src/obs-filter.js';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';

type TestBody = () => void | Promise<void>;
interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: TestBody): void;
}

// The runner provides Mocha's globals, but the project has no Mocha type declarations,
// so the tests take them from here with the types they use.
export const { describe, it } = globalThis as unknown as MochaGlobals;

export const HOSTILE = '<img src=x onerror=alert(1)>';

/** 2024-03-01T00:00:00Z; point i is i minutes later. */
export const BASE_TIME = Date.UTC(2024, 2, 1);

const CATEGORIES = ['cpu', 'memory', 'disk', 'network'];

/**
 * Forty points with every kind of value the builder filters: four categories
 * and two sources, a gap in `value`, a hostile category, and metadata that
 * only some points carry.
 */
export function makePoints(): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 40; i++) {
    const point: Point = {
      id: `p-${i}`,
      timestamp: BASE_TIME + i * 60_000,
      value: i % 13 === 5 ? NaN : (i * 7) % 100,
      category: i === 39 ? HOSTILE : CATEGORIES[i % 4],
      source: i % 3 === 0 ? 'host-b' : 'host-a',
    };
    if (i % 2 === 0) point.metadata = { region: i % 4 === 0 ? 'eu-west' : 'us-east', load: i / 4 };
    points.push(point);
  }
  return points;
}

export async function filterFixture(
  options: { live?: boolean } = {},
): Promise<{ element: ObsFilter; store: Store; points: Point[] }> {
  const store = new Store({ capacity: 1000 });
  const points = makePoints();
  store.append(points);
  const element = await fixture<ObsFilter>(
    html`<obs-filter .store=${store} ?live=${options.live ?? false} debounce="10"></obs-filter>`,
  );
  await element.updateComplete;
  return { element, store, points };
}

/** Ids of the rows in the store's filtered view, in arrival order. */
export function viewIds(store: Store): string[] {
  const ids: string[] = [];
  for (let i = 0; i < store.view.length; i++) ids.push(store.idAt(store.view.rowAt(i)));
  return ids;
}

export function idsWhere(points: readonly Point[], test: (point: Point) => boolean): string[] {
  return points.filter(test).map((point) => point.id);
}

export function part<T extends Element = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T>(`[part~="${name}"]`);
  if (found === null) throw new Error(`no element with part '${name}'`);
  return found;
}

export function parts<T extends Element = HTMLElement>(root: ParentNode, name: string): T[] {
  return [...root.querySelectorAll<T>(`[part~="${name}"]`)];
}

export function shadow(element: ObsFilter): ShadowRoot {
  return element.shadowRoot as ShadowRoot;
}

/** The nth condition row (from 0) anywhere in the builder. */
export function conditionRow(element: ObsFilter, index: number): HTMLElement {
  const row = parts(shadow(element), 'condition')[index];
  if (row === undefined) throw new Error(`no condition row ${index}`);
  return row;
}

export async function click(element: ObsFilter, target: HTMLElement): Promise<void> {
  target.click();
  await element.updateComplete;
}

/** Picks an option the way a mouse user does: the select's value changes, then `change` fires. */
export async function choose(element: ObsFilter, select: HTMLSelectElement, value: string) {
  const option = [...select.options].find((candidate) => candidate.value === value);
  if (option === undefined) {
    const offered = [...select.options].map((candidate) => candidate.value).join(', ');
    throw new Error(`option '${value}' not offered; offered: ${offered}`);
  }
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await element.updateComplete;
}

/** Focuses an input, clears it and types text with real key presses. */
export async function typeInto(element: ObsFilter, input: HTMLInputElement, text: string) {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  if (text !== '') await sendKeys({ type: text });
  await element.updateComplete;
}

/** Sets an input the way a date picker does: the value changes, then `input` fires. */
export async function pick(element: ObsFilter, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await element.updateComplete;
}

export interface ConditionInput {
  field: string;
  op: string;
  /** Typed into the value inputs in order; a date input is picked instead of typed. */
  values?: string[];
}

/** Adds a condition through the UI and fills it in. */
export async function addCondition(element: ObsFilter, condition: ConditionInput) {
  await click(element, part(shadow(element), 'add'));
  const rows = parts(shadow(element), 'condition');
  const row = rows[rows.length - 1];
  await fillCondition(element, row, condition);
  return row;
}

export async function fillCondition(
  element: ObsFilter,
  row: HTMLElement,
  condition: ConditionInput,
) {
  await choose(element, part<HTMLSelectElement>(row, 'field'), condition.field);
  await choose(element, part<HTMLSelectElement>(row, 'operator'), condition.op);
  const inputs = parts<HTMLInputElement>(row, 'value');
  for (const [index, value] of (condition.values ?? []).entries()) {
    const input = inputs[index];
    if (input.type === 'datetime-local') await pick(element, input, value);
    else await typeInto(element, input, value);
  }
}

export async function applyFilter(element: ObsFilter): Promise<void> {
  await click(element, part(shadow(element), 'apply'));
}
