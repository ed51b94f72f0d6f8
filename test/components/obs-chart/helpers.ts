import { fixture, html, waitUntil } from '@open-wc/testing';
import { Store, type Point } from '../../../src/core/index.js';
import '../../../src/obs-chart.js';
import type { ObsChart } from '../../../src/components/obs-chart/obs-chart.js';

export const { describe, it, afterEach } = globalThis;

/** 2024-01-01T00:00:00Z, so axes in the tests start on a round time. */
export const T0 = Date.UTC(2024, 0, 1);

let nextId = 0;

export function makePoint(
  secondsAfterStart: number,
  value: number,
  category = 'cpu',
  source = 'host-a',
): Point {
  nextId++;
  return { id: `p${nextId}`, timestamp: T0 + secondsAfterStart * 1000, value, category, source };
}

/** Points at one-second steps with the given values. */
export function makeSeries(values: number[], category = 'cpu', source = 'host-a'): Point[] {
  return values.map((value, index) => makePoint(index, value, category, source));
}

export function makeStore(points: Point[] = []): Store {
  const store = new Store({ capacity: 10_000 });
  store.append(points);
  return store;
}

/** Red, green and blue series colours, far from the default palette and the axes. */
export const RED: Rgb = [255, 0, 0];
export const BLUE: Rgb = [0, 0, 255];
export const GREEN: Rgb = [0, 200, 0];
export type Rgb = [number, number, number];

const SERIES_STYLE =
  'width: 400px; height: 200px; --obs-series-0: rgb(255, 0, 0); --obs-series-1: rgb(0, 0, 255); --obs-series-2: rgb(0, 200, 0); --obs-chart-background: rgb(255, 255, 255);';

/** Renders an `<obs-chart>` of `store` with red, blue and green series colours on white. */
export async function chartFor(
  store: Store | null,
  attributes: Record<string, string> = {},
  style = SERIES_STYLE,
): Promise<ObsChart> {
  const chart = await fixture<ObsChart>(
    html`<obs-chart style=${style} .store=${store}></obs-chart>`,
  );
  for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
  await chart.updateComplete;
  return chart;
}

export function dataCanvas(chart: ObsChart): HTMLCanvasElement {
  return chart.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.data')!;
}

export function overlayCanvas(chart: ObsChart): HTMLCanvasElement {
  return chart.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.overlay')!;
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Waits two animation frames: one for the store controller, one for a scheduled redraw. */
export async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

/** Counts pixels within `tolerance` of `color` on every channel. */
export function countColor(canvas: HTMLCanvasElement, color: Rgb, tolerance = 100): number {
  if (canvas.width === 0 || canvas.height === 0) return 0;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs(data[i] - color[0]) <= tolerance &&
      Math.abs(data[i + 1] - color[1]) <= tolerance &&
      Math.abs(data[i + 2] - color[2]) <= tolerance
    ) {
      count++;
    }
  }
  return count;
}

/** Counts pixels that differ from `background`. */
export function countNotColor(canvas: HTMLCanvasElement, background: Rgb): number {
  if (canvas.width === 0 || canvas.height === 0) return 0;
  const total = canvas.width * canvas.height;
  return total - countColor(canvas, background, 0);
}

/** Device-pixel columns that contain `color`, in ascending order. */
export function columnsWithColor(canvas: HTMLCanvasElement, color: Rgb, tolerance = 100): number[] {
  const { data, width, height } = canvas
    .getContext('2d')!
    .getImageData(0, 0, canvas.width, canvas.height);
  const columns: number[] = [];
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const i = (y * width + x) * 4;
      if (
        Math.abs(data[i] - color[0]) <= tolerance &&
        Math.abs(data[i + 1] - color[1]) <= tolerance &&
        Math.abs(data[i + 2] - color[2]) <= tolerance
      ) {
        columns.push(x);
        break;
      }
    }
  }
  return columns;
}

/** Splits sorted column numbers into runs of consecutive columns. */
export function runs(columns: number[]): number[][] {
  const result: number[][] = [];
  for (const column of columns) {
    const last = result[result.length - 1];
    if (last !== undefined && column === last[last.length - 1] + 1) last.push(column);
    else result.push([column]);
  }
  return result;
}

export async function waitForColor(chart: ObsChart, color: Rgb, message: string): Promise<void> {
  await waitUntil(() => countColor(dataCanvas(chart), color) > 0, message);
}

export function legendTexts(chart: ObsChart): string[] {
  const items = chart.shadowRoot!.querySelectorAll('[part="legend-item"]');
  return [...items].map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** Background colour of the legend swatch of the series named `name`. */
export function swatchColor(chart: ObsChart, name: string): string {
  const items = [...chart.shadowRoot!.querySelectorAll('[part="legend-item"]')];
  const item = items.find((candidate) => candidate.querySelector('.name')?.textContent === name);
  if (item === undefined) throw new Error(`the legend lists no series named ${name}`);
  return getComputedStyle(item.querySelector('.swatch')!).backgroundColor;
}

/** Captures console.warn output while `action` runs. */
export async function captureWarnings(action: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await action();
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** Client coordinates of the point at fractions `fx`, `fy` of the overlay canvas, rounded to whole pixels. */
export function canvasPoint(chart: ObsChart, fx: number, fy: number): [number, number] {
  const box = overlayCanvas(chart).getBoundingClientRect();
  return [Math.round(box.left + box.width * fx), Math.round(box.top + box.height * fy)];
}

export function liveButton(chart: ObsChart): HTMLButtonElement | null {
  return chart.shadowRoot!.querySelector<HTMLButtonElement>('[part="live-button"]');
}

/** Text drawn on each canvas since its last clear. The tooltip is drawn on the overlay. */
const drawnText = new WeakMap<HTMLCanvasElement | OffscreenCanvas, string[]>();
const context2d = CanvasRenderingContext2D.prototype;
const { fillText, clearRect } = context2d;
context2d.fillText = function (this: CanvasRenderingContext2D, text, ...position) {
  const lines = drawnText.get(this.canvas) ?? [];
  lines.push(String(text));
  drawnText.set(this.canvas, lines);
  fillText.call(this, text, ...position);
};
// The overlay clears what it drew before every redraw, so a clear starts a new list.
context2d.clearRect = function (this: CanvasRenderingContext2D, ...area) {
  drawnText.set(this.canvas, []);
  clearRect.apply(this, area);
};

/** Text drawn on `canvas` since it was last cleared with clearRect, or ever when it never was. */
export function canvasText(canvas: HTMLCanvasElement): string[] {
  return [...(drawnText.get(canvas) ?? [])];
}

/** Lines of the tooltip drawn on the overlay, the time first, or null when none is shown. */
export function tooltipLines(chart: ObsChart): string[] | null {
  const lines = drawnText.get(overlayCanvas(chart)) ?? [];
  return lines.length === 0 ? null : [...lines];
}

export function tooltipText(chart: ObsChart): string | null {
  return tooltipLines(chart)?.join(' ') ?? null;
}

/** Resolves with the detail of the next `name` event that `action` causes on `target`. */
export async function nextDetail<T>(
  target: EventTarget,
  name: string,
  action: () => unknown,
): Promise<T> {
  const event = new Promise<T>((resolve) => {
    target.addEventListener(name, (fired) => resolve((fired as CustomEvent<T>).detail), {
      once: true,
    });
  });
  await action();
  return event;
}
