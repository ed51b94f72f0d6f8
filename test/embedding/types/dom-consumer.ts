// Compiled by the type check: plain DOM code gets the element classes from the tag names and
// typed `detail` from the event names.
import '../../../src/index.js';
import type * as Observatory from '../../../src/index.js';

export function wire(root: ParentNode): void {
  const chart = root.querySelector('obs-chart');
  if (chart !== null) {
    const window: number = chart.window;
    chart.window = window * 2;
    chart.addEventListener('obs-zoom', (event) => {
      const live: boolean = event.detail.live;
      return live;
    });
  }

  const grid = document.createElement('obs-grid');
  grid.columns = [{ key: 'value', label: 'Value' }];
  grid.addEventListener('obs-selection-change', (event) => event.detail.ids.length);

  // The events bubble and are composed, so the document hears them with their detail too.
  document.addEventListener('obs-filter-change', (event) => event.detail.criteria?.conditions);
  window.addEventListener('obs-status-change', (event) => event.detail.status);

  const stream = document.createElement('obs-stream');
  // @ts-expect-error store is read-only on <obs-stream>
  stream.store = null;
  // @ts-expect-error obs-invalid-data carries a count, not ids
  stream.addEventListener('obs-invalid-data', (event) => event.detail.ids);
}

// Every event's detail type is exported as Obs, the event name in PascalCase, and Detail.
type Detail<Name extends keyof HTMLElementEventMap, Exported> =
  HTMLElementEventMap[Name] extends CustomEvent<Exported> ? true : never;

export const detailNames: true[] = [
  true satisfies Detail<'obs-status-change', Observatory.ObsStatusChangeDetail>,
  true satisfies Detail<'obs-invalid-data', Observatory.ObsInvalidDataDetail>,
  true satisfies Detail<'obs-gap', Observatory.ObsGapDetail>,
  true satisfies Detail<'obs-stale-change', Observatory.ObsStaleChangeDetail>,
  true satisfies Detail<'obs-server-error', Observatory.ObsServerErrorDetail>,
  true satisfies Detail<'obs-end', Observatory.ObsEndDetail>,
  true satisfies Detail<'obs-hover', Observatory.ObsHoverDetail>,
  true satisfies Detail<'obs-zoom', Observatory.ObsZoomDetail>,
  true satisfies Detail<'obs-range-select', Observatory.ObsRangeSelectDetail>,
  true satisfies Detail<'obs-row-activate', Observatory.ObsRowActivateDetail>,
  true satisfies Detail<'obs-sort-change', Observatory.ObsSortChangeDetail>,
  true satisfies Detail<'obs-selection-change', Observatory.ObsSelectionChangeDetail>,
  true satisfies Detail<'obs-follow-change', Observatory.ObsFollowChangeDetail>,
  true satisfies Detail<'obs-column-resize', Observatory.ObsColumnResizeDetail>,
  true satisfies Detail<'obs-filter-change', Observatory.ObsFilterChangeDetail>,
  true satisfies Detail<'obs-perf-metrics', Observatory.ObsPerfMetricsDetail>,
  true satisfies Detail<'obs-perf-alert', Observatory.ObsPerfAlertDetail>,
  true satisfies Detail<'obs-quality-change', Observatory.ObsQualityChangeDetail>,
  true satisfies Detail<'obs-error', Observatory.ObsErrorDetail>,
];
