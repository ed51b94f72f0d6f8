// Compiled by the type check: a Vue 3 consumer of the GlobalComponents declarations, which
// vue-tsc uses to check `<obs-chart :window="..." @obs-hover="...">` in templates.
import type { GlobalComponents } from 'vue';
import type {} from '../../../src/types/vue.js';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const chart: Props<'obs-chart'> = {
  stream: 'metrics',
  window: 60_000,
  onObsHover: (event) => event.detail.time,
  onObsZoom: (event) => event.detail.domain,
};

export const grid: Props<'obs-grid'> = {
  columns: [{ key: 'category', label: 'Category' }],
  onObsSortChange: (event) => event.detail.sort?.direction,
  onObsColumnResize: (event) => event.detail.width,
};

export const stream: Props<'obs-stream'> = {
  rate: 20,
  onObsStatusChange: (event) => event.detail.status,
};

export const filter: Props<'obs-filter'> = {
  live: true,
  onObsFilterChange: (event) => event.detail.criteria,
};

// @ts-expect-error follow is a boolean
export const wrongFollow: Props<'obs-grid'> = { follow: 'yes' };

export const wrongDetail: Props<'obs-chart'> = {
  // @ts-expect-error obs-hover carries a time and values, not a domain
  onObsHover: (event) => event.detail.domain,
};
