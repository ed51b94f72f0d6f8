import { fixture, html, waitUntil } from '@open-wc/testing';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import '../../../src/obs-grid.js';

// The test runner's Mocha defines these globals before a test file loads.
export const { describe, it, before, beforeEach, afterEach } = globalThis;

export const BASE_TIME = Date.UTC(2024, 4, 1, 12, 0, 0);

/** Point number `n`: one second apart, category and source cycling through three names. */
export function makePoint(n: number, overrides: Partial<Point> = {}): Point {
  return {
    id: `p${n}`,
    timestamp: BASE_TIME + n * 1000,
    value: n,
    category: ['cpu', 'memory', 'disk'][n % 3],
    source: `host-${n % 3}`,
    ...overrides,
  };
}

export function makeStore(count: number, capacity = Math.max(count, 16)): Store {
  const store = new Store({ capacity });
  const points: Point[] = [];
  for (let n = 0; n < count; n++) points.push(makePoint(n));
  store.append(points);
  return store;
}

export async function gridFor(store: Store | null, style = ''): Promise<ObsGrid> {
  const grid = await fixture<ObsGrid>(html`<obs-grid .store=${store} style=${style}></obs-grid>`);
  await grid.updateComplete;
  return grid;
}

export function dataRows(grid: ObsGrid): HTMLElement[] {
  const rows = grid.shadowRoot!.querySelectorAll<HTMLElement>('.rows [role="row"]');
  return [...rows].sort((a, b) => Number(a.ariaRowIndex) - Number(b.ariaRowIndex));
}

export function headers(grid: ObsGrid): HTMLElement[] {
  return [...grid.shadowRoot!.querySelectorAll<HTMLElement>('[role="columnheader"]')];
}

export function header(grid: ObsGrid, key: string): HTMLElement {
  const found = headers(grid).find((cell) => cell.dataset.key === key);
  if (found === undefined) throw new Error(`no header for column '${key}'`);
  return found;
}

export function cellTexts(row: HTMLElement): string[] {
  return [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent!.trim());
}

/** Text of column `column` in every rendered row, top to bottom. */
export function columnTexts(grid: ObsGrid, column: number): string[] {
  return dataRows(grid).map((row) => cellTexts(row)[column]);
}

/**
 * Rendered rows at least half inside the rows viewport, top to bottom. The
 * virtualizer also renders a few rows past each edge, which users cannot see.
 */
export function visibleRows(grid: ObsGrid): HTMLElement[] {
  const viewport = grid.shadowRoot!.querySelector('.rows-viewport')!.getBoundingClientRect();
  return dataRows(grid).filter((row) => {
    const box = row.getBoundingClientRect();
    const middle = (box.top + box.bottom) / 2;
    return middle > viewport.top && middle < viewport.bottom;
  });
}

/** Waits until the top visible row shows `text` in `column`. */
export async function waitForTopCell(grid: ObsGrid, column: number, text: string): Promise<void> {
  const topText = () => {
    const [top] = visibleRows(grid);
    return top === undefined ? undefined : cellTexts(top)[column];
  };
  await waitUntil(
    () => topText() === text,
    `top row never showed '${text}' in column ${column}; saw '${topText()}'`,
  );
}

export async function waitForRows(grid: ObsGrid): Promise<void> {
  await waitUntil(() => dataRows(grid).length > 0, 'no data rows rendered');
}

export function scroller(grid: ObsGrid): HTMLElement {
  return grid.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
}

/** The rendered row whose cells include `id`. */
export function rowWithId(grid: ObsGrid, id: string): HTMLElement {
  const row = dataRows(grid).find((element) => cellTexts(element).includes(id));
  if (row === undefined) throw new Error(`row ${id} is not rendered`);
  return row;
}

export function press(grid: ObsGrid, key: string, options: KeyboardEventInit = {}): void {
  scroller(grid).dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...options }),
  );
}

export function click(element: HTMLElement, options: MouseEventInit = {}): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, ...options }));
}
