// Registers <obs-perf> and types its tag and events for consumers.
import { ObsPerf } from './components/obs-perf/obs-perf.js';
import type { PerfAlert, PerfMetrics } from './components/obs-perf/perf-types.js';
import type { ObsQualityChangeDetail } from './components/shared/page-quality.js';
import type { ObsErrorDetail } from './components/shared/render-boundary.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-perf', ObsPerf);

export { ObsPerf };
export { pageQuality, type PageQuality } from './components/shared/page-quality.js';
export {
  QUALITY_LEVELS,
  QUALITY_SETTINGS,
  type QualityLevel,
  type QualitySettings,
} from './components/shared/quality.js';
export type * from './components/obs-perf/perf-types.js';
export type { ObsQualityChangeDetail, ObsErrorDetail };
/** Detail of `obs-perf-metrics`: the metrics of one sampling interval. */
export type ObsPerfMetricsDetail = PerfMetrics;
/** Detail of `obs-perf-alert`: an alert that started or ended. */
export type ObsPerfAlertDetail = PerfAlert;

/** Events of `<obs-perf>`, and `obs-error`, which any element fires when its rendering fails. */
export interface ObsPerfEventMap {
  'obs-perf-metrics': CustomEvent<ObsPerfMetricsDetail>;
  'obs-perf-alert': CustomEvent<ObsPerfAlertDetail>;
  'obs-quality-change': CustomEvent<ObsQualityChangeDetail>;
  'obs-error': CustomEvent<ObsErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-perf': ObsPerf;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsPerfEventMap {}
}
