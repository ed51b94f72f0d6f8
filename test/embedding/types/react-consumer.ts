// Compiled by the type check: a React 19 consumer of the JSX declarations. Written without JSX
// syntax because the project's type check compiles no .tsx; the props types are the same ones
// JSX checks.
import type { JSX } from 'react';
import type {} from '../../../src/types/react.js';
import type { GridColumn } from '../../../src/obs-grid.js';
import { Store } from '../../../src/core/store.js';

type Props<Tag extends keyof JSX.IntrinsicElements> = JSX.IntrinsicElements[Tag];

const columns: GridColumn[] = [{ key: 'value', label: 'Value' }];

export const stream: Props<'obs-stream'> = {
  id: 'metrics',
  scenario: 'high_load',
  bufferSize: 5000,
  'onobs-status-change': (event) => event.detail.status.toUpperCase(),
  'onobs-invalid-data': (event) => event.detail.samples.map((sample) => sample.reason),
};

export const chart: Props<'obs-chart'> = {
  stream: 'metrics',
  label: 'CPU',
  window: 60,
  seriesBy: 'category-source',
  type: 'area',
  thresholds: [{ value: 90, label: 'high' }],
  'onobs-hover': (event) => event.detail.values.length,
  'onobs-zoom': (event) => event.detail.live,
};

export const grid: Props<'obs-grid'> = {
  store: new Store({ capacity: 10 }),
  columns,
  follow: false,
  className: 'metrics-grid',
  'onobs-selection-change': (event) => event.detail.ids.join(','),
  'onobs-row-activate': (event) => event.detail.row.value,
};

export const filter: Props<'obs-filter'> = {
  stream: 'metrics',
  criteria: { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 80 }] },
  'onobs-filter-change': (event) => event.detail.criteria?.logic,
};

// @ts-expect-error window is a number of seconds
export const wrongWindow: Props<'obs-chart'> = { window: 'wide' };

// @ts-expect-error series-by takes category, source or category-source
export const wrongSeries: Props<'obs-chart'> = { seriesBy: 'host' };

// @ts-expect-error rowCount is read-only
export const readOnly: Props<'obs-grid'> = { rowCount: 3 };

// @ts-expect-error render is a method, not a prop
export const method: Props<'obs-chart'> = { render: () => null };

export const wrongDetail: Props<'obs-filter'> = {
  // @ts-expect-error obs-filter-change carries criteria, not ids
  'onobs-filter-change': (event) => event.detail.ids,
};

// @ts-expect-error criteria are objects, not query text
export const criteriaText: Props<'obs-filter'> = { criteria: 'value > 80' };
