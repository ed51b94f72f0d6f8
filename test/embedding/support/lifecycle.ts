// Mounts a framework's dashboard app again and again, the way custom-elements-everywhere
// exercises frameworks, and checks that the elements receive properties and events and leave
// nothing open behind them.
import { expect, waitUntil } from '@open-wc/testing';
import type { FilterCriteria } from '../../../src/core/criteria.js';
import type { Store } from '../../../src/core/store.js';
import type { GridColumn } from '../../../src/obs-grid.js';
import type { StreamStatus } from '../../../src/obs-stream.js';
import { loggedErrors, openResources, type ResourceCounts } from './resource-probe.js';

/** Props of the dashboard snippets in docs/embedding.md, the same in every framework. */
export interface DashboardProps {
  url: string | null;
  label: string;
  columns: GridColumn[];
  criteria: FilterCriteria | null;
  alerts: Store;
  onStatus: (status: StreamStatus) => void;
}

/** Mounts, updates and unmounts one framework's app in a host element. */
export interface FrameworkAdapter {
  /** Creates a store with the app's own copy of Store, which the app's prop checks expect. */
  createStore(capacity: number): Store;
  mount(host: HTMLElement, props: DashboardProps): Promise<void>;
  update(props: DashboardProps): Promise<void>;
  unmount(): Promise<void>;
}

/**
 * Imports a bundle built by scripts/embedding-apps.mjs. The path is a URL built at run time, so
 * the type check does not look for a file that exists only after the build.
 */
export async function importApp<T>(framework: string): Promise<T> {
  const url = `/test-results/embedding/${framework}-app.js`;
  const response = await fetch(url, { method: 'HEAD' });
  if (!response.ok) {
    throw new Error(`${url} is missing; run npm run build, then node scripts/embedding-apps.mjs.`);
  }
  return (await import(/* @vite-ignore */ url)) as T;
}

const FIRST_COLUMNS: GridColumn[] = [
  { key: 'timestamp', label: 'Time' },
  { key: 'value', label: 'Value' },
];
const SECOND_COLUMNS: GridColumn[] = [
  { key: 'category', label: 'Metric' },
  { key: 'value', label: 'Reading', align: 'end' },
];
const CPU_ONLY: FilterCriteria = {
  logic: 'and',
  conditions: [{ field: 'category', op: 'eq', value: 'cpu' }],
};

let port: number | undefined;

/** URL of the scripted WebSocket server of test/support/ws-test-server.mjs, sending 3 points. */
async function streamUrl(key: string): Promise<string> {
  if (port === undefined) {
    const response = await fetch('/__ws-test-port');
    port = ((await response.json()) as { port: number }).port;
  }
  return `ws://127.0.0.1:${port}/scripted?case=valid&key=${key}`;
}

async function serverOpenSockets(key: string): Promise<number> {
  const response = await fetch(`/__ws-test/connections?key=${key}`);
  return ((await response.json()) as { open: number }).open;
}

function query<T extends Element>(host: HTMLElement, selector: string): T {
  const element = host.querySelector<T>(selector);
  if (element === null) throw new Error(`the app rendered no ${selector}`);
  return element;
}

/** Mounts, checks, updates, checks and unmounts the app once. */
async function cycle(adapter: FrameworkAdapter, url: string, index: number): Promise<void> {
  const statuses: StreamStatus[] = [];
  const alerts = adapter.createStore(100);
  alerts.append([
    { id: `a${index}`, timestamp: 1_700_000_000_000, value: index, category: 'alert', source: 'x' },
  ]);
  const host = document.createElement('div');
  document.body.append(host);
  const props: DashboardProps = {
    url,
    label: `Run ${index}`,
    columns: FIRST_COLUMNS,
    criteria: null,
    alerts,
    onStatus: (status) => statuses.push(status),
  };
  await adapter.mount(host, props);

  const stream = query<HTMLElementTagNameMap['obs-stream']>(host, 'obs-stream');
  const [chart, alertChart] = host.querySelectorAll('obs-chart');
  const grid = query<HTMLElementTagNameMap['obs-grid']>(host, 'obs-grid');
  const filter = query<HTMLElementTagNameMap['obs-filter']>(host, 'obs-filter');
  expect(stream.url, 'stream url').to.equal(url);
  expect(stream.bufferSize, 'stream buffer size').to.equal(5000);
  expect(chart.label, 'chart label').to.equal(`Run ${index}`);
  expect(chart.seriesBy, 'chart series-by').to.equal('source');
  expect(alertChart.store, 'store property').to.equal(alerts);
  // Deep equality, because Vue passes a reactive proxy of the array it was given.
  expect(grid.columns, 'columns property').to.deep.equal(FIRST_COLUMNS);
  expect(grid.hasAttribute('columns'), 'columns attribute').to.equal(false);
  await waitUntil(
    () => statuses.includes('live'),
    `run ${index}: obs-status-change never said live`,
  );
  await waitUntil(() => stream.store.size === 3, `run ${index}: the stream holds no points`);

  await adapter.update({
    ...props,
    label: `Run ${index} again`,
    columns: SECOND_COLUMNS,
    criteria: CPU_ONLY,
  });
  expect(chart.label, 'updated label').to.equal(`Run ${index} again`);
  expect(grid.columns, 'updated columns').to.deep.equal(SECOND_COLUMNS);
  expect(filter.criteria, 'criteria property').to.deep.equal(CPU_ONLY);
  await waitUntil(() => stream.store.view.length === 3, `run ${index}: the filter was not applied`);

  await adapter.unmount();
  host.remove();
  // Angular leaves the rendered nodes in a host element it was given, so what counts is that
  // the elements left the document and ran their disconnectedCallback.
  expect(stream.isConnected, 'stream connected after unmount').to.equal(false);
}

function difference(now: ResourceCounts, before: ResourceCounts): Partial<ResourceCounts> {
  const left: Partial<ResourceCounts> = {};
  for (const key of Object.keys(now) as (keyof ResourceCounts)[]) {
    if (now[key] > before[key]) left[key] = now[key] - before[key];
  }
  return left;
}

/**
 * Runs `cycles` mount, update and unmount cycles after one warm-up cycle, then checks that
 * the resources open before them are all that is open, that the test server has no socket open,
 * and that nothing logged an error.
 */
export async function runLifecycle(adapter: FrameworkAdapter, key: string, cycles = 50) {
  const url = await streamUrl(key);
  // The warm-up lets each framework and Lit create what they keep for the page's lifetime.
  await cycle(adapter, url, 0);
  const before = openResources();
  const errorsBefore = loggedErrors.length;
  for (let index = 1; index <= cycles; index++) await cycle(adapter, url, index);
  // Timeouts and frames scheduled just before an unmount may still be about to run.
  await waitUntil(
    () => Object.keys(difference(openResources(), before)).length === 0,
    `left open after ${cycles} runs: ${JSON.stringify(difference(openResources(), before))}`,
    { timeout: 5000 },
  );
  await waitUntil(async () => (await serverOpenSockets(key)) === 0, 'the server still has sockets');
  expect(loggedErrors.slice(errorsBefore)).to.deep.equal([]);
}
