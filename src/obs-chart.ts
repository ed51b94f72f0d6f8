// Registers <obs-chart> and types its tag and events for consumers.
import {
  ObsChart,
  type ObsHoverDetail,
  type ObsRangeSelectDetail,
  type ObsZoomDetail,
} from './components/obs-chart/obs-chart.js';
import type { ObsErrorDetail } from './components/shared/render-boundary.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-chart', ObsChart);

export { ObsChart };
export type {
  ChartRegion,
  ChartTheme,
  ChartThreshold,
  ChartType,
  ObsHoverDetail,
  ObsHoverValue,
  ObsRangeSelectDetail,
  ObsZoomDetail,
  SeriesBy,
  ValueFormatName,
  ValueFormatter,
  ZoomAxis,
} from './components/obs-chart/obs-chart.js';

/** Events of `<obs-chart>`, by name. */
export interface ObsChartEventMap {
  'obs-hover': CustomEvent<ObsHoverDetail>;
  'obs-zoom': CustomEvent<ObsZoomDetail>;
  'obs-range-select': CustomEvent<ObsRangeSelectDetail>;
  'obs-error': CustomEvent<ObsErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-chart': ObsChart;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsChartEventMap {}
}
